//! The tensor inventory of an [`Arch`]: llama.cpp GGUF names and shapes.
//!
//! Shapes are ggml `[ne0, ne1, ne2]` with `ne0` the input (row) dimension
//! (sizing-facts §2.8). Tensors come in llama.cpp's weights-map order
//! (§1.1): non-block tensors first, by name; then each block by index,
//! its tensors by name. That order drives llama-quantize's per-tensor
//! counters. No tensor allocates: names are rendered on demand.

use alloc::string::String;
use alloc::vec::Vec;

use crate::arch::{Arch, Attn, Ffn, Layer, LlamaArch, RecurrentKind, StandardAttn};

/// A llama.cpp GGUF tensor, without its `blk.N.` prefix.
///
/// Variants are declared in byte-wise order of their names, so the derived
/// `Ord` is llama.cpp's weights-map order within a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TensorKind {
    /// Gemma 3n AltUp correction coefficients (`altup_correct_coef.weight`).
    AltupCorrectCoef,
    /// Gemma 3n AltUp correction scale (`altup_correct_scale.weight`).
    AltupCorrectScale,
    /// Gemma 3n AltUp prediction coefficients (`altup_predict_coef.weight`).
    AltupPredictCoef,
    /// Gemma 3n AltUp input projections (`altup_proj.weight`).
    AltupProj,
    /// Gemma 3n AltUp router (`altup_router.weight`).
    AltupRouter,
    /// Gemma 3n AltUp router norm (`altup_router_norm.weight`).
    AltupRouterNorm,
    /// Gemma 3n AltUp output projections (`altup_unembd_proj.weight`).
    AltupUnembdProj,
    /// Gated-delta-net output gate (`attn_gate.weight`).
    AttnGate,
    /// Key bias (`attn_k.bias`).
    AttnKBias,
    /// Key projection (`attn_k.weight`).
    AttnK,
    /// MLA key up-projection (split from kv_b) (`attn_k_b.weight`).
    AttnKB,
    /// Key norm (`attn_k_norm.weight`).
    AttnKNorm,
    /// DeepSeek V4 single KV projection (`attn_kv.weight`).
    AttnKv,
    /// MLA KV down-projection (`attn_kv_a_mqa.weight`).
    AttnKvAMqa,
    /// MLA KV latent norm (`attn_kv_a_norm.weight`).
    AttnKvANorm,
    /// MLA KV up-projection (older files) (`attn_kv_b.weight`).
    AttnKvB,
    /// Attention input norm (`attn_norm.weight`).
    AttnNorm,
    /// Attention output bias (`attn_output.bias`).
    AttnOutputBias,
    /// Attention output projection (`attn_output.weight`).
    AttnOutput,
    /// DeepSeek V4 grouped low-rank output, first half (`attn_output_a.weight`).
    AttnOutputA,
    /// DeepSeek V4 grouped low-rank output, second half (`attn_output_b.weight`).
    AttnOutputB,
    /// Query bias (`attn_q.bias`).
    AttnQBias,
    /// Query projection (`attn_q.weight`).
    AttnQ,
    /// Query down-projection (low rank) (`attn_q_a.weight`).
    AttnQA,
    /// Query latent norm (`attn_q_a_norm.weight`).
    AttnQANorm,
    /// Query up-projection (`attn_q_b.weight`).
    AttnQB,
    /// Query norm (`attn_q_norm.weight`).
    AttnQNorm,
    /// Fused query/key/value projection (`attn_qkv.weight`).
    AttnQkv,
    /// Attention sinks (gpt-oss) (`attn_sinks.weight`).
    AttnSinks,
    /// Value bias (`attn_v.bias`).
    AttnVBias,
    /// Value projection (`attn_v.weight`).
    AttnV,
    /// MLA value up-projection (split from kv_b) (`attn_v_b.weight`).
    AttnVB,
    /// Expert score correction bias (`exp_probs_b.bias`).
    ExpProbsB,
    /// Dense FFN down projection (`ffn_down.weight`).
    FfnDown,
    /// Routed-expert down biases (`ffn_down_exps.bias`).
    FfnDownExpsBias,
    /// Routed-expert down projections (`ffn_down_exps.weight`).
    FfnDownExps,
    /// Shared-expert down projection (`ffn_down_shexp.weight`).
    FfnDownShexp,
    /// Dense FFN gate projection (`ffn_gate.weight`).
    FfnGate,
    /// Routed-expert gate biases (`ffn_gate_exps.bias`).
    FfnGateExpsBias,
    /// Routed-expert gate projections (`ffn_gate_exps.weight`).
    FfnGateExps,
    /// Router bias (`ffn_gate_inp.bias`).
    FfnGateInpBias,
    /// Router (`ffn_gate_inp.weight`).
    FfnGateInp,
    /// Shared-expert gate vector (`ffn_gate_inp_shexp.weight`).
    FfnGateInpShexp,
    /// Shared-expert gate projection (`ffn_gate_shexp.weight`).
    FfnGateShexp,
    /// Routed-expert fused gate+up projections (`ffn_gate_up_exps.weight`).
    FfnGateUpExps,
    /// FFN input norm (`ffn_norm.weight`).
    FfnNorm,
    /// Dense FFN up projection (gate+up when fused) (`ffn_up.weight`).
    FfnUp,
    /// Routed-expert up biases (`ffn_up_exps.bias`).
    FfnUpExpsBias,
    /// Routed-expert up projections (`ffn_up_exps.weight`).
    FfnUpExps,
    /// Shared-expert up projection (`ffn_up_shexp.weight`).
    FfnUpShexp,
    /// DeepSeek V4 hyper-connection mixer (attention) (`hc_attn.weight`).
    HcAttn,
    /// DeepSeek V4 hyper-connection mixer (FFN) (`hc_ffn.weight`).
    HcFfn,
    /// Lightning-indexer key projection (`indexer.k_proj.weight`).
    IndexerKProj,
    /// Lightning-indexer query projection (`indexer.q_proj.weight`).
    IndexerQProj,
    /// Lightning-indexer head weights (`indexer.weights_proj.weight`).
    IndexerWeightsProj,
    /// Gemma 3n LAuReL left factor (`laurel_l.weight`).
    LaurelL,
    /// Gemma 3n LAuReL norm (`laurel_post_norm.weight`).
    LaurelPostNorm,
    /// Gemma 3n LAuReL right factor (`laurel_r.weight`).
    LaurelR,
    /// MTP embedding/hidden projection (`nextn.eh_proj.weight`).
    NextnEhProj,
    /// MTP embedding norm (`nextn.enorm.weight`).
    NextnEnorm,
    /// MTP hidden norm (`nextn.hnorm.weight`).
    NextnHnorm,
    /// MTP head norm (`nextn.shared_head_norm.weight`).
    NextnSharedHeadNorm,
    /// Output (LM head) matrix (`output.weight`).
    Output,
    /// Final norm (`output_norm.weight`).
    OutputNorm,
    /// Per-layer-embedding input gate (`per_layer_inp_gate.weight`).
    PerLayerInpGate,
    /// Per-layer-embedding model projection (`per_layer_model_proj.weight`).
    PerLayerModelProj,
    /// Per-layer-embedding norm (`per_layer_post_norm.weight`).
    PerLayerPostNorm,
    /// Per-layer-embedding projection (`per_layer_proj.weight`).
    PerLayerProj,
    /// Per-layer-embedding projection norm (`per_layer_proj_norm.weight`).
    PerLayerProjNorm,
    /// Per-layer token embeddings (`per_layer_token_embd.weight`).
    PerLayerTokenEmbd,
    /// Norm after attention (`post_attention_norm.weight`).
    PostAttentionNorm,
    /// Norm after the FFN (`post_ffw_norm.weight`).
    PostFfwNorm,
    /// Long RoPE factors (`rope_factors_long.weight`).
    RopeFactorsLong,
    /// Short RoPE factors (`rope_factors_short.weight`).
    RopeFactorsShort,
    /// Short-convolution kernel (`shortconv.conv.weight`).
    ShortconvConv,
    /// Short-convolution input projection (`shortconv.in_proj.weight`).
    ShortconvInProj,
    /// Short-convolution output projection (`shortconv.out_proj.weight`).
    ShortconvOutProj,
    /// SSM A (decay) (`ssm_a`).
    SsmA,
    /// Gated-delta-net alpha projection (`ssm_alpha.weight`).
    SsmAlpha,
    /// Gated-delta-net fused beta/alpha projection (`ssm_ba.weight`).
    SsmBa,
    /// Gated-delta-net beta projection (`ssm_beta.weight`).
    SsmBeta,
    /// SSM convolution bias (`ssm_conv1d.bias`).
    SsmConv1dBias,
    /// SSM convolution kernel (`ssm_conv1d.weight`).
    SsmConv1d,
    /// SSM skip (`ssm_d`).
    SsmD,
    /// SSM time-step bias (`ssm_dt.bias`).
    SsmDtBias,
    /// SSM time-step projection (Mamba 1) (`ssm_dt.weight`).
    SsmDt,
    /// SSM input projection (`ssm_in.weight`).
    SsmIn,
    /// SSM output norm (`ssm_norm.weight`).
    SsmNorm,
    /// SSM output projection (`ssm_out.weight`).
    SsmOut,
    /// SSM x projection (Mamba 1) (`ssm_x.weight`).
    SsmX,
    /// Token embeddings (`token_embd.weight`).
    TokenEmbd,
}

