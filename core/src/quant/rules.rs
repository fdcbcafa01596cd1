//! llama-quantize's per-tensor type selection (sizing-facts §2.2–2.6).
//!
//! [`Rules`] holds the model-wide facts the rules read (ftype, `n_gqa`,
//! `n_expert`, the 70B flag, tied embeddings, imatrix, rule era) and the
//! running counters; [`Rules::tensor_type`] is called per tensor in
//! weights-map order, as llama-quantize walks the model. Only the kinds
//! outside [`Rules::stateless`] read a counter or the block number, so only
//! they need every tensor, in order; the others may be typed once per shape.

use crate::arch::{Arch, Attn, LlamaArch};
use crate::ggml::GgmlType;
use crate::tensors::{KindSet, Tensor, TensorKind, N_KINDS};

use super::{FileType, GgufOptions, RulesEra};

/// `tensor_get_category` (§2.3), decided by kind instead of by name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Category {
    Output,
    TokenEmbd,
    AttnQkv,
    AttnKvB,
    AttnV,
    AttnK,
    AttnQ,
    AttnOutput,
    FfnUp,
    FfnGate,
    FfnDown,
    Other,
}

fn category(kind: TensorKind) -> Category {
    use TensorKind as K;
    match kind {
        K::Output => Category::Output,
        K::TokenEmbd | K::PerLayerTokenEmbd => Category::TokenEmbd,
        K::AttnQkv => Category::AttnQkv,
        K::AttnKvB => Category::AttnKvB,
        K::AttnV => Category::AttnV,
        K::AttnK => Category::AttnK,
        K::AttnQ => Category::AttnQ,
        K::AttnOutput => Category::AttnOutput,
        K::FfnUp | K::FfnUpExps | K::FfnUpShexp => Category::FfnUp,
        K::FfnGate | K::FfnGateExps | K::FfnGateShexp | K::FfnGateUpExps => Category::FfnGate,
        K::FfnDown | K::FfnDownExps | K::FfnDownShexp => Category::FfnDown,
        _ => Category::Other,
    }
}

/// `tensor_allows_quantization` (§2.2).
pub fn is_quantizable(t: &Tensor) -> bool {
    use TensorKind as K;
    if t.n_dims() < 2 || !t.kind.is_weight() || t.kind.is_norm() {
        return false;
    }
    !matches!(
        t.kind,
        K::FfnGateInp
            | K::AltupCorrectCoef
            | K::AltupPredictCoef
            | K::AltupProj
            | K::AltupRouter
            | K::AltupUnembdProj
            | K::LaurelL
            | K::LaurelR
            | K::PerLayerModelProj
            | K::SsmConv1d
            | K::ShortconvConv
            | K::IndexerKProj
            | K::IndexerQProj
    )
}

/// The type the converter writes for a tensor that is never quantized:
/// F32 for 1-D tensors, norms, routers, convolution kernels and biases
/// (§2.2 converter-side types); other small matrices keep the 16-bit
/// source type (assumption: converted with `--outtype bf16`/`f16`).
pub fn source_type(t: &Tensor) -> GgmlType {
    use TensorKind as K;
    let f32_kind = matches!(
        t.kind,
        K::FfnGateInp
            | K::FfnGateInpShexp
            | K::SsmConv1d
            | K::ShortconvConv
            | K::AltupCorrectCoef
            | K::AltupPredictCoef
            | K::IndexerKProj
            | K::IndexerQProj
            | K::SsmA
            | K::SsmD
    );
    if t.n_dims() < 2 || f32_kind || !t.kind.is_weight() {
        GgmlType::F32
    } else {
        GgmlType::F16
    }
}

/// `use_more_bits(i, n)`.
pub fn use_more_bits(i: u64, n: u64) -> bool {
    i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2
}

