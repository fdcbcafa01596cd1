//! Other families: Z.ai GLM-4.5/4.6, OpenAI gpt-oss, Moonshot Kimi K2,
//! Liquid LFM2, Microsoft Phi. Sorted by id.

use alloc::borrow::Cow;

use super::{b, listed, repo, Model, Publisher, SeedTier, Use, BASE};
use crate::hf_config::HfConfig;

use Publisher::{Bartowski, GgmlOrg, LmStudio, Official, Unsloth};
use Use::{Agents, Chat, Coding, LongContext, Reasoning};

/// LFM2-1.2B layer kinds: `C` short convolution, `F` attention.
const LFM2_LAYERS: &[u8] = b"CCFCCFCCFCFCFCFC";

/// GLM-4.5 family config (`glm4_moe`, one MTP block stored with the weights).
#[allow(clippy::too_many_arguments)]
const fn glm(
    hidden: u64,
    layers: u64,
    ff: u64,
    experts: u64,
    exp_ff: u64,
    dense: u64,
    max_pos: u64,
) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("glm4_moe"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(96),
        num_key_value_heads: Some(8),
        head_dim: Some(128),
        intermediate_size: Some(ff),
        vocab_size: Some(151552),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(max_pos),
        attention_bias: Some(true),
        num_experts: Some(experts),
        num_experts_per_tok: Some(8),
        moe_intermediate_size: Some(exp_ff),
        n_shared_experts: Some(1),
        first_k_dense_replace: Some(dense),
        moe_layer_step: Some(1),
        num_nextn_predict_layers: Some(1),
        ..HfConfig::EMPTY
    }
}

/// gpt-oss config (alternating 128-token sliding / full attention, MXFP4 experts).
const fn gpt_oss(layers: u64, experts: u64) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("gpt_oss"),
        hidden_size: Some(2880),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(64),
        num_key_value_heads: Some(8),
        head_dim: Some(64),
        intermediate_size: Some(2880),
        vocab_size: Some(201088),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(131072),
        attention_bias: Some(true),
        sliding_window: Some(128),
        num_experts: Some(experts),
        num_experts_per_tok: Some(4),
        moe_intermediate_size: Some(2880),
        moe_layer_step: Some(1),
        ..HfConfig::EMPTY
    }
}