/// Every kind with its GGUF name suffix, in declaration order.
#[rustfmt::skip]
const NAMES: &[(TensorKind, &str)] = &[
    (TensorKind::AltupCorrectCoef, "altup_correct_coef.weight"),
    (TensorKind::AltupCorrectScale, "altup_correct_scale.weight"),
    (TensorKind::AltupPredictCoef, "altup_predict_coef.weight"),
    (TensorKind::AltupProj, "altup_proj.weight"),
    (TensorKind::AltupRouter, "altup_router.weight"),
    (TensorKind::AltupRouterNorm, "altup_router_norm.weight"),
    (TensorKind::AltupUnembdProj, "altup_unembd_proj.weight"),
    (TensorKind::AttnGate, "attn_gate.weight"),
    (TensorKind::AttnKBias, "attn_k.bias"),
    (TensorKind::AttnK, "attn_k.weight"),
    (TensorKind::AttnKB, "attn_k_b.weight"),
    (TensorKind::AttnKNorm, "attn_k_norm.weight"),
    (TensorKind::AttnKv, "attn_kv.weight"),
    (TensorKind::AttnKvAMqa, "attn_kv_a_mqa.weight"),
    (TensorKind::AttnKvANorm, "attn_kv_a_norm.weight"),
    (TensorKind::AttnKvB, "attn_kv_b.weight"),
    (TensorKind::AttnNorm, "attn_norm.weight"),
    (TensorKind::AttnOutputBias, "attn_output.bias"),
    (TensorKind::AttnOutput, "attn_output.weight"),
    (TensorKind::AttnOutputA, "attn_output_a.weight"),
    (TensorKind::AttnOutputB, "attn_output_b.weight"),
    (TensorKind::AttnQBias, "attn_q.bias"),
    (TensorKind::AttnQ, "attn_q.weight"),
    (TensorKind::AttnQA, "attn_q_a.weight"),
    (TensorKind::AttnQANorm, "attn_q_a_norm.weight"),
    (TensorKind::AttnQB, "attn_q_b.weight"),
    (TensorKind::AttnQNorm, "attn_q_norm.weight"),
    (TensorKind::AttnQkv, "attn_qkv.weight"),
    (TensorKind::AttnSinks, "attn_sinks.weight"),
    (TensorKind::AttnVBias, "attn_v.bias"),
    (TensorKind::AttnV, "attn_v.weight"),
    (TensorKind::AttnVB, "attn_v_b.weight"),
    (TensorKind::ExpProbsB, "exp_probs_b.bias"),
    (TensorKind::FfnDown, "ffn_down.weight"),
    (TensorKind::FfnDownExpsBias, "ffn_down_exps.bias"),
    (TensorKind::FfnDownExps, "ffn_down_exps.weight"),
    (TensorKind::FfnDownShexp, "ffn_down_shexp.weight"),
    (TensorKind::FfnGate, "ffn_gate.weight"),
    (TensorKind::FfnGateExpsBias, "ffn_gate_exps.bias"),
    (TensorKind::FfnGateExps, "ffn_gate_exps.weight"),
    (TensorKind::FfnGateInpBias, "ffn_gate_inp.bias"),
    (TensorKind::FfnGateInp, "ffn_gate_inp.weight"),
    (TensorKind::FfnGateInpShexp, "ffn_gate_inp_shexp.weight"),
    (TensorKind::FfnGateShexp, "ffn_gate_shexp.weight"),
    (TensorKind::FfnGateUpExps, "ffn_gate_up_exps.weight"),
    (TensorKind::FfnNorm, "ffn_norm.weight"),
    (TensorKind::FfnUp, "ffn_up.weight"),
    (TensorKind::FfnUpExpsBias, "ffn_up_exps.bias"),
    (TensorKind::FfnUpExps, "ffn_up_exps.weight"),
    (TensorKind::FfnUpShexp, "ffn_up_shexp.weight"),
    (TensorKind::HcAttn, "hc_attn.weight"),
    (TensorKind::HcFfn, "hc_ffn.weight"),
    (TensorKind::IndexerKProj, "indexer.k_proj.weight"),
    (TensorKind::IndexerQProj, "indexer.q_proj.weight"),
    (TensorKind::IndexerWeightsProj, "indexer.weights_proj.weight"),
    (TensorKind::LaurelL, "laurel_l.weight"),
    (TensorKind::LaurelPostNorm, "laurel_post_norm.weight"),
    (TensorKind::LaurelR, "laurel_r.weight"),
    (TensorKind::NextnEhProj, "nextn.eh_proj.weight"),
    (TensorKind::NextnEnorm, "nextn.enorm.weight"),
    (TensorKind::NextnHnorm, "nextn.hnorm.weight"),
    (TensorKind::NextnSharedHeadNorm, "nextn.shared_head_norm.weight"),
    (TensorKind::Output, "output.weight"),
    (TensorKind::OutputNorm, "output_norm.weight"),
    (TensorKind::PerLayerInpGate, "per_layer_inp_gate.weight"),
    (TensorKind::PerLayerModelProj, "per_layer_model_proj.weight"),
    (TensorKind::PerLayerPostNorm, "per_layer_post_norm.weight"),
    (TensorKind::PerLayerProj, "per_layer_proj.weight"),
    (TensorKind::PerLayerProjNorm, "per_layer_proj_norm.weight"),
    (TensorKind::PerLayerTokenEmbd, "per_layer_token_embd.weight"),
    (TensorKind::PostAttentionNorm, "post_attention_norm.weight"),
    (TensorKind::PostFfwNorm, "post_ffw_norm.weight"),
    (TensorKind::RopeFactorsLong, "rope_factors_long.weight"),
    (TensorKind::RopeFactorsShort, "rope_factors_short.weight"),
    (TensorKind::ShortconvConv, "shortconv.conv.weight"),
    (TensorKind::ShortconvInProj, "shortconv.in_proj.weight"),
    (TensorKind::ShortconvOutProj, "shortconv.out_proj.weight"),
    (TensorKind::SsmA, "ssm_a"),
    (TensorKind::SsmAlpha, "ssm_alpha.weight"),
    (TensorKind::SsmBa, "ssm_ba.weight"),
    (TensorKind::SsmBeta, "ssm_beta.weight"),
    (TensorKind::SsmConv1dBias, "ssm_conv1d.bias"),
    (TensorKind::SsmConv1d, "ssm_conv1d.weight"),
    (TensorKind::SsmD, "ssm_d"),
    (TensorKind::SsmDtBias, "ssm_dt.bias"),
    (TensorKind::SsmDt, "ssm_dt.weight"),
    (TensorKind::SsmIn, "ssm_in.weight"),
    (TensorKind::SsmNorm, "ssm_norm.weight"),
    (TensorKind::SsmOut, "ssm_out.weight"),
    (TensorKind::SsmX, "ssm_x.weight"),
    (TensorKind::TokenEmbd, "token_embd.weight"),
];

