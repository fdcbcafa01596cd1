//! The architecture of a model as its Hugging Face `config.json` states it.
//!
//! [`HfConfig`] is the one input shape for architectures: the model catalog
//! writes its rows with it (field names are config.json's, with a
//! multimodal model's `text_config` flattened in), and the config.json
//! importer produces it. [`crate::arch::Arch::from_hf`] resolves it into the
//! per-layer [`crate::arch::Arch`] the engine works on, the way llama.cpp's
//! converter resolves config.json into GGUF metadata.
//!
//! Every field is optional because real config.json files omit fields that
//! have family defaults; the resolver applies those defaults and says so.

use alloc::borrow::Cow;

/// Fields of a Hugging Face `config.json` that decide memory and speed.
///
/// `model_type` decides the llama.cpp architecture (`llama`, `qwen2`,
/// `qwen3`, `qwen3_moe`, `qwen3_next`, `qwen3_5`, `qwen3_5_moe`, `gemma2`,
/// `gemma3_text`, `gemma3n_text`, `gemma4_text`, `phi3`, `mistral`,
/// `mixtral`, `deepseek_v3`, `deepseek_v4`, `glm4_moe`, `gpt_oss`,
/// `llama4_text`, `cohere2`, `lfm2`, `granitemoehybrid`, `nemotron_h`,
/// `falcon_h1`, `jamba`, `mamba2`, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct HfConfig {
    /// `model_type` (for a multimodal model, the text model's `model_type`).
    pub model_type: Cow<'static, str>,
    /// `hidden_size` (`n_embd`).
    pub hidden_size: Option<u64>,
    /// `num_hidden_layers`: main blocks, without MTP/NextN blocks.
    pub num_hidden_layers: Option<u64>,
    /// `num_attention_heads`.
    pub num_attention_heads: Option<u64>,
    /// `num_key_value_heads` (absent = MHA, equal to the head count).
    pub num_key_value_heads: Option<u64>,
    /// `head_dim` (absent = hidden_size / num_attention_heads).
    pub head_dim: Option<u64>,
    /// `intermediate_size`: dense FFN width.
    pub intermediate_size: Option<u64>,
    /// `vocab_size`.
    pub vocab_size: Option<u64>,
    /// `tie_word_embeddings` (absent = false, except families whose default is true).
    pub tie_word_embeddings: Option<bool>,
    /// `max_position_embeddings`: the training context.
    pub max_position_embeddings: Option<u64>,
    /// `attention_bias` / `qkv_bias` (Qwen2 has q/k/v biases).
    pub attention_bias: Option<bool>,

    // --- sliding window / local attention ---
    /// `sliding_window` (tokens); `None` or 0 = no sliding-window layers.
    pub sliding_window: Option<u64>,
    /// `sliding_window_pattern`: every p-th layer is global (Gemma 3: 6, Gemma 3n: 5).
    pub sliding_window_pattern: Option<u64>,
    /// `layer_types`, compressed: `b'S'` sliding, `b'F'` full, `b'L'` linear
    /// attention, `b'M'` mamba/recurrent, `b'C'` short convolution, one byte per layer.
    /// Empty when config.json has no `layer_types`.
    pub layer_types: Cow<'static, [u8]>,
    /// `attention_chunk_size` (Llama 4 chunked local attention).
    pub attention_chunk_size: Option<u64>,

    // --- Gemma 3n / Gemma 4 ---
    /// `num_kv_shared_layers`: the last N layers reuse earlier layers' KV.
    pub num_kv_shared_layers: Option<u64>,
    /// `hidden_size_per_layer_input` (per-layer embeddings).
    pub hidden_size_per_layer_input: Option<u64>,
    /// `vocab_size_per_layer_input`.
    pub vocab_size_per_layer_input: Option<u64>,
    /// `global_head_dim` (Gemma 4 full-attention layers).
    pub global_head_dim: Option<u64>,
    /// `num_global_key_value_heads` (Gemma 4 full-attention layers).
    pub num_global_key_value_heads: Option<u64>,
    /// `attention_k_eq_v` (Gemma 4: global layers have no v_proj).
    pub attention_k_eq_v: Option<bool>,
    /// `use_double_wide_mlp` (Gemma 4 E2B: KV-shared layers have 2x FFN width).
    pub use_double_wide_mlp: Option<bool>,

    // --- mixture of experts ---
    /// `num_experts` / `num_local_experts` / `n_routed_experts`.
    pub num_experts: Option<u64>,
    /// `num_experts_per_tok`.
    pub num_experts_per_tok: Option<u64>,
    /// `moe_intermediate_size` (expert FFN width).
    pub moe_intermediate_size: Option<u64>,
    /// `n_shared_experts` (or 1 when `shared_expert_intermediate_size` is set).
    pub n_shared_experts: Option<u64>,
    /// `shared_expert_intermediate_size` (absent = moe_intermediate_size × n_shared_experts).
    pub shared_expert_intermediate_size: Option<u64>,
    /// `first_k_dense_replace`: leading dense layers.
    pub first_k_dense_replace: Option<u64>,
    /// `interleave_moe_layer_step` / `decoder_sparse_step` (1 = every layer MoE).
    pub moe_layer_step: Option<u64>,

    // --- MLA (DeepSeek V2/V3/R1, Kimi K2) ---
    /// `kv_lora_rank`.
    pub kv_lora_rank: Option<u64>,
    /// `q_lora_rank` (absent = plain q projection).
    pub q_lora_rank: Option<u64>,
    /// `qk_rope_head_dim`.
    pub qk_rope_head_dim: Option<u64>,
    /// `qk_nope_head_dim`.
    pub qk_nope_head_dim: Option<u64>,
    /// `v_head_dim`.
    pub v_head_dim: Option<u64>,

    // --- DeepSeek V4 compressed attention ---
    /// `compress_ratios` per main layer (0 window only, 4 CSA, 128 HCA).
    pub compress_ratios: Cow<'static, [u16]>,
    /// `o_lora_rank` (grouped low-rank output projection).
    pub o_lora_rank: Option<u64>,
    /// `o_groups`.
    pub o_groups: Option<u64>,
    /// `index_head_dim` (lightning indexer).
    pub index_head_dim: Option<u64>,
    /// `index_n_heads`.
    pub index_n_heads: Option<u64>,
    /// `hc_mult` (hyper-connections).
    pub hc_mult: Option<u64>,

    // --- hybrid linear attention / recurrent layers ---
    /// `full_attention_interval` (Qwen3-Next/3.5/3.6: every 4th layer is full attention).
    pub full_attention_interval: Option<u64>,
    /// `linear_num_key_heads`.
    pub linear_num_key_heads: Option<u64>,
    /// `linear_num_value_heads`.
    pub linear_num_value_heads: Option<u64>,
    /// `linear_key_head_dim`.
    pub linear_key_head_dim: Option<u64>,
    /// `linear_value_head_dim`.
    pub linear_value_head_dim: Option<u64>,
    /// `linear_conv_kernel_dim` / `conv_kernel` / `mamba_d_conv` / `conv_L_cache`.
    pub conv_kernel: Option<u64>,
    /// `mamba_d_state` / `ssm_state_size` / `state_size`.
    pub ssm_state_size: Option<u64>,
    /// `mamba_expand` × hidden_size or explicit `mamba_d_inner` / `intermediate` of the SSM.
    pub ssm_inner_size: Option<u64>,
    /// `mamba_n_groups` / `n_groups`.
    pub ssm_n_groups: Option<u64>,
    /// `mamba_n_heads` / `ssm num_heads`.
    pub ssm_n_heads: Option<u64>,

    // --- multi-token prediction blocks stored with the weights ---
    /// `num_nextn_predict_layers` / `mtp_num_hidden_layers`.
    pub num_nextn_predict_layers: Option<u64>,
}

