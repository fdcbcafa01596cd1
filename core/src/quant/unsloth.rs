//! Unsloth "UD-" (Dynamic 2.0) mixes, approximated.
//!
//! No public per-tensor recipe exists (sizing-facts §3): the files are made
//! with `llama-quantize --tensor-type` overrides on top of a base ftype. We
//! plan them from the base ftype's rules, calibrated against published
//! sizes, and mark the result [`Confidence::Approximate`].
//!
//! Model: the base ftype's plan with every tensor scaled by a per-mix
//! factor, separately for dense and MoE models. The factors are the ratios
//! of published UD file sizes to the base-type plans for Unsloth's Qwen3-32B
//! (dense) and Qwen3-30B-A3B (MoE) uploads of 2025 (exact byte sizes in
//! `validation/file-sizes.json`); they are in-sample calibration, not rules,
//! and other models deviate by ±10% or more (see the UD rows there).

use alloc::string::String;

use crate::arch::Arch;
use crate::ggml::GgmlType;
use crate::tensors::{BlockLayouts, Tensor};
use crate::weights::{Confidence, WeightPlan};

use super::{plan_with, FileType, GgufOptions, QuantChoice};

/// Parse the part after `UD-` (`Q4_K_XL`, `IQ2_M`, `Q4_K_M`...).
pub(super) fn parse(rest: &str) -> Option<QuantChoice> {
    let upper = rest.to_ascii_uppercase();
    if let Some(stem) = upper.strip_suffix("_XL") {
        let base = match stem {
            "Q2_K" => FileType::Q2_K,
            "Q3_K" => FileType::Q3_K_M,
            "Q4_K" => FileType::Q4_K_M,
            "Q5_K" => FileType::Q5_K_M,
            "Q6_K" => FileType::Q6_K,
            "Q8_K" => FileType::Q8_0,
            _ => return None,
        };
        return Some(QuantChoice::Unsloth { base, xl: true });
    }
    FileType::from_name(&upper).map(|base| QuantChoice::Unsloth { base, xl: false })
}

/// (mix, dense factor, MoE factor) in thousandths of the base plan.
#[rustfmt::skip]
const FACTORS: [(&str, u64, u64); 11] = [
    ("Q8_K_XL", 1134, 1108),
    ("Q6_K_XL", 1077, 1050),
    ("Q5_K_XL", 1001, 1001),
    ("Q4_K_XL", 1013, 955),
    ("Q3_K_XL", 1027, 940),
    ("Q2_K_XL", 1037, 1049),
    ("IQ3_XXS", 997, 1085),
    ("IQ2_M", 1017, 1069),
    ("IQ2_XXS", 1029, 1267),
    ("IQ1_M", 1043, 1366),
    ("IQ1_S", 1057, 1410),
];

pub(super) fn factor(base: FileType, xl: bool, moe: bool) -> u64 {
    let name = if xl {
        match base {
            FileType::Q8_0 => "Q8_K_XL",
            FileType::Q6_K => "Q6_K_XL",
            FileType::Q5_K_M => "Q5_K_XL",
            FileType::Q4_K_M => "Q4_K_XL",
            FileType::Q3_K_M => "Q3_K_XL",
            _ => "Q2_K_XL",
        }
    } else {
        base.name()
    };
    FACTORS
        .iter()
        .find(|r| r.0 == name)
        .map_or(1000, |r| if moe { r.2 } else { r.1 })
}

/// Bytes of `t` stored as `ty` in a UD mix whose quantized tensors are
/// scaled by `k / 1000`.
pub(super) fn scaled_bytes(ty: GgmlType, t: &Tensor, k: u64) -> u64 {
    let bytes = ty.tensor_bytes(t.ne[0], t.n_rows());
    if ty.is_quantized() {
        (u128::from(bytes) * u128::from(k) / 1000) as u64
    } else {
        bytes
    }
}

/// Plan a UD mix.
pub(super) fn plan(arch: &Arch, base: FileType, xl: bool) -> WeightPlan {
    let k = factor(base, xl, arch.n_expert() > 1);
    let layouts = BlockLayouts::new(arch);
    let mut rules = super::rules_with(arch, &layouts, base, GgufOptions::default());
    let stateless = rules.stateless();
    let mut plan = plan_with(arch, &layouts, stateless, |t: &Tensor| {
        scaled_bytes(rules.tensor_type(t), t, k)
    });
    plan.confidence = Confidence::Approximate;
    plan.notes.push(String::from(
        "Unsloth dynamic mix: base type scaled by a factor calibrated on published UD sizes",
    ));
    plan
}