const fn ends_with(s: &[u8], suffix: &[u8]) -> bool {
    if suffix.len() > s.len() {
        return false;
    }
    let off = s.len() - suffix.len();
    let mut i = 0;
    while i < suffix.len() {
        if s[off + i] != suffix[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn contains(s: &[u8], needle: &[u8]) -> bool {
    let mut start = 0;
    while start + needle.len() <= s.len() {
        let mut i = 0;
        while i < needle.len() && s[start + i] == needle[i] {
            i += 1;
        }
        if i == needle.len() {
            return true;
        }
        start += 1;
    }
    false
}

/// Flag bits per kind, computed from the names at compile time.
const WEIGHT: u8 = 1;
const NORM: u8 = 2;

const FLAGS: [u8; NAMES.len()] = {
    let mut out = [0u8; NAMES.len()];
    let mut i = 0;
    while i < NAMES.len() {
        let name = NAMES[i].1.as_bytes();
        let mut f = 0;
        if ends_with(name, b"weight") {
            f |= WEIGHT;
        }
        if contains(name, b"_norm.") {
            f |= NORM;
        }
        out[i] = f;
        i += 1;
    }
    out
};

impl TensorKind {
    /// The name ends in `weight` (biases and `ssm_a`/`ssm_d` do not).
    pub fn is_weight(self) -> bool {
        FLAGS.get(self as usize).is_some_and(|f| f & WEIGHT != 0)
    }

    /// A norm weight (name contains `_norm.`).
    pub fn is_norm(self) -> bool {
        FLAGS.get(self as usize).is_some_and(|f| f & NORM != 0)
    }

    /// The GGUF name suffix (`"attn_q.weight"`).
    pub fn suffix(self) -> &'static str {
        NAMES.get(self as usize).map_or("", |r| r.1)
    }

    /// Every kind, in weights-map (name) order.
    pub fn all() -> impl Iterator<Item = TensorKind> {
        NAMES.iter().map(|r| r.0)
    }

    /// A routed-expert tensor (`ffn_{gate,up,down,gate_up}_exps`, weights or biases).
    pub fn is_routed_expert(self) -> bool {
        matches!(
            self,
            TensorKind::FfnGateExps
                | TensorKind::FfnUpExps
                | TensorKind::FfnDownExps
                | TensorKind::FfnGateUpExps
                | TensorKind::FfnGateExpsBias
                | TensorKind::FfnUpExpsBias
                | TensorKind::FfnDownExpsBias
        )
    }
}

/// Marks a non-block tensor in [`Tensor::block`].
pub const NO_BLOCK: u32 = u32::MAX;

/// One tensor: kind, block and shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tensor {
    /// What it is.
    pub kind: TensorKind,
    /// Block index (`blk.N.`), or [`NO_BLOCK`].
    pub block: u32,
    /// ggml shape `[ne0, ne1, ne2]`; unused trailing dims are 1.
    pub ne: [u64; 3],
}

impl Tensor {
    /// Dimensions as ggml counts them (trailing size-1 dims ignored, at least 1).
    pub fn n_dims(&self) -> u32 {
        if self.ne[2] > 1 {
            3
        } else if self.ne[1] > 1 {
            2
        } else {
            1
        }
    }

    /// Number of elements.
    pub fn n_elements(&self) -> u64 {
        self.ne[0]
            .saturating_mul(self.ne[1])
            .saturating_mul(self.ne[2])
    }

    /// Rows (`ne1 × ne2`).
    pub fn n_rows(&self) -> u64 {
        self.ne[1].saturating_mul(self.ne[2])
    }

    /// The full GGUF name (`"blk.3.attn_q.weight"`).
    pub fn name(&self) -> String {
        alloc::format!("{self}")
    }
}

impl core::fmt::Display for Tensor {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.block != NO_BLOCK {
            write!(f, "blk.{}.", self.block)?;
        }
        f.write_str(self.kind.suffix())
    }
}

