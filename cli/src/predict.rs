//! Predicting one validation row with the engine.
//!
//! The row's configuration is turned into command-line [`Opts`] (model by
//! Hugging Face repo, quant, context, parallel, KV, flash attention,
//! ubatch, device), resolved like `headroom estimate` would, and the named
//! figure is read from the estimate. Speed rows are predicted at the depth
//! the benchmark measured: llama-bench `tgN` at N/2 tokens of context (the
//! mean over generating N tokens from an empty context), `ppN` with a
//! context of N, other harnesses' decode rates at [`HARNESS_DEPTH`] tokens.

use headroom_core::catalog::models;
use headroom_core::estimate::estimate;
use headroom_core::inputs::{FlashAttn, Inputs};

use crate::args::parse_kv;
use crate::engine;
use crate::opts::{model_ref, normalize_quant, ModelSource, Opts};
use crate::validate::{Check, Outcome, Row};

/// Depth at which decode rates from chat-style harnesses are predicted: a
/// short prompt plus a few hundred generated tokens.
pub const HARNESS_DEPTH: u64 = 256;

/// Context used for rows whose figure does not depend on it.
const NEUTRAL_CTX: u64 = 4096;

/// Quant used for memory rows whose quant is not a recognised name and whose
/// figure does not depend on the weights (KV, recurrent state, output buffer).
const NEUTRAL_QUANT: &str = "Q4_K_M";

fn skip(why: impl Into<String>) -> Outcome {
    Outcome::Skipped(why.into())
}

/// The llama-bench test size: `tg128` → ("tg", 128).
fn bench_test(t: &str) -> Option<(&str, u64)> {
    let (kind, n) = (t.get(..2)?, t.get(2..)?);
    n.parse::<u64>()
        .ok()
        .filter(|n| *n > 0 && *n <= 1 << 20)
        .map(|n| (kind, n))
}

