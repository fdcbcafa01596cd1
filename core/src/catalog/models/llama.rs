//! Meta Llama: Llama 3.1, 3.2, 3.3 and Llama 4 Scout. Sorted by id.
//!
//! Llama 3.x values: `shared/reference/architectures.json` (Ollama's
//! converter test data and config reproductions) for 8B/70B/405B; the
//! Llama 3.2 and Llama 4 rows say where theirs come from.

use alloc::borrow::Cow;

use super::{b, listed, repo, Model, ParamScope, Publisher, SeedTier, Use, BASE, VISION};
use crate::hf_config::HfConfig;

use Publisher::{Bartowski, LmStudio, Unsloth};
use Use::{Agents, Chat, Coding, LongContext, Reasoning, Vision};

/// Llama 3.x config (GQA with 8 KV heads, 128K context).
#[allow(clippy::too_many_arguments)]
const fn llama3(
    hidden: u64,
    layers: u64,
    heads: u64,
    head_dim: u64,
    ff: u64,
    tied: bool,
) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("llama"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(8),
        head_dim: Some(head_dim),
        intermediate_size: Some(ff),
        vocab_size: Some(128256),
        tie_word_embeddings: Some(tied),
        max_position_embeddings: Some(131072),
        attention_bias: Some(false),
        ..HfConfig::EMPTY
    }
}

const CARD_31: &str = "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct (multilingual dialogue, tool use, 128K context)";
const CARD_33: &str = "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct (multilingual dialogue, tool use, 128K context)";

// Projector (mmproj F16) file: bytes as published on Hugging Face, read from
// public code that pins the file's revision, size and sha256.
const SCOUT_MMPROJ: u64 = 1_746_780_608;
const SCOUT_MMPROJ_SRC: &str = "https://huggingface.co/ggml-org/Llama-4-Scout-17B-16E-Instruct-GGUF/resolve/42675345da11ade9203a5187595da7b74d4ff2ac/mmproj-Llama-4-Scout-17B-16E-Instruct-f16.gguf; 1,746,780,608 bytes (sha256 a7eec120...) as pinned in public GitHub code (a Python registry of projector artifacts)";

// Published quant names of the GGUF repositories (`Gguf::quants`), each
// with its source (`Gguf::quants_source`).
const L31_8B_BART: &[&str] = &[
    "IQ2_M", "IQ3_M", "IQ3_XS", "IQ4_NL", "IQ4_XS", "Q2_K", "Q2_K_L", "Q3_K_L", "Q3_K_M", "Q3_K_S",
    "Q3_K_XL", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "Q4_K_L", "Q4_K_M", "Q4_K_S", "Q5_K_L",
    "Q5_K_M", "Q5_K_S", "Q6_K", "Q6_K_L", "Q8_0", "F32",
];
const L31_8B_BART_SRC: &str = "https://huggingface.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF (revision bf5b95e96dac0462e2a09145ec66cae9a3f12067); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const L32_1B_BART: &[&str] = &[
    "IQ3_M", "IQ4_XS", "Q3_K_L", "Q3_K_XL", "Q4_0", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "Q4_K_L",
    "Q4_K_M", "Q4_K_S", "Q5_K_L", "Q5_K_M", "Q5_K_S", "Q6_K", "Q6_K_L", "Q8_0", "F16",
];
const L32_1B_BART_SRC: &str = "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF (revision 067b946cf014b7c697f3654f621d577a3e3afd1c); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const L32_3B_UNS: &[&str] = &[
    "BF16",
    "F16",
    "Q2_K_L",
    "IQ4_NL",
    "IQ4_XS",
    "Q2_K",
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
    "UD-IQ1_M",
    "UD-IQ1_S",
    "UD-IQ2_M",
    "UD-IQ2_XXS",
    "UD-IQ3_XXS",
    "UD-Q2_K_XL",
    "UD-Q3_K_XL",
    "UD-Q4_K_XL",
    "UD-Q5_K_XL",
    "UD-Q6_K_XL",
    "UD-Q8_K_XL",
];
const L32_3B_UNS_SRC: &str = "https://huggingface.co/unsloth/Llama-3.2-3B-Instruct-GGUF (revision e7d0997e49c9cb00d88b4c1a6a16aa894b0bbc31); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";

