//! View models: pure functions that turn [`Estimate`]s and catalog rows
//! into the rows, bars and chart points the front ends draw.
//!
//! Nothing here renders markup; everything here is host-testable. Byte
//! figures are formatted with [`fmt_bytes`] in the unit the user chose;
//! chart and bar geometry is given as fractions (0..=1) of the drawing
//! area.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::catalog::runtimes::CommandParams;
use crate::catalog::tiers::HardwareTier;
use crate::catalog::{self, gpus::Vendor, Model};
use crate::device::DeviceKind;
use crate::estimate::{estimate, DeviceUse, Estimate, Fit, UseKind};
use crate::inputs::{HardwareInputs, Inputs, ModelRef, RuntimeId};
use crate::quant::FileType;
use crate::resolve_inputs::resolve;
use crate::scenario::Scenario;
use crate::sweep::{Detail, Sweep};
use crate::units::{fmt_bytes, ByteUnit};
use crate::weights::Confidence;

/// Context-length stops of the slider: 2K, 4K, … 1M (powers of two).
pub const CTX_STOPS: [u64; 10] = [
    2048, 4096, 8192, 16_384, 32_768, 65_536, 131_072, 262_144, 524_288, 1_048_576,
];

/// Index of the slider stop nearest to `ctx` on a log scale.
pub fn ctx_stop_index(ctx: u64) -> usize {
    let l = libm::log2(ctx.max(1) as f64);
    let mut best = 0;
    let mut best_d = f64::MAX;
    for (i, s) in CTX_STOPS.iter().enumerate() {
        let d = libm::fabs(libm::log2(*s as f64) - l);
        if d < best_d {
            best = i;
            best_d = d;
        }
    }
    best
}

/// The context at slider stop `i` (clamped to the last stop).
pub fn ctx_at_stop(i: usize) -> u64 {
    CTX_STOPS[i.min(CTX_STOPS.len() - 1)]
}

/// A context length as people say it: `2K`, `32K`, `1M`, `1000`, `1.01M`.
pub fn fmt_ctx(ctx: u64) -> String {
    if ctx >= 1 << 20 && ctx.is_multiple_of(1 << 20) {
        format!("{}M", ctx >> 20)
    } else if ctx >= 1024 && ctx.is_multiple_of(1024) {
        format!("{}K", ctx >> 10)
    } else if ctx >= 1_000_000 {
        format!("{:.2}M", ctx as f64 / 1e6)
    } else {
        format!("{ctx}")
    }
}

