//! DeepSeek: V3, R1, the R1 distills (Qwen2.5-based) and V4. Sorted by id.
//!
//! Values: `shared/reference/architectures.json` (config.json reproductions);
//! DeepSeek V4 weight sizes and parameter counts: seed 003.

use alloc::borrow::Cow;

use super::{b, listed, repo, Model, Publisher, SeedTier, Use, BASE};
use crate::hf_config::HfConfig;

use Publisher::{Bartowski, Unsloth};
use Use::{Agents, Chat, Coding, LongContext, Reasoning};

/// DeepSeek V4 Flash `compress_ratios` of the 43 main layers
/// (`[0, 0] + [4, 128] × 20 + [4]`).
const V4_FLASH_RATIOS: &[u16] = &[
    0, 0, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128,
    4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4,
];
/// DeepSeek V4 Pro `compress_ratios` of the 61 main layers (`[128, 128] +
/// [4, 128] × 29 + [4]`; only the start is confirmed, see the row note).
const V4_PRO_RATIOS: &[u16] = &[
    128, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4,
    128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4,
    128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4, 128, 4,
];

/// DeepSeek V3 / R1 (671B, MLA) config.
const fn v3() -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("deepseek_v3"),
        hidden_size: Some(7168),
        num_hidden_layers: Some(61),
        num_attention_heads: Some(128),
        num_key_value_heads: Some(128),
        intermediate_size: Some(18432),
        vocab_size: Some(129280),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(163840),
        num_experts: Some(256),
        num_experts_per_tok: Some(8),
        moe_intermediate_size: Some(2048),
        n_shared_experts: Some(1),
        first_k_dense_replace: Some(3),
        moe_layer_step: Some(1),
        kv_lora_rank: Some(512),
        q_lora_rank: Some(1536),
        qk_rope_head_dim: Some(64),
        qk_nope_head_dim: Some(128),
        v_head_dim: Some(128),
        ..HfConfig::EMPTY
    }
}

/// DeepSeek V4 config.
#[allow(clippy::too_many_arguments)]
const fn v4(
    hidden: u64,
    layers: u64,
    heads: u64,
    q_lora: u64,
    o_groups: u64,
    experts: u64,
    exp_ff: u64,
    ratios: &'static [u16],
) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("deepseek_v4"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(1),
        head_dim: Some(512),
        vocab_size: Some(129280),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(1048576),
        sliding_window: Some(128),
        num_experts: Some(experts),
        num_experts_per_tok: Some(6),
        moe_intermediate_size: Some(exp_ff),
        n_shared_experts: Some(1),
        shared_expert_intermediate_size: Some(exp_ff),
        moe_layer_step: Some(1),
        q_lora_rank: Some(q_lora),
        qk_rope_head_dim: Some(64),
        compress_ratios: Cow::Borrowed(ratios),
        o_lora_rank: Some(1024),
        o_groups: Some(o_groups),
        index_head_dim: Some(128),
        index_n_heads: Some(64),
        hc_mult: Some(4),
        num_nextn_predict_layers: Some(1),
        ..HfConfig::EMPTY
    }
}

/// A Qwen2.5-shaped R1 distill.
const fn distill(hidden: u64, layers: u64, heads: u64, kv: u64, ff: u64) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("qwen2"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(kv),
        head_dim: Some(128),
        intermediate_size: Some(ff),
        vocab_size: Some(152064),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(131072),
        attention_bias: Some(true),
        ..HfConfig::EMPTY
    }
}

const CARD_R1: &str =
    "https://huggingface.co/deepseek-ai/DeepSeek-R1 (reasoning model; distilled dense models)";
const SEED_V4: &str = "seed 003 (DeepSeek V4 VRAM article: 1M context; server-class MoE)";
const V4_SRC: &str = "DeepSeek-V4 config.json reproductions via shared/reference/architectures.json; totals/active and official weight sizes from seed 003";
const DISTILL_NOTE: &str = "Same tensor shapes as the Qwen2.5 base; tokenizer differs. UNVERIFIED: max_position_embeddings 131072 (recalled).";

