//! The catalog-wide views: quant table, hardware tiers, recommendations
//! and compare columns.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::catalog::tiers::HardwareTier;
use crate::catalog::{self, Model};
use crate::device::DeviceKind;
use crate::estimate::{Estimate, Fit, UseKind};
use crate::inputs::{HardwareInputs, Inputs, ModelRef, RuntimeId};
use crate::resolve_inputs::resolve;
use crate::units::{fmt_bytes, ByteUnit};

use super::*;

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
pub(super) fn first_passing<T>(
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