/// Predicts `r`.
pub fn predict(r: &Row) -> Outcome {
    let Some(m) = models::model_by_hf(&r.model_hf) else {
        return skip("model not in the catalog");
    };
    let weights_matter = matches!(
        r.check,
        Check::FileStd
            | Check::FileUd
            | Check::FileUnsloth
            | Check::Weights
            | Check::TotalGpu
            | Check::GpuSelf
            | Check::Decode
            | Check::Prefill
    );
    let named = normalize_quant(&r.quant);
    if let Some(bytes) = file_bytes_as_published(r, m, &named) {
        return Outcome::Predicted(bytes);
    }
    let quant_ok = headroom_core::quant::QuantChoice::parse(&named).is_ok();
    let quant = match (quant_ok, weights_matter) {
        (true, _) => named,
        (false, false) => NEUTRAL_QUANT.to_string(),
        (false, true) => {
            return skip(format!(
                "quantization {:?} is not a name the engine plans",
                r.quant
            ))
        }
    };
    if r.n_rs_seq > 0 && r.check == Check::Recurrent {
        return skip("speculative-decoding rollback snapshots (n_rs_seq > 0) are not modelled");
    }
    let needs_ctx = matches!(
        r.check,
        Check::Kv | Check::Output | Check::Compute | Check::TotalGpu | Check::GpuSelf
    );
    let mut ctx = r.ctx;
    let mut depth = None;
    let mut ubatch = r.ubatch;
    if matches!(r.check, Check::Decode | Check::Prefill) {
        match r.test.as_deref().and_then(bench_test) {
            Some(("tg", n)) => {
                ctx = ctx.or(Some(n));
                depth = Some(n / 2);
            }
            Some(("pp", n)) => {
                ctx = ctx.or(Some(n));
                ubatch = ubatch.or(Some(512));
            }
            _ => depth = Some(HARNESS_DEPTH),
        }
    }
    let ctx = match (ctx, needs_ctx) {
        (Some(c), _) => c,
        (None, true) => return skip("context not reported"),
        (None, false) => r.ctx.unwrap_or(NEUTRAL_CTX),
    };
    let kv = match parse_kv("kv-type", &r.kv_type) {
        Ok(k) => k,
        Err(_) => return skip(format!("KV type {:?} is not modelled", r.kv_type)),
    };
    let mut inputs = Inputs {
        model: model_ref(m.id),
        quant: quant.clone(),
        ctx: ctx.max(1),
        parallel: r.parallel,
        kv_unified: r.kv_unified,
        kv_type_k: kv,
        kv_type_v: kv,
        flash_attn: match r.flash_attn {
            Some(true) => FlashAttn::On,
            Some(false) => FlashAttn::Off,
            None => FlashAttn::Auto,
        },
        ubatch: ubatch.unwrap_or(512),
        ..Inputs::default()
    };
    inputs.hardware.gpus.clear();
    match &r.device {
        Some(d) => {
            if headroom_core::catalog::gpus::gpu(d).is_none() {
                return skip(format!("device {d:?} not in the hardware catalog"));
            }
            inputs.hardware.gpus.push((d.clone(), 1));
        }
        None if matches!(
            r.check,
            Check::Decode | Check::Prefill | Check::TotalGpu | Check::GpuSelf | Check::Compute
        ) =>
        {
            return skip("device not reported");
        }
        // Memory totals that do not depend on placement: one large custom GPU.
        None => inputs.hardware.vram_gib = Some(4096.0),
    }
    let opts = Opts {
        model: Some(ModelSource::Id(m.id.to_string())),
        inputs,
        quant_given: true,
        ctx_given: true,
        hardware_given: true,
        json: false,
        unit: Default::default(),
        verbose: false,
        dir: None,
        markdown: false,
        count: false,
        words: Vec::new(),
    };
    let mut res = match engine::resolve(&opts, &quant) {
        Ok(r) => r,
        Err(e) => return skip(e.to_string()),
    };
    res.scenario.decode_depth = depth;
    let e = estimate(&res.scenario);
    let v = match r.check {
        Check::FileStd | Check::FileUnsloth | Check::FileUd => e.file_bytes as f64,
        Check::Weights => e.file_bytes as f64,
        Check::Kv => e.kv_bytes as f64,
        Check::Recurrent => e.recurrent_state_bytes as f64,
        Check::Output => e.output_bytes as f64,
        Check::Compute => e
            .devices
            .iter()
            .find(|d| d.kind == headroom_core::estimate::UseKind::Gpu)
            .map_or(0.0, |d| d.compute_bytes as f64),
        Check::TotalGpu => e
            .devices
            .iter()
            .filter(|d| d.kind == headroom_core::estimate::UseKind::Gpu)
            .map(|d| d.used_bytes as f64)
            .sum(),
        // llama.cpp's own buffers on the (first) GPU, without the driver
        // overhead that its memory breakdown reports as "unaccounted".
        Check::GpuSelf => e
            .devices
            .iter()
            .find(|d| d.kind == headroom_core::estimate::UseKind::Gpu)
            .map_or(0.0, |d| {
                (d.weights_bytes + d.kv_bytes + d.compute_bytes) as f64
            }),
        Check::Decode => e.decode_tokens_per_s,
        Check::Prefill => e.prefill_tokens_per_s,
    };
    if !(v.is_finite() && v > 0.0) {
        return skip("the engine gives no figure for this configuration");
    }
    Outcome::Predicted(v)
}

/// File size of a standard llama-quantize type under the rules of the
/// llama.cpp version that made the file (rule era and importance matrix, as
/// the row records them); `None` for other checks and formats.
fn file_bytes_as_published(r: &Row, m: &models::Model, quant: &str) -> Option<f64> {
    use headroom_core::quant::{plan_weights, GgufOptions, QuantChoice, RulesEra};
    if !matches!(r.check, Check::FileStd | Check::FileUnsloth) {
        return None;
    }
    let QuantChoice::Gguf { ftype, .. } = QuantChoice::parse(quant).ok()? else {
        return None;
    };
    let arch = headroom_core::arch::Arch::from_hf(&m.config).ok()?;
    let era = if r.rules_pre_2026_03 {
        RulesEra::Pre2026_03
    } else {
        RulesEra::Current
    };
    let options = GgufOptions {
        era,
        imatrix: r.imatrix,
    };
    Some(plan_weights(&arch, &QuantChoice::Gguf { ftype, options }).file_bytes as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_tests_parse() {
        assert_eq!(bench_test("tg128"), Some(("tg", 128)));
        assert_eq!(bench_test("pp512"), Some(("pp", 512)));
        assert_eq!(bench_test("decode"), None);
        // A multi-byte character across the split point: no panic.
        assert_eq!(bench_test("aé1"), None);
    }
}
