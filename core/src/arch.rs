//! The resolved, per-layer architecture the engine works on.
//!
//! An [`Arch`] is what llama.cpp knows after loading GGUF metadata: the
//! llama.cpp architecture, global sizes, and for every main block its
//! attention kind (full, sliding-window, MLA latent, DeepSeek V4 compressed,
//! linear-attention/recurrent, or KV shared with an earlier layer) and its
//! FFN kind (dense or mixture of experts). It is built from a
//! [`crate::hf_config::HfConfig`] or from a GGUF header.
//!
//! **Architecture invariant:** nothing downstream of `Arch` looks at
//! config.json names or GGUF keys; everything family-specific is resolved
//! here, once.

use alloc::vec::Vec;

/// llama.cpp architecture (`general.architecture` in a GGUF file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LlamaArch {
    /// `llama` (Llama 1-3, Mistral, Mixtral, Ministral, Mistral Small).
    Llama,
    /// `llama4`.
    Llama4,
    /// `qwen2`.
    Qwen2,
    /// `qwen2moe`.
    Qwen2Moe,
    /// `qwen3`.
    Qwen3,
    /// `qwen3moe`.
    Qwen3Moe,
    /// `qwen3next`.
    Qwen3Next,
    /// `qwen35` (Qwen3.5/3.6 dense hybrid).
    Qwen35,
    /// `qwen35moe` (Qwen3.5/3.6 MoE hybrid).
    Qwen35Moe,
    /// `gemma2`.
    Gemma2,
    /// `gemma3`.
    Gemma3,
    /// `gemma3n`.
    Gemma3n,
    /// `gemma4`.
    Gemma4,
    /// `phi3` (Phi-3, Phi-4).
    Phi3,
    /// `deepseek2` (DeepSeek V2/V3/R1, Kimi K2: MLA).
    Deepseek2,
    /// `deepseek4` (DeepSeek V4: compressed sparse attention).
    Deepseek4,
    /// `glm4moe` (GLM-4.5, GLM-4.5-Air, GLM-4.6).
    Glm4Moe,
    /// `gpt-oss` (internally `LLM_ARCH_OPENAI_MOE`).
    GptOss,
    /// `cohere2`.
    Cohere2,
    /// `lfm2` (LiquidAI: short-convolution hybrid).
    Lfm2,
    /// `granitehybrid` (Granite 4 Mamba2 hybrid).
    GraniteHybrid,
    /// `nemotron_h` (Mamba2 hybrid).
    NemotronH,
    /// `jamba`.
    Jamba,
    /// `mamba2`.
    Mamba2,
    /// `falcon-h1`.
    FalconH1,
}

/// Global, architecture-wide sizes plus one [`Layer`] per main block.
#[derive(Clone, Debug, PartialEq)]
pub struct Arch {
    /// llama.cpp architecture.
    pub arch: LlamaArch,
    /// Hidden size.
    pub n_embd: u64,
    /// Vocabulary size (rows of `token_embd`).
    pub n_vocab: u64,
    /// Training context length (`{arch}.context_length`).
    pub n_ctx_train: u64,
    /// No separate `output.weight`: the runtime reuses `token_embd`.
    pub tied_embeddings: bool,
    /// Main blocks, in order (`blk.0` … `blk.{n-1}`).
    pub layers: Vec<Layer>,
    /// MTP/NextN blocks stored in the file after the main blocks (weights
    /// only; llama.cpp gives them no KV in the main context).
    pub n_nextn_layers: u64,
    /// Per-layer embedding width (Gemma 3n/4 `per_layer_token_embd`), 0 if none.
    pub n_embd_per_layer: u64,
    /// Vocabulary of the per-layer embeddings.
    pub n_vocab_per_layer: u64,
    /// Hyper-connection multiplier (DeepSeek V4), 1 if none.
    pub hc_mult: u64,
}

/// One main block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layer {
    /// The token mixer.
    pub attn: Attn,
    /// The feed-forward part.
    pub ffn: Ffn,
}

/// The token mixer of one block, and so what it keeps per token or per sequence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Attn {
    /// Softmax attention with its own or a borrowed KV cache.
    Standard(StandardAttn),
    /// Multi-head latent attention (DeepSeek V2/V3/R1, Kimi K2): the cache
    /// keeps one latent of `kv_lora_rank + qk_rope_head_dim` per token.
    Mla(MlaAttn),
    /// DeepSeek V4 compressed attention (window + compressed caches).
    Compressed(CompressedAttn),
    /// Linear attention / SSM / short convolution: a fixed state per sequence.
    Recurrent(RecurrentMixer),
}

/// Softmax attention (MHA/GQA/MQA), full or sliding-window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StandardAttn {
    /// Query heads.
    pub n_head: u64,
    /// KV heads.
    pub n_head_kv: u64,
    /// Key head size.
    pub head_dim_k: u64,
    /// Value head size.
    pub head_dim_v: u64,
    /// Sliding window / chunk length, `None` for a global layer.
    pub window: Option<Window>,
    /// Where the layer's KV lives.
    pub kv: KvSource,
    /// Q/K/V stored as one fused `attn_qkv` tensor (Phi-3).
    pub fused_qkv: bool,
    /// Query projection doubled by an output gate (Qwen3.5/3.6, Qwen3-Next).
    pub q_gate: bool,
    /// No `attn_v` tensor: V is K (Gemma 4 global layers). The cache still holds V.
    pub k_eq_v: bool,
    /// q/k/v have biases (1-D, F32).
    pub qkv_bias: bool,
}