impl HfConfig {
    /// A config with every field absent; catalog rows start from it with
    /// `..HfConfig::EMPTY`.
    pub const EMPTY: HfConfig = HfConfig {
        model_type: Cow::Borrowed(""),
        hidden_size: None,
        num_hidden_layers: None,
        num_attention_heads: None,
        num_key_value_heads: None,
        head_dim: None,
        intermediate_size: None,
        vocab_size: None,
        tie_word_embeddings: None,
        max_position_embeddings: None,
        attention_bias: None,
        sliding_window: None,
        sliding_window_pattern: None,
        layer_types: Cow::Borrowed(&[]),
        attention_chunk_size: None,
        num_kv_shared_layers: None,
        hidden_size_per_layer_input: None,
        vocab_size_per_layer_input: None,
        global_head_dim: None,
        num_global_key_value_heads: None,
        attention_k_eq_v: None,
        use_double_wide_mlp: None,
        num_experts: None,
        num_experts_per_tok: None,
        moe_intermediate_size: None,
        n_shared_experts: None,
        shared_expert_intermediate_size: None,
        first_k_dense_replace: None,
        moe_layer_step: None,
        kv_lora_rank: None,
        q_lora_rank: None,
        qk_rope_head_dim: None,
        qk_nope_head_dim: None,
        v_head_dim: None,
        compress_ratios: Cow::Borrowed(&[]),
        o_lora_rank: None,
        o_groups: None,
        index_head_dim: None,
        index_n_heads: None,
        hc_mult: None,
        full_attention_interval: None,
        linear_num_key_heads: None,
        linear_num_value_heads: None,
        linear_key_head_dim: None,
        linear_value_head_dim: None,
        conv_kernel: None,
        ssm_state_size: None,
        ssm_inner_size: None,
        ssm_n_groups: None,
        ssm_n_heads: None,
        num_nextn_predict_layers: None,
    };
}