/// Model-wide inputs and running counters of llama-quantize.
pub struct Rules {
    ftype: FileType,
    default: GgmlType,
    options: GgufOptions,
    n_gqa: u64,
    n_expert: u64,
    is_70b: bool,
    tied: bool,
    /// attn_v-like tensors in the model.
    n_attention_wv: u64,
    /// `block_count`, MTP blocks included.
    n_layer_all: u64,
    i_attention_wv: u64,
    i_ffn_down: u64,
    i_ffn_gate: u64,
    i_ffn_up: u64,
    /// Kinds whose type depends on the tensor alone, not on its place in
    /// the walk (see [`Rules::stateless`]).
    stateless: KindSet,
    /// Types already decided for stateless kinds, keyed by `(ne0, n_dims)`:
    /// most tensors repeat per layer with the same shape.
    cache: [Option<(u64, u32, GgmlType)>; N_KINDS],
}

impl Rules {
    /// Rules for `arch` at `ftype`; `n_attention_wv` is the number of
    /// attn_v-like tensors (attn_v, attn_qkv, attn_kv_b) in the inventory.
    pub fn new(arch: &Arch, ftype: FileType, options: GgufOptions, n_attention_wv: u64) -> Rules {
        let n_gqa = match arch.layers.first().map(|l| l.attn) {
            Some(Attn::Standard(a)) => a.n_head / a.n_head_kv.max(1),
            Some(Attn::Mla(m)) => m.n_head,
            Some(Attn::Compressed(c)) => c.n_head,
            // Gated-delta-net hybrids keep scalar head counts in GGUF.
            Some(Attn::Recurrent(_)) if is_gdn(arch.arch) => arch
                .layers
                .iter()
                .find_map(|l| match l.attn {
                    Attn::Standard(a) => Some(a.n_head / a.n_head_kv.max(1)),
                    _ => None,
                })
                .unwrap_or(0),
            _ => 0,
        };
        let is_70b = arch.arch == LlamaArch::Llama
            && arch.n_layer() == 80
            && matches!(arch.layers.first().map(|l| l.attn),
                Some(Attn::Standard(a)) if a.n_head != a.n_head_kv);
        Rules {
            ftype,
            default: ftype.default_type(),
            options,
            n_gqa,
            n_expert: arch.n_expert(),
            is_70b,
            tied: arch.tied_embeddings,
            n_attention_wv,
            n_layer_all: arch.n_layer() + arch.n_nextn_layers,
            i_attention_wv: 0,
            i_ffn_down: 0,
            i_ffn_gate: 0,
            i_ffn_up: 0,
            stateless: KindSet::of(|kind| stateless_kind(ftype, kind)),
            cache: [None; N_KINDS],
        }
    }

    /// The kinds whose type depends only on the kind and the shape (`ne0`,
    /// `n_dims`), never on a counter or a block number: tensors of these
    /// kinds may be typed in any order, or once per distinct shape.
    pub fn stateless(&self) -> KindSet {
        self.stateless
    }

    /// Whether a tensor counts as attn_v-like for `n_attention_wv`.
    pub fn is_attn_v_like(kind: TensorKind) -> bool {
        matches!(
            category(kind),
            Category::AttnV | Category::AttnQkv | Category::AttnKvB
        )
    }

    /// The type llama-quantize gives `t`. Tensors of kinds outside
    /// [`Rules::stateless`] must come each once, in weights-map order.
    pub fn tensor_type(&mut self, t: &Tensor) -> GgmlType {
        let k = t.kind as usize;
        let n_dims = t.n_dims();
        if let Some(Some((ne0, nd, ty))) = self.cache.get(k) {
            if *ne0 == t.ne[0] && *nd == n_dims {
                return *ty;
            }
        }
        let ty = self.decide(t);
        if self.stateless.contains(t.kind) {
            if let Some(slot) = self.cache.get_mut(k) {
                *slot = Some((t.ne[0], n_dims, ty));
            }
        }
        ty
    }

    /// [`Rules::tensor_type`] without the cache: every rule is applied.
    pub(crate) fn decide(&mut self, t: &Tensor) -> GgmlType {
        if !is_quantizable(t) {
            source_type(t)
        } else if !self.default.is_quantized() {
            self.default
        } else {
            fallback(self.rule(t), t.ne[0])
        }
    }