/// A local-attention span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Tokens.
    pub n_tokens: u64,
    /// Chunked (Llama 4) rather than sliding.
    pub chunked: bool,
}

/// Whether a layer owns its KV cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KvSource {
    /// The layer allocates its own KV.
    Own,
    /// The layer reads the KV of an earlier layer (Gemma 3n/4 KV sharing).
    SharedWith(u32),
}

/// Multi-head latent attention shapes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MlaAttn {
    /// Query heads.
    pub n_head: u64,
    /// `q_lora_rank`, 0 when the query is a plain projection.
    pub q_lora_rank: u64,
    /// `kv_lora_rank`.
    pub kv_lora_rank: u64,
    /// `qk_nope_head_dim`.
    pub qk_nope_head_dim: u64,
    /// `qk_rope_head_dim`.
    pub qk_rope_head_dim: u64,
    /// `v_head_dim`.
    pub v_head_dim: u64,
}

/// DeepSeek V4 attention: a sliding window on every layer plus, by
/// `compress_ratio`, a compressed cache (4: CSA with a lightning indexer,
/// 128: HCA).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CompressedAttn {
    /// Query heads.
    pub n_head: u64,
    /// Head size of the single KV head.
    pub head_dim: u64,
    /// Sliding window of the raw cache.
    pub window: u64,
    /// 0, 4 or 128.
    pub compress_ratio: u64,
    /// Lightning-indexer head size (CSA layers).
    pub index_head_dim: u64,
    /// Lightning-indexer heads.
    pub index_n_heads: u64,
    /// `q_lora_rank`.
    pub q_lora_rank: u64,
    /// `o_lora_rank`.
    pub o_lora_rank: u64,
    /// `o_groups`.
    pub o_groups: u64,
    /// RoPE part of the head.
    pub qk_rope_head_dim: u64,
}

/// The family of a recurrent mixer, which decides its weight tensors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecurrentKind {
    /// Gated delta net (Qwen3-Next, Qwen3.5/3.6).
    GatedDeltaNet,
    /// Mamba2 (Granite 4 hybrid, Nemotron-H, Falcon-H1, Jamba uses Mamba1).
    Mamba2,
    /// Mamba (v1) as in Jamba.
    Mamba1,
    /// LFM2 short convolution.
    ShortConv,
}

/// A recurrent / linear-attention layer with llama.cpp's state dimensions
/// (`ssm.conv_kernel`, `ssm.inner_size`, `ssm.state_size`, `ssm.group_count`,
/// `ssm.time_step_rank`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecurrentMixer {
    /// Family.
    pub kind: RecurrentKind,
    /// `d_conv` (conv kernel; for LFM2 `l_cache`).
    pub d_conv: u64,
    /// `d_inner`.
    pub d_inner: u64,
    /// `d_state` (0 for short convolution).
    pub d_state: u64,
    /// `n_group`.
    pub n_group: u64,
    /// `time_step_rank` (value heads for a gated delta net, SSM heads for Mamba2).
    pub n_heads: u64,
}

/// The feed-forward part of one block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ffn {
    /// Gated (SwiGLU/GeGLU) dense FFN of width `n_ff`.
    Dense {
        /// Intermediate width.
        n_ff: u64,
        /// gate and up fused into one `ffn_up` of width 2·n_ff (Phi-3).
        fused_gate_up: bool,
    },
    /// Mixture of experts.
    Moe(Moe),
}

/// Mixture-of-experts shapes of one block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moe {
    /// Routed experts.
    pub n_expert: u64,
    /// Experts used per token.
    pub n_expert_used: u64,
    /// Expert FFN width.
    pub n_ff_exp: u64,
    /// Total shared-expert FFN width (0 = none).
    pub n_ff_shexp: u64,
    /// A dense FFN of this width runs beside the experts (Gemma 4), 0 = none.
    pub n_ff_dense: u64,
    /// Experts store gate and up fused (`ffn_gate_up_exps`).
    pub fused_gate_up: bool,
    /// Router and experts have biases (gpt-oss).
    pub expert_bias: bool,
}

impl Arch {
    /// Number of main blocks.
    pub fn n_layer(&self) -> u64 {
        self.layers.len() as u64
    }

    /// The main blocks grouped by [`Layer`]: the index of the first block of
    /// each distinct layer, and each block's group (an index into the
    /// first). Blocks of one group have the same tensors and costs.
    pub(crate) fn layer_groups(&self) -> (Vec<usize>, Vec<u16>) {
        let mut first: Vec<usize> = Vec::new();
        let mut group_of = Vec::with_capacity(self.layers.len());
        let mut last: Option<(usize, u16)> = None;
        for (il, layer) in self.layers.iter().enumerate() {
            let g = match last {
                Some((j, g)) if self.layers.get(j) == Some(layer) => g,
                _ => {
                    let found = first
                        .iter()
                        .position(|&j| self.layers.get(j) == Some(layer));
                    let g = found.unwrap_or_else(|| {
                        first.push(il);
                        first.len() - 1
                    });
                    g as u16
                }
            };
            last = Some((il, g));
            group_of.push(g);
        }
        (first, group_of)
    }

    /// Routed experts of the first MoE layer (llama-quantize's `n_expert`), 0 for dense models.
    pub fn n_expert(&self) -> u64 {
        self.layers
            .iter()
            .find_map(|l| match l.ffn {
                Ffn::Moe(m) => Some(m.n_expert),
                Ffn::Dense { .. } => None,
            })
            .unwrap_or(0)
    }
}