// Rows end in `..BASE` even when every field is set, so rows look alike.
#[allow(clippy::needless_update)]
#[rustfmt::skip]
pub(super) static ROWS: &[Model] = &[
    Model {
        id: "llama-3.1-405b", name: "Llama 3.1 405B Instruct", family: "Llama 3.1", hf_repo: "meta-llama/Llama-3.1-405B-Instruct", ollama: "llama3.1:405b",
        config: llama3(16384, 126, 128, 128, 53248, false),
        ctx_native: 131072, ctx_extended: 131072, license: "Llama 3.1 Community", released: "2024-07",
        params: b(405.0), params_active: b(405.0), params_precise: true,
        ggufs: &[],
        uses: &[Chat, Reasoning, Coding, Agents, LongContext], uses_source: CARD_31, tier: SeedTier::Architect,
        source: "https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct/blob/main/config.json; shapes per shared/reference/architectures.json; card: 405B",
        note: "", ..BASE
    },
    Model {
        id: "llama-3.1-70b", name: "Llama 3.1 70B Instruct", family: "Llama 3.1", hf_repo: "meta-llama/Llama-3.1-70B-Instruct", ollama: "llama3.1:70b",
        config: llama3(8192, 80, 64, 128, 28672, false),
        ctx_native: 131072, ctx_extended: 131072, license: "Llama 3.1 Community", released: "2024-07",
        params: b(70.6), params_active: b(70.6), params_precise: true,
        ggufs: &[repo(Bartowski, "bartowski/Meta-Llama-3.1-70B-Instruct-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents, LongContext], uses_source: CARD_31, tier: SeedTier::Architect,
        source: "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct/blob/main/config.json; shapes equal to Llama 3.3 70B; 70.6B parameters (Hugging Face safetensors count)",
        note: "", ..BASE
    },
    Model {
        id: "llama-3.1-8b", name: "Llama 3.1 8B Instruct", family: "Llama 3.1", hf_repo: "meta-llama/Llama-3.1-8B-Instruct", ollama: "llama3.1:8b",
        config: llama3(4096, 32, 32, 128, 14336, false),
        ctx_native: 131072, ctx_extended: 131072, license: "Llama 3.1 Community", released: "2024-07",
        params: b(8.03), params_active: b(8.03), params_precise: true,
        ggufs: &[listed(Bartowski, "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", L31_8B_BART, L31_8B_BART_SRC), repo(LmStudio, "lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF")],
        uses: &[Chat, Agents, LongContext], uses_source: CARD_31, tier: SeedTier::Editor,
        source: "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json; shapes per shared/reference/architectures.json; 8.03B parameters (Hugging Face safetensors count)",
        note: "", ..BASE
    },
    Model {
        id: "llama-3.2-1b", name: "Llama 3.2 1B Instruct", family: "Llama 3.2", hf_repo: "meta-llama/Llama-3.2-1B-Instruct", ollama: "llama3.2:1b",
        config: llama3(2048, 16, 32, 64, 8192, true),
        ctx_native: 131072, ctx_extended: 131072, license: "Llama 3.2 Community", released: "2024-09",
        params: b(1.24), params_active: b(1.24), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/Llama-3.2-1B-Instruct-GGUF"), listed(Bartowski, "bartowski/Llama-3.2-1B-Instruct-GGUF", L32_1B_BART, L32_1B_BART_SRC)],
        uses: &[Chat], uses_source: "https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct (on-device dialogue, summarization, retrieval)", tier: SeedTier::Micro,
        source: "https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct/blob/main/config.json; 1.24B parameters (Hugging Face safetensors count)",
        note: "UNVERIFIED: config values recalled (hidden 2048, 16 layers, 32/8 heads of 64, ffn 8192, tied embeddings).", ..BASE
    },
    Model {
        id: "llama-3.2-3b", name: "Llama 3.2 3B Instruct", family: "Llama 3.2", hf_repo: "meta-llama/Llama-3.2-3B-Instruct", ollama: "llama3.2:3b",
        config: llama3(3072, 28, 24, 128, 8192, true),
        ctx_native: 131072, ctx_extended: 131072, license: "Llama 3.2 Community", released: "2024-09",
        params: b(3.21), params_active: b(3.21), params_precise: true,
        ggufs: &[listed(Unsloth, "unsloth/Llama-3.2-3B-Instruct-GGUF", L32_3B_UNS, L32_3B_UNS_SRC), repo(Bartowski, "bartowski/Llama-3.2-3B-Instruct-GGUF")],
        uses: &[Chat, Agents], uses_source: "https://huggingface.co/meta-llama/Llama-3.2-3B-Instruct (on-device dialogue, tool use)", tier: SeedTier::Micro,
        source: "https://huggingface.co/meta-llama/Llama-3.2-3B-Instruct/blob/main/config.json; 3.21B parameters (Hugging Face safetensors count)",
        note: "UNVERIFIED: config values recalled (hidden 3072, 28 layers, 24/8 heads of 128, ffn 8192, tied embeddings).", ..BASE
    },
    Model {
        id: "llama-3.3-70b", name: "Llama 3.3 70B Instruct", family: "Llama 3.3", hf_repo: "meta-llama/Llama-3.3-70B-Instruct", ollama: "llama3.3:70b",
        config: llama3(8192, 80, 64, 128, 28672, false),
        ctx_native: 131072, ctx_extended: 131072, license: "Llama 3.3 Community", released: "2024-12",
        params: b(70.6), params_active: b(70.6), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/Llama-3.3-70B-Instruct-GGUF"), repo(Bartowski, "bartowski/Llama-3.3-70B-Instruct-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents, LongContext], uses_source: CARD_33, tier: SeedTier::Architect,
        source: "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/config.json; shapes per shared/reference/architectures.json; 70.6B parameters (Hugging Face safetensors count)",
        note: "Seed 002 secondary model (llama3.3:70b-instruct-q4_K_M, hybrid GPU + RAM).", ..BASE
    },
    Model {
        id: "llama-4-scout", name: "Llama 4 Scout 17B-16E Instruct", family: "Llama 4", hf_repo: "meta-llama/Llama-4-Scout-17B-16E-Instruct", ollama: "llama4:scout",
        config: HfConfig {
            model_type: Cow::Borrowed("llama4_text"), hidden_size: Some(5120), num_hidden_layers: Some(48),
            num_attention_heads: Some(40), num_key_value_heads: Some(8), head_dim: Some(128),
            intermediate_size: Some(16384), vocab_size: Some(202048), tie_word_embeddings: Some(false),
            max_position_embeddings: Some(10485760), attention_chunk_size: Some(8192),
            num_experts: Some(16), num_experts_per_tok: Some(1), moe_intermediate_size: Some(8192),
            n_shared_experts: Some(1), moe_layer_step: Some(1),
            ..HfConfig::EMPTY
        },
        ctx_native: 10485760, ctx_extended: 10485760, modalities: VISION, license: "Llama 4 Community", released: "2025-04",
        params: b(109.0), params_active: b(17.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/Llama-4-Scout-17B-16E-Instruct-GGUF")],
        uses: &[Chat, Vision, LongContext, Coding], uses_source: "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct (natively multimodal, 10M context)", tier: SeedTier::Architect,
        source: "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct/blob/main/config.json (text_config); card: 17B active, 109B total",
        note: "config.json names the expert width `intermediate_size` (8192) and the dense width `intermediate_size_mlp` (16384); written here as moe_intermediate_size / intermediate_size. Projector: ggml-org's F16 file (unsloth's repo has none). UNVERIFIED: config values recalled.", mmproj_bytes: Some(SCOUT_MMPROJ), mmproj_source: SCOUT_MMPROJ_SRC, ..BASE
    },
];
