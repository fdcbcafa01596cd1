//! Google Gemma: Gemma 2, Gemma 3, Gemma 3n, Gemma 4. Sorted by id.
//!
//! Architecture values: `shared/reference/architectures.json` (Gemma 3/3n/4
//! rows cite config reproductions, llama.cpp hparams and Ollama's Gemma 4
//! config fixtures) unless the row says otherwise. Gemma 4 `layer_types`
//! are written out per layer (`S` sliding, `F` full).

use alloc::borrow::Cow;

use super::{
    b, listed, repo, Model, ParamScope, Publisher, SeedTier, Use, BASE, VISION, VISION_AUDIO,
};
use crate::hf_config::HfConfig;

use Publisher::{Bartowski, GgmlOrg, Unsloth};
use Use::{Agents, Chat, Coding, LongContext, Reasoning, Vision};

const E2B_LAYERS: &[u8] = b"SSSSFSSSSFSSSSFSSSSFSSSSFSSSSFSSSSF";
const E4B_LAYERS: &[u8] = b"SSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSF";
const A4B_LAYERS: &[u8] = b"SSSSSFSSSSSFSSSSSFSSSSSFSSSSSF";
const G31B_LAYERS: &[u8] = b"SSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSFSSSSSF";

const E2B_QUANTS: &[&str] = &[
    "UD-IQ2_M",
    "UD-Q2_K_XL",
    "Q3_K_M",
    "IQ4_XS",
    "Q4_K_M",
    "Q5_K_M",
    "Q6_K",
    "Q8_0",
    "BF16",
];
const A4B_QUANTS: &[&str] = &[
    "UD-IQ2_M",
    "UD-Q2_K_XL",
    "UD-Q3_K_M",
    "UD-IQ4_XS",
    "UD-Q4_K_M",
    "UD-Q5_K_M",
    "UD-Q6_K",
    "Q8_0",
    "BF16",
];
const G31B_QUANTS: &[&str] = &[
    "UD-IQ2_XXS",
    "UD-IQ2_M",
    "UD-Q2_K_XL",
    "Q3_K_S",
    "Q3_K_M",
    "IQ4_XS",
    "Q4_K_M",
    "Q5_K_M",
    "Q6_K",
    "Q8_0",
    "BF16",
];

/// Gemma 3 text config (5 sliding + 1 global, window 1024 from 4B up).
#[allow(clippy::too_many_arguments)]
const fn gemma3(
    hidden: u64,
    layers: u64,
    heads: u64,
    kv: u64,
    head_dim: u64,
    ff: u64,
    vocab: u64,
    window: u64,
    max_pos: u64,
) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("gemma3_text"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(kv),
        head_dim: Some(head_dim),
        intermediate_size: Some(ff),
        vocab_size: Some(vocab),
        tie_word_embeddings: Some(true),
        max_position_embeddings: Some(max_pos),
        sliding_window: Some(window),
        sliding_window_pattern: Some(6),
        ..HfConfig::EMPTY
    }
}

/// Gemma 2 config (alternating sliding 4096 / global).
const fn gemma2(hidden: u64, layers: u64, heads: u64, kv: u64, head_dim: u64, ff: u64) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("gemma2"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(kv),
        head_dim: Some(head_dim),
        intermediate_size: Some(ff),
        vocab_size: Some(256000),
        tie_word_embeddings: Some(true),
        max_position_embeddings: Some(8192),
        sliding_window: Some(4096),
        ..HfConfig::EMPTY
    }
}

/// Gemma 3n text config (per-layer embeddings, KV sharing, window 512).
const fn gemma3n(layers: u64, ff: u64, kv_shared: u64) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("gemma3n_text"),
        hidden_size: Some(2048),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(8),
        num_key_value_heads: Some(2),
        head_dim: Some(256),
        intermediate_size: Some(ff),
        vocab_size: Some(262400),
        tie_word_embeddings: Some(true),
        max_position_embeddings: Some(32768),
        sliding_window: Some(512),
        sliding_window_pattern: Some(5),
        num_kv_shared_layers: Some(kv_shared),
        hidden_size_per_layer_input: Some(256),
        vocab_size_per_layer_input: Some(262144),
        ..HfConfig::EMPTY
    }
}