    /// Layer index for FFN rules: running count for dense models, block number for MoE.
    fn ffn_index(&self, counter: u64, t: &Tensor) -> u64 {
        if self.n_expert > 1 {
            u64::from(t.block)
        } else {
            counter
        }
    }

    fn rule(&mut self, t: &Tensor) -> GgmlType {
        use FileType as F;
        use GgmlType as G;
        let ft = self.ftype;
        let cat = category(t.kind);
        let old = self.options.era == RulesEra::Pre2026_03;
        let n = self.n_layer_all;
        let imatrix = self.options.imatrix;

        // R1: output, or token_embd when tied.
        let tied_embd =
            self.tied && (t.kind == TensorKind::TokenEmbd || (!old && cat == Category::TokenEmbd));
        if cat == Category::Output || tied_embd {
            if ft == F::MXFP4_MOE {
                return G::Q8_0;
            }
            if !self.default.fits_row(t.ne[0]) {
                return G::Q8_0;
            }
            if matches!(
                ft,
                F::IQ2_XXS | F::IQ2_XS | F::IQ3_XXS | F::IQ1_S | F::IQ2_S | F::IQ2_M | F::IQ1_M
            ) {
                return G::Q5_K;
            }
            return if self.default != G::Q8_0 {
                G::Q6_K
            } else {
                self.default
            };
        }
        // R2: MXFP4_MOE.
        if ft == F::MXFP4_MOE {
            return if t.ne[2] > 1 { G::MXFP4 } else { G::Q8_0 };
        }
        // R3: untied token embeddings.
        if cat == Category::TokenEmbd {
            return match ft {
                F::IQ2_XXS | F::IQ2_XS | F::IQ1_S | F::IQ1_M => G::Q2_K,
                F::IQ2_S | F::IQ2_M | F::IQ3_XXS => G::IQ3_S,
                F::TQ1_0 | F::TQ2_0 => G::Q4_K,
                _ => self.default,
            };
        }
        let attn_v_like = if old {
            cat == Category::AttnV
        } else {
            matches!(cat, Category::AttnV | Category::AttnQkv | Category::AttnKvB)
        };
        // R4: the lowest-bit i-quants.
        if matches!(
            ft,
            F::IQ2_XXS | F::IQ2_XS | F::IQ1_S | F::IQ2_S | F::IQ2_M | F::IQ1_M
        ) {
            let low = |s: &Self| {
                if matches!(s.ftype, F::IQ2_S | F::IQ2_M) {
                    G::IQ3_S
                } else {
                    G::Q2_K
                }
            };
            if attn_v_like {
                self.i_attention_wv += 1;
                return if self.n_gqa >= 4 || self.n_expert >= 4 {
                    G::Q4_K
                } else {
                    low(self)
                };
            }
            if cat == Category::AttnK && self.n_expert == 8 {
                return G::Q4_K;
            }
            if cat == Category::FfnDown {
                let i = self.i_ffn_down;
                self.i_ffn_down += 1;
                return if i < n / 8 { low(self) } else { self.default };
            }
            if cat == Category::AttnOutput {
                return if self.n_expert == 8 {
                    G::Q5_K
                } else {
                    match ft {
                        F::IQ1_S | F::IQ1_M => G::IQ2_XXS,
                        F::IQ2_S | F::IQ2_M => G::IQ3_S,
                        _ => self.default,
                    }
                };
            }
            return self.default;
        }
        // R5: attn_v-like.
        if attn_v_like {
            let i = self.i_attention_wv;
            let nv = self.n_attention_wv;
            let gqa4 = self.n_gqa >= 4;
            let mut ty = match ft {
                F::Q2_K => {
                    if gqa4 {
                        G::Q4_K
                    } else {
                        G::Q3_K
                    }
                }
                F::Q2_K_S => {
                    if gqa4 {
                        G::Q4_K
                    } else {
                        self.default
                    }
                }
                F::IQ3_XXS => {
                    if gqa4 {
                        G::Q4_K
                    } else if !imatrix {
                        G::IQ3_S
                    } else {
                        G::IQ3_XXS
                    }
                }
                F::IQ3_XS | F::IQ3_S => {
                    if gqa4 {
                        G::Q4_K
                    } else {
                        self.default
                    }
                }
                F::IQ3_M => G::Q4_K,
                F::Q3_K_M => {
                    if i < 2 {
                        G::Q5_K
                    } else {
                        G::Q4_K
                    }
                }
                F::Q3_K_L => G::Q5_K,
                F::IQ4_NL | F::IQ4_XS => {
                    if gqa4 {
                        G::Q5_K
                    } else {
                        self.default
                    }
                }
                F::Q4_K_M | F::Q5_K_M => {
                    if use_more_bits(i, nv) {
                        G::Q6_K
                    } else {
                        self.default
                    }
                }
                F::Q4_K_S => {
                    if i < 4 {
                        G::Q5_K
                    } else {
                        G::Q4_K
                    }
                }
                _ => self.default,
            };
            if self.is_70b && matches!(ty, G::Q3_K | G::Q4_K) {
                ty = G::Q5_K;
            }
            if self.n_expert == 8 {
                ty = G::Q8_0;
            }
            self.i_attention_wv += 1;
            return ty;
        }
        // Old era: n_attention_wv counted attn_qkv/attn_kv_b, the counter did not.
        // R6: attn_k.
        if cat == Category::AttnK {
            return if self.n_expert == 8 {
                G::Q8_0
            } else {
                match ft {
                    F::IQ3_XS => G::IQ3_XXS,
                    F::IQ3_XXS => G::IQ2_S,
                    _ => self.default,
                }
            };
        }
        // R7: attn_q.
        if cat == Category::AttnQ {
            return match ft {
                F::IQ3_XS => G::IQ3_XXS,
                F::IQ3_XXS => G::IQ2_S,
                _ => self.default,
            };
        }
        // R8: ffn_down.
        if cat == Category::FfnDown {
            let i = self.ffn_index(self.i_ffn_down, t);
            self.i_ffn_down += 1;
            let falcon = false; // no falcon architecture in this crate
            let more = use_more_bits(i, n);
            return match ft {
                F::Q2_K => G::Q3_K,
                F::Q2_K_S => {
                    if i < n / 8 {
                        G::Q4_K
                    } else {
                        self.default
                    }
                }
                F::IQ3_XXS if !imatrix => {
                    if i < n / 8 {
                        G::Q4_K
                    } else {
                        G::Q3_K
                    }
                }
                F::Q3_K_M => {
                    if i < n / 16 {
                        G::Q5_K
                    } else if !falcon || more {
                        G::Q4_K
                    } else {
                        G::Q3_K
                    }
                }
                F::IQ3_M => {
                    if i < n / 8 || (self.n_expert == 8 && more) {
                        G::Q4_K
                    } else {
                        self.default
                    }
                }
                F::Q3_K_L => G::Q5_K,
                F::Q4_K_M => {
                    if more {
                        G::Q6_K
                    } else {
                        G::Q4_K
                    }
                }
                F::IQ4_NL | F::IQ4_XS if !imatrix && i < n / 8 => G::Q5_K,
                F::Q5_K_M => {
                    if more {
                        G::Q6_K
                    } else {
                        self.default
                    }
                }
                F::Q4_K_S if i < n / 8 => G::Q5_K,
                F::Q4_0 if imatrix && i < n / 8 => G::Q4_1,
                F::Q5_0 if imatrix && i < n / 8 => G::Q5_1,
                _ => self.default,
            };
        }
        // R9: attn_output.
        if cat == Category::AttnOutput {
            if self.n_expert == 8 {
                return match ft {
                    F::Q2_K
                    | F::IQ3_XS
                    | F::IQ3_XXS
                    | F::Q3_K_S
                    | F::Q3_K_M
                    | F::IQ4_NL
                    | F::Q4_K_S
                    | F::Q4_K_M
                    | F::IQ3_S
                    | F::IQ3_M
                    | F::IQ4_XS => G::Q5_K,
                    _ => self.default,
                };
            }
            return match ft {
                F::Q2_K => G::Q3_K,
                F::IQ3_XXS => G::IQ3_S,
                F::Q3_K_M => G::Q4_K,
                F::Q3_K_L => G::Q5_K,
                F::IQ3_M => G::Q4_K,
                _ => self.default,
            };
        }
        // R10 (old era only): attn_qkv.
        if old && cat == Category::AttnQkv {
            return match ft {
                F::Q3_K_M | F::Q3_K_L | F::IQ3_M => G::Q4_K,
                F::Q4_K_M => G::Q5_K,
                F::Q5_K_M => G::Q6_K,
                _ => self.default,
            };
        }
        // R11/R12: ffn_gate / ffn_up.
        if matches!(cat, Category::FfnGate | Category::FfnUp) {
            let counter = if cat == Category::FfnGate {
                &mut self.i_ffn_gate
            } else {
                &mut self.i_ffn_up
            };
            let raw = *counter;
            *counter += 1;
            let i = self.ffn_index(raw, t);
            if ft == F::IQ3_XS && i >= n / 8 && i < 7 * n / 8 {
                return G::IQ3_XXS;
            }
            return self.default;
        }
        self.default
    }
}

