//! The hardware panel: catalog device and count, custom VRAM, system RAM
//! and the unified-memory GPU limit.

use headroom_core::share;
use headroom_core::views as vm;
use leptos::prelude::*;

use super::{fmt_opt_f64, idf, parse_gib, Target};
use crate::components::field::Field;
use crate::components::options::options_html;
use crate::use_app;

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
    // Static options set in one go; the select's value follows `selected`.
    let options = options_html(
        &[
            ("none".into(), "No GPU (CPU only)".into()),
            ("custom".into(), "Custom GPU (enter VRAM)".into()),
        ],
        &vm::gpu_option_groups(),
        &selected.get_untracked(),
    );
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
                <select
                    id=dev_id.clone()
                    data-testid=dev_id.clone()
                    inner_html=options
                    prop:value=selected
                    on:change=on_device
                ></select>
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
