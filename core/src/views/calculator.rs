//! The calculator's figures: verdict, device bars, totals, the
//! memory-versus-context chart, placement and confidence sentences, and the
//! ready-to-run command.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::catalog::runtimes::CommandParams;
use crate::catalog::{self};
use crate::estimate::{estimate, DeviceUse, Estimate, Fit, UseKind};
use crate::inputs::{Inputs, ModelRef, RuntimeId};
use crate::resolve_inputs::resolve;
use crate::scenario::Scenario;
use crate::units::{fmt_bytes, ByteUnit};
use crate::weights::Confidence;

use super::*;

/// The verdict as shown: never colour alone, always an icon and words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The engine's verdict.
    pub fit: Fit,
    /// A symbol that carries the meaning without colour (`✓`, `!`, `✗`).
    pub icon: &'static str,
    /// `"Fits"`, `"Tight fit"`, `"Does not fit"`.
    pub headline: &'static str,
    /// Why, naming the fullest device and its figures.
    pub reason: String,
    /// CSS-friendly key: `fits`, `tight`, `no`.
    pub key: &'static str,
}

/// Share of capacity used on a device (0 when it has no capacity and
/// holds nothing, infinity when it has none but holds something).
pub fn device_load(d: &DeviceUse) -> f64 {
    if d.capacity_bytes == 0 {
        if d.used_bytes == 0 {
            0.0
        } else {
            f64::INFINITY
        }
    } else {
        d.used_bytes as f64 / d.capacity_bytes as f64
    }
}

/// The device with the highest load, if any holds something.
pub fn fullest_device(e: &Estimate) -> Option<&DeviceUse> {
    e.devices
        .iter()
        .filter(|d| d.used_bytes > 0)
        .max_by(|a, b| {
            device_load(a)
                .partial_cmp(&device_load(b))
                .unwrap_or(core::cmp::Ordering::Equal)
        })
}

/// The verdict of `e` with its reason.
pub fn verdict(e: &Estimate, unit: ByteUnit) -> Verdict {
    let (icon, headline, key) = match e.fit {
        Fit::Fits => ("✓", "Fits", "fits"),
        Fit::Tight => ("!", "Tight fit", "tight"),
        Fit::No => ("✗", "Does not fit", "no"),
    };
    let reason = match fullest_device(e) {
        None => String::from("Nothing to load."),
        Some(d) => {
            let used = fmt_bytes(d.used_bytes, unit);
            let cap = fmt_bytes(d.capacity_bytes, unit);
            match e.fit {
                Fit::Fits => {
                    let free = fmt_bytes(d.capacity_bytes.saturating_sub(d.used_bytes), unit);
                    format!(
                        "Needs {used} of {cap} on {} (the fullest device); {free} stays free.",
                        d.name
                    )
                }
                Fit::Tight => format!(
                    "Needs {used} of {cap} on {}: less than 10 % stays free, so other programs or a longer chat can push it over.",
                    d.name
                ),
                Fit::No => {
                    let over = fmt_bytes(d.used_bytes.saturating_sub(d.capacity_bytes), unit);
                    format!(
                        "Needs {used} on {}, which has {cap}: {over} too much.",
                        d.name
                    )
                }
            }
        }
    };
    Verdict {
        fit: e.fit,
        icon,
        headline,
        reason,
        key,
    }
}

/// One part of a device bar.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSegment {
    /// `Weights`, `KV cache`, `Compute`, `Overhead`.
    pub label: &'static str,
    /// Stable key: `weights`, `kv`, `compute`, `overhead`.
    pub key: &'static str,
    /// Bytes.
    pub bytes: u64,
    /// Formatted bytes.
    pub text: String,
    /// Width as a fraction of the bar's scale.
    pub frac: f64,
}

/// One device's bar: its parts against its capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceBar {
    /// Device name.
    pub name: String,
    /// `GPU` or `System RAM`.
    pub kind_label: &'static str,
    /// `"20.10 GB of 24.00 GB"` (with `over by …` when above capacity).
    pub summary: String,
    /// `"RTX 4090 (GPU): 20.10 GB of 24.00 GB"`; the kind is left out when
    /// the name already says it.
    pub title: String,
    /// Parts, left to right.
    pub segments: Vec<BarSegment>,
    /// Capacity marker as a fraction of the scale.
    pub capacity_frac: f64,
    /// Used above capacity.
    pub over: bool,
}

