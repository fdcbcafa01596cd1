//! Input panels shared by several views: hardware, model, quantization,
//! context and runtime settings.
//!
//! Every control edits one configuration, the main one or a compare column,
//! chosen by [`Target`]; option lists come from `headroom_core::views`.

use headroom_core::inputs::{FlashAttn, Inputs, ModelRef};
use headroom_core::share::{self, parse_ctx};
use headroom_core::views as vm;
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::info_tip::InfoTip;
use crate::components::segmented::{Choice, Segmented};
use crate::{use_app, AppState};

/// Which configuration a control edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The main configuration.
    Main,
    /// Compare column `i + 2` (index into `ShareState::compare`).
    Column(usize),
}

impl Target {
    /// The configuration, tracked.
    pub fn get(self, st: AppState) -> Inputs {
        match self {
            Target::Main => st.inputs.get(),
            Target::Column(i) => st
                .share
                .with(|s| s.compare.get(i).cloned())
                .unwrap_or_else(|| st.inputs.get()),
        }
    }

    /// Edits the configuration.
    pub fn edit(self, st: AppState, f: impl FnOnce(&mut Inputs)) {
        st.update(|s| match self {
            Target::Main => f(&mut s.inputs),
            Target::Column(i) => {
                if let Some(c) = s.compare.get_mut(i) {
                    f(c)
                }
            }
        });
    }

    /// A suffix making element ids unique per column.
    pub fn suffix(self) -> String {
        match self {
            Target::Main => String::new(),
            Target::Column(i) => format!("-c{}", i + 2),
        }
    }
}

/// Parses a positive size in GiB; empty = `None` (automatic).
fn parse_gib(s: &str) -> Result<Option<f64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 65_536.0 => Ok(Some(x)),
        _ => Err("Enter a size in GiB, for example 24 (or leave empty for the default).".into()),
    }
}

fn fmt_opt_f64(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

/// An element id unique per target (`quant`, `quant-c2`).
pub fn idf(base: &str, t: Target) -> String {
    format!("{base}{}", t.suffix())
}

/// Device choice, count, custom VRAM, RAM and unified-memory limit.
#[component]
pub fn HardwarePicker(target: Target) -> impl IntoView {
    let st = use_app();
    let inputs = Memo::new(move |_| target.get(st));
    let selected = Signal::derive(move || {
        inputs.with(|i| match i.hardware.gpus.first() {
            Some((id, _)) => id.clone(),
            None if i.hardware.vram_gib.is_some() => "custom".into(),
            None => "none".into(),
        })
    });
    let is_unified = Signal::derive(move || inputs.with(|i| vm::hardware_is_unified(&i.hardware)));
    let groups = vm::gpu_option_groups();
    let options = groups
        .into_iter()
        .map(|(group, opts)| {
            let opts = opts
                .into_iter()
                .map(|(id, label)| {
                    let id2 = id.clone();
                    view! {
                        <option value=id selected=move || selected.with(|s| *s == id2)>
                            {label}
                        </option>
                    }
                })
                .collect_view();
            view! { <optgroup label=group>{opts}</optgroup> }
        })
        .collect_view();
    let on_device = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        target.edit(st, |i| {
            let hw = &mut i.hardware;
            match v.as_str() {
                "custom" => {
                    hw.gpus.clear();
                    hw.vram_gib = Some(hw.vram_gib.unwrap_or(24.0));
                }
                "none" => {
                    hw.gpus.clear();
                    hw.vram_gib = None;
                }
                id => {
                    let n = hw.gpus.first().map(|g| g.1).unwrap_or(1);
                    hw.gpus = vec![(id.to_string(), n)];
                    hw.vram_gib = None;
                    hw.gpu_limit_gib = None;
                }
            }
        });
    };
    let dev_id = idf("gpu", target);
    let count = Signal::derive(move || {
        inputs.with(|i| {
            i.hardware
                .gpus
                .first()
                .map(|g| g.1)
                .unwrap_or(1)
                .to_string()
        })
    });
    let has_catalog_gpu = Signal::derive(move || inputs.with(|i| !i.hardware.gpus.is_empty()));
    let is_custom = Signal::derive(move || selected.with(|s| s == "custom"));
    let vram = Signal::derive(move || inputs.with(|i| fmt_opt_f64(i.hardware.vram_gib)));
    let ram = Signal::derive(move || inputs.with(|i| fmt_opt_f64(i.hardware.ram_gib)));
    let limit = Signal::derive(move || inputs.with(|i| fmt_opt_f64(i.hardware.gpu_limit_gib)));
    view! {
        <fieldset class="group">
            <legend>"Hardware"</legend>
            <div class="field">
                <label for=dev_id.clone()>"GPU or computer"</label>
                <select id=dev_id.clone() data-testid=dev_id.clone() on:change=on_device>
                    <option value="none" selected=move || selected.with(|s| s == "none")>
                        "No GPU (CPU only)"
                    </option>
                    <option value="custom" selected=move || selected.with(|s| s == "custom")>
                        "Custom GPU (enter VRAM)"
                    </option>
                    {options}
                </select>
            </div>
            <div class="row2">
                <Show when=move || has_catalog_gpu.get()>
                    <Field
                        label="How many"
                        id=idf("gpu-count", target)
                        value=count
                        inputmode="numeric"
                        on_change={move |s: String| match s.trim().parse::<u32>() {
                            Ok(n) if (1..=share::MAX_GPU_COUNT).contains(&n) => {
                                target.edit(st, |i| {
                                    if let Some(g) = i.hardware.gpus.first_mut() {
                                        g.1 = n;
                                    }
                                });
                                None
                            }
                            _ => Some(format!("Enter 1 to {}.", share::MAX_GPU_COUNT)),
                        }}
                    />
                </Show>
                <Show when=move || is_custom.get()>
                    <Field
                        label="VRAM per GPU"
                        id=idf("vram", target)
                        value=vram
                        suffix="GiB"
                        inputmode="decimal"
                        on_change={move |s: String| match parse_gib(&s) {
                            Ok(Some(x)) => {
                                target.edit(st, |i| i.hardware.vram_gib = Some(x));
                                None
                            }
                            Ok(None) => Some("Enter the VRAM in GiB.".into()),
                            Err(e) => Some(e),
                        }}
                    />
                </Show>
                <Field
                    label="System RAM"
                    id=idf("ram", target)
                    value=ram
                    suffix="GiB"
                    placeholder="default"
                    inputmode="decimal"
                    on_change={move |s: String| match parse_gib(&s) {
                        Ok(x) => {
                            target.edit(st, |i| i.hardware.ram_gib = x);
                            None
                        }
                        Err(e) => Some(e),
                    }}
                />
                <Show when=move || is_unified.get()>
                    <Field
                        label="GPU memory limit"
                        id=idf("limit", target)
                        value=limit
                        suffix="GiB"
                        placeholder="macOS default"
                        inputmode="decimal"
                        on_change={move |s: String| match parse_gib(&s) {
                            Ok(x) => {
                                target.edit(st, |i| i.hardware.gpu_limit_gib = x);
                                None
                            }
                            Err(e) => Some(e),
                        }}
                    />
                </Show>
            </div>
        </fieldset>
    }
}