/// `37632` → `"37,632"`.
pub fn group_digits(n: u64) -> String {
    let digits = format!("{n}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Tokens per second with sensible precision (`"42 tok/s"`, `"3.4 tok/s"`).
pub fn fmt_tps(x: f64) -> String {
    if !x.is_finite() || x <= 0.0 {
        String::from("—")
    } else if x >= 100.0 {
        format!("{:.0} tok/s", x)
    } else if x >= 10.0 {
        format!("{:.1} tok/s", x)
    } else {
        format!("{:.2} tok/s", x)
    }
}

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

/// `12` for 12.0, `2.5` for 2.5.
fn trim_num(v: f64) -> String {
    if libm::fabs(v - libm::round(v)) < 1e-9 {
        format!("{}", libm::round(v) as i64)
    } else {
        format!("{v:.1}")
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

/// Catalog devices for the hardware picker, grouped by vendor:
/// `(group label, [(id, label)])`.
pub fn gpu_option_groups() -> Vec<(String, Vec<(String, String)>)> {
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for g in catalog::gpus() {
        let group = match (g.vendor, g.kind) {
            (_, DeviceKind::Cpu) => String::from("CPU + system RAM"),
            (Vendor::Apple, _) => String::from("Apple Silicon (unified memory)"),
            (_, DeviceKind::Unified) => String::from("Unified-memory machines"),
            (v, _) => String::from(v.as_str()),
        };
        let label = format!("{} — {}", g.name, fmt_bytes(g.memory_bytes, ByteUnit::Gib));
        match groups.iter_mut().find(|(k, _)| *k == group) {
            Some((_, v)) => v.push((String::from(g.id), label)),
            None => groups.push((group, alloc::vec![(String::from(g.id), label)])),
        }
    }
    groups
}

/// The first chosen device is a unified-memory machine.
pub fn hardware_is_unified(hw: &HardwareInputs) -> bool {
    hw.gpus
        .first()
        .and_then(|(id, _)| catalog::gpu(id))
        .is_some_and(|g| g.kind == DeviceKind::Unified)
}

/// A model as the picker lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelOption {
    /// Catalog id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// `"32.8B · dense · 128K ctx"`.
    pub meta: String,
}

/// Parameters as people say them: `"32.8B"`, `"235B"`, `"600M"`.
pub fn fmt_params(n: u64) -> String {
    let b = n as f64 / 1e9;
    if b >= 100.0 {
        format!("{b:.0}B")
    } else if b >= 1.0 {
        format!("{b:.1}B")
    } else {
        format!("{:.0}M", n as f64 / 1e6)
    }
}

fn model_meta(m: &Model) -> String {
    let shape = if m.params_active < m.params {
        format!("MoE, {} active", fmt_params(m.params_active))
    } else {
        String::from("dense")
    };
    format!(
        "{} · {} · {} ctx",
        fmt_params(m.params),
        shape,
        fmt_ctx(m.ctx_native)
    )
}

/// Up to `limit` catalog models matching `query` (every word must match).
pub fn model_search(query: &str, limit: usize) -> Vec<ModelOption> {
    catalog::search_models(query)
        .into_iter()
        .take(limit)
        .map(|m| ModelOption {
            id: m.id,
            name: m.name,
            meta: model_meta(m),
        })
        .collect()
}

/// `Some(repo)` when `q` looks like a Hugging Face repo id (`owner/name`)
/// that is not already a catalog model's repo.
pub fn looks_like_hf_repo(q: &str) -> Option<String> {
    let t = q.trim();
    let (a, b) = t.split_once('/')?;
    let ok = !a.is_empty()
        && !b.is_empty()
        && !b.contains('/')
        && t.len() <= 96
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    ok.then(|| String::from(t))
}

/// The model's display name (or the id when it is not in the catalog).
pub fn model_label(m: &ModelRef) -> String {
    match m {
        ModelRef::Catalog(id) => match catalog::model(id) {
            Some(row) => format!("{} ({})", row.name, model_meta(row)),
            None => format!("{id} (not in the catalog)"),
        },
        ModelRef::HfRepo(repo) => match catalog::model_by_hf(repo) {
            Some(row) => format!("{} ({})", row.name, model_meta(row)),
            None => format!("{repo} (not in the catalog)"),
        },
    }
}

/// The catalog row of a model reference.
pub fn model_row(m: &ModelRef) -> Option<&'static Model> {
    match m {
        ModelRef::Catalog(id) => catalog::model(id),
        ModelRef::HfRepo(repo) => catalog::model_by_hf(repo),
    }
}

/// llama-quantize types offered for every GGUF model, largest first.
pub const COMMON_QUANTS: [&str; 16] = [
    "BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q5_K_S", "Q4_K_M", "Q4_K_S", "IQ4_NL", "IQ4_XS", "Q3_K_L",
    "Q3_K_M", "Q3_K_S", "IQ3_XXS", "Q2_K", "IQ2_M", "IQ2_XXS",
];

/// Non-GGUF formats offered (vLLM, SGLang, MLX, ExLlama).
pub const OTHER_FORMATS: [&str; 8] = [
    "FP8", "AWQ", "GPTQ", "NF4", "MLX-4bit", "MLX-8bit", "EXL2-4.5", "EXL3-4.0",
];

/// Quant names published for the model (union over its GGUF repos, in
/// catalog order, without repeats).
pub fn published_quants(m: &Model) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for g in m.ggufs {
        for q in g.quants {
            if !v.contains(q) {
                v.push(q);
            }
        }
    }
    v
}

/// Options for the quantization select: `(group, names)`. The current
/// choice is always present.
pub fn quant_options(model: &ModelRef, current: &str) -> Vec<(String, Vec<String>)> {
    let published: Vec<String> = model_row(model)
        .map(|m| published_quants(m).into_iter().map(String::from).collect())
        .unwrap_or_default();
    let common: Vec<String> = COMMON_QUANTS
        .iter()
        .filter(|q| !published.iter().any(|p| p == *q))
        .map(|q| String::from(*q))
        .collect();
    let other: Vec<String> = OTHER_FORMATS.iter().map(|q| String::from(*q)).collect();
    let mut groups = Vec::new();
    let known = published
        .iter()
        .chain(common.iter())
        .chain(other.iter())
        .any(|q| q == current);
    if !known {
        groups.push((String::from("Current"), alloc::vec![String::from(current)]));
    }
    if !published.is_empty() {
        groups.push((String::from("Published GGUF quants"), published));
    }
    groups.push((String::from("Other llama.cpp types"), common));
    groups.push((String::from("Other formats"), other));
    groups
}

/// Runtimes for the select: `(link key, label)`.
pub fn runtime_options() -> Vec<(&'static str, &'static str)> {
    crate::share::RUNTIMES
        .iter()
        .map(|(r, k)| {
            let label = match r {
                RuntimeId::LlamaCpp => "llama.cpp",
                RuntimeId::Ollama => "Ollama",
                RuntimeId::LmStudio => "LM Studio",
                RuntimeId::Koboldcpp => "koboldcpp",
                RuntimeId::Vllm => "vLLM",
                RuntimeId::Sglang => "SGLang",
                RuntimeId::Mlx => "MLX (mlx_lm)",
            };
            (*k, label)
        })
        .collect()
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
    let gpu_layers: u32 = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Gpu)
        .map(|d| d.n_layers)
        .sum();
    let cpu_layers: u32 = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Cpu)
        .map(|d| d.n_layers)
        .sum();
    let mut s = if cpu_layers == 0 {
        format!("All {gpu_layers} layers on the GPU (-ngl {}).", e.ngl)
    } else {
        format!(
            "{gpu_layers} layers on the GPU, {cpu_layers} in system RAM (-ngl {}): generation slows to RAM speed.",
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
    let ngl = inputs
        .ngl
        .or((!all_on_gpu && !ev.scenario.gpus.is_empty()).then_some(e.ngl));
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

/// Resolved (model, quant) plans reused by the sweeps, one
/// [`Sweep`] per set of hardware and runtime settings. Weight plans do not
/// depend on context, so sweeps that vary it (or the model and quant) only
/// estimate; the caller owns the cache.
#[derive(Debug, Default)]
pub struct WeightCache {
    sweeps: Vec<(Inputs, Sweep)>,
}

/// Most settings kept; the oldest is dropped past this.
const MAX_SWEEPS: usize = 32;

impl WeightCache {
    /// An empty cache.
    pub fn new() -> Self {
        WeightCache::default()
    }

    /// Sets of settings held.
    pub fn len(&self) -> usize {
        self.sweeps.len()
    }

    /// Nothing held.
    pub fn is_empty(&self) -> bool {
        self.sweeps.is_empty()
    }

    /// The sweep for the settings of `inputs` (model, quant and context
    /// are ignored).
    fn sweep_for(&mut self, inputs: &Inputs) -> &mut Sweep {
        let key = Inputs {
            model: ModelRef::Catalog(String::new()),
            quant: String::new(),
            ctx: 1,
            ..inputs.clone()
        };
        let i = match self.sweeps.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                if self.sweeps.len() >= MAX_SWEEPS {
                    self.sweeps.remove(0);
                }
                let sweep = Sweep::new(&key);
                self.sweeps.push((key, sweep));
                self.sweeps.len() - 1
            }
        };
        &mut self.sweeps[i].1
    }
}