/// Bars for every device in use (or every GPU, used or not).
pub fn device_bars(e: &Estimate, unit: ByteUnit) -> Vec<DeviceBar> {
    e.devices
        .iter()
        .filter(|d| d.kind == UseKind::Gpu || d.used_bytes > 0)
        .map(|d| {
            let scale = d.capacity_bytes.max(d.used_bytes).max(1) as f64;
            let seg = |label, key, bytes: u64| BarSegment {
                label,
                key,
                bytes,
                text: fmt_bytes(bytes, unit),
                frac: bytes as f64 / scale,
            };
            let over = d.used_bytes > d.capacity_bytes;
            let mut summary = format!(
                "{} of {}",
                fmt_bytes(d.used_bytes, unit),
                fmt_bytes(d.capacity_bytes, unit)
            );
            if over {
                summary.push_str(&format!(
                    ", over by {}",
                    fmt_bytes(d.used_bytes - d.capacity_bytes, unit)
                ));
            }
            let kind_label = match d.kind {
                UseKind::Gpu => "GPU",
                UseKind::Cpu => "System RAM",
            };
            let title = if d.name.contains(kind_label) || d.name.contains("RAM") {
                format!("{}: {summary}", d.name)
            } else {
                format!("{} ({kind_label}): {summary}", d.name)
            };
            DeviceBar {
                name: String::from(&*d.name),
                kind_label,
                summary,
                title,
                segments: alloc::vec![
                    seg("Weights", "weights", d.weights_bytes),
                    seg("KV cache", "kv", d.kv_bytes),
                    seg("Compute", "compute", d.compute_bytes),
                    seg("Overhead", "overhead", d.overhead_bytes),
                ],
                capacity_frac: d.capacity_bytes as f64 / scale,
                over,
            }
        })
        .collect()
}

/// A row of the totals table.
#[derive(Clone, Debug, PartialEq)]
pub struct TotalRow {
    /// Stable key.
    pub key: &'static str,
    /// Label.
    pub label: &'static str,
    /// Formatted bytes.
    pub text: String,
}

/// Totals by part across all devices.
pub fn total_rows(e: &Estimate, unit: ByteUnit) -> Vec<TotalRow> {
    let row = |key, label, b: u64| TotalRow {
        key,
        label,
        text: fmt_bytes(b, unit),
    };
    let mut rows = alloc::vec![row("weights", "Weights", e.weights_bytes)];
    rows.push(row("kv", "KV cache", e.kv_bytes));
    if e.recurrent_state_bytes > 0 {
        rows.push(row("state", "Recurrent state", e.recurrent_state_bytes));
    }
    rows.push(row(
        "compute",
        "Compute buffers",
        e.compute_bytes.saturating_add(e.output_bytes),
    ));
    rows.push(row("overhead", "Runtime overhead", e.overhead_bytes));
    rows.push(row("total", "Total", e.total_bytes));
    rows
}

/// A point of the memory-versus-context curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CtxPoint {
    /// Context length.
    pub ctx: u64,
    /// Total memory needed.
    pub total_bytes: u64,
    /// The verdict there.
    pub fit: Fit,
}

/// The memory-versus-context chart, in fractions of the plot area.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CtxChart {
    /// The curve (x: log2 of the context between the first and last point).
    pub points: Vec<(f64, f64)>,
    /// X ticks.
    pub x_ticks: Vec<(f64, String)>,
    /// Y ticks.
    pub y_ticks: Vec<(f64, String)>,
    /// Capacity lines: position and label.
    pub capacities: Vec<(f64, String)>,
    /// The current context on the curve.
    pub marker: Option<(f64, f64, String)>,
    /// Text alternative.
    pub summary: String,
}

/// A round step for about five ticks up to `max` (1, 2 or 5 × 10^k).
pub fn nice_step(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let n = raw / mag;
    let f = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * mag
}

