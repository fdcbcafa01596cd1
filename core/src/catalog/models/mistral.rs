//! Mistral AI: Mistral 7B, Mistral Nemo, Ministral, Mistral Small and its
//! Devstral/Magistral fine-tunes, Mixtral. Sorted by id.
//!
//! llama.cpp converts all of them to its `llama` architecture.

use alloc::borrow::Cow;

use super::{b, listed, repo, Model, Publisher, SeedTier, Use, BASE};
use crate::hf_config::HfConfig;

use Publisher::{Bartowski, LmStudio, Official, Unsloth};
use Use::{Agents, Chat, Coding, LongContext, Reasoning};

/// Mistral dense config.
#[allow(clippy::too_many_arguments)]
const fn mistral(hidden: u64, layers: u64, ff: u64, vocab: u64, max_pos: u64) -> HfConfig {
    mistral_family("mistral", hidden, layers, ff, vocab, max_pos, None, None)
}

/// Mistral-family config with an optional sliding window and experts
/// (`(n_experts, n_used)`; experts have the dense width).
#[allow(clippy::too_many_arguments)]
const fn mistral_family(
    model_type: &'static str,
    hidden: u64,
    layers: u64,
    ff: u64,
    vocab: u64,
    max_pos: u64,
    window: Option<u64>,
    experts: Option<(u64, u64)>,
) -> HfConfig {
    let (num_experts, num_experts_per_tok, moe_ff, step) = match experts {
        Some((n, used)) => (Some(n), Some(used), Some(ff), Some(1)),
        None => (None, None, None, None),
    };
    HfConfig {
        model_type: Cow::Borrowed(model_type),
        sliding_window: window,
        num_experts,
        num_experts_per_tok,
        moe_intermediate_size: moe_ff,
        moe_layer_step: step,
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(32),
        num_key_value_heads: Some(8),
        head_dim: Some(128),
        intermediate_size: Some(ff),
        vocab_size: Some(vocab),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(max_pos),
        ..HfConfig::EMPTY
    }
}

const SMALL_SRC: &str = "Mistral Small 3 / 3.1 text shapes in shared/reference/architectures.json (config reproductions); 23.6B parameters (Hugging Face safetensors count)";

// Published quant names of the GGUF repositories (`Gguf::quants`), each
// with its source (`Gguf::quants_source`).
const M7B_BART: &[&str] = &[
    "IQ1_M", "IQ1_S", "IQ2_M", "IQ2_S", "IQ2_XS", "IQ2_XXS", "IQ3_M", "IQ3_S", "IQ3_XS", "IQ3_XXS",
    "IQ4_NL", "IQ4_XS", "Q2_K", "Q3_K_L", "Q3_K_M", "Q3_K_S", "Q4_K_M", "Q4_K_S", "Q5_K_M",
    "Q5_K_S", "Q6_K", "Q8_0", "F32",
];
const M7B_BART_SRC: &str = "https://huggingface.co/bartowski/Mistral-7B-Instruct-v0.3-GGUF (revision 61fd4167fff3ab01ee1cfe0da183fa27a944db48); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";