/// A lower bound on the weight bytes of `model` at `quant`: parameters ×
/// the bits per weight of the quant's base ggml type (llama-quantize only
/// raises tensors above the base type). Used to skip estimates that
/// cannot fit; `None` for names that are not llama-quantize types.
pub fn weight_bytes_lower_bound(model: &Model, quant: &str) -> Option<u64> {
    let t = FileType::from_name(quant)?.default_type();
    Some((model.params as f64 * t.bits_per_weight() / 8.0) as u64)
}

/// Estimates `model` at `quant` with `inputs`' settings through the cache
/// (fit and speed only: the largest context is not searched). `all_on_gpu`
/// forces every layer onto the GPUs (llama.cpp `-ngl` all, no experts in
/// RAM), which is what "fits in VRAM" means.
pub fn estimate_cached(
    cache: &mut WeightCache,
    model: &'static Model,
    quant: &str,
    inputs: &Inputs,
    all_on_gpu: bool,
) -> Option<Estimate> {
    let mut i = inputs.clone();
    if all_on_gpu {
        i.ngl = Some(u32::MAX);
        i.n_cpu_moe = Some(0);
    }
    cache
        .sweep_for(&i)
        .estimate(model.id, quant, inputs.ctx, Detail::FitAndSpeed)
        .ok()
}

/// `inputs` with the hardware of `tier` (its representative device and
/// count; default RAM).
pub fn with_tier(inputs: &Inputs, tier: &HardwareTier) -> Inputs {
    let mut i = inputs.clone();
    i.hardware = HardwareInputs {
        gpus: alloc::vec![(String::from(tier.gpu), tier.count)],
        vram_gib: None,
        ram_gib: None,
        gpu_limit_gib: None,
    };
    i
}

/// A fit mark for a table cell: icon, words, key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// `✓`, `!` or `✗`.
    pub icon: &'static str,
    /// `fits`, `tight` or `no` (CSS key and test hook).
    pub key: &'static str,
    /// Words for screen readers and tooltips.
    pub words: &'static str,
}

/// The mark of a verdict.
pub fn mark(fit: Fit) -> Mark {
    match fit {
        Fit::Fits => Mark {
            icon: "✓",
            key: "fits",
            words: "fits in VRAM",
        },
        Fit::Tight => Mark {
            icon: "!",
            key: "tight",
            words: "tight: under 10 % free",
        },
        Fit::No => Mark {
            icon: "✗",
            key: "no",
            words: "does not fit in VRAM",
        },
    }
}

/// Tiers shown as quant-table columns: the single-GPU VRAM sizes the seed
/// tables speak in (8, 12, 16, 24, 32, 48 and 80 GB).
pub const QUANT_TABLE_TIERS: [&str; 7] = ["8gb", "12gb", "16gb", "24gb", "32gb", "48gb", "80gb"];

/// One row of the quant table.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantRow {
    /// Quant name.
    pub quant: String,
    /// Predicted file size.
    pub file: String,
    /// Memory needed, all on one GPU, at the chosen context.
    pub memory: String,
    /// Memory in bytes (for sorting and tests).
    pub memory_bytes: u64,
    /// Published quality loss: perplexity increase and KL divergence.
    pub quality: String,
    /// One mark per tier column.
    pub marks: Vec<Mark>,
    /// Row is the quant currently chosen.
    pub current: bool,
    /// The catalog lists a GGUF repository publishing this quant.
    pub published: bool,
}