/// Number of tensor kinds (the enum's variants).
pub const N_KINDS: usize = NAMES.len();

/// A block's tensors: one shape slot per kind (a block holds each kind at
/// most once) and a bit set of the kinds present. Emitting walks the bits in
/// order, which is name order, so no sorting is needed.
struct Buf {
    shapes: [[u64; 3]; N_KINDS],
    present: [u64; N_KINDS.div_ceil(64)],
    block: u32,
}

impl Buf {
    fn new(block: u32) -> Buf {
        Buf {
            shapes: [[1; 3]; N_KINDS],
            present: [0; N_KINDS.div_ceil(64)],
            block,
        }
    }

    fn add(&mut self, kind: TensorKind, ne: [u64; 3]) {
        let k = kind as usize;
        if let (Some(slot), Some(word)) = (self.shapes.get_mut(k), self.present.get_mut(k / 64)) {
            *slot = ne;
            *word |= 1 << (k % 64);
        }
    }

    fn d1(&mut self, kind: TensorKind, n: u64) {
        self.add(kind, [n, 1, 1]);
    }

    fn d2(&mut self, kind: TensorKind, ne0: u64, ne1: u64) {
        self.add(kind, [ne0, ne1, 1]);
    }

    fn emit(&mut self, f: &mut impl FnMut(&Tensor)) {
        for (w, word) in self.present.iter_mut().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let k = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let (Some(kind), Some(ne)) = (NAMES.get(k), self.shapes.get(k)) {
                    f(&Tensor {
                        kind: kind.0,
                        block: self.block,
                        ne: *ne,
                    });
                }
            }
            *word = 0;
        }
    }
}