/// Phi-3 family config (fused qkv and gate/up in GGUF).
#[allow(clippy::too_many_arguments)]
const fn phi3(
    hidden: u64,
    layers: u64,
    heads: u64,
    kv: u64,
    ff: u64,
    vocab: u64,
    max_pos: u64,
    window: Option<u64>,
) -> HfConfig {
    HfConfig {
        sliding_window: window,
        model_type: Cow::Borrowed("phi3"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(kv),
        intermediate_size: Some(ff),
        vocab_size: Some(vocab),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(max_pos),
        ..HfConfig::EMPTY
    }
}

const CARD_GLM: &str = "https://huggingface.co/zai-org/GLM-4.5 (reasoning, coding and agentic abilities; hybrid thinking)";
const CARD_OSS: &str =
    "https://openai.com/index/introducing-gpt-oss/ (reasoning, tool use, 128K context)";
const OSS_NOTE: &str = "n_embd 2880 is not a multiple of 256, so K-quants fall back (llama-quantize); experts ship as MXFP4.";

// Published quant names of the GGUF repositories (`Gguf::quants`), each
// with its source (`Gguf::quants_source`).
const OSS_20B_GGML: &[&str] = &["MXFP4_MOE"];
const OSS_20B_GGML_SRC: &str = "https://huggingface.co/ggml-org/gpt-oss-20b-GGUF (revision ef9b12f2ff56c69cf32153a02784e7a3c88bf524); validation/file-sizes.json rows (Hugging Face API sizes as pinned in github.com/aflin/rampart-langtools rampart-models.js)";
const OSS_20B_UNS: &[&str] = &[
    "F16",
    "Q2_K",
    "Q2_K_L",
    "Q3_K_M",
    "Q3_K_S",
    "Q4_0",
    "Q4_1",
    "Q4_K_M",
    "Q4_K_S",
    "Q5_K_M",
    "Q5_K_S",
    "Q6_K",
    "Q8_0",
    "UD-Q4_K_XL",
    "UD-Q6_K_XL",
    "UD-Q8_K_XL",
];
const OSS_20B_UNS_SRC: &str = "https://huggingface.co/unsloth/gpt-oss-20b-GGUF (revision d449b42d93e1c2c7bda5312f5c25c8fb91dfa9b4); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const OSS_120B_GGML: &[&str] = &["MXFP4_MOE"];
const OSS_120B_GGML_SRC: &str = "https://huggingface.co/ggml-org/gpt-oss-120b-GGUF (revision 238abdd290bb874b90a5da1b4549881b7d05c091); validation/file-sizes.json rows (Hugging Face API sizes as pinned in github.com/aflin/rampart-langtools rampart-models.js)";
const OSS_120B_UNS: &[&str] = &["F16"];
const OSS_120B_UNS_SRC: &str = "https://huggingface.co/unsloth/gpt-oss-120b-GGUF (revision ff1a82da6ad466e32284fa3d2b86694db3204789); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const PHI4_OFF: &[&str] = &[
    "IQ3_M", "IQ3_S", "IQ3_XS", "IQ3_XXS", "IQ4_NL", "IQ4_XS", "Q2_K", "Q3_K_S", "Q3_K_M",
    "Q3_K_L", "Q4_0", "Q4_1", "Q4_K_S", "Q4_K_M", "Q5_0", "Q5_1", "Q5_K_S", "Q5_K_M", "Q6_K",
    "Q8_0", "TQ1_0", "BF16",
];
const PHI4_OFF_SRC: &str = "https://huggingface.co/microsoft/phi-4-gguf (revision 6edc2ef6664b739a8e11e62f2672ff6afe0c15ac); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there) (files phi-4-Q3_K/Q4_K/Q5_K listed here as Q3_K_M/Q4_K_M/Q5_K_M, llama-quantize's aliases, as in validation/file-sizes.json)";