/// The quant table of the chosen model.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct QuantTable {
    /// Model display name.
    pub model: String,
    /// Column headers (tier labels).
    pub tiers: Vec<String>,
    /// Rows, largest quant first.
    pub rows: Vec<QuantRow>,
    /// The assumptions, stated.
    pub assumption: String,
    /// Why the table is empty, when it is.
    pub error: Option<String>,
}

fn quality_text(quant: &str) -> String {
    match catalog::quality(quant) {
        Some(r) => match (r.ppl_increase_pct(), r.kld) {
            (Some(p), Some(k)) => format!("+{p:.1} % PPL, KLD {k:.3}"),
            (None, Some(k)) => format!("KLD {k:.3}"),
            _ => String::from("no published figure"),
        },
        None if quant.eq_ignore_ascii_case("BF16") || quant.eq_ignore_ascii_case("F16") => {
            String::from("baseline")
        }
        None => String::from("no published figure"),
    }
}

/// Every published quant of the model in `inputs` plus the common
/// llama.cpp types (each row says whether it is published), with file
/// size, memory at the chosen context with every layer on the GPU,
/// published quality loss and a fit mark per VRAM tier.
pub fn quant_table(inputs: &Inputs, unit: ByteUnit, cache: &mut WeightCache) -> QuantTable {
    let Some(model) = model_row(&inputs.model) else {
        return QuantTable {
            error: Some(String::from(
                "This model is not in the catalog, so its quants are not known.",
            )),
            ..QuantTable::default()
        };
    };
    let published = published_quants(model);
    let mut quants: Vec<&str> = published.clone();
    for q in COMMON_QUANTS {
        if !quants.iter().any(|p| p.eq_ignore_ascii_case(q)) {
            quants.push(q);
        }
    }
    let tiers: Vec<&HardwareTier> = QUANT_TABLE_TIERS
        .iter()
        .filter_map(|id| catalog::tiers::tier_by_id(id))
        .collect();
    let mut rows = Vec::new();
    for q in quants {
        // Memory on the user's own GPUs (all layers on them) for the
        // "memory" column; a tier estimate per column for the marks.
        let Some(own) = estimate_cached(cache, model, q, inputs, true) else {
            continue;
        };
        let marks = tiers
            .iter()
            .map(|t| {
                estimate_cached(cache, model, q, &with_tier(inputs, t), true)
                    .map(|e| mark(e.fit))
                    .unwrap_or(mark(Fit::No))
            })
            .collect();
        rows.push(QuantRow {
            quant: String::from(q),
            file: fmt_bytes(own.file_bytes, unit),
            memory: fmt_bytes(own.total_bytes, unit),
            memory_bytes: own.total_bytes,
            quality: quality_text(q),
            marks,
            current: q.eq_ignore_ascii_case(&inputs.quant),
            published: published.contains(&q),
        });
    }
    rows.sort_by_key(|r| core::cmp::Reverse(r.memory_bytes));
    QuantTable {
        model: String::from(model.name),
        tiers: tiers.iter().map(|t| String::from(t.label)).collect(),
        rows,
        assumption: format!(
            "Memory = weights + KV cache ({} context, {} KV, {} sequence{}) + compute buffers + runtime overhead, every layer on the GPU, {}. Marks use each tier's representative card.",
            fmt_ctx(inputs.ctx),
            crate::share::kv_key(inputs.kv_type_k),
            inputs.parallel,
            if inputs.parallel == 1 { "" } else { "s" },
            runtime_label(inputs.runtime),
        ),
        error: None,
    }
}

/// A runtime's display name.
pub fn runtime_label(r: RuntimeId) -> &'static str {
    runtime_options()
        .into_iter()
        .find(|(k, _)| *k == crate::share::runtime_key(r))
        .map(|(_, l)| l)
        .unwrap_or("llama.cpp")
}

/// The quant ladder the tier and recommendation sweeps try, best first.
pub const LADDER: [&str; 7] = [
    "BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "IQ2_M",
];

/// Index of Q4_K_M in [`LADDER`]: the lowest quant called a good fit.
const LADDER_GOOD: usize = 4;

/// Memory used on all GPUs together (with every layer on the GPUs this
/// is what must fit in VRAM; llama.cpp keeps token embeddings in RAM).
pub fn gpu_used_bytes(e: &Estimate) -> u64 {
    e.devices
        .iter()
        .filter(|d| d.kind == UseKind::Gpu)
        .map(|d| d.used_bytes)
        .sum()
}

/// One entry of a tier summary.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TierItem {
    /// `"Qwen3 32B Q5_K_M"`.
    pub label: String,
    /// `"27.1 GB, ✓"` style detail.
    pub detail: String,
}