/// Lays out the memory-versus-context chart. `capacities` are (bytes,
/// label) lines such as "GPU memory" and "GPU + RAM"; `current` is the
/// chosen context with its total.
pub fn ctx_chart(
    points: &[CtxPoint],
    capacities: &[(u64, &str)],
    current: Option<(u64, u64)>,
    unit: ByteUnit,
) -> CtxChart {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return CtxChart::default();
    };
    let unit_bytes = match unit {
        ByteUnit::Gb => crate::units::GB as f64,
        ByteUnit::Gib => crate::units::GIB as f64,
    };
    let unit_name = match unit {
        ByteUnit::Gb => "GB",
        ByteUnit::Gib => "GiB",
    };
    let lx0 = libm::log2(first.ctx.max(1) as f64);
    let lx1 = libm::log2(last.ctx.max(2) as f64).max(lx0 + 1.0);
    let fx = |ctx: u64| (libm::log2(ctx.max(1) as f64) - lx0) / (lx1 - lx0);
    let mut ymax = points.iter().map(|p| p.total_bytes).max().unwrap_or(0) as f64;
    for (c, _) in capacities {
        ymax = ymax.max(*c as f64 * 1.05);
    }
    let ymax_u = (ymax / unit_bytes).max(1.0);
    let step = nice_step(ymax_u);
    let top = libm::ceil(ymax_u / step) * step;
    let fy = |b: u64| (b as f64 / unit_bytes) / top;
    let mut y_ticks = Vec::new();
    let mut v = 0.0;
    while v <= top + step * 0.01 {
        y_ticks.push((v / top, format!("{} {unit_name}", trim_num(v))));
        v += step;
    }
    let x_ticks = points
        .iter()
        .enumerate()
        .filter(|(i, _)| points.len() <= 6 || i % 2 == 0 || *i == points.len() - 1)
        .map(|(_, p)| (fx(p.ctx), fmt_ctx(p.ctx)))
        .collect();
    let curve: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (fx(p.ctx), fy(p.total_bytes)))
        .collect();
    let caps = capacities
        .iter()
        .map(|(b, l)| (fy(*b), format!("{l} {}", fmt_bytes(*b, unit))))
        .collect();
    let marker = current.map(|(ctx, total)| {
        (
            fx(ctx).clamp(0.0, 1.0),
            fy(total),
            format!("{}: {}", fmt_ctx(ctx), fmt_bytes(total, unit)),
        )
    });
    let mut summary = format!(
        "Memory needed by context length, {} to {}: ",
        fmt_ctx(first.ctx),
        fmt_ctx(last.ctx)
    );
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            summary.push_str(", ");
        }
        summary.push_str(&format!(
            "{} {}",
            fmt_ctx(p.ctx),
            fmt_bytes(p.total_bytes, unit)
        ));
    }
    summary.push('.');
    CtxChart {
        points: curve,
        x_ticks,
        y_ticks,
        capacities: caps,
        marker,
        summary,
    }
}

/// The result of running the engine on one configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluated {
    /// The resolved scenario.
    pub scenario: Scenario,
    /// The estimate.
    pub estimate: Estimate,
}

/// Resolves and estimates `inputs`; the error is a sentence for the page.
pub fn evaluate(inputs: &Inputs) -> Result<Evaluated, String> {
    let scenario = resolve(inputs).map_err(|e| {
        let mut m = String::from("Cannot size this configuration: ");
        m.push_str(&alloc::string::ToString::to_string(&e));
        m.push('.');
        m
    })?;
    let estimate = estimate(&scenario);
    Ok(Evaluated { scenario, estimate })
}

/// The total memory needed at each slider stop up to `inputs.ctx` or 128K,
/// whichever is larger (at least the first two stops), for the
/// memory-versus-context chart; estimated through the sweep cache. Empty
/// for models outside the catalog.
pub fn ctx_curve_cached(cache: &mut WeightCache, inputs: &Inputs) -> Vec<CtxPoint> {
    let Some(model) = model_row(&inputs.model) else {
        return Vec::new();
    };
    let max_ctx = inputs.ctx.max(131_072);
    let mut out = Vec::new();
    for (i, c) in CTX_STOPS.iter().enumerate() {
        if i >= 2 && *c > max_ctx {
            break;
        }
        let point = Inputs {
            ctx: *c,
            ..inputs.clone()
        };
        if let Some(e) = estimate_cached(cache, model, &inputs.quant, &point, false) {
            out.push(CtxPoint {
                ctx: *c,
                total_bytes: e.total_bytes,
                fit: e.fit,
            });
        }
    }
    out
}

/// Capacity lines for the chart: all GPU memory, and GPU plus RAM.
pub fn capacity_lines(e: &Estimate) -> Vec<(u64, &'static str)> {
    let gpu: u64 = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Gpu)
        .map(|d| d.capacity_bytes)
        .sum();
    let all: u64 = e.devices.iter().map(|d| d.capacity_bytes).sum();
    let mut v = Vec::new();
    if gpu > 0 {
        v.push((gpu, "GPU"));
    }
    if all > gpu {
        v.push((all, if gpu > 0 { "GPU + RAM" } else { "RAM" }));
    }
    v
}

/// The largest context that fits, as a sentence fragment.
pub fn max_ctx_text(e: &Estimate) -> String {
    let n = e.max_ctx_that_fits;
    if n == 0 {
        String::from("none (even 256 tokens do not fit)")
    } else if n.is_multiple_of(1024) {
        format!("{} tokens", fmt_ctx(n))
    } else {
        format!("{} tokens", group_digits(n))
    }
}