/// A searchable model picker: type to filter the catalog, or enter a
/// Hugging Face repo id.
#[component]
pub fn ModelPicker(target: Target) -> impl IntoView {
    let st = use_app();
    let inputs = Memo::new(move |_| target.get(st));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let current = Signal::derive(move || inputs.with(|i| vm::model_label(&i.model)));
    let results = Memo::new(move |_| query.with(|q| vm::model_search(q, 12)));
    let hf_guess = Signal::derive(move || query.with(|q| vm::looks_like_hf_repo(q)));
    let search_id = idf("model-search", target);
    let list_id = idf("model-list", target);
    let choose = move |m: ModelRef| {
        target.edit(st, |i| {
            i.model = m;
        });
        query.set(String::new());
        open.set(false);
    };
    view! {
        <fieldset class="group">
            <legend>"Model"</legend>
            <div class="field picker">
                <label for=search_id.clone()>"Search models"</label>
                <div class="current" data-testid=idf("model-current", target)>
                    {move || current.get()}
                </div>
                <input
                    id=search_id.clone()
                    data-testid=search_id.clone()
                    type="search"
                    autocomplete="off"
                    placeholder="name, family, or Hugging Face id (Qwen/Qwen3-32B)"
                    role="combobox"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=list_id.clone()
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }
                />
                <Show when=move || open.get()>
                    <ul class="model-results" id=list_id.clone() role="listbox" data-testid=list_id.clone()>
                        {move || {
                            hf_guess
                                .get()
                                .map(|repo| {
                                    let r2 = repo.clone();
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                role="option"
                                                class="opt"
                                                on:click=move |_| choose(ModelRef::HfRepo(r2.clone()))
                                            >
                                                "Use Hugging Face repo "
                                                <code>{repo}</code>
                                            </button>
                                        </li>
                                    }
                                })
                        }}
                        <For
                            each=move || results.get()
                            key=|r| r.id
                            children={move |r| {
                                let id = r.id;
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            role="option"
                                            class="opt"
                                            data-testid=format!("model-opt-{id}")
                                            on:click=move |_| choose(ModelRef::Catalog(id.to_string()))
                                        >
                                            <span class="opt-name">{r.name}</span>
                                            <span class="opt-meta">{r.meta}</span>
                                        </button>
                                    </li>
                                }
                            }}
                        />
                        <Show when=move || results.with(|r| r.is_empty()) && hf_guess.with(|h| h.is_none())>
                            <li class="empty">"No model matches. Try a family name like qwen or gemma."</li>
                        </Show>
                    </ul>
                </Show>
            </div>
        </fieldset>
    }
}

/// Quantization, context, KV cache, parallel sequences, flash attention
/// and runtime.
#[component]
pub fn SettingsPanel(target: Target, #[prop(optional)] compact: bool) -> impl IntoView {
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
            <div class="field">
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
    let opt_u32 = |s: &str| -> Result<Option<u32>, String> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u32>()
            .ok()
            .filter(|n| *n <= 10_000)
            .map(Some)
            .ok_or_else(|| "Enter a whole number, or leave empty for automatic.".into())
    };
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
                    on_change={move |s: String| match opt_u32(&s) {
                        Ok(x) => {
                            target.edit(st, |i| i.ngl = x);
                            None
                        }
                        Err(e) => Some(e),
                    }}
                />
                <Field
                    label="MoE blocks with experts in RAM (--n-cpu-moe)"
                    id=idf("ncmoe", target)
                    value=ncmoe
                    placeholder="auto"
                    inputmode="numeric"
                    on_change={move |s: String| match opt_u32(&s) {
                        Ok(x) => {
                            target.edit(st, |i| i.n_cpu_moe = x);
                            None
                        }
                        Err(e) => Some(e),
                    }}
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