/// What fits one tier.
#[derive(Clone, Debug, PartialEq)]
pub struct TierSummary {
    /// Tier id.
    pub id: &'static str,
    /// Tier label.
    pub label: &'static str,
    /// Largest models (up to five) that fit fully in VRAM at Q4_K_M or
    /// better, with the best quant that fits.
    pub good: Vec<TierItem>,
    /// The next step up: the first quant above the good one that does not
    /// fit, and the smallest models that do not fit even at Q4_K_M.
    pub avoid: Vec<TierItem>,
    /// Where the tier comes from.
    pub source: &'static str,
}

/// The highest [`LADDER`] index (best quant) at which `model` fits `inputs`'
/// hardware fully in VRAM, and its estimate; `None` if even the last does
/// not. Larger quants first, stopping at the first fit; quants whose weights
/// alone exceed the GPU memory are skipped without an estimate.
fn best_fit(
    cache: &mut WeightCache,
    model: &'static Model,
    inputs: &Inputs,
    gpu_bytes: u64,
    max_index: usize,
) -> Option<(usize, Estimate)> {
    let lo = (0..=max_index)
        .find(|i| weight_bytes_lower_bound(model, LADDER[*i]).is_none_or(|w| w <= gpu_bytes))?;
    first_passing(lo, max_index, |i| {
        estimate_cached(cache, model, LADDER[i], inputs, true).filter(|e| e.fit != Fit::No)
    })
}

/// The smallest index in `lo..=hi` whose `test` gives `Some`, assuming
/// that once an index passes every later one does (smaller quants fit
/// more easily and run faster): a binary search, about log2(n) + 1 tests.
fn first_passing<T>(
    lo: usize,
    hi: usize,
    mut test: impl FnMut(usize) -> Option<T>,
) -> Option<(usize, T)> {
    if lo > hi {
        return None;
    }
    let mut best = (hi, test(hi)?);
    let (mut a, mut b) = (lo, hi);
    // Invariant: `b` passes; indices below `a` are not known to pass.
    while a < b {
        let mid = a + (b - a) / 2;
        match test(mid) {
            Some(t) => {
                best = (mid, t);
                b = mid;
            }
            None => a = mid + 1,
        }
    }
    Some(best)
}

/// The seed's "Quick Summary" for each tier in `tier_ids`, computed across
/// the catalog at `inputs`' context, KV type, sequences and runtime.
///
/// Models are tried largest first; a model whose Q4_K_M weights alone
/// exceed the tier's memory is a miss without an estimate, and the search
/// stops once five models fit, so each tier costs a few dozen estimates.
pub fn tier_summaries(
    inputs: &Inputs,
    tier_ids: &[&str],
    unit: ByteUnit,
    cache: &mut WeightCache,
) -> Vec<TierSummary> {
    let mut by_size: Vec<&'static Model> = catalog::models().collect();
    by_size.sort_by_key(|m| core::cmp::Reverse(m.params));
    let mut out = Vec::new();
    for id in tier_ids {
        let Some(tier) = catalog::tiers::tier_by_id(id) else {
            continue;
        };
        let ti = with_tier(inputs, tier);
        let gpu_bytes = tier.memory_bytes;
        let mut fits: Vec<(&'static Model, usize, Estimate)> = Vec::new();
        let mut misses: Vec<&'static Model> = Vec::new();
        for m in by_size.iter().copied() {
            if fits.len() >= 5 {
                break;
            }
            if weight_bytes_lower_bound(m, LADDER[LADDER_GOOD]).is_some_and(|w| w > gpu_bytes) {
                misses.push(m);
                continue;
            }
            match best_fit(cache, m, &ti, gpu_bytes, LADDER_GOOD) {
                Some((i, e)) => fits.push((m, i, e)),
                None => misses.push(m),
            }
        }
        let good = fits
            .iter()
            .map(|(m, i, e)| TierItem {
                label: format!("{} {}", m.name, LADDER[*i]),
                detail: format!(
                    "{} VRAM at {}",
                    fmt_bytes(gpu_used_bytes(e), unit),
                    fmt_ctx(inputs.ctx)
                ),
            })
            .collect();
        let mut avoid: Vec<TierItem> = Vec::new();
        // The smallest models that do not fit at Q4_K_M: the next size up.
        for m in misses.iter().rev().take(2) {
            if let Some(e) = estimate_cached(cache, m, LADDER[LADDER_GOOD], &ti, true) {
                avoid.push(TierItem {
                    label: format!("{} {}", m.name, LADDER[LADDER_GOOD]),
                    detail: format!("needs {} VRAM", fmt_bytes(gpu_used_bytes(&e), unit)),
                });
            }
        }
        // The next quant up for the largest models that fit.
        for (m, i, _) in fits.iter().take(2) {
            if *i > 0 {
                let q = LADDER[*i - 1];
                if let Some(e) = estimate_cached(cache, m, q, &ti, true) {
                    avoid.push(TierItem {
                        label: format!("{} {q}", m.name),
                        detail: format!("needs {} VRAM", fmt_bytes(gpu_used_bytes(&e), unit)),
                    });
                }
            }
        }
        out.push(TierSummary {
            id: tier.id,
            label: tier.label,
            good,
            avoid,
            source: tier.source,
        });
    }
    out
}

/// One ranked recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    /// Model id.
    pub model_id: &'static str,
    /// `"Qwen3 32B · Q4_K_M"`.
    pub title: String,
    /// One-line reason.
    pub reason: String,
    /// Memory, speed and verdict in short.
    pub figures: String,
    /// Quant chosen.
    pub quant: &'static str,
    /// Decode speed.
    pub decode_tokens_per_s: f64,
}