/// Whether the type of `kind` at `ft` is decided without a counter or a
/// block number. attn_v-like tensors and ffn_down read their counters (or
/// block numbers) at most file types; ffn_gate/ffn_up read theirs only at
/// IQ3_XS (R11). Everything else is decided by kind and shape.
fn stateless_kind(ft: FileType, kind: TensorKind) -> bool {
    match category(kind) {
        Category::AttnV | Category::AttnQkv | Category::AttnKvB | Category::FfnDown => false,
        Category::FfnGate | Category::FfnUp => ft != FileType::IQ3_XS,
        _ => true,
    }
}

fn is_gdn(arch: LlamaArch) -> bool {
    matches!(
        arch,
        LlamaArch::Qwen3Next | LlamaArch::Qwen35 | LlamaArch::Qwen35Moe
    )
}

/// `tensor_type_fallback` (§2.5): a type whose block does not divide `ne0`
/// is replaced; if the replacement does not fit either, F16.
pub fn fallback(ty: GgmlType, ne0: u64) -> GgmlType {
    use GgmlType as G;
    if ty.fits_row(ne0) {
        return ty;
    }
    let next = match ty {
        G::IQ1_S
        | G::IQ1_M
        | G::IQ2_XXS
        | G::IQ2_XS
        | G::IQ2_S
        | G::IQ3_XXS
        | G::IQ3_S
        | G::IQ4_XS => G::IQ4_NL,
        G::Q2_0 | G::Q2_K | G::Q3_K | G::TQ1_0 | G::TQ2_0 => G::Q4_0,
        G::Q4_K => G::Q5_0,
        G::Q5_K => G::Q5_1,
        G::Q6_K => G::Q8_0,
        _ => G::F16,
    };
    if next.fits_row(ne0) {
        next
    } else {
        G::F16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_more_bits_for_32_layers_by_hand() {
        // n = 32: n/8 = 4, 7n/8 = 28. True for i < 4, i >= 28, and
        // (i - 4) % 3 == 2 → i = 6, 9, 12, 15, 18, 21, 24, 27.
        let expected = [0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31];
        let got: alloc::vec::Vec<u64> = (0..32).filter(|i| use_more_bits(*i, 32)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn fallback_follows_the_table() {
        // gpt-oss n_embd 2880 = 90 × 32, not a multiple of 256.
        assert_eq!(fallback(GgmlType::Q4_K, 2880), GgmlType::Q5_0);
        assert_eq!(fallback(GgmlType::Q6_K, 2880), GgmlType::Q8_0);
        assert_eq!(fallback(GgmlType::Q3_K, 2880), GgmlType::Q4_0);
        assert_eq!(fallback(GgmlType::IQ4_XS, 2880), GgmlType::IQ4_NL);
        assert_eq!(fallback(GgmlType::Q4_K, 4096), GgmlType::Q4_K);
        // 100 is not a multiple of 32 either.
        assert_eq!(fallback(GgmlType::Q4_K, 100), GgmlType::F16);
    }
}
