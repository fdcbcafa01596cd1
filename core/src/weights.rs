//! The weight plan: where every weight byte of a model sits, by block.
//!
//! Produced by [`crate::quant`] from an [`crate::arch::Arch`] and a file
//! type (rules), or from a GGUF tensor table (exact); consumed by the
//! memory, placement and speed models.

use alloc::string::String;
use alloc::vec::Vec;

/// How sure an figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Confidence {
    /// Computed from the exact tensor table or an exact formula.
    #[default]
    Exact,
    /// Computed from documented rules that match published files.
    Estimated,
    /// Rules cannot reproduce the file (e.g. Unsloth UD mixes): calibrated guess.
    Approximate,
}

impl Confidence {
    /// `"exact"`, `"estimated"` or `"approximate"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Exact => "exact",
            Confidence::Estimated => "estimated",
            Confidence::Approximate => "approximate",
        }
    }
}

/// Weight bytes of one main block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LayerWeights {
    /// All tensors of the block (attention, norms, FFN, experts, router).
    pub bytes: u64,
    /// The routed-expert tensors (`ffn_{gate,up,down,gate_up}_exps`): what
    /// `--n-cpu-moe` / `-ot exps=CPU` moves to system RAM. Part of `bytes`.
    pub expert_bytes: u64,
    /// Bytes read to produce one token: everything but the routed experts,
    /// plus `n_expert_used / n_expert` of them.
    pub active_bytes: u64,
    /// Parameters of the block.
    pub params: u64,
    /// Parameters used per token.
    pub active_params: u64,
}

/// Weight bytes of a whole model at one quantization.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WeightPlan {
    /// One entry per main block.
    pub layers: Vec<LayerWeights>,
    /// MTP/NextN blocks stored in the file (loaded with the model).
    pub nextn_bytes: u64,
    /// `token_embd.weight` (the input layer: llama.cpp keeps it in system RAM).
    pub token_embd_bytes: u64,
    /// `per_layer_token_embd.weight` (Gemma 3n/4), also an input tensor.
    pub per_layer_embd_bytes: u64,
    /// `output.weight`, or with tied embeddings the runtime's copy of
    /// `token_embd` placed on the output device.
    pub output_bytes: u64,
    /// Other non-block tensors (output norm, rope factors, altup, ...).
    pub other_bytes: u64,
    /// Predicted file size: metadata + aligned tensor data.
    pub file_bytes: u64,
    /// Total parameters (embeddings included, counted once when tied).
    pub params: u64,
    /// Parameters used per token.
    pub active_params: u64,
    /// How sure the byte figures are.
    pub confidence: Confidence,
    /// Notes on the plan ("UD mix approximated", "tensor fell back to Q8_0"...).
    pub notes: Vec<String>,
}

impl WeightPlan {
    /// Bytes of all main blocks.
    pub fn block_bytes(&self) -> u64 {
        self.layers
            .iter()
            .fold(0u64, |a, l| a.saturating_add(l.bytes))
    }

    /// Weight bytes a runtime holds in memory, the tied-output copy included.
    pub fn loaded_bytes(&self) -> u64 {
        [
            self.nextn_bytes,
            self.token_embd_bytes,
            self.per_layer_embd_bytes,
            self.output_bytes,
            self.other_bytes,
        ]
        .into_iter()
        .fold(self.block_bytes(), u64::saturating_add)
    }

    /// Tensor bytes as stored in the file: [`WeightPlan::loaded_bytes`]
    /// without the runtime's output copy when the embeddings are `tied`.
    pub fn stored_bytes(&self, tied: bool) -> u64 {
        let output = if tied { self.output_bytes } else { 0 };
        self.loaded_bytes().saturating_sub(output)
    }
}