fn use_matches(m: &Model, u: crate::share::UseCase) -> bool {
    use crate::catalog::models::Use;
    use crate::share::UseCase;
    match u {
        UseCase::Chat => true,
        UseCase::Code => m.uses.contains(&Use::Coding),
        UseCase::Agent => m.uses.contains(&Use::Agents),
        UseCase::Long => m.uses.contains(&Use::LongContext) || m.ctx_extended >= 131_072,
    }
}

/// Ranks catalog models for `inputs`' hardware and context: for each model
/// that suits the use case, the best quant (Q3_K_M or better) that fits
/// fully in VRAM — or, failing that, with offload — at no less than the
/// minimum decode speed. Bigger models and better quants rank higher.
pub fn recommend(
    inputs: &Inputs,
    prefs: &crate::share::RecommendPrefs,
    unit: ByteUnit,
    limit: usize,
    cache: &mut WeightCache,
) -> Vec<Recommendation> {
    let gpu_bytes: u64 = resolve(inputs)
        .map(|s| s.gpus.iter().map(|g| g.gpu_limit_bytes).sum::<u64>() + s.host.capacity_bytes)
        .unwrap_or(0);
    let mut scored: Vec<(f64, Recommendation)> = Vec::new();
    for m in catalog::models() {
        if !use_matches(m, prefs.use_case) || inputs.ctx > m.ctx_extended {
            continue;
        }
        let min_speed = prefs.min_tokens_per_s;
        let Some(lo) = (1..=5)
            .find(|i| weight_bytes_lower_bound(m, LADDER[*i]).is_none_or(|w| w <= gpu_bytes))
        else {
            continue;
        };
        let pick = first_passing(lo, 5, |i| {
            estimate_cached(cache, m, LADDER[i], inputs, false)
                .filter(|e| e.fit != Fit::No && e.decode_tokens_per_s >= min_speed)
        })
        .map(|(i, e)| {
            let on_gpu = e
                .devices
                .iter()
                .filter(|d| d.kind == UseKind::Cpu)
                .all(|d| d.n_layers == 0)
                && e.n_cpu_moe == 0;
            (i, e, on_gpu)
        });
        let Some((i, e, on_gpu)) = pick else {
            continue;
        };
        // Score: log of the parameter count, a step per quant level, and a
        // penalty for offload.
        let score =
            libm::log2(m.params.max(1) as f64) - 0.35 * i as f64 - if on_gpu { 0.0 } else { 1.5 };
        let q = LADDER[i];
        let place = if on_gpu {
            "fully on the GPU"
        } else {
            "with part of it in system RAM"
        };
        let reason = format!(
            "{} at {q} runs {place} at {}; {}.",
            m.name,
            fmt_ctx(inputs.ctx),
            match catalog::quality(q) {
                Some(r) => match r.ppl_increase_pct() {
                    Some(p) => format!("{q} costs about +{p:.1} % perplexity versus 16-bit"),
                    None => String::from("quality loss not published for this quant"),
                },
                None => String::from("no quantization loss"),
            }
        );
        scored.push((
            score,
            Recommendation {
                model_id: m.id,
                title: format!("{} · {q}", m.name),
                reason,
                figures: format!(
                    "{} · {} · {}",
                    fmt_bytes(e.total_bytes, unit),
                    fmt_tps(e.decode_tokens_per_s),
                    mark(e.fit).words
                ),
                quant: q,
                decode_tokens_per_s: e.decode_tokens_per_s,
            },
        ));
    }
    scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(core::cmp::Ordering::Equal));
    scored.into_iter().take(limit).map(|(_, r)| r).collect()
}

/// What-if variants of the hardware and context for recommendations:
/// `(label, inputs)`.
pub fn what_ifs(inputs: &Inputs) -> Vec<(String, Inputs)> {
    let mut v = Vec::new();
    let ram = inputs.hardware.ram_gib.unwrap_or(32.0);
    let mut more_ram = inputs.clone();
    more_ram.hardware.ram_gib = Some(ram * 2.0);
    v.push((format!("RAM doubled to {} GiB", ram * 2.0), more_ram));
    if let Some((id, n)) = inputs.hardware.gpus.first() {
        let is_gpu = catalog::gpu(id).is_some_and(|g| g.kind == DeviceKind::Gpu);
        if is_gpu {
            let mut two = inputs.clone();
            two.hardware.gpus[0].1 = n + 1;
            v.push((format!("{} GPUs instead of {n}", n + 1), two));
        }
    }
    if inputs.ctx > 2048 {
        let mut short = inputs.clone();
        short.ctx = (inputs.ctx / 2).max(2048);
        v.push((format!("context lowered to {}", fmt_ctx(short.ctx)), short));
    }
    v
}

