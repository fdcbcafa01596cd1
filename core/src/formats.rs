//! Non-GGUF weight formats: FP8, AWQ/GPTQ int4, bitsandbytes NF4, MLX
//! affine, EXL2/EXL3, and 16-bit safetensors.
//!
//! Each format stores its quantized linear layers at a fixed cost per
//! weight plus per-group metadata; embeddings, norms, routers and (by each
//! format's convention) the LM head stay in 16 bits. The conventions below
//! cite their source or are marked as assumptions.

use alloc::string::String;

use crate::arch::Arch;
use crate::quant::{is_quantizable, plan_with};
use crate::tensors::{BlockLayouts, KindSet, Tensor, TensorKind};
use crate::weights::{Confidence, WeightPlan};

/// A non-GGUF weight format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// FP8 E4M3 weights with one f32 scale per 128×128 block (DeepSeek /
    /// Qwen "FP8" checkpoints: `weight_block_size: [128, 128]`).
    Fp8,
    /// AWQ int4, group 128: per group one f16 scale and one 4-bit zero.
    Awq,
    /// GPTQ int4, group 128: f16 scale + 4-bit zero per group, plus an
    /// int32 `g_idx` per input channel.
    Gptq,
    /// bitsandbytes NF4: blocks of 64 with an absmax; double quantization
    /// stores that absmax in 8 bits plus one f32 per 256 blocks.
    Nf4,
    /// MLX affine quantization at `bits`, group 64: a 16-bit scale and bias
    /// per group (bits + 32/64 per weight).
    Mlx {
        /// Bits per weight (2, 3, 4, 5, 6 or 8).
        bits: u8,
    },
    /// ExLlamaV2 at an average bits per weight (in hundredths).
    Exl2 {
        /// Target bits per weight × 100.
        centi_bpw: u16,
    },
    /// ExLlamaV3 at an average bits per weight (in hundredths).
    Exl3 {
        /// Target bits per weight × 100.
        centi_bpw: u16,
    },
    /// Unquantized 16-bit safetensors (BF16/F16).
    Safetensors16,
}

impl Format {
    /// Parse `FP8`, `AWQ`, `GPTQ`, `NF4`, `MLX-4bit`, `MLX-8bit`,
    /// `EXL2-4.5`, `EXL3-4.0`, `safetensors` (ASCII case-insensitive).
    pub fn parse(s: &str) -> Option<Format> {
        let u = s.trim().to_ascii_uppercase();
        match u.as_str() {
            "FP8" | "FP8-DYNAMIC" => return Some(Format::Fp8),
            "AWQ" | "AWQ-INT4" => return Some(Format::Awq),
            "GPTQ" | "GPTQ-INT4" => return Some(Format::Gptq),
            "NF4" | "BNB-NF4" | "BNB-4BIT" => return Some(Format::Nf4),
            "SAFETENSORS" | "SAFETENSORS-BF16" | "ST-BF16" | "FP16-SAFETENSORS" => {
                return Some(Format::Safetensors16)
            }
            _ => {}
        }
        if let Some(b) = u.strip_prefix("MLX-").and_then(|r| r.strip_suffix("BIT")) {
            let bits: u8 = b.parse().ok()?;
            return matches!(bits, 2 | 3 | 4 | 5 | 6 | 8).then_some(Format::Mlx { bits });
        }
        let (exl3, rest) = if let Some(r) = u.strip_prefix("EXL2-") {
            (false, r)
        } else if let Some(r) = u.strip_prefix("EXL3-") {
            (true, r)
        } else {
            return None;
        };
        let centi = parse_centi(rest.strip_suffix("BPW").unwrap_or(rest))?;
        if !(100..=800).contains(&centi) {
            return None;
        }
        Some(if exl3 {
            Format::Exl3 { centi_bpw: centi }
        } else {
            Format::Exl2 { centi_bpw: centi }
        })
    }

    /// How sure a plan in this format is.
    pub fn confidence(&self) -> Confidence {
        match self {
            Format::Safetensors16 => Confidence::Exact,
            Format::Exl2 { .. } | Format::Exl3 { .. } => Confidence::Approximate,
            _ => Confidence::Estimated,
        }
    }

    /// Bits (× 1/1024 for precision) per weight of a quantized linear layer
    /// with rows of `ne0`, and whether the layer would be quantized at all.
    fn linear_bits_x1024(self, ne0: u64) -> Option<u64> {
        let x = 1024u64;
        match self {
            // 8 bits + 32-bit scale per 128×128 = 16384 weights.
            Format::Fp8 => Some(8 * x + 32 * x / 16384),
            // 4 bits + (16-bit scale + 4-bit zero) per 128 weights.
            Format::Awq | Format::Gptq if ne0.is_multiple_of(128) => Some(4 * x + 20 * x / 128),
            // 4 bits + 8-bit absmax per 64 + f32 per 64×256.
            Format::Nf4 if ne0.is_multiple_of(64) => Some(4 * x + 8 * x / 64 + 32 * x / (64 * 256)),
            Format::Mlx { bits } if ne0.is_multiple_of(64) => {
                Some(u64::from(bits) * x + 32 * x / 64)
            }
            Format::Exl2 { centi_bpw } | Format::Exl3 { centi_bpw } => {
                Some(u64::from(centi_bpw) * x / 100)
            }
            _ => None,
        }
    }
}