// Rows end in `..BASE` even when every field is set, so rows look alike.
#[allow(clippy::needless_update)]
#[rustfmt::skip]
pub(super) static ROWS: &[Model] = &[
    Model {
        id: "glm-4.5", name: "GLM-4.5", family: "GLM-4.5", hf_repo: "zai-org/GLM-4.5", ollama: "",
        config: glm(5120, 92, 12288, 160, 1536, 3, 131072),
        ctx_native: 131072, ctx_extended: 131072, license: "MIT", released: "2025-07",
        params: b(355.0), params_active: b(32.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/GLM-4.5-GGUF")],
        uses: &[Reasoning, Coding, Agents, Chat], uses_source: CARD_GLM, tier: SeedTier::Architect,
        source: "https://huggingface.co/zai-org/GLM-4.5/blob/main/config.json; card: 355B total, 32B active",
        note: "UNVERIFIED: config values recalled (hidden 5120, 92 layers, 96/8 heads, 160 experts x 1536, 3 dense layers).", ..BASE
    },
    Model {
        id: "glm-4.5-air", name: "GLM-4.5-Air", family: "GLM-4.5", hf_repo: "zai-org/GLM-4.5-Air", ollama: "",
        config: glm(4096, 46, 10944, 128, 1408, 1, 131072),
        ctx_native: 131072, ctx_extended: 131072, license: "MIT", released: "2025-07",
        params: b(106.0), params_active: b(12.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/GLM-4.5-Air-GGUF"), repo(Bartowski, "bartowski/zai-org_GLM-4.5-Air-GGUF")],
        uses: &[Reasoning, Coding, Agents, Chat], uses_source: CARD_GLM, tier: SeedTier::Architect,
        source: "https://huggingface.co/zai-org/GLM-4.5-Air/blob/main/config.json; shapes per shared/reference/architectures.json; card: 106B total, 12B active",
        note: "The GGUF stores the MTP block (block_count 47) but llama.cpp gives it no KV. The published 106B excludes that block (about 2.4B), which the derived count includes.", ..BASE
    },
    Model {
        id: "glm-4.6", name: "GLM-4.6", family: "GLM-4.6", hf_repo: "zai-org/GLM-4.6", ollama: "",
        config: glm(5120, 92, 12288, 160, 1536, 3, 202752),
        ctx_native: 202752, ctx_extended: 202752, license: "MIT", released: "2025-09",
        params: b(355.0), params_active: b(32.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/GLM-4.6-GGUF")],
        uses: &[Reasoning, Coding, Agents, LongContext], uses_source: "https://huggingface.co/zai-org/GLM-4.6 (200K context, agentic coding)", tier: SeedTier::Architect,
        source: "https://huggingface.co/zai-org/GLM-4.6/blob/main/config.json; card: 355B total, 32B active",
        note: "UNVERIFIED: config values recalled; same shapes as GLM-4.5 with a 200K context.", ..BASE
    },
    Model {
        id: "gpt-oss-120b", name: "gpt-oss-120b", family: "gpt-oss", hf_repo: "openai/gpt-oss-120b", ollama: "gpt-oss:120b",
        config: gpt_oss(36, 128),
        ctx_native: 131072, ctx_extended: 131072, license: "Apache-2.0", released: "2025-08",
        params: b(117.0), params_active: b(5.1), params_precise: true,
        ggufs: &[listed(GgmlOrg, "ggml-org/gpt-oss-120b-GGUF", OSS_120B_GGML, OSS_120B_GGML_SRC), listed(Unsloth, "unsloth/gpt-oss-120b-GGUF", OSS_120B_UNS, OSS_120B_UNS_SRC), repo(LmStudio, "lmstudio-community/gpt-oss-120b-GGUF")],
        uses: &[Reasoning, Agents, Coding, Chat], uses_source: CARD_OSS, tier: SeedTier::Architect,
        source: "https://huggingface.co/openai/gpt-oss-120b/blob/main/config.json; shapes per shared/reference/architectures.json; https://openai.com/index/introducing-gpt-oss/: 117B total, 5.1B active",
        note: OSS_NOTE, ..BASE
    },
    Model {
        id: "gpt-oss-20b", name: "gpt-oss-20b", family: "gpt-oss", hf_repo: "openai/gpt-oss-20b", ollama: "gpt-oss:20b",
        config: gpt_oss(24, 32),
        ctx_native: 131072, ctx_extended: 131072, license: "Apache-2.0", released: "2025-08",
        params: b(21.0), params_active: b(3.6), params_precise: false,
        ggufs: &[listed(GgmlOrg, "ggml-org/gpt-oss-20b-GGUF", OSS_20B_GGML, OSS_20B_GGML_SRC), listed(Unsloth, "unsloth/gpt-oss-20b-GGUF", OSS_20B_UNS, OSS_20B_UNS_SRC), repo(LmStudio, "lmstudio-community/gpt-oss-20b-GGUF")],
        uses: &[Reasoning, Agents, Coding, Chat], uses_source: CARD_OSS, tier: SeedTier::Workstation,
        source: "https://huggingface.co/openai/gpt-oss-20b/blob/main/config.json; shapes per shared/reference/architectures.json; https://openai.com/index/introducing-gpt-oss/: 21B total, 3.6B active",
        note: OSS_NOTE, ..BASE
    },
    Model {
        id: "kimi-k2", name: "Kimi K2 Instruct", family: "Kimi K2", hf_repo: "moonshotai/Kimi-K2-Instruct", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("kimi_k2"), hidden_size: Some(7168), num_hidden_layers: Some(61),
            num_attention_heads: Some(64), num_key_value_heads: Some(64), intermediate_size: Some(18432),
            vocab_size: Some(163840), tie_word_embeddings: Some(false), max_position_embeddings: Some(131072),
            num_experts: Some(384), num_experts_per_tok: Some(8), moe_intermediate_size: Some(2048),
            n_shared_experts: Some(1), first_k_dense_replace: Some(1), moe_layer_step: Some(1),
            kv_lora_rank: Some(512), q_lora_rank: Some(1536), qk_rope_head_dim: Some(64),
            qk_nope_head_dim: Some(128), v_head_dim: Some(128),
            ..HfConfig::EMPTY
        },
        ctx_native: 131072, ctx_extended: 131072, license: "Modified MIT", released: "2025-07",
        params: b(1000.0), params_active: b(32.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/Kimi-K2-Instruct-GGUF")],
        uses: &[Agents, Coding, Chat], uses_source: "https://huggingface.co/moonshotai/Kimi-K2-Instruct (agentic intelligence, tool use)", tier: SeedTier::Architect,
        source: "https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/config.json; card: 1T total, 32B activated",
        note: "DeepSeek V3 architecture (MLA) with 384 experts and 64 heads. UNVERIFIED: config values recalled.", ..BASE
    },
    Model {
        id: "lfm2-1.2b", name: "LFM2 1.2B", family: "LFM2", hf_repo: "LiquidAI/LFM2-1.2B", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("lfm2"), hidden_size: Some(2048), num_hidden_layers: Some(16),
            num_attention_heads: Some(32), num_key_value_heads: Some(8), intermediate_size: Some(12288),
            vocab_size: Some(65536), tie_word_embeddings: Some(true), max_position_embeddings: Some(128000),
            layer_types: Cow::Borrowed(LFM2_LAYERS), conv_kernel: Some(3),
            ..HfConfig::EMPTY
        },
        ctx_native: 32768, ctx_extended: 32768, license: "LFM Open License v1.0", released: "2025-07",
        params: b(1.17), params_active: b(1.17), params_precise: true,
        ggufs: &[repo(Official, "LiquidAI/LFM2-1.2B-GGUF")],
        uses: &[Chat, Agents], uses_source: "https://huggingface.co/LiquidAI/LFM2-1.2B (on-device; agentic tasks, data extraction, RAG)", tier: SeedTier::Micro,
        source: "https://huggingface.co/LiquidAI/LFM2-1.2B/blob/main/config.json; card: 1.17B parameters, 32K context",
        note: "intermediate_size is block_ff_dim (12288), auto-adjusted to 8192 by the resolver. UNVERIFIED: positions of the 6 attention layers and other config values (recalled).", ..BASE
    },
    Model {
        id: "phi-3-mini", name: "Phi-3-mini 128K Instruct", family: "Phi-3", hf_repo: "microsoft/Phi-3-mini-128k-instruct", ollama: "phi3:mini",
        config: phi3(3072, 32, 32, 32, 8192, 32064, 131072, Some(262144)),
        ctx_native: 131072, ctx_extended: 131072, license: "MIT", released: "2024-04",
        params: b(3.8), params_active: b(3.8), params_precise: false,
        ggufs: &[repo(Bartowski, "bartowski/Phi-3-mini-128k-instruct-GGUF")],
        uses: &[Chat, Reasoning, LongContext], uses_source: "https://huggingface.co/microsoft/Phi-3-mini-128k-instruct (memory/compute-constrained, reasoning)", tier: SeedTier::Micro,
        source: "ollama/ollama convert/testdata/Phi-3-mini-128k-instruct.json via shared/reference/architectures.json; card: 3.8B parameters",
        note: "Seed 001 names phi-3-mini as a Micro-tier model. MHA (32 KV heads): large KV cache. UNVERIFIED: vocab_size 32064 (recalled).", ..BASE
    },
    Model {
        id: "phi-4", name: "Phi-4", family: "Phi-4", hf_repo: "microsoft/phi-4", ollama: "phi4:14b",
        config: phi3(5120, 40, 40, 10, 17920, 100352, 16384, None),
        ctx_native: 16384, ctx_extended: 16384, license: "MIT", released: "2024-12",
        params: b(14.7), params_active: b(14.7), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/phi-4-GGUF"), repo(Bartowski, "bartowski/phi-4-GGUF"), listed(Official, "microsoft/phi-4-gguf", PHI4_OFF, PHI4_OFF_SRC)],
        uses: &[Reasoning, Chat, Coding], uses_source: "https://huggingface.co/microsoft/phi-4 (reasoning and logic, memory/compute-constrained)", tier: SeedTier::Editor,
        source: "https://huggingface.co/microsoft/phi-4/blob/main/config.json (reproduced, see shared/reference/architectures.json); 14.7B parameters (Hugging Face safetensors count)",
        note: "Named in seed 000 as a fine-tuning candidate.", ..BASE
    },
];