/// One column of the compare view.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareColumn {
    /// Model, quant and hardware in one line.
    pub title: String,
    /// `(label, value)` figures in a fixed order.
    pub figures: Vec<(&'static str, String)>,
    /// The verdict.
    pub verdict: Option<Verdict>,
    /// Why there are no figures.
    pub error: Option<String>,
}

/// Figures of one configuration for the compare view.
pub fn compare_column(inputs: &Inputs, unit: ByteUnit) -> CompareColumn {
    let title = format!(
        "{} · {} · {} · {}",
        model_short(&inputs.model),
        inputs.quant,
        fmt_ctx(inputs.ctx),
        hardware_label(&inputs.hardware)
    );
    match evaluate(inputs) {
        Err(e) => CompareColumn {
            title,
            figures: Vec::new(),
            verdict: None,
            error: Some(e),
        },
        Ok(ev) => {
            let e = &ev.estimate;
            let mut figures = alloc::vec![
                ("Total memory", fmt_bytes(e.total_bytes, unit)),
                ("Weights", fmt_bytes(e.weights_bytes, unit)),
                ("KV cache", fmt_bytes(e.kv_bytes, unit)),
                (
                    "Compute + overhead",
                    fmt_bytes(e.compute_bytes + e.output_bytes + e.overhead_bytes, unit)
                ),
                ("File size", fmt_bytes(e.file_bytes, unit)),
                ("Largest context", max_ctx_text(e)),
                ("Generation", fmt_tps(e.decode_tokens_per_s)),
                ("Prompt processing", fmt_tps(e.prefill_tokens_per_s)),
            ];
            figures.push(("Layers on GPU", format!("-ngl {}", e.ngl)));
            CompareColumn {
                title,
                figures,
                verdict: Some(verdict(e, unit)),
                error: None,
            }
        }
    }
}

fn model_short(m: &ModelRef) -> String {
    match model_row(m) {
        Some(r) => String::from(r.name),
        None => match m {
            ModelRef::Catalog(s) | ModelRef::HfRepo(s) => s.clone(),
        },
    }
}