// Rows end in `..BASE` even when every field is set, so rows look alike.
#[allow(clippy::needless_update)]
#[rustfmt::skip]
pub(super) static ROWS: &[Model] = &[
    Model {
        id: "devstral-small-2507", name: "Devstral Small 1.1 (2507)", family: "Devstral", hf_repo: "mistralai/Devstral-Small-2507", ollama: "devstral:24b",
        config: mistral(5120, 40, 32768, 131072, 131072),
        ctx_native: 131072, ctx_extended: 131072, license: "Apache-2.0", released: "2025-07",
        params: b(23.6), params_active: b(23.6), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/Devstral-Small-2507-GGUF"), repo(Official, "mistralai/Devstral-Small-2507_gguf")],
        uses: &[Coding, Agents, LongContext], uses_source: "https://huggingface.co/mistralai/Devstral-Small-2507 (agentic coding, software-engineering agents)", tier: SeedTier::Workstation,
        source: SMALL_SRC,
        note: "Fine-tune of Mistral Small 3.1 (text only). UNVERIFIED: max_position_embeddings 131072 taken from Mistral Small 3.1.", ..BASE
    },
    Model {
        id: "magistral-small-2506", name: "Magistral Small (2506)", family: "Magistral", hf_repo: "mistralai/Magistral-Small-2506", ollama: "magistral:24b",
        config: mistral(5120, 40, 32768, 131072, 131072),
        ctx_native: 131072, ctx_extended: 131072, license: "Apache-2.0", released: "2025-06",
        params: b(23.6), params_active: b(23.6), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/Magistral-Small-2506-GGUF"), repo(Official, "mistralai/Magistral-Small-2506_gguf")],
        uses: &[Reasoning, Chat], uses_source: "https://huggingface.co/mistralai/Magistral-Small-2506 (reasoning model)", tier: SeedTier::Workstation,
        source: SMALL_SRC,
        note: "Reasoning fine-tune of Mistral Small 3.1; its card recommends at most 40K context. UNVERIFIED: max_position_embeddings 131072 taken from Mistral Small 3.1.", ..BASE
    },
    Model {
        id: "ministral-8b", name: "Ministral 8B Instruct (2410)", family: "Ministral", hf_repo: "mistralai/Ministral-8B-Instruct-2410", ollama: "",
        config: mistral_family("mistral", 4096, 36, 12288, 131072, 32768, Some(32768), None),
        ctx_native: 32768, ctx_extended: 131072, license: "Mistral Research", released: "2024-10",
        params: b(8.02), params_active: b(8.02), params_precise: false,
        ggufs: &[repo(Bartowski, "bartowski/Ministral-8B-Instruct-2410-GGUF")],
        uses: &[Chat, Agents], uses_source: "https://mistral.ai/news/ministraux (on-device, function calling)", tier: SeedTier::Micro,
        source: "shared/reference/architectures.json (values recalled, not read)",
        note: "UNVERIFIED: all numeric fields. Seed 001 names `ministral` as a Micro-tier model. The card advertises 128K with interleaved sliding-window attention; llama.cpp runs it as full attention.", ..BASE
    },
    Model {
        id: "mistral-7b", name: "Mistral 7B Instruct v0.3", family: "Mistral", hf_repo: "mistralai/Mistral-7B-Instruct-v0.3", ollama: "mistral:7b",
        config: mistral(4096, 32, 14336, 32768, 32768),
        ctx_native: 32768, ctx_extended: 32768, license: "Apache-2.0", released: "2024-05",
        params: b(7.25), params_active: b(7.25), params_precise: true,
        ggufs: &[listed(Bartowski, "bartowski/Mistral-7B-Instruct-v0.3-GGUF", M7B_BART, M7B_BART_SRC), repo(LmStudio, "lmstudio-community/Mistral-7B-Instruct-v0.3-GGUF")],
        uses: &[Chat, Agents], uses_source: "https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3 (function calling)", tier: SeedTier::Editor,
        source: "https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3/blob/main/config.json; 7.25B parameters (Hugging Face safetensors count)",
        note: "UNVERIFIED: config values recalled (hidden 4096, 32 layers, 32/8 heads, ffn 14336, vocab 32768).", ..BASE
    },
    Model {
        id: "mistral-nemo-12b", name: "Mistral Nemo Instruct (2407)", family: "Mistral Nemo", hf_repo: "mistralai/Mistral-Nemo-Instruct-2407", ollama: "mistral-nemo:12b",
        config: mistral(5120, 40, 14336, 131072, 1024000),
        ctx_native: 131072, ctx_extended: 131072, license: "Apache-2.0", released: "2024-07",
        params: b(12.2), params_active: b(12.2), params_precise: true,
        ggufs: &[repo(Bartowski, "bartowski/Mistral-Nemo-Instruct-2407-GGUF")],
        uses: &[Chat, LongContext], uses_source: "https://mistral.ai/news/mistral-nemo (128K context, multilingual)", tier: SeedTier::Editor,
        source: "https://huggingface.co/mistralai/Mistral-Nemo-Instruct-2407/blob/main/config.json; 12.2B parameters (Hugging Face safetensors count)",
        note: "config max_position_embeddings is 1024000 but the model is trained for 128K. UNVERIFIED: config values recalled.", ..BASE
    },
    Model {
        id: "mistral-small-24b", name: "Mistral Small 3 24B Instruct (2501)", family: "Mistral Small", hf_repo: "mistralai/Mistral-Small-24B-Instruct-2501", ollama: "mistral-small:24b",
        config: mistral(5120, 40, 32768, 131072, 32768),
        ctx_native: 32768, ctx_extended: 32768, license: "Apache-2.0", released: "2025-01",
        params: b(23.6), params_active: b(23.6), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/Mistral-Small-24B-Instruct-2501-GGUF"), repo(Bartowski, "bartowski/Mistral-Small-24B-Instruct-2501-GGUF")],
        uses: &[Chat, Agents, Coding], uses_source: "https://mistral.ai/news/mistral-small-3 (low-latency assistant, function calling)", tier: SeedTier::Workstation,
        source: "https://huggingface.co/mistralai/Mistral-Small-24B-Instruct-2501/blob/main/config.json; shapes per shared/reference/architectures.json; 23.6B parameters (Hugging Face safetensors count)",
        note: "head_dim 128 differs from hidden/heads (160). 3.1/3.2 (2503/2506) have the same text shapes with 131072 context and a vision tower.", ..BASE
    },
    Model {
        id: "mixtral-8x7b", name: "Mixtral 8x7B Instruct v0.1", family: "Mixtral", hf_repo: "mistralai/Mixtral-8x7B-Instruct-v0.1", ollama: "mixtral:8x7b",
        config: mistral_family("mixtral", 4096, 32, 14336, 32000, 32768, None, Some((8, 2))),
        ctx_native: 32768, ctx_extended: 32768, license: "Apache-2.0", released: "2023-12",
        params: b(46.7), params_active: b(12.9), params_precise: true,
        ggufs: &[repo(Bartowski, "bartowski/Mixtral-8x7B-Instruct-v0.1-GGUF")],
        uses: &[Chat, Coding], uses_source: "https://mistral.ai/news/mixtral-of-experts (46.7B total, 12.9B per token)", tier: SeedTier::Workstation,
        source: "ollama/ollama convert/testdata/Mixtral-8x7B-Instruct-v0.1.json via shared/reference/architectures.json; https://mistral.ai/news/mixtral-of-experts: 46.7B total, 12.9B used per token",
        note: "", ..BASE
    },
];