/// Families whose blocks have q/k norms of the head size.
fn has_qk_norm(arch: LlamaArch) -> bool {
    matches!(
        arch,
        LlamaArch::Qwen3
            | LlamaArch::Qwen3Moe
            | LlamaArch::Qwen3Next
            | LlamaArch::Qwen35
            | LlamaArch::Qwen35Moe
            | LlamaArch::Gemma3
            | LlamaArch::Gemma3n
            | LlamaArch::Gemma4
    )
}

/// Families with Gemma-style extra norms after attention and FFN.
fn has_post_norms(arch: LlamaArch) -> bool {
    matches!(
        arch,
        LlamaArch::Gemma2 | LlamaArch::Gemma3 | LlamaArch::Gemma3n | LlamaArch::Gemma4
    )
}

/// Call `f` for every tensor of `arch`, in weights-map order.
pub fn for_each_tensor(arch: &Arch, mut f: impl FnMut(&Tensor)) {
    let mut buf = Buf::new(NO_BLOCK);
    head_tensors(arch, &mut buf);
    buf.emit(&mut f);
    for (il, layer) in arch.layers.iter().enumerate() {
        buf.block = il as u32;
        block_tensors(arch, layer, &mut buf);
        buf.emit(&mut f);
    }
    nextn_tensors(arch, &mut buf, &mut f);
}

/// Call `f` for the non-block tensors, then the stored MTP blocks' tensors:
/// the tensors [`for_each_tensor`] lists before and after the main blocks.
pub(crate) fn for_each_outer_tensor(
    arch: &Arch,
    mut head: impl FnMut(&Tensor),
    mut nextn: impl FnMut(&Tensor),
) {
    let mut buf = Buf::new(NO_BLOCK);
    head_tensors(arch, &mut buf);
    buf.emit(&mut head);
    nextn_tensors(arch, &mut buf, &mut nextn);
}

/// A set of tensor kinds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindSet([u64; N_KINDS.div_ceil(64)]);

impl KindSet {
    /// The kinds for which `pred` holds.
    pub fn of(pred: impl Fn(TensorKind) -> bool) -> KindSet {
        let mut set = KindSet::default();
        for kind in TensorKind::all().filter(|k| pred(*k)) {
            let k = kind as usize;
            if let Some(word) = set.0.get_mut(k / 64) {
                *word |= 1 << (k % 64);
            }
        }
        set
    }