/// Hardware in a few words (`2× GeForce RTX 3090`, `24 GiB custom GPU`).
pub fn hardware_label(hw: &HardwareInputs) -> String {
    if hw.gpus.is_empty() {
        return match hw.vram_gib {
            Some(v) => format!("{v} GiB custom GPU"),
            None => String::from("CPU only"),
        };
    }
    let mut s = String::new();
    for (i, (id, n)) in hw.gpus.iter().enumerate() {
        if i > 0 {
            s.push_str(" + ");
        }
        if *n > 1 {
            s.push_str(&format!("{n}× "));
        }
        s.push_str(catalog::gpu(id).map(|g| g.name).unwrap_or(id));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn dev(name: &str, kind: UseKind, cap: u64, parts: [u64; 4]) -> DeviceUse {
        DeviceUse {
            name: name.into(),
            kind,
            capacity_bytes: cap,
            used_bytes: parts.iter().sum(),
            weights_bytes: parts[0],
            kv_bytes: parts[1],
            compute_bytes: parts[2],
            overhead_bytes: parts[3],
            n_layers: 0,
        }
    }

    fn est(fit: Fit, devices: Vec<DeviceUse>) -> Estimate {
        Estimate {
            params: 0,
            active_params: 0,
            file_bytes: 0,
            weights_bytes: 0,
            kv_bytes: 0,
            recurrent_state_bytes: 0,
            compute_bytes: 0,
            output_bytes: 0,
            overhead_bytes: 0,
            total_bytes: 0,
            devices,
            fit,
            max_ctx_that_fits: 0,
            decode_tokens_per_s: 0.0,
            prefill_tokens_per_s: 0.0,
            n_ctx: 0,
            ngl: 0,
            n_cpu_moe: 0,
            warnings: vec![],
            confidence: Confidence::Exact,
        }
    }

    const G: u64 = crate::units::GB;

    #[test]
    fn slider_stops_are_log_spaced() {
        assert_eq!(ctx_stop_index(2048), 0);
        assert_eq!(ctx_stop_index(32_768), 4);
        // 40000 is log2 15.29; 32K is 15, 64K is 16: nearer to 32K.
        assert_eq!(ctx_stop_index(40_000), 4);
        // 50000 is log2 15.61: nearer to 64K.
        assert_eq!(ctx_stop_index(50_000), 5);
        assert_eq!(ctx_stop_index(1), 0);
        assert_eq!(ctx_stop_index(u64::MAX), 9);
        assert_eq!(ctx_at_stop(99), 1_048_576);
    }

    #[test]
    fn context_labels() {
        assert_eq!(fmt_ctx(2048), "2K");
        assert_eq!(fmt_ctx(131_072), "128K");
        assert_eq!(fmt_ctx(1_048_576), "1M");
        assert_eq!(fmt_ctx(1_010_000), "1.01M");
        assert_eq!(fmt_ctx(1000), "1000");
    }

    #[test]
    fn digit_groups() {
        assert_eq!(group_digits(37_632), "37,632");
        assert_eq!(group_digits(1_048_575), "1,048,575");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(0), "0");
    }

    #[test]
    fn speed_labels() {
        assert_eq!(fmt_tps(142.4), "142 tok/s");
        assert_eq!(fmt_tps(42.44), "42.4 tok/s");
        assert_eq!(fmt_tps(3.456), "3.46 tok/s");
        assert_eq!(fmt_tps(0.0), "—");
        assert_eq!(fmt_tps(f64::NAN), "—");
    }

    #[test]
    fn verdict_names_the_fullest_device() {
        // GPU: 20 of 24 GB used (83 %); RAM: 2 of 64 GB. 24 − 20 = 4 GB free.
        let e = est(
            Fit::Fits,
            vec![
                dev("RTX 4090", UseKind::Gpu, 24 * G, [18 * G, G, G / 2, G / 2]),
                dev("RAM", UseKind::Cpu, 64 * G, [2 * G, 0, 0, 0]),
            ],
        );
        let v = verdict(&e, ByteUnit::Gb);
        assert_eq!(v.icon, "✓");
        assert_eq!(
            v.reason,
            "Needs 20.00 GB of 24.00 GB on RTX 4090 (the fullest device); 4.00 GB stays free."
        );
        // 30 GB on a 24 GB card: 6 GB too much.
        let e = est(
            Fit::No,
            vec![dev("RTX 3090", UseKind::Gpu, 24 * G, [28 * G, 2 * G, 0, 0])],
        );
        let v = verdict(&e, ByteUnit::Gb);
        assert_eq!(v.headline, "Does not fit");
        assert_eq!(
            v.reason,
            "Needs 30.00 GB on RTX 3090, which has 24.00 GB: 6.00 GB too much."
        );
    }

    #[test]
    fn bars_scale_to_the_larger_of_capacity_and_use() {
        // 30 GB used on 24 GB: the scale is 30, capacity at 24/30 = 0.8,
        // weights 15/30 = 0.5.
        let e = est(
            Fit::No,
            vec![dev(
                "GPU",
                UseKind::Gpu,
                24 * G,
                [15 * G, 10 * G, 3 * G, 2 * G],
            )],
        );
        let b = &device_bars(&e, ByteUnit::Gb)[0];
        assert!((b.capacity_frac - 0.8).abs() < 1e-12);
        assert!((b.segments[0].frac - 0.5).abs() < 1e-12);
        assert!(b.over);
        assert_eq!(b.summary, "30.00 GB of 24.00 GB, over by 6.00 GB");
        // An unused RAM device gets no bar; an unused GPU does.
        let e = est(
            Fit::Fits,
            vec![
                dev("GPU", UseKind::Gpu, 24 * G, [0; 4]),
                dev("RAM", UseKind::Cpu, 8 * G, [0; 4]),
            ],
        );
        assert_eq!(device_bars(&e, ByteUnit::Gb).len(), 1);
    }

    #[test]
    fn first_passing_finds_the_boundary() {
        // Indices 3.. pass; every probe is counted.
        let mut probes = 0;
        let r = first_passing(0, 6, |i| {
            probes += 1;
            (i >= 3).then_some(i * 10)
        });
        assert_eq!(r, Some((3, 30)));
        // hi, then mids 3, 1, 2: four probes instead of up to seven.
        assert_eq!(probes, 4);
        assert_eq!(first_passing(0, 6, |_| None::<u8>), None);
        assert_eq!(first_passing(2, 6, Some), Some((2, 2)));
        assert_eq!(first_passing(5, 4, Some), None);
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(24.0), 5.0);
        assert_eq!(nice_step(9.0), 2.0);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn chart_maps_log_context_and_linear_memory() {
        let p = |ctx, gb| CtxPoint {
            ctx,
            total_bytes: gb * G,
            fit: Fit::Fits,
        };
        let pts = [p(2048, 10), p(8192, 12), p(32_768, 20)];
        let c = ctx_chart(&pts, &[(24 * G, "GPU")], Some((8192, 12 * G)), ByteUnit::Gb);
        // x: log2 from 11 to 15; 8192 = 2^13 is half way.
        assert!((c.points[1].0 - 0.5).abs() < 1e-12);
        // y: max is 24 × 1.05 = 25.2 GB, step 10 → top 30; 12 GB is 0.4.
        assert!((c.points[1].1 - 0.4).abs() < 1e-12);
        assert!((c.capacities[0].0 - 0.8).abs() < 1e-12);
        assert_eq!(c.y_ticks.last().map(|t| t.1.as_str()), Some("30 GB"));
        assert_eq!(
            c.marker.as_ref().map(|m| m.2.as_str()),
            Some("8K: 12.00 GB")
        );
    }
}
