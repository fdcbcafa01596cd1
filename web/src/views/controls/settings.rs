//! Quantization, context, KV cache, sequences, flash attention, runtime and
//! the advanced offload settings.

use headroom_core::inputs::FlashAttn;
use headroom_core::share::{self, parse_ctx};
use headroom_core::views as vm;
use leptos::prelude::*;

use super::{fmt_opt_f64, idf, Target};
use crate::components::field::Field;
use crate::components::info_tip::InfoTip;
use crate::components::segmented::{Choice, Segmented};
use crate::use_app;

/// Quantization, context, KV cache, parallel sequences, flash attention
/// and runtime.
#[component]
pub fn SettingsPanel(
    target: Target,
    /// Leave out the advanced settings.
    #[prop(optional)]
    compact: bool,
    /// Leave out the quantization (views that sweep over quants).
    #[prop(optional)]
    no_quant: bool,
) -> impl IntoView {
    let st = use_app();
    let inputs = Memo::new(move |_| target.get(st));
    let quant_opts = Memo::new(move |_| inputs.with(|i| vm::quant_options(&i.model, &i.quant)));
    let quant = Signal::derive(move || inputs.with(|i| i.quant.clone()));
    let q_id = idf("quant", target);
    let ctx_text = Signal::derive(move || inputs.with(|i| vm::fmt_ctx(i.ctx)));
    let stop = Signal::derive(move || inputs.with(|i| vm::ctx_stop_index(i.ctx)));
    let slider_id = idf("ctx-slider", target);
    let kv = Signal::derive(move || inputs.with(|i| share::kv_key(i.kv_type_k).to_string()));
    let kv_id = idf("kv", target);
    let rt = Signal::derive(move || inputs.with(|i| share::runtime_key(i.runtime).to_string()));
    let rt_id = idf("runtime", target);
    let fa = Signal::derive(move || {
        inputs
            .with(|i| match i.flash_attn {
                FlashAttn::On => "on",
                FlashAttn::Off => "off",
                FlashAttn::Auto => "auto",
            })
            .to_string()
    });
    let np = Signal::derive(move || inputs.with(|i| i.parallel.to_string()));
    let fa_name = idf("fa", target);
    view! {
        <fieldset class="group">
            <legend>"Settings"</legend>
            <div class="field" class:hidden=no_quant>
                <label for=q_id.clone()>
                    "Quantization"
                    <InfoTip
                        id=idf("tip-quant", target)
                        text="How many bits each weight keeps. Q4_K_M is the usual default; Q8_0 is near-lossless; UD-* are Unsloth dynamic mixes; FP8/AWQ/GPTQ are vLLM formats; MLX-* are Apple MLX formats."
                    />
                </label>
                <select
                    id=q_id.clone()
                    data-testid=q_id.clone()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        target.edit(st, |i| i.quant = v);
                    }
                >
                    {move || {
                        quant_opts
                            .get()
                            .into_iter()
                            .map(|(group, names)| {
                                let opts = names
                                    .into_iter()
                                    .map(|n| {
                                        let sel = quant.with(|q| *q == n);
                                        view! { <option value=n.clone() selected=sel>{n.clone()}</option> }
                                    })
                                    .collect_view();
                                view! { <optgroup label=group>{opts}</optgroup> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field ctx">
                <label for=slider_id.clone()>
                    "Context length"
                    <InfoTip
                        id=idf("tip-ctx", target)
                        text="Tokens the runtime reserves KV cache for (-c / --ctx-size). The KV cache grows linearly with it. 1K = 1024 tokens."
                    />
                </label>
                <div class="ctx-row">
                    <input
                        id=slider_id.clone()
                        data-testid=slider_id.clone()
                        type="range"
                        min="0"
                        max=(vm::CTX_STOPS.len() - 1).to_string()
                        step="1"
                        aria-valuetext=move || ctx_text.get()
                        prop:value=move || stop.get().to_string()
                        on:input=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                target.edit(st, |x| x.ctx = vm::ctx_at_stop(i));
                            }
                        }
                    />
                    <Field
                        label="Tokens"
                        id=idf("ctx", target)
                        value=ctx_text
                        inputmode="numeric"
                        on_change={move |s: String| match parse_ctx(&s) {
                            Ok(c) => {
                                target.edit(st, |i| i.ctx = c);
                                None
                            }
                            Err(_) => Some("Enter tokens like 8192, 32K or 1M.".into()),
                        }}
                    />
                </div>
                <div class="ticks" aria-hidden="true">
                    <span>"2K"</span>
                    <span>"32K"</span>
                    <span>"1M"</span>
                </div>
            </div>
            <div class="row2">
                <div class="field">
                    <label for=kv_id.clone()>
                        "KV cache type"
                        <InfoTip
                            id=idf("tip-kv", target)
                            text="Element type of the K and V cache (--cache-type-k/-v). q8_0 halves it versus f16 with little quality loss; a quantized V cache needs flash attention in llama.cpp."
                        />
                    </label>
                    <select
                        id=kv_id.clone()
                        data-testid=kv_id.clone()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((t, _)) = share::KV_TYPES.iter().find(|(_, k)| *k == v) {
                                let t = *t;
                                target.edit(st, |i| {
                                    i.kv_type_k = t;
                                    i.kv_type_v = t;
                                });
                            }
                        }
                    >
                        {share::KV_TYPES
                            .iter()
                            .map(|(_, k)| {
                                let k = *k;
                                view! { <option value=k selected=move || kv.with(|v| v == k)>{k}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Field
                    label="Parallel sequences"
                    id=idf("np", target)
                    value=np
                    inputmode="numeric"
                    on_change={move |s: String| match s.trim().parse::<u32>() {
                        Ok(n) if (1..=256).contains(&n) => {
                            target.edit(st, |i| i.parallel = n);
                            None
                        }
                        _ => Some("Enter 1 to 256.".into()),
                    }}
                />
            </div>
            <div class="row2">
                <Segmented
                    legend="Flash attention"
                    name=fa_name.clone()
                    choices=vec![Choice::new("auto", "Auto"), Choice::new("on", "On"), Choice::new("off", "Off")]
                    selected=fa
                    on_select={move |v: String| {
                        let f = match v.as_str() {
                            "on" => FlashAttn::On,
                            "off" => FlashAttn::Off,
                            _ => FlashAttn::Auto,
                        };
                        target.edit(st, |i| i.flash_attn = f);
                    }}
                />
                <div class="field">
                    <label for=rt_id.clone()>"Runtime"</label>
                    <select
                        id=rt_id.clone()
                        data-testid=rt_id.clone()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((r, _)) = share::RUNTIMES.iter().find(|(_, k)| *k == v) {
                                let r = *r;
                                target.edit(st, |i| i.runtime = r);
                            }
                        }
                    >
                        {vm::runtime_options()
                            .into_iter()
                            .map(|(k, label)| {
                                view! { <option value=k selected=move || rt.with(|v| v == k)>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            {(!compact).then(|| view! { <Advanced target=target /> })}
        </fieldset>
    }
}

/// The change handler of a field holding an optional count (empty =
/// automatic, else 0 to 10,000): stores it with `set`, or returns the message.
fn optional_count(
    target: Target,
    set: fn(&mut headroom_core::inputs::Inputs, Option<u32>),
) -> Callback<String, Option<String>> {
    let st = use_app();
    Callback::new(move |s: String| {
        let t = s.trim();
        let value = if t.is_empty() {
            None
        } else {
            match t.parse::<u32>().ok().filter(|n| *n <= 10_000) {
                Some(n) => Some(n),
                None => return Some("Enter a whole number, or leave empty for automatic.".into()),
            }
        };
        target.edit(st, |i| set(i, value));
        None
    })
}

/// Layer offload, expert offload, batch, projector and vLLM utilization.
#[component]
fn Advanced(target: Target) -> impl IntoView {
    let st = use_app();
    let inputs = Memo::new(move |_| target.get(st));
    let ngl =
        Signal::derive(move || inputs.with(|i| i.ngl.map(|n| n.to_string()).unwrap_or_default()));
    let ncmoe = Signal::derive(move || {
        inputs.with(|i| i.n_cpu_moe.map(|n| n.to_string()).unwrap_or_default())
    });
    let ub = Signal::derive(move || inputs.with(|i| i.ubatch.to_string()));
    let gmu = Signal::derive(move || inputs.with(|i| fmt_opt_f64(i.gpu_memory_utilization)));
    let mm = Signal::derive(move || inputs.with(|i| i.multimodal));
    let kvu = Signal::derive(move || inputs.with(|i| i.kv_unified));
    let mm_id = idf("mm", target);
    let kvu_id = idf("kvu", target);
    view! {
        <details class="advanced">
            <summary>"Advanced: offload, batch, projector"</summary>
            <div class="row2">
                <Field
                    label="GPU layers (-ngl)"
                    id=idf("ngl", target)
                    value=ngl
                    placeholder="auto (fit)"
                    inputmode="numeric"
                    on_change=optional_count(target, |i, x| i.ngl = x)
                />
                <Field
                    label="MoE blocks with experts in RAM (--n-cpu-moe)"
                    id=idf("ncmoe", target)
                    value=ncmoe
                    placeholder="auto"
                    inputmode="numeric"
                    on_change=optional_count(target, |i, x| i.n_cpu_moe = x)
                />
                <Field
                    label="Physical batch (-ub)"
                    id=idf("ub", target)
                    value=ub
                    inputmode="numeric"
                    on_change={move |s: String| match s.trim().parse::<u32>() {
                        Ok(n) if (1..=65_536).contains(&n) => {
                            target.edit(st, |i| i.ubatch = n);
                            None
                        }
                        _ => Some("Enter 1 to 65536.".into()),
                    }}
                />
                <Field
                    label="vLLM GPU memory utilization"
                    id=idf("gmu", target)
                    value=gmu
                    placeholder="default"
                    inputmode="decimal"
                    on_change={move |s: String| {
                        let t = s.trim().to_string();
                        if t.is_empty() {
                            target.edit(st, |i| i.gpu_memory_utilization = None);
                            return None;
                        }
                        match t.parse::<f64>() {
                            Ok(x) if x > 0.0 && x <= 1.0 => {
                                target.edit(st, |i| i.gpu_memory_utilization = Some(x));
                                None
                            }
                            _ => Some("Enter a fraction above 0 and at most 1, like 0.9.".into()),
                        }
                    }}
                />
            </div>
            <div class="checks">
                <label for=mm_id.clone()>
                    <input
                        id=mm_id.clone()
                        data-testid=mm_id.clone()
                        type="checkbox"
                        prop:checked=move || mm.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            target.edit(st, |i| i.multimodal = on);
                        }
                    />
                    " Load the vision/audio projector"
                </label>
                <label for=kvu_id.clone()>
                    <input
                        id=kvu_id.clone()
                        data-testid=kvu_id.clone()
                        type="checkbox"
                        prop:checked=move || kvu.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            target.edit(st, |i| i.kv_unified = on);
                        }
                    />
                    " One KV buffer shared by all sequences (--kv-unified)"
                </label>
            </div>
        </details>
    }
}