// Published quant names of the GGUF repositories (`Gguf::quants`), each
// with its source (`Gguf::quants_source`).
const R1_Q7B_BART: &[&str] = &[
    "IQ2_M", "IQ3_M", "IQ3_XS", "IQ4_NL", "IQ4_XS", "Q2_K", "Q2_K_L", "Q3_K_L", "Q3_K_M", "Q3_K_S",
    "Q3_K_XL", "Q4_0", "Q4_1", "Q4_K_L", "Q4_K_M", "Q4_K_S", "Q5_K_L", "Q5_K_M", "Q5_K_S", "Q6_K",
    "Q6_K_L", "Q8_0", "F16", "F32",
];
const R1_Q7B_BART_SRC: &str = "https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF (revision 361004151d4f4f6b446dc5e6d46fbf4422a80d5f); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";

// Rows end in `..BASE` even when every field is set, so rows look alike.
#[allow(clippy::needless_update)]
#[rustfmt::skip]
pub(super) static ROWS: &[Model] = &[
    Model {
        id: "deepseek-r1", name: "DeepSeek R1 (671B)", family: "DeepSeek R1", hf_repo: "deepseek-ai/DeepSeek-R1", ollama: "deepseek-r1:671b",
        config: v3(),
        ctx_native: 131072, ctx_extended: 163840, license: "MIT", released: "2025-01",
        params: b(671.0), params_active: b(37.0), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/DeepSeek-R1-GGUF")],
        uses: &[Reasoning, Coding, Chat], uses_source: CARD_R1, tier: SeedTier::Architect,
        source: "https://huggingface.co/deepseek-ai/DeepSeek-R1/blob/main/config.json; shapes per shared/reference/architectures.json; card: 671B total, 37B activated",
        note: "Seed 001 names DeepSeek-R1 as a 'Thinking' cloud model. The MTP block (num_nextn_predict_layers 1) is left out: llama.cpp conversions of V3/R1 usually drop it.", ..BASE
    },
    Model {
        id: "deepseek-r1-distill-qwen-14b", name: "DeepSeek-R1-Distill-Qwen-14B", family: "DeepSeek R1 Distill", hf_repo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", ollama: "deepseek-r1:14b",
        config: distill(5120, 48, 40, 8, 13824),
        ctx_native: 131072, ctx_extended: 131072, license: "MIT", released: "2025-01",
        params: b(14.8), params_active: b(14.8), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF"), repo(Bartowski, "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF")],
        uses: &[Reasoning, Coding], uses_source: CARD_R1, tier: SeedTier::Editor,
        source: "Qwen2.5-14B shapes (shared/reference/architectures.json); 14.8B parameters (Hugging Face safetensors count)",
        note: DISTILL_NOTE, ..BASE
    },
    Model {
        id: "deepseek-r1-distill-qwen-32b", name: "DeepSeek-R1-Distill-Qwen-32B", family: "DeepSeek R1 Distill", hf_repo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", ollama: "deepseek-r1:32b",
        config: distill(5120, 64, 40, 8, 27648),
        ctx_native: 131072, ctx_extended: 131072, license: "MIT", released: "2025-01",
        params: b(32.8), params_active: b(32.8), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/DeepSeek-R1-Distill-Qwen-32B-GGUF"), repo(Bartowski, "bartowski/DeepSeek-R1-Distill-Qwen-32B-GGUF")],
        uses: &[Reasoning, Coding], uses_source: CARD_R1, tier: SeedTier::Workstation,
        source: "https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-32B/blob/main/config.json; Qwen2.5-32B shapes per shared/reference/architectures.json; 32.8B parameters (Hugging Face safetensors count)",
        note: DISTILL_NOTE, ..BASE
    },
    Model {
        id: "deepseek-r1-distill-qwen-7b", name: "DeepSeek-R1-Distill-Qwen-7B", family: "DeepSeek R1 Distill", hf_repo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", ollama: "deepseek-r1:7b",
        config: distill(3584, 28, 28, 4, 18944),
        ctx_native: 131072, ctx_extended: 131072, license: "MIT", released: "2025-01",
        params: b(7.62), params_active: b(7.62), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF"), listed(Bartowski, "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", R1_Q7B_BART, R1_Q7B_BART_SRC)],
        uses: &[Reasoning], uses_source: CARD_R1, tier: SeedTier::Editor,
        source: "Qwen2.5-Math-7B (= Qwen2.5-7B) shapes per shared/reference/architectures.json; 7.62B parameters (Hugging Face safetensors count)",
        note: DISTILL_NOTE, ..BASE
    },
    Model {
        id: "deepseek-v3", name: "DeepSeek V3 (671B)", family: "DeepSeek V3", hf_repo: "deepseek-ai/DeepSeek-V3", ollama: "deepseek-v3:671b",
        config: v3(),
        ctx_native: 131072, ctx_extended: 163840, license: "DeepSeek Model License", released: "2024-12",
        params: b(671.0), params_active: b(37.0), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/DeepSeek-V3-GGUF")],
        uses: &[Chat, Coding, Reasoning], uses_source: "https://huggingface.co/deepseek-ai/DeepSeek-V3 (MoE, 128K context)", tier: SeedTier::Architect,
        source: "https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json; shapes per shared/reference/architectures.json; card: 671B total, 37B activated",
        note: "Seed 001 Architect example. MTP block left out as for deepseek-r1.", ..BASE
    },
    Model {
        id: "deepseek-v4-flash", name: "DeepSeek V4 Flash", family: "DeepSeek V4", hf_repo: "deepseek-ai/DeepSeek-V4-Flash", ollama: "",
        config: v4(4096, 43, 64, 1024, 8, 256, 2048, V4_FLASH_RATIOS),
        ctx_native: 1048576, ctx_extended: 1048576, license: "MIT", released: "2026-04",
        params: b(284.0), params_active: b(13.0), params_precise: false,
        ggufs: &[],
        uses: &[Chat, Reasoning, Coding, Agents, LongContext], uses_source: SEED_V4, tier: SeedTier::Architect,
        source: V4_SRC,
        note: "Official weights 159.61 GB (seed 003). UNVERIFIED: license, release month, exact per-layer compress_ratios.", ..BASE
    },
    Model {
        id: "deepseek-v4-flash-base", name: "DeepSeek V4 Flash Base", family: "DeepSeek V4", hf_repo: "deepseek-ai/DeepSeek-V4-Flash-Base", ollama: "",
        config: v4(4096, 43, 64, 1024, 8, 256, 2048, V4_FLASH_RATIOS),
        ctx_native: 1048576, ctx_extended: 1048576, license: "MIT", released: "2026-04",
        params: b(284.0), params_active: b(13.0), params_precise: false,
        ggufs: &[],
        uses: &[LongContext], uses_source: SEED_V4, tier: SeedTier::Architect,
        source: V4_SRC,
        note: "Base model; official weights 294.67 GB, closer to full FP8 (seed 003). Assumed shape-identical to V4 Flash. UNVERIFIED: license, release month.", ..BASE
    },
    Model {
        id: "deepseek-v4-pro", name: "DeepSeek V4 Pro", family: "DeepSeek V4", hf_repo: "deepseek-ai/DeepSeek-V4-Pro", ollama: "",
        config: v4(7168, 61, 128, 1536, 16, 384, 3072, V4_PRO_RATIOS),
        ctx_native: 1048576, ctx_extended: 1048576, license: "MIT", released: "2026-04",
        params: b(1600.0), params_active: b(49.0), params_precise: false,
        ggufs: &[],
        uses: &[Chat, Reasoning, Coding, Agents, LongContext], uses_source: SEED_V4, tier: SeedTier::Architect,
        source: V4_SRC,
        note: "Official weights 864.70 GB (seed 003). UNVERIFIED: compress_ratios after the first six layers, license, release month.", ..BASE
    },
    Model {
        id: "deepseek-v4-pro-base", name: "DeepSeek V4 Pro Base", family: "DeepSeek V4", hf_repo: "deepseek-ai/DeepSeek-V4-Pro-Base", ollama: "",
        config: v4(7168, 61, 128, 1536, 16, 384, 3072, V4_PRO_RATIOS),
        ctx_native: 1048576, ctx_extended: 1048576, license: "MIT", released: "2026-04",
        params: b(1600.0), params_active: b(49.0), params_precise: false,
        ggufs: &[],
        uses: &[LongContext], uses_source: SEED_V4, tier: SeedTier::Architect,
        source: V4_SRC,
        note: "Base model; official weights 1606.03 GB (seed 003). Assumed shape-identical to V4 Pro. UNVERIFIED: compress_ratios, license, release month.", ..BASE
    },
];