/// Where the layers went, in one sentence.
pub fn placement_text(e: &Estimate) -> String {
    let n_gpu_devices = e.devices.iter().filter(|d| d.kind == UseKind::Gpu).count();
    if n_gpu_devices == 0 {
        return String::from("No GPU: every layer runs on the CPU from system RAM.");
    }
    let per_gpu: Vec<u32> = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Gpu)
        .map(|d| d.n_layers)
        .collect();
    let gpu_layers: u32 = if e.split_across_gpus {
        // Every GPU holds a share of the same blocks.
        per_gpu.iter().copied().max().unwrap_or(0)
    } else {
        per_gpu.iter().sum()
    };
    let cpu_layers: u32 = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Cpu)
        .map(|d| d.n_layers)
        .sum();
    // Several GPUs: the blocks on each, in order.
    let on = if e.split_across_gpus {
        format!("the GPUs, each divided across all {n_gpu_devices}")
    } else if n_gpu_devices > 1 {
        let each: Vec<String> = per_gpu.iter().map(|k| format!("{k}")).collect();
        format!("the GPUs ({})", each.join(" + "))
    } else {
        String::from("the GPU")
    };
    let mut s = if cpu_layers == 0 {
        format!("All {gpu_layers} layers on {on} (-ngl {}).", e.ngl)
    } else {
        format!(
            "{gpu_layers} layers on {on}, {cpu_layers} in system RAM (-ngl {}): generation slows to RAM speed.",
            e.ngl
        )
    };
    if e.n_cpu_moe > 0 {
        s.push_str(&format!(
            " Routed experts of {} blocks stay in RAM (--n-cpu-moe {}).",
            e.n_cpu_moe, e.n_cpu_moe
        ));
    }
    s
}

/// How sure the figures are, in one sentence.
pub fn confidence_text(e: &Estimate) -> String {
    let what = match e.confidence {
        Confidence::Exact => "exact from the tensor table",
        Confidence::Estimated => "computed from llama-quantize's documented rules",
        Confidence::Approximate => "approximate (a calibrated estimate for this quant mix)",
    };
    format!(
        "Weights are {what}; compute buffers and speeds are estimates. Predicted file size: {}.",
        fmt_bytes(e.file_bytes, ByteUnit::Gb)
    )
}

/// The ready-to-run command for the configuration.
pub fn command(inputs: &Inputs, ev: &Evaluated) -> String {
    let row = model_row(&inputs.model);
    let quant = inputs.quant.as_str();
    let gguf_runtime = matches!(
        inputs.runtime,
        RuntimeId::LlamaCpp | RuntimeId::Ollama | RuntimeId::LmStudio | RuntimeId::Koboldcpp
    );
    let (repo, file) = match (row, gguf_runtime) {
        (Some(m), true) => {
            let repo = m
                .ggufs
                .iter()
                .find(|g| g.quants.iter().any(|q| q.eq_ignore_ascii_case(quant)))
                .or(m.ggufs.first())
                .map(|g| g.repo)
                .unwrap_or(m.hf_repo);
            (String::from(repo), String::from(quant))
        }
        (Some(m), false) => (String::from(m.hf_repo), String::new()),
        (None, _) => match &inputs.model {
            ModelRef::Catalog(id) | ModelRef::HfRepo(id) => (id.clone(), String::from(quant)),
        },
    };
    let ollama_tag = match row {
        Some(m) if !m.ollama.is_empty() && quant.eq_ignore_ascii_case("Q4_K_M") => m.ollama,
        _ => "",
    };
    let e = &ev.estimate;
    let all_on_gpu = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Cpu)
        .all(|d| d.n_layers == 0);
    // The layers `--fit` gives each GPU are pinned with `-ngl` (llama.cpp
    // does not fit when `--n-cpu-moe` is set, so an MoE split that places
    // every layer is pinned too).
    let pin = !all_on_gpu || !e.tensor_split.is_empty();
    let ngl = inputs
        .ngl
        .or((pin && !ev.scenario.gpus.is_empty()).then_some(e.ngl));
    let n_cpu_moe = inputs
        .n_cpu_moe
        .or((e.n_cpu_moe > 0).then_some(e.n_cpu_moe));
    let tp = match inputs.runtime {
        RuntimeId::Vllm | RuntimeId::Sglang => ev.scenario.gpus.len().max(1) as u32,
        _ => 1,
    };
    catalog::runtimes::command(&CommandParams {
        runtime: inputs.runtime,
        repo: &repo,
        file: &file,
        ollama_tag,
        ctx: inputs.ctx,
        ngl,
        // Empty when the user set `-ngl` (no fit ran).
        tensor_split: &e.tensor_split,
        kv_k: inputs.kv_type_k,
        kv_v: inputs.kv_type_v,
        flash_attn: inputs.flash_attn,
        parallel: inputs.parallel,
        kv_unified: inputs.kv_unified,
        n_cpu_moe,
        ubatch: inputs.ubatch,
        tp,
        mem_fraction: inputs.gpu_memory_utilization,
    })
}

// ---------------------------------------------------------------------
// Sweeps: quant table, hardware tiers, recommendations, compare.
// ---------------------------------------------------------------------