    /// Whether `kind` is in the set.
    pub fn contains(&self, kind: TensorKind) -> bool {
        let k = kind as usize;
        self.0.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

/// The main blocks' tensors, listed once per distinct [`Layer`]: blocks of
/// one layout hold the same tensors (kinds and shapes), only their `blk.N.`
/// prefix differs.
pub(crate) struct BlockLayouts {
    /// Every layout's tensors, one layout after another, in name order.
    tensors: Vec<(TensorKind, [u64; 3])>,
    /// Where each layout's run in `tensors` ends.
    ends: Vec<usize>,
    /// The layout of each main block.
    layout_of: Vec<u16>,
}

impl BlockLayouts {
    /// The layouts of `arch`'s main blocks.
    pub(crate) fn new(arch: &Arch) -> BlockLayouts {
        let (first, layout_of) = arch.layer_groups();
        let mut tensors = Vec::new();
        let mut ends = Vec::with_capacity(first.len());
        let mut buf = Buf::new(0);
        for layer in first.iter().filter_map(|&il| arch.layers.get(il)) {
            block_tensors(arch, layer, &mut buf);
            buf.emit(&mut |t: &Tensor| tensors.push((t.kind, t.ne)));
            ends.push(tensors.len());
        }
        BlockLayouts {
            tensors,
            ends,
            layout_of,
        }
    }

    /// The layout index of each main block, in block order.
    pub(crate) fn layout_of(&self) -> &[u16] {
        &self.layout_of
    }

    /// The tensors of layout `k` (kind and shape), in name order.
    pub(crate) fn tensors(&self, k: u16) -> &[(TensorKind, [u64; 3])] {
        let k = usize::from(k);
        let start = if k == 0 {
            0
        } else {
            self.ends.get(k - 1).copied().unwrap_or(0)
        };
        let end = self.ends.get(k).copied().unwrap_or(start);
        self.tensors.get(start..end).unwrap_or(&[])
    }

    /// Number of layouts.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// How many tensors [`for_each_tensor`] lists whose kind satisfies `pred`.
pub fn count_tensors(arch: &Arch, pred: impl Fn(TensorKind) -> bool) -> u64 {
    count_tensors_in(arch, &BlockLayouts::new(arch), pred)
}

/// [`count_tensors`], with the main blocks' `layouts` at hand: each layout
/// is counted once and multiplied by its blocks.
pub(crate) fn count_tensors_in(
    arch: &Arch,
    layouts: &BlockLayouts,
    pred: impl Fn(TensorKind) -> bool,
) -> u64 {
    let mut n = 0u64;
    let mut outer = 0u64;
    for_each_outer_tensor(
        arch,
        |t| outer += u64::from(pred(t.kind)),
        |t| n += u64::from(pred(t.kind)),
    );
    n = n.saturating_add(outer);
    let mut blocks_of = alloc::vec![0u64; layouts.len()];
    for &k in layouts.layout_of() {
        if let Some(c) = blocks_of.get_mut(usize::from(k)) {
            *c += 1;
        }
    }
    for (k, blocks) in blocks_of.iter().enumerate() {
        let per_block = layouts
            .tensors(k as u16)
            .iter()
            .filter(|(kind, _)| pred(*kind))
            .count() as u64;
        n = n.saturating_add(per_block.saturating_mul(*blocks));
    }
    n
}

/// The non-block tensors (embeddings, output, norms, model-wide projections).
fn head_tensors(arch: &Arch, buf: &mut Buf) {
    let e = arch.n_embd;
    let n_layer = arch.n_layer();

    // Non-block tensors.
    if arch.arch == LlamaArch::Gemma3n {
        buf.add(TensorKind::AltupProj, [e, e, 3]);
        buf.add(TensorKind::AltupUnembdProj, [e, e, 3]);
    }
    if !arch.tied_embeddings {
        buf.d2(TensorKind::Output, e, arch.n_vocab);
    }
    buf.d1(TensorKind::OutputNorm, e);
    if arch.n_embd_per_layer > 0 {
        let w = arch.n_embd_per_layer.saturating_mul(n_layer);
        buf.d2(TensorKind::PerLayerModelProj, e, w);
        buf.d1(TensorKind::PerLayerProjNorm, arch.n_embd_per_layer);
        buf.d2(TensorKind::PerLayerTokenEmbd, w, arch.n_vocab_per_layer);
    }
    if arch.arch == LlamaArch::Phi3 {
        if let Some(Attn::Standard(a)) = arch.layers.first().map(|l| l.attn) {
            buf.d1(TensorKind::RopeFactorsLong, a.head_dim_k / 2);
            buf.d1(TensorKind::RopeFactorsShort, a.head_dim_k / 2);
        }
    }
    buf.d2(TensorKind::TokenEmbd, e, arch.n_vocab);
}

/// The stored MTP/NextN blocks, after the main blocks.
fn nextn_tensors(arch: &Arch, buf: &mut Buf, f: &mut impl FnMut(&Tensor)) {
    let e = arch.n_embd;
    let n_layer = arch.n_layer();
    if let Some(mtp) = nextn_layer(arch) {
        for k in 0..arch.n_nextn_layers {
            buf.block = (n_layer + k) as u32;
            block_tensors(arch, &mtp, buf);
            buf.d2(TensorKind::NextnEhProj, 2 * e, e);
            buf.d1(TensorKind::NextnEnorm, e);
            buf.d1(TensorKind::NextnHnorm, e);
            buf.d1(TensorKind::NextnSharedHeadNorm, e);
            buf.emit(f);
        }
    }
}

/// The shape of a stored MTP/NextN block: a full-attention layer with the
/// last main layer's FFN.
fn nextn_layer(arch: &Arch) -> Option<Layer> {
    let attn = arch.layers.iter().find_map(|l| match l.attn {
        Attn::Standard(a) if a.window.is_none() => Some(Attn::Standard(StandardAttn {
            kv: crate::arch::KvSource::Own,
            ..a
        })),
        Attn::Mla(_) | Attn::Compressed(_) => Some(l.attn),
        _ => None,
    })?;
    let ffn = arch.layers.last()?.ffn;
    Some(Layer { attn, ffn })
}

fn block_tensors(arch: &Arch, layer: &Layer, b: &mut Buf) {
    let e = arch.n_embd;
    b.d1(TensorKind::AttnNorm, e);
    match layer.attn {
        Attn::Standard(a) => {
            let q = a.n_head * a.head_dim_k;
            let k = a.n_head_kv * a.head_dim_k;
            let v = a.n_head_kv * a.head_dim_v;
            // Gemma 4 stores K/V projections only on KV-owning layers.
            let owns = a.kv == crate::arch::KvSource::Own || arch.arch != LlamaArch::Gemma4;
            if a.fused_qkv {
                b.d2(TensorKind::AttnQkv, e, q + k + v);
            } else {
                b.d2(TensorKind::AttnQ, e, if a.q_gate { 2 * q } else { q });
                if owns {
                    b.d2(TensorKind::AttnK, e, k);
                    if !a.k_eq_v {
                        b.d2(TensorKind::AttnV, e, v);
                    }
                }
            }
            if a.qkv_bias {
                b.d1(TensorKind::AttnQBias, q);
                b.d1(TensorKind::AttnKBias, k);
                b.d1(TensorKind::AttnVBias, v);
            }
            b.d2(TensorKind::AttnOutput, a.n_head * a.head_dim_v, e);
            if has_qk_norm(arch.arch) {
                b.d1(TensorKind::AttnQNorm, a.head_dim_k);
                b.d1(TensorKind::AttnKNorm, a.head_dim_k);
            }
            if arch.arch == LlamaArch::GptOss {
                b.d1(TensorKind::AttnSinks, a.n_head);
                b.d1(TensorKind::AttnOutputBias, e);
            }
        }
        Attn::Mla(m) => {
            let qk = m.qk_nope_head_dim + m.qk_rope_head_dim;
            if m.q_lora_rank > 0 {
                b.d2(TensorKind::AttnQA, e, m.q_lora_rank);
                b.d1(TensorKind::AttnQANorm, m.q_lora_rank);
                b.d2(TensorKind::AttnQB, m.q_lora_rank, m.n_head * qk);
            } else {
                b.d2(TensorKind::AttnQ, e, m.n_head * qk);
            }
            b.d2(
                TensorKind::AttnKvAMqa,
                e,
                m.kv_lora_rank + m.qk_rope_head_dim,
            );
            b.d1(TensorKind::AttnKvANorm, m.kv_lora_rank);
            // Current converters split kv_b into k_b (transposed) and v_b.
            b.add(
                TensorKind::AttnKB,
                [m.qk_nope_head_dim, m.kv_lora_rank, m.n_head],
            );
            b.add(TensorKind::AttnVB, [m.kv_lora_rank, m.v_head_dim, m.n_head]);
            b.d2(TensorKind::AttnOutput, m.n_head * m.v_head_dim, e);
        }
        Attn::Compressed(c) => {
            // Approximate layout (names are this crate's; shapes from config).
            let q = c.n_head * c.head_dim;
            b.d2(TensorKind::AttnQA, e, c.q_lora_rank);
            b.d1(TensorKind::AttnQANorm, c.q_lora_rank);
            b.d2(TensorKind::AttnQB, c.q_lora_rank, q);
            b.d2(TensorKind::AttnKv, e, c.head_dim);
            b.d1(TensorKind::AttnKNorm, c.head_dim);
            b.d1(TensorKind::AttnSinks, c.n_head);
            let g = c.o_groups.max(1);
            b.d2(TensorKind::AttnOutputA, q / g, g * c.o_lora_rank);
            b.d2(TensorKind::AttnOutputB, g * c.o_lora_rank, e);
            if c.compress_ratio == 4 && c.index_n_heads > 0 {
                b.d2(TensorKind::IndexerKProj, e, c.index_head_dim);
                b.d2(
                    TensorKind::IndexerQProj,
                    c.q_lora_rank,
                    c.index_n_heads * c.index_head_dim,
                );
                b.d2(TensorKind::IndexerWeightsProj, e, c.index_n_heads);
            }
            let hc = arch.hc_mult;
            if hc > 1 {
                b.d2(TensorKind::HcAttn, hc * e, (2 + hc) * hc);
                b.d2(TensorKind::HcFfn, hc * e, (2 + hc) * hc);
            }
        }
        Attn::Recurrent(r) => match r.kind {
            RecurrentKind::GatedDeltaNet => {
                let key_dim = r.d_state * r.n_group;
                let conv = 2 * key_dim + r.d_inner;
                if arch.arch == LlamaArch::Qwen3Next {
                    b.d2(TensorKind::SsmIn, e, conv + r.d_inner);
                    b.d2(TensorKind::SsmBa, e, 2 * r.n_heads);
                } else {
                    b.d2(TensorKind::AttnQkv, e, conv);
                    b.d2(TensorKind::AttnGate, e, r.d_inner);
                    b.d2(TensorKind::SsmBeta, e, r.n_heads);
                    b.d2(TensorKind::SsmAlpha, e, r.n_heads);
                }
                b.d2(TensorKind::SsmConv1d, r.d_conv, conv);
                b.d1(TensorKind::SsmDtBias, r.n_heads);
                b.d1(TensorKind::SsmA, r.n_heads);
                b.d1(TensorKind::SsmNorm, r.d_inner / r.n_heads.max(1));
                b.d2(TensorKind::SsmOut, r.d_inner, e);
            }
            RecurrentKind::Mamba2 => {
                let gs = 2 * r.n_group * r.d_state;
                b.d2(TensorKind::SsmIn, e, 2 * r.d_inner + gs + r.n_heads);
                b.d2(TensorKind::SsmConv1d, r.d_conv, r.d_inner + gs);
                b.d1(TensorKind::SsmConv1dBias, r.d_inner + gs);
                b.d1(TensorKind::SsmDtBias, r.n_heads);
                b.d1(TensorKind::SsmA, r.n_heads);
                b.d1(TensorKind::SsmD, r.n_heads);
                b.d1(TensorKind::SsmNorm, r.d_inner);
                b.d2(TensorKind::SsmOut, r.d_inner, e);
            }
            RecurrentKind::Mamba1 => {
                b.d2(TensorKind::SsmIn, e, 2 * r.d_inner);
                b.d2(TensorKind::SsmConv1d, r.d_conv, r.d_inner);
                b.d1(TensorKind::SsmConv1dBias, r.d_inner);
                b.d2(TensorKind::SsmX, r.d_inner, r.n_heads + 2 * r.d_state);
                b.d2(TensorKind::SsmDt, r.n_heads, r.d_inner);
                b.d1(TensorKind::SsmDtBias, r.d_inner);
                b.d2(TensorKind::SsmA, r.d_state, r.d_inner);
                b.d1(TensorKind::SsmD, r.d_inner);
                b.d2(TensorKind::SsmOut, r.d_inner, e);
            }
            RecurrentKind::ShortConv => {
                b.d2(TensorKind::ShortconvConv, r.d_conv, e);
                b.d2(TensorKind::ShortconvInProj, e, 3 * e);
                b.d2(TensorKind::ShortconvOutProj, e, e);
            }
        },
    }
    if has_post_norms(arch.arch) {
        b.d1(TensorKind::PostAttentionNorm, e);
        b.d1(TensorKind::PostFfwNorm, e);
    }
    if arch.n_embd_per_layer > 0 {
        b.d2(TensorKind::PerLayerInpGate, e, arch.n_embd_per_layer);
        b.d2(TensorKind::PerLayerProj, arch.n_embd_per_layer, e);
        b.d1(TensorKind::PerLayerPostNorm, e);
    }
    if arch.arch == LlamaArch::Gemma3n {
        b.d2(TensorKind::AltupCorrectCoef, 4, 4);
        b.d1(TensorKind::AltupCorrectScale, e);
        b.d2(TensorKind::AltupPredictCoef, 4, 16);
        b.d2(TensorKind::AltupRouter, e, 4);
        b.d1(TensorKind::AltupRouterNorm, e);
        b.d2(TensorKind::LaurelL, e, 64);
        b.d2(TensorKind::LaurelR, 64, e);
        b.d1(TensorKind::LaurelPostNorm, e);
    }
    ffn_tensors(arch, layer.ffn, b);
}

fn dense_ffn(b: &mut Buf, e: u64, n_ff: u64, fused: bool) {
    if fused {
        b.d2(TensorKind::FfnUp, e, 2 * n_ff);
    } else {
        b.d2(TensorKind::FfnGate, e, n_ff);
        b.d2(TensorKind::FfnUp, e, n_ff);
    }
    b.d2(TensorKind::FfnDown, n_ff, e);
}

fn ffn_tensors(arch: &Arch, ffn: Ffn, b: &mut Buf) {
    let e = arch.n_embd;
    match ffn {
        Ffn::Dense { n_ff: 0, .. } => {}
        Ffn::Dense {
            n_ff,
            fused_gate_up,
        } => {
            b.d1(TensorKind::FfnNorm, e);
            dense_ffn(b, e, n_ff, fused_gate_up);
        }
        Ffn::Moe(m) => {
            b.d1(TensorKind::FfnNorm, e);
            let (n, w) = (m.n_expert, m.n_ff_exp);
            b.d2(TensorKind::FfnGateInp, e, n);
            if m.fused_gate_up {
                b.add(TensorKind::FfnGateUpExps, [e, 2 * w, n]);
            } else {
                b.add(TensorKind::FfnGateExps, [e, w, n]);
                b.add(TensorKind::FfnUpExps, [e, w, n]);
            }
            b.add(TensorKind::FfnDownExps, [w, e, n]);
            if m.expert_bias {
                b.d1(TensorKind::FfnGateInpBias, n);
                b.d2(TensorKind::FfnGateExpsBias, w, n);
                b.d2(TensorKind::FfnUpExpsBias, w, n);
                b.d2(TensorKind::FfnDownExpsBias, e, n);
            }
            if m.n_ff_shexp > 0 {
                let s = m.n_ff_shexp;
                b.d2(TensorKind::FfnGateShexp, e, s);
                b.d2(TensorKind::FfnUpShexp, e, s);
                b.d2(TensorKind::FfnDownShexp, s, e);
                if matches!(
                    arch.arch,
                    LlamaArch::Qwen2Moe | LlamaArch::Qwen3Next | LlamaArch::Qwen35Moe
                ) {
                    b.d1(TensorKind::FfnGateInpShexp, e);
                }
            }
            if matches!(arch.arch, LlamaArch::Deepseek2 | LlamaArch::Glm4Moe) {
                b.d1(TensorKind::ExpProbsB, n);
            }
            if m.n_ff_dense > 0 {
                dense_ffn(b, e, m.n_ff_dense, false);
            }
        }
    }
}

/// Parameter counts of a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ParamCounts {
    /// Every stored parameter (tied embeddings counted once).
    pub total: u64,
    /// Parameters used per token: all but the routed experts, plus
    /// `n_expert_used / n_expert` of them; the input embedding counts whole.
    pub active: u64,
}

/// Total and active parameters of `arch` (MTP blocks included in total, not active).
pub fn param_counts(arch: &Arch) -> ParamCounts {
    let mut pc = ParamCounts::default();
    let n_layer = arch.n_layer();
    for_each_tensor(arch, |t| {
        let n = t.n_elements();
        pc.total = pc.total.saturating_add(n);
        if t.block != NO_BLOCK && u64::from(t.block) >= n_layer {
            return;
        }
        let active = if t.kind.is_routed_expert() {
            match arch.layers.get(t.block as usize).map(|l| l.ffn) {
                Some(Ffn::Moe(m)) if m.n_expert > 0 => n / m.n_expert * m.n_expert_used,
                _ => n,
            }
        } else {
            n
        };
        pc.active = pc.active.saturating_add(active);
    });
    pc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_declared_in_name_order() {
        let names: alloc::vec::Vec<&str> = TensorKind::all().map(|k| k.suffix()).collect();
        for w in names.windows(2) {
            assert!(w[0].as_bytes() < w[1].as_bytes(), "{} !< {}", w[0], w[1]);
        }
        for (i, k) in TensorKind::all().enumerate() {
            assert_eq!(k as usize, i);
        }
    }
}