fn parse_centi(s: &str) -> Option<u16> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let w: u16 = whole.parse().ok()?;
    let f: u16 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u16>().ok()? * 10,
        2 => frac.parse().ok()?,
        _ => return None,
    };
    w.checked_mul(100)?.checked_add(f)
}

/// Bytes of `t` in format `f`.
///
/// Conventions: FP8/AWQ/GPTQ/NF4/EXL keep `token_embd` and the LM head in
/// 16 bits (AutoAWQ/GPTQModel/bitsandbytes skip `lm_head` and embeddings;
/// assumption for FP8 checkpoints, which list `lm_head` in
/// `ignored_layers`); EXL2/EXL3 store the head at 6 bits (their converters'
/// default `head_bits`, assumption). MLX quantizes embeddings and the head
/// too (mlx-lm's default predicate quantizes every `Linear` and `Embedding`
/// whose width divides the group, assumption). Routers (`ffn_gate_inp`) stay
/// 16-bit everywhere. GPTQ adds a 4-byte `g_idx` per input channel.
pub(crate) fn tensor_bytes(f: Format, t: &Tensor) -> u64 {
    let n = t.n_elements();
    let bf16 = n.saturating_mul(2);
    let quantizable = is_quantizable(t) || t.kind == TensorKind::PerLayerModelProj;
    if f == Format::Safetensors16 || !quantizable {
        return bf16;
    }
    let embed_or_head = matches!(
        t.kind,
        TensorKind::TokenEmbd | TensorKind::Output | TensorKind::PerLayerTokenEmbd
    );
    let bits = match (f, embed_or_head) {
        (Format::Mlx { .. }, _) | (_, false) => f.linear_bits_x1024(t.ne[0]),
        (Format::Exl2 { .. } | Format::Exl3 { .. }, true) if t.kind == TensorKind::Output => {
            Some(6 * 1024)
        }
        _ => None,
    };
    match bits {
        Some(b) => {
            let extra = if f == Format::Gptq { t.ne[0] * 4 } else { 0 };
            (u128::from(n) * u128::from(b) / (8 * 1024)) as u64 + extra
        }
        None => bf16,
    }
}

/// Plan `arch` stored in format `f`.
pub fn plan(arch: &Arch, f: &Format) -> WeightPlan {
    let f = *f;
    // Every tensor's bytes follow from its kind and shape.
    let layouts = BlockLayouts::new(arch);
    let mut plan = plan_with(arch, &layouts, KindSet::of(|_| true), |t| {
        tensor_bytes(f, t)
    });
    // Safetensors/MLX files are the tensors plus a small JSON header.
    plan.file_bytes = plan.stored_bytes(arch.tied_embeddings);
    plan.confidence = f.confidence();
    if matches!(f, Format::Exl2 { .. } | Format::Exl3 { .. }) {
        plan.notes.push(String::from(
            "EXL bits per weight are an average over layers; the head is assumed at 6 bits",
        ));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_user_names() {
        assert_eq!(Format::parse("FP8"), Some(Format::Fp8));
        assert_eq!(Format::parse("mlx-4bit"), Some(Format::Mlx { bits: 4 }));
        assert_eq!(Format::parse("MLX-8bit"), Some(Format::Mlx { bits: 8 }));
        assert_eq!(
            Format::parse("EXL2-4.5"),
            Some(Format::Exl2 { centi_bpw: 450 })
        );
        assert_eq!(
            Format::parse("EXL3-4.0"),
            Some(Format::Exl3 { centi_bpw: 400 })
        );
        assert_eq!(
            Format::parse("EXL2-4.55"),
            Some(Format::Exl2 { centi_bpw: 455 })
        );
        assert_eq!(Format::parse("EXL2-99"), None);
        assert_eq!(Format::parse("MLX-7bit"), None);
        assert_eq!(Format::parse("Q4_K_M"), None);
    }

    #[test]
    fn fp8_block_scales_by_hand() {
        // 4096 × 4096 FP8 weights (1 byte each) plus one f32 scale per
        // 128 × 128 block: 16,777,216 + 1,024 blocks × 4 = 16,781,312 bytes.
        let t = Tensor {
            kind: TensorKind::AttnQ,
            block: 0,
            ne: [4096, 4096, 1],
        };
        assert_eq!(tensor_bytes(Format::Fp8, &t), 16_781_312);
        // AWQ int4 g128: 4 bits + (16-bit scale + 4-bit zero) / 128 per weight:
        // 8,388,608 + 131,072 groups × 2.5 bytes = 8,716,288.
        assert_eq!(tensor_bytes(Format::Awq, &t), 8_716_288);
    }

    #[test]
    fn mlx_4bit_is_4_5_bits() {
        // sizing-facts §7: bits + 32/group = 4 + 32/64 = 4.5 bpw.
        let t = Tensor {
            kind: TensorKind::AttnQ,
            block: 0,
            ne: [4096, 4096, 1],
        };
        assert_eq!(
            tensor_bytes(Format::Mlx { bits: 4 }, &t),
            4096 * 4096 * 9 / 16
        );
    }
}
