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
    view! {
        <section class="calc" data-testid="view-calc" aria-labelledby="calc-h">
            <h1 id="calc-h" class="sr-only">"Calculator"</h1>
            <form class="panel inputs" aria-label="Configuration" on:submit=|ev| ev.prevent_default()>
                <HardwarePicker target=Target::Main />
                <ModelPicker target=Target::Main />
                <SettingsPanel target=Target::Main />
            </form>
            <div class="results" aria-live="polite">
                {move || match eval.get() {
                    Err(msg) => {
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
                    Ok(ev) => view! { <Results ev=ev curve=curve /> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Everything computed for one configuration.
#[component]
fn Results(ev: Evaluated, curve: Memo<Vec<vm::CtxPoint>>) -> impl IntoView {
    let st = use_app();
    let unit = st.unit;
    let e = ev.estimate.clone();
    let verdict = Signal::derive({
        let e = e.clone();
        move || vm::verdict(&e, unit.get())
    });
    let bars = {
        let e = e.clone();
        Signal::derive(move || vm::device_bars(&e, unit.get()))
    };
    let totals = {
        let e = e.clone();
        Signal::derive(move || vm::total_rows(&e, unit.get()))
    };
    let chart = {
        let ev = ev.clone();
        let caps = vm::capacity_lines(&ev.estimate);
        Signal::derive(move || {
            let c = vm::ctx_chart(
                &curve.get(),
                &caps,
                Some((ev.scenario.ctx, ev.estimate.total_bytes)),
                unit.get(),
            );
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
        })
    };
    let max_ctx = vm::max_ctx_text(&e);
    let decode = vm::fmt_tps(e.decode_tokens_per_s);
    let prefill = vm::fmt_tps(e.prefill_tokens_per_s);
    let total = {
        let e = e.clone();
        Signal::derive(move || headroom_core::units::fmt_bytes(e.total_bytes, unit.get()))
    };
    let placement = vm::placement_text(&e);
    let confidence = vm::confidence_text(&e);
    let warnings = e.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    view! {
        <div
            class=move || format!("panel verdict v-{}", verdict.get().key)
            data-testid="verdict"
            data-fit=move || verdict.get().key
        >
            <div class="v-icon" aria-hidden="true">{move || verdict.get().icon}</div>
            <div>
                <div class="v-head" data-testid="verdict-headline">{move || verdict.get().headline}</div>
                <div class="v-reason" data-testid="verdict-reason">{move || verdict.get().reason}</div>
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
                <div class="kpi-value" data-testid="max-ctx">{max_ctx}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">
                    "Generation"
                    <InfoTip id="decode" text="Decode speed, one sequence, at half the context filled. Bound by memory bandwidth: bytes read per token ÷ effective bandwidth. An estimate." />
                </div>
                <div class="kpi-value" data-testid="decode-tps">{decode}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">
                    "Prompt processing"
                    <InfoTip id="prefill" text="Prefill speed: FLOPs per token ÷ effective matrix throughput. An estimate." />
                </div>
                <div class="kpi-value" data-testid="prefill-tps">{prefill}</div>
            </div>
        </div>
        <section class="panel" aria-labelledby="mem-h">
            <h2 id="mem-h">
                "Memory by device"
                <InfoTip id="bars" text="Each bar is one device; the dark line marks its usable capacity. Compute = activation buffers (estimated); overhead = driver/backend context and runtime reserves." />
            </h2>
            <p class="muted" data-testid="placement">{placement}</p>
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
            <p class="muted small">{confidence}</p>
        </section>
        <section class="panel" aria-labelledby="chart-h">
            <h2 id="chart-h">"Memory versus context length"</h2>
            <LineChart spec=chart testid="ctx-chart" />
        </section>
        <CommandBox ev=ev />
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
