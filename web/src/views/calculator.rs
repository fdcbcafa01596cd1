//! The calculator (home view): inputs on the left, the verdict, memory
//! bars, speeds, the memory-versus-context chart and the command on the
//! right.

use headroom_core::inputs::{Inputs, ModelRef};
use headroom_core::share::View;
use headroom_core::views::{self as vm, Evaluated};
use leptos::prelude::*;

use crate::components::info_tip::InfoTip;
use crate::components::line_chart::{ChartSpec, LineChart};
use crate::components::stacked_bar::{BarPart, StackedBar};
use crate::use_app;
use crate::views::controls::{HardwarePicker, ModelPicker, SettingsPanel, Target};
use crate::views::results::{CommandBox, Warnings};

/// The calculator.
#[component]
pub fn Calculator() -> impl IntoView {
    let st = use_app();
    let eval = Memo::new(move |_| st.inputs.with(vm::evaluate));
    // The curve does not depend on the context below 128K: keyed on the
    // inputs with the context rounded up to 128K, it is not recomputed
    // when only the context moves.
    let curve_key = Memo::new(move |_| {
        st.inputs.with(|i| Inputs {
            ctx: i.ctx.max(131_072),
            ..i.clone()
        })
    });
    let curve = Memo::new(move |_| {
        curve_key.with(|k| {
            st.with_cache(|c| vm::ctx_curve_cached(c, k))
                .unwrap_or_default()
        })
    });
    // Results stay mounted while the configuration resolves and update in
    // place; only a change between error and result swaps the panel.
    let ok = Memo::new(move |_| eval.with(|r| r.as_ref().ok().cloned()));
    let failed = Memo::new(move |_| eval.with(|r| r.as_ref().err().cloned()));
    view! {
        <section class="calc" data-testid="view-calc" aria-labelledby="calc-h">
            <h1 id="calc-h" class="sr-only">"Calculator"</h1>
            <form class="panel inputs" aria-label="Configuration" on:submit=|ev| ev.prevent_default()>
                <HardwarePicker target=Target::Main />
                <ModelPicker target=Target::Main />
                <SettingsPanel target=Target::Main />
            </form>
            <div class="results" aria-live="polite">
                {move || match failed.get() {
                    Some(msg) => {
                        view! {
                            <div class="panel error" role="alert" data-testid="calc-error">
                                <strong>
                                    <span aria-hidden="true">"✗ "</span>
                                    {msg}
                                </strong>
                                <p>"Pick another model, quantization or device; the rest of the page keeps working."</p>
                                <Show when=move || {
                                    st.inputs.with(|i| matches!(i.model, ModelRef::HfRepo(_)))
                                }>
                                    <p>
                                        "A Hugging Face model outside the catalog can be sized from its config.json or GGUF header: "
                                        <button
                                            type="button"
                                            class="btn"
                                            data-testid="open-import"
                                            on:click=move |_| st.update(|s| s.view = View::Import)
                                        >
                                            "Open it in Import"
                                        </button>
                                    </p>
                                </Show>
                            </div>
                        }
                            .into_any()
                    }
                    None => view! { <Results ev=ok curve=curve /> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Everything computed for one configuration, updated in place as it
/// changes (`ev` is `None` only while the error panel replaces this one).
#[component]
fn Results(ev: Memo<Option<Evaluated>>, curve: Memo<Vec<vm::CtxPoint>>) -> impl IntoView {
    let st = use_app();
    let unit = st.unit;
    // A figure of the current estimate.
    fn of<T: Default>(ev: Memo<Option<Evaluated>>, f: impl Fn(&Evaluated) -> T) -> T {
        ev.with(|o| o.as_ref().map(f)).unwrap_or_default()
    }
    let verdict = Signal::derive(move || {
        ev.with(|o| o.as_ref().map(|x| vm::verdict(&x.estimate, unit.get())))
    });
    let v_key = move || verdict.with(|v| v.as_ref().map_or("", |v| v.key));
    let bars = Signal::derive(move || of(ev, |x| vm::device_bars(&x.estimate, unit.get())));
    let totals = Signal::derive(move || of(ev, |x| vm::total_rows(&x.estimate, unit.get())));
    let chart = Signal::derive(move || {
        let c = of(ev, |x| {
            vm::ctx_chart(
                &curve.get(),
                &vm::capacity_lines(&x.estimate),
                Some((x.scenario.ctx, x.estimate.total_bytes)),
                unit.get(),
            )
        });
        ChartSpec {
            points: c.points,
            x_ticks: c.x_ticks,
            y_ticks: c.y_ticks,
            hlines: c
                .capacities
                .into_iter()
                .map(|(y, l)| (y, l, "cap"))
                .collect(),
            marker: c.marker,
            x_title: "Context length (tokens, log scale)".into(),
            y_title: "Memory needed".into(),
            summary: c.summary,
        }
    });
    let max_ctx = Signal::derive(move || of(ev, |x| vm::max_ctx_text(&x.estimate)));
    let decode = Signal::derive(move || of(ev, |x| vm::fmt_tps(x.estimate.decode_tokens_per_s)));
    let prefill = Signal::derive(move || of(ev, |x| vm::fmt_tps(x.estimate.prefill_tokens_per_s)));
    let total = Signal::derive(move || {
        of(ev, |x| {
            headroom_core::units::fmt_bytes(x.estimate.total_bytes, unit.get())
        })
    });
    let placement = Signal::derive(move || of(ev, |x| vm::placement_text(&x.estimate)));
    let confidence = Signal::derive(move || of(ev, |x| vm::confidence_text(&x.estimate)));
    let warnings = Signal::derive(move || {
        of(ev, |x| {
            x.estimate
                .warnings
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
        })
    });
    let command = Signal::derive(move || st.inputs.with(|i| of(ev, |x| vm::command(i, x))));
    view! {
        <div
            class=move || format!("panel verdict v-{}", v_key())
            data-testid="verdict"
            data-fit=v_key
        >
            <div class="v-icon" aria-hidden="true">{move || verdict.with(|v| v.as_ref().map_or("", |v| v.icon))}</div>
            <div>
                <div class="v-head" data-testid="verdict-headline">{move || verdict.with(|v| v.as_ref().map_or("", |v| v.headline))}</div>
                <div class="v-reason" data-testid="verdict-reason">{move || verdict.with(|v| v.as_ref().map(|v| v.reason.clone()).unwrap_or_default())}</div>
            </div>
        </div>
        <div class="kpis">
            <div class="kpi">
                <div class="kpi-label">
                    "Total memory"
                    <InfoTip id="total" text="Weights + KV cache + compute buffers + runtime overhead, summed over every device." />
                </div>
                <div class="kpi-value" data-testid="total-mem">{move || total.get()}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">
                    "Largest context that fits"
                    <InfoTip id="maxctx" text="The longest context whose KV cache still fits with the same layer placement, capped at the model's training context and 1M tokens." />
                </div>
                <div class="kpi-value" data-testid="max-ctx">{move || max_ctx.get()}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">
                    "Generation"
                    <InfoTip id="decode" text="Decode speed, one sequence, at half the context filled. Bound by memory bandwidth: bytes read per token ÷ effective bandwidth. An estimate." />
                </div>
                <div class="kpi-value" data-testid="decode-tps">{move || decode.get()}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">
                    "Prompt processing"
                    <InfoTip id="prefill" text="Prefill speed: FLOPs per token ÷ effective matrix throughput. An estimate." />
                </div>
                <div class="kpi-value" data-testid="prefill-tps">{move || prefill.get()}</div>
            </div>
        </div>
        <section class="panel" aria-labelledby="mem-h">
            <h2 id="mem-h">
                "Memory by device"
                <InfoTip id="bars" text="Each bar is one device; the dark line marks its usable capacity. Compute = activation buffers (estimated); overhead = driver/backend context and runtime reserves." />
            </h2>
            <p class="muted" data-testid="placement">{move || placement.get()}</p>
            <For
                each={move || bars.get().into_iter().enumerate().collect::<Vec<_>>()}
                key=|(i, b)| (*i, b.summary.clone(), b.segments.iter().map(|s| s.bytes).sum::<u64>())
                children={move |(i, b)| {
                    let title = b.title.clone();
                    let parts: Vec<BarPart> = b
                        .segments
                        .iter()
                        .map(|s| BarPart {
                            label: s.label.to_string(),
                            value: s.text.clone(),
                            frac: s.frac,
                            class: part_class(s.key),
                        })
                        .collect();
                    view! {
                        <StackedBar
                            title=title
                            parts=parts
                            capacity_frac=Some(b.capacity_frac)
                            testid=format!("bar-{i}")
                        />
                    }
                }}
            />
            <table class="totals" data-testid="totals">
                <caption class="sr-only">"Memory by part, all devices"</caption>
                <tbody>
                    <For
                        each=move || totals.get()
                        key=|r| (r.key, r.text.clone())
                        children=|r| {
                            view! {
                                <tr data-testid=format!("total-{}", r.key)>
                                    <th scope="row">{r.label}</th>
                                    <td class="num">{r.text}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <p class="muted small">{move || confidence.get()}</p>
        </section>
        <section class="panel" aria-labelledby="chart-h">
            <h2 id="chart-h">"Memory versus context length"</h2>
            <LineChart spec=chart testid="ctx-chart" />
        </section>
        <CommandBox cmd=command />
        <Warnings items=warnings />
    }
}

fn part_class(key: &str) -> &'static str {
    match key {
        "weights" => "part-weights",
        "kv" => "part-kv",
        "compute" => "part-compute",
        _ => "part-overhead",
    }
}