// Projector (mmproj F16) files: bytes as published on Hugging Face, read
// from public code that pins each file's size (most with its sha256).
const G3_4B_MMPROJ: u64 = 851_251_104;
const G3_4B_MMPROJ_SRC: &str = "https://huggingface.co/ggml-org/gemma-3-4b-it-GGUF/resolve/main/mmproj-model-f16.gguf; 851,251,104 bytes as pinned in public GitHub code (the KANTV app's model list and a Flutter model catalog)";
const G3_12B_MMPROJ: u64 = 854_200_224;
const G3_12B_MMPROJ_SRC: &str = "https://huggingface.co/ggml-org/gemma-3-12b-it-GGUF/resolve/main/mmproj-model-f16.gguf; 854,200,224 bytes as pinned in public GitHub code (the KANTV app's model list)";
const G3_27B_MMPROJ: u64 = 857_739_168;
const G3_27B_MMPROJ_SRC: &str = "https://huggingface.co/ggml-org/gemma-3-27b-it-GGUF/resolve/main/mmproj-model-f16.gguf; 857,739,168 bytes (sha256 54cb61c8...) as pinned in public GitHub code (a Swift model catalog)";
const G4_E2B_MMPROJ: u64 = 985_654_080;
const G4_E2B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/gemma-4-E2B-it-GGUF/resolve/main/mmproj-F16.gguf; 985,654,080 bytes (revision 90f9618340396838ee7ff5b0ba2da27da62953d3, sha256 140be8d7...) as pinned in public GitHub code (a Flutter model catalog)";
const G4_E4B_MMPROJ: u64 = 990_372_672;
const G4_E4B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/gemma-4-E4B-it-GGUF/resolve/main/mmproj-F16.gguf; 990,372,672 bytes (sha256 ddf46c21...) as pinned in public GitHub code (a C# local-model catalog)";
const G4_A4B_MMPROJ: u64 = 1_193_058_784;
const G4_31B_MMPROJ: u64 = 1_198_957_024;
const G4_31B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/gemma-4-31B-it-GGUF/resolve/main/mmproj-F16.gguf; 1,198,957,024 bytes (sha256 6edcca22...) as pinned in public GitHub code (several model catalogs: a Rust app's variant list, a Python family table and C#/TypeScript registries)";
const G4_A4B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/gemma-4-26B-A4B-it-GGUF/resolve/main/mmproj-F16.gguf; 1,193,058,784 bytes (sha256 418a6d87...) as pinned in public GitHub code (a C# local-model catalog)";

const CARD_G2: &str = "https://ai.google.dev/gemma/docs/core/model_card_2";
const CARD_G3: &str = "https://ai.google.dev/gemma/docs/core/model_card_3 (text + image input, 128K context, 140+ languages)";
const CARD_G3N: &str =
    "https://ai.google.dev/gemma/docs/gemma-3n/model_card (on-device; text, image, audio input)";
const SEED_G4: &str = "seed 003 (Gemma 4 VRAM article: E2B/E4B edge models; 26B A4B for coding, tool use and agents; 31B strongest)";
const G4_SRC: &str = "Gemma 4 config fixtures in ollama/ollama x/models/gemma4/gemma4_test.go, via shared/reference/architectures.json; params approximated as the BF16 GGUF size / 2 from the seed 003 table";

const SEED_QUANTS_SRC: &str = "shared/reference/seed-quant-tables.json (seed 003 table: KnightLi blog May 2026, figures from the Unsloth Hugging Face GGUF repositories); also validation/file-sizes.json";
// Published quant names of the GGUF repositories (`Gguf::quants`), each
// with its source (`Gguf::quants_source`).
const G3_1B_GGML: &[&str] = &["Q4_K_M", "Q8_0", "F16"];
const G3_1B_GGML_SRC: &str = "https://huggingface.co/ggml-org/gemma-3-1b-it-GGUF (revision f9c28bcd85737ffc5aef028638d3341d49869c27); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const G3_4B_GGML: &[&str] = &["Q4_K_M", "Q8_0", "F16"];
const G3_4B_GGML_SRC: &str = "https://huggingface.co/ggml-org/gemma-3-4b-it-GGUF (revision d0976223747697cb51e056d85c532013931fe52e); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";

// Rows end in `..BASE` even when every field is set, so rows look alike.
#[allow(clippy::needless_update)]
#[rustfmt::skip]
pub(super) static ROWS: &[Model] = &[
    Model {
        id: "gemma-2-27b", name: "Gemma 2 27B IT", family: "Gemma 2", hf_repo: "google/gemma-2-27b-it", ollama: "gemma2:27b",
        config: gemma2(4608, 46, 32, 16, 128, 36864),
        ctx_native: 8192, ctx_extended: 8192, license: "Gemma", released: "2024-06",
        params: b(27.2), params_active: b(27.2), params_precise: true,
        ggufs: &[repo(Bartowski, "bartowski/gemma-2-27b-it-GGUF")],
        uses: &[Chat], uses_source: CARD_G2, tier: SeedTier::Workstation,
        source: "https://huggingface.co/google/gemma-2-27b-it/blob/main/config.json; 27.2B parameters (Hugging Face safetensors count)",
        note: "UNVERIFIED: config values recalled (hidden 4608, 46 layers, 32/16 heads of 128, ffn 36864, vocab 256000).", ..BASE
    },
    Model {
        id: "gemma-2-9b", name: "Gemma 2 9B IT", family: "Gemma 2", hf_repo: "google/gemma-2-9b-it", ollama: "gemma2:9b",
        config: gemma2(3584, 42, 16, 8, 256, 14336),
        ctx_native: 8192, ctx_extended: 8192, license: "Gemma", released: "2024-06",
        params: b(9.24), params_active: b(9.24), params_precise: true,
        ggufs: &[repo(Bartowski, "bartowski/gemma-2-9b-it-GGUF")],
        uses: &[Chat], uses_source: CARD_G2, tier: SeedTier::Editor,
        source: "https://huggingface.co/google/gemma-2-9b-it/blob/main/config.json; 9.24B parameters (Hugging Face safetensors count)",
        note: "UNVERIFIED: config values recalled (hidden 3584, 42 layers, 16/8 heads of 256, ffn 14336, vocab 256000).", ..BASE
    },
    Model {
        id: "gemma-3-12b", name: "Gemma 3 12B IT", family: "Gemma 3", hf_repo: "google/gemma-3-12b-it", ollama: "gemma3:12b",
        config: gemma3(3840, 48, 16, 8, 256, 15360, 262208, 1024, 131072),
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION, license: "Gemma", released: "2025-03",
        params: b(12.2), params_active: b(12.2), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/gemma-3-12b-it-GGUF"), repo(GgmlOrg, "ggml-org/gemma-3-12b-it-GGUF"), repo(Bartowski, "bartowski/google_gemma-3-12b-it-GGUF")],
        uses: &[Chat, Vision, LongContext], uses_source: CARD_G3, tier: SeedTier::Editor,
        source: "https://huggingface.co/google/gemma-3-12b-it/blob/main/config.json (text_config); shapes per shared/reference/architectures.json; 12.2B parameters incl. the SigLIP vision encoder",
        note: "UNVERIFIED: max_position_embeddings (family value).", mmproj_bytes: Some(G3_12B_MMPROJ), mmproj_source: G3_12B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "gemma-3-1b", name: "Gemma 3 1B IT", family: "Gemma 3", hf_repo: "google/gemma-3-1b-it", ollama: "gemma3:1b",
        config: gemma3(1152, 26, 4, 1, 256, 6912, 262144, 512, 32768),
        ctx_native: 32768, ctx_extended: 32768, license: "Gemma", released: "2025-03",
        params: b(1.0), params_active: b(1.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/gemma-3-1b-it-GGUF"), listed(GgmlOrg, "ggml-org/gemma-3-1b-it-GGUF", G3_1B_GGML, G3_1B_GGML_SRC)],
        uses: &[Chat], uses_source: CARD_G3, tier: SeedTier::Micro,
        source: "https://huggingface.co/google/gemma-3-1b-it/blob/main/config.json; card: 1B, text only, 32K context",
        note: "UNVERIFIED: config values recalled (hidden 1152, 26 layers, 4/1 heads of 256, ffn 6912, window 512).", ..BASE
    },
    Model {
        id: "gemma-3-27b", name: "Gemma 3 27B IT", family: "Gemma 3", hf_repo: "google/gemma-3-27b-it", ollama: "gemma3:27b",
        config: gemma3(5376, 62, 32, 16, 128, 21504, 262208, 1024, 131072),
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION, license: "Gemma", released: "2025-03",
        params: b(27.4), params_active: b(27.4), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/gemma-3-27b-it-GGUF"), repo(GgmlOrg, "ggml-org/gemma-3-27b-it-GGUF"), repo(Bartowski, "bartowski/google_gemma-3-27b-it-GGUF")],
        uses: &[Chat, Vision, LongContext], uses_source: CARD_G3, tier: SeedTier::Workstation,
        source: "https://huggingface.co/google/gemma-3-27b-it/blob/main/config.json (text_config); shapes per shared/reference/architectures.json; 27.4B parameters incl. the vision encoder",
        note: "Seed 000 primary model (gemma3:27b-instruct-q6_K).", mmproj_bytes: Some(G3_27B_MMPROJ), mmproj_source: G3_27B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "gemma-3-4b", name: "Gemma 3 4B IT", family: "Gemma 3", hf_repo: "google/gemma-3-4b-it", ollama: "gemma3:4b",
        config: gemma3(2560, 34, 8, 4, 256, 10240, 262208, 1024, 131072),
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION, license: "Gemma", released: "2025-03",
        params: b(4.3), params_active: b(4.3), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/gemma-3-4b-it-GGUF"), listed(GgmlOrg, "ggml-org/gemma-3-4b-it-GGUF", G3_4B_GGML, G3_4B_GGML_SRC), repo(Bartowski, "bartowski/google_gemma-3-4b-it-GGUF")],
        uses: &[Chat, Vision, LongContext], uses_source: CARD_G3, tier: SeedTier::Micro,
        source: "https://huggingface.co/google/gemma-3-4b-it/blob/main/config.json (text_config); shapes per shared/reference/architectures.json; 4.3B parameters incl. the vision encoder",
        note: "UNVERIFIED: max_position_embeddings (family value).", mmproj_bytes: Some(G3_4B_MMPROJ), mmproj_source: G3_4B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "gemma-3n-e2b", name: "Gemma 3n E2B IT", family: "Gemma 3n", hf_repo: "google/gemma-3n-E2B-it", ollama: "gemma3n:e2b",
        config: gemma3n(30, 8192, 10),
        ctx_native: 32768, ctx_extended: 32768, modalities: VISION_AUDIO, license: "Gemma", released: "2025-06",
        params: b(5.0), params_active: b(5.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/gemma-3n-E2B-it-GGUF"), repo(GgmlOrg, "ggml-org/gemma-3n-E2B-it-GGUF")],
        uses: &[Chat, Vision], uses_source: CARD_G3N, tier: SeedTier::Micro,
        source: "llama.cpp gemma3n hparams (30 layers, KV from the first 20) via shared/reference/architectures.json; card: 5B raw parameters, 2B effective",
        note: "UNVERIFIED: intermediate_size 8192 and vocab_size 262400 recalled for E2B. Projector size unknown: llama.cpp runs Gemma 3n as text only and no projector is published for it (vision/audio support was never merged: https://github.com/ggml-org/llama.cpp/issues/14429 is open, the WIP PR #17961 was closed).", ..BASE
    },
    Model {
        id: "gemma-3n-e4b", name: "Gemma 3n E4B IT", family: "Gemma 3n", hf_repo: "google/gemma-3n-E4B-it", ollama: "gemma3n:e4b",
        config: gemma3n(35, 16384, 15),
        ctx_native: 32768, ctx_extended: 32768, modalities: VISION_AUDIO, license: "Gemma", released: "2025-06",
        params: b(8.0), params_active: b(8.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/gemma-3n-E4B-it-GGUF"), repo(GgmlOrg, "ggml-org/gemma-3n-E4B-it-GGUF")],
        uses: &[Chat, Vision], uses_source: CARD_G3N, tier: SeedTier::Micro,
        source: "https://huggingface.co/google/gemma-3n-E4B-it/blob/main/config.json (text_config) via shared/reference/architectures.json; card: 8B raw parameters, 4B effective",
        note: "Projector size unknown: llama.cpp runs Gemma 3n as text only and no projector is published for it (vision/audio support was never merged: https://github.com/ggml-org/llama.cpp/issues/14429 is open, the WIP PR #17961 was closed).", ..BASE
    },
    Model {
        id: "gemma-4-26b-a4b", name: "Gemma 4 26B A4B IT", family: "Gemma 4", hf_repo: "google/gemma-4-26B-A4B-it", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("gemma4_text"), hidden_size: Some(2816), num_hidden_layers: Some(30),
            num_attention_heads: Some(16), num_key_value_heads: Some(8), num_global_key_value_heads: Some(2),
            head_dim: Some(256), global_head_dim: Some(512), intermediate_size: Some(2112), vocab_size: Some(262144),
            tie_word_embeddings: Some(true), max_position_embeddings: Some(131072), sliding_window: Some(1024),
            layer_types: Cow::Borrowed(A4B_LAYERS), attention_k_eq_v: Some(true), use_double_wide_mlp: Some(false),
            num_experts: Some(128), num_experts_per_tok: Some(8), moe_intermediate_size: Some(704),
            ..HfConfig::EMPTY
        },
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION, license: "Gemma", released: "2026-04",
        params: b(25.3), params_active: b(4.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[listed(Unsloth, "unsloth/gemma-4-26B-A4B-it-GGUF", A4B_QUANTS, SEED_QUANTS_SRC), repo(GgmlOrg, "ggml-org/gemma-4-26B-A4B-it-GGUF")],
        uses: &[Chat, Coding, Agents, Reasoning, Vision], uses_source: SEED_G4, tier: SeedTier::Workstation,
        source: G4_SRC,
        note: "Quant list: seed 003 table. Active ~4B from the name (A4B). UNVERIFIED: max_position_embeddings (fixture 131072; another source 262144), license and release month.", mmproj_bytes: Some(G4_A4B_MMPROJ), mmproj_source: G4_A4B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "gemma-4-31b", name: "Gemma 4 31B IT", family: "Gemma 4", hf_repo: "google/gemma-4-31B-it", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("gemma4_text"), hidden_size: Some(5376), num_hidden_layers: Some(60),
            num_attention_heads: Some(32), num_key_value_heads: Some(16), num_global_key_value_heads: Some(4),
            head_dim: Some(256), global_head_dim: Some(512), intermediate_size: Some(21504), vocab_size: Some(262144),
            tie_word_embeddings: Some(true), max_position_embeddings: Some(131072), sliding_window: Some(1024),
            layer_types: Cow::Borrowed(G31B_LAYERS), attention_k_eq_v: Some(true), use_double_wide_mlp: Some(false),
            ..HfConfig::EMPTY
        },
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION, license: "Gemma", released: "2026-04",
        params: b(30.7), params_active: b(30.7), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[listed(Unsloth, "unsloth/gemma-4-31B-it-GGUF", G31B_QUANTS, SEED_QUANTS_SRC)],
        uses: &[Chat, Coding, Reasoning, Vision], uses_source: SEED_G4, tier: SeedTier::Workstation,
        source: G4_SRC,
        note: "Quant list: seed 003 table. UNVERIFIED: max_position_embeddings, license and release month.", mmproj_bytes: Some(G4_31B_MMPROJ), mmproj_source: G4_31B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "gemma-4-e2b", name: "Gemma 4 E2B IT", family: "Gemma 4", hf_repo: "google/gemma-4-E2B-it", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("gemma4_text"), hidden_size: Some(1536), num_hidden_layers: Some(35),
            num_attention_heads: Some(8), num_key_value_heads: Some(1), head_dim: Some(256), global_head_dim: Some(512),
            intermediate_size: Some(6144), use_double_wide_mlp: Some(true), vocab_size: Some(262144),
            tie_word_embeddings: Some(true), max_position_embeddings: Some(131072), sliding_window: Some(512),
            layer_types: Cow::Borrowed(E2B_LAYERS), num_kv_shared_layers: Some(20), attention_k_eq_v: Some(false),
            hidden_size_per_layer_input: Some(256), vocab_size_per_layer_input: Some(262144),
            ..HfConfig::EMPTY
        },
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION_AUDIO, license: "Gemma", released: "2026-04",
        params: b(4.65), params_active: b(4.65), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[listed(Unsloth, "unsloth/gemma-4-E2B-it-GGUF", E2B_QUANTS, SEED_QUANTS_SRC)],
        uses: &[Chat, Vision], uses_source: SEED_G4, tier: SeedTier::Micro,
        source: G4_SRC,
        note: "Quant list: seed 003 table. UNVERIFIED: audio input, license and release month.", mmproj_bytes: Some(G4_E2B_MMPROJ), mmproj_source: G4_E2B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "gemma-4-e4b", name: "Gemma 4 E4B IT", family: "Gemma 4", hf_repo: "google/gemma-4-E4B-it", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("gemma4_text"), hidden_size: Some(2560), num_hidden_layers: Some(42),
            num_attention_heads: Some(8), num_key_value_heads: Some(2), head_dim: Some(256), global_head_dim: Some(512),
            intermediate_size: Some(10240), use_double_wide_mlp: Some(false), vocab_size: Some(262144),
            tie_word_embeddings: Some(true), max_position_embeddings: Some(131072), sliding_window: Some(512),
            layer_types: Cow::Borrowed(E4B_LAYERS), num_kv_shared_layers: Some(18), attention_k_eq_v: Some(false),
            hidden_size_per_layer_input: Some(256), vocab_size_per_layer_input: Some(262144),
            ..HfConfig::EMPTY
        },
        ctx_native: 131072, ctx_extended: 131072, modalities: VISION_AUDIO, license: "Gemma", released: "2026-04",
        params: b(7.5), params_active: b(7.5), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[listed(Unsloth, "unsloth/gemma-4-E4B-it-GGUF", E2B_QUANTS, SEED_QUANTS_SRC)],
        uses: &[Chat, Vision], uses_source: SEED_G4, tier: SeedTier::Micro,
        source: G4_SRC,
        note: "Quant list: seed 003 table (same names as E2B). UNVERIFIED: audio input, license and release month.", mmproj_bytes: Some(G4_E4B_MMPROJ), mmproj_source: G4_E4B_MMPROJ_SRC, ..BASE
    },
];
