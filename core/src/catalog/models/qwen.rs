//! Qwen (Alibaba): Qwen2.5, Qwen2.5-Coder, Qwen3, Qwen3-Coder, Qwen3-Next,
//! Qwen3.5/3.6. Sorted by id.
//!
//! Architecture values: `shared/reference/architectures.json` (which cites
//! the public config.json reproductions it read) unless the row says
//! otherwise; parameter counts: the model cards ("Number of Parameters").

use alloc::borrow::Cow;

use super::{b, listed, repo, Model, ParamScope, Publisher, SeedTier, Use, BASE, VISION};
use crate::hf_config::HfConfig;

use Publisher::{Bartowski, LmStudio, Official, Unsloth};
use Use::{Agents, Chat, Coding, LongContext, Reasoning, Vision};

/// Qwen2.5 dense text config (q/k/v biases, untied from 7B up).
const fn qwen25(hidden: u64, layers: u64, heads: u64, kv: u64, ff: u64, max_pos: u64) -> HfConfig {
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
        max_position_embeddings: Some(max_pos),
        attention_bias: Some(true),
        ..HfConfig::EMPTY
    }
}

/// Qwen3 dense text config (qk-norm, no biases).
const fn qwen3(hidden: u64, layers: u64, heads: u64, ff: u64, tied: bool) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("qwen3"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(8),
        head_dim: Some(128),
        intermediate_size: Some(ff),
        vocab_size: Some(151936),
        tie_word_embeddings: Some(tied),
        max_position_embeddings: Some(40960),
        attention_bias: Some(false),
        ..HfConfig::EMPTY
    }
}

/// Qwen3 MoE text config.
#[allow(clippy::too_many_arguments)]
const fn qwen3_moe(
    hidden: u64,
    layers: u64,
    heads: u64,
    kv: u64,
    ff: u64,
    experts: u64,
    exp_ff: u64,
    max_pos: u64,
) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("qwen3_moe"),
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(kv),
        head_dim: Some(128),
        intermediate_size: Some(ff),
        vocab_size: Some(151936),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(max_pos),
        attention_bias: Some(false),
        num_experts: Some(experts),
        num_experts_per_tok: Some(8),
        moe_intermediate_size: Some(exp_ff),
        moe_layer_step: Some(1),
        ..HfConfig::EMPTY
    }
}

const QWEN36_27B_QUANTS: &[&str] = &[
    "UD-IQ2_XXS",
    "UD-IQ2_M",
    "UD-Q2_K_XL",
    "UD-IQ3_XXS",
    "Q3_K_S",
    "Q3_K_M",
    "IQ4_XS",
    "IQ4_NL",
    "Q4_K_M",
    "Q5_K_M",
    "Q6_K",
    "Q8_0",
    "BF16",
];
const QWEN36_35B_QUANTS: &[&str] = &[
    "UD-IQ2_XXS",
    "UD-IQ2_M",
    "UD-Q2_K_XL",
    "UD-IQ3_XXS",
    "UD-Q3_K_S",
    "UD-Q3_K_M",
    "UD-IQ4_XS",
    "UD-IQ4_NL",
    "UD-Q4_K_M",
    "UD-Q5_K_M",
    "UD-Q6_K",
    "Q8_0",
    "BF16",
];

const CARD_QWEN3: &str =
    "https://qwenlm.github.io/blog/qwen3/ (Qwen3 release: hybrid thinking modes, agent/tool use)";
const CARD_QWEN25: &str = "https://qwenlm.github.io/blog/qwen2.5/ (Qwen2.5 release)";
const CARD_CODER: &str =
    "https://qwenlm.github.io/blog/qwen2.5-coder-family/ (Qwen2.5-Coder family)";

const SEED_QUANTS_SRC: &str = "shared/reference/seed-quant-tables.json (seed 003 table: KnightLi blog May 2026, figures from the Unsloth Hugging Face GGUF repositories); also validation/file-sizes.json";
// Published quant names of the GGUF repositories (`Gguf::quants`), each
// with its source (`Gguf::quants_source`).
const Q25_14B_BART: &[&str] = &[
    "IQ2_M", "IQ3_M", "IQ3_XS", "IQ4_XS", "Q2_K", "Q2_K_L", "Q3_K_L", "Q3_K_M", "Q3_K_S",
    "Q3_K_XL", "Q4_0", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "Q4_K_L", "Q4_K_M", "Q4_K_S", "Q5_K_L",
    "Q5_K_M", "Q5_K_S", "Q6_K", "Q6_K_L", "Q8_0", "F16",
];
const Q25_14B_BART_SRC: &str = "https://huggingface.co/bartowski/Qwen2.5-14B-Instruct-GGUF (revision 05244aa5d871c661c80082a15d3bce44714d068d); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q25_32B_BART: &[&str] = &[
    "IQ2_M", "IQ2_S", "IQ2_XS", "IQ2_XXS", "IQ3_M", "IQ3_XS", "IQ4_XS", "Q2_K", "Q2_K_L", "Q3_K_L",
    "Q3_K_M", "Q3_K_S", "Q3_K_XL", "Q4_0", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "Q4_K_L", "Q4_K_M",
    "Q4_K_S", "Q5_K_L", "Q5_K_M", "Q5_K_S", "Q6_K", "Q6_K_L", "Q8_0",
];
const Q25_32B_BART_SRC: &str = "https://huggingface.co/bartowski/Qwen2.5-32B-Instruct-GGUF (revision 2116cbb385b8ce3a4d28cf3bf1cd2039a55821a6); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q25_72B_BART: &[&str] = &[
    "IQ1_M", "IQ2_M", "IQ2_XS", "IQ2_XXS", "IQ3_M", "IQ3_XXS", "IQ4_XS", "Q2_K", "Q2_K_L",
    "Q3_K_L", "Q3_K_M", "Q3_K_S", "Q3_K_XL", "Q4_0", "Q4_K_M",
];
const Q25_72B_BART_SRC: &str = "https://huggingface.co/bartowski/Qwen2.5-72B-Instruct-GGUF (revision d43fd973131bce821f41e2df3c78c6fe15c5627a); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q25_7B_OFF: &[&str] = &["Q2_K", "Q3_K_M"];
const Q25_7B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GGUF (revision bb5d59e06d9551d752d08b292a50eb208b07ab1f); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const CODER_32B_OFF: &[&str] = &[
    "Q2_K", "Q3_K_M", "Q4_0", "Q4_K_M", "Q5_0", "Q5_K_M", "Q6_K", "Q8_0",
];
const CODER_32B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen2.5-Coder-32B-Instruct-GGUF (revision 9d3053fce650fe1cdbdb75998c2a87add9d178ef); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const CODER_7B_OFF: &[&str] = &[
    "Q2_K", "Q3_K_M", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "F16",
];
const CODER_7B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen2.5-Coder-7B-Instruct-GGUF (revision 13fb94bfda8c8cf22497dc57b78f391a9acb426a); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there) (F16 is the file named fp16)";
const Q3_06B_UNS: &[&str] = &[
    "BF16",
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
const Q3_06B_UNS_SRC: &str = "https://huggingface.co/unsloth/Qwen3-0.6B-GGUF (revision 50968a4468ef4233ed78cd7c3de230dd1d61a56b); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q3_4B_OFF: &[&str] = &["Q4_K_M", "Q5_0", "Q5_K_M", "Q6_K", "Q8_0"];
const Q3_4B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen3-4B-GGUF (revision bc640142c66e1fdd12af0bd68f40445458f3869b); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q3_8B_OFF: &[&str] = &["Q4_K_M", "Q5_0", "Q5_K_M", "Q6_K", "Q8_0"];
const Q3_8B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen3-8B-GGUF (revision 7c41481f57cb95916b40956ab2f0b139b296d974); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q3_14B_OFF: &[&str] = &["Q4_K_M", "Q5_0", "Q5_K_M", "Q6_K", "Q8_0"];
const Q3_14B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen3-14B-GGUF (revision 530227a7d994db8eca5ab5ced2fb692b614357fd); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q3_30B_OFF: &[&str] = &["Q4_K_M", "Q5_0", "Q5_K_M", "Q6_K", "Q8_0"];
const Q3_30B_OFF_SRC: &str = "https://huggingface.co/Qwen/Qwen3-30B-A3B-GGUF (revision e4d4bafdfb96a411a163846265362aceb0b9c63a); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";
const Q3_30B_UNS: &[&str] = &[
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
const Q3_30B_UNS_SRC: &str = "https://huggingface.co/unsloth/Qwen3-30B-A3B-GGUF (revision d5b1d57bd0b504ac62ae6c725904e96ef228dc74); validation/file-sizes.json rows (Hugging Face API sizes as pinned in github.com/aflin/rampart-langtools rampart-models.js)";
const Q3_32B_UNS: &[&str] = &[
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
const Q3_32B_UNS_SRC: &str = "https://huggingface.co/unsloth/Qwen3-32B-GGUF (revision 931c84066f88); validation/file-sizes.json rows (Hugging Face API sizes as pinned in github.com/aflin/rampart-langtools rampart-models.js)";
const Q3_CODER_30B_UNS: &[&str] = &[
    "Q2_K_L",
    "UD-TQ1_0",
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
const Q3_CODER_30B_UNS_SRC: &str = "https://huggingface.co/unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF (revision b17cb02dd882d5b6ab62fc777ad2995f19668350); file list from the Hugging Face API as pinned in github.com/aflin/rampart-langtools rampart-models.js (single-file quants only; split files are not listed there)";

// Projector (mmproj F16) files: bytes as published on Hugging Face, read
// from public code that pins each file's size and sha256.
const Q35_35B_MMPROJ: u64 = 899_283_648;
const Q35_35B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/Qwen3.5-35B-A3B-GGUF/resolve/bc014a17be43adabd7066b7a86075ff935c6a4e2/mmproj-F16.gguf; 899,283,648 bytes (sha256 a516ab92...) as pinned in public GitHub code (a C# local-model catalog and a Rust app's variant list)";
const Q36_27B_MMPROJ: u64 = 927_607_360;
const Q36_27B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/Qwen3.6-27B-GGUF/resolve/main/mmproj-F16.gguf; 927,607,360 bytes (sha256 eacf610d...) as pinned from the Hugging Face API in public GitHub code (a Tauri app's model registry)";
const Q36_35B_MMPROJ: u64 = 899_283_680;
const Q36_35B_MMPROJ_SRC: &str = "https://huggingface.co/unsloth/Qwen3.6-35B-A3B-GGUF/resolve/main/mmproj-F16.gguf; 899,283,680 bytes (sha256 8971ee4f...) as pinned from the Hugging Face API in public GitHub code (a Tauri app's model registry)";

// Rows end in `..BASE` even when every field is set, so rows look alike.
#[allow(clippy::needless_update)]
#[rustfmt::skip]
pub(super) static ROWS: &[Model] = &[
    Model {
        id: "qwen2.5-14b", name: "Qwen2.5 14B Instruct", family: "Qwen2.5", hf_repo: "Qwen/Qwen2.5-14B-Instruct", ollama: "qwen2.5:14b",
        config: qwen25(5120, 48, 40, 8, 13824, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2024-09",
        params: b(14.7), params_active: b(14.7), params_precise: true,
        ggufs: &[repo(Official, "Qwen/Qwen2.5-14B-Instruct-GGUF"), listed(Bartowski, "bartowski/Qwen2.5-14B-Instruct-GGUF", Q25_14B_BART, Q25_14B_BART_SRC)],
        uses: &[Chat, Coding], uses_source: CARD_QWEN25, tier: SeedTier::Editor,
        source: "https://huggingface.co/Qwen/Qwen2.5-14B-Instruct/blob/main/config.json; card: 14.7B parameters; shapes per shared/reference/architectures.json",
        note: "131072 context with YaRN rope_scaling factor 4 (card).", ..BASE
    },
    Model {
        id: "qwen2.5-32b", name: "Qwen2.5 32B Instruct", family: "Qwen2.5", hf_repo: "Qwen/Qwen2.5-32B-Instruct", ollama: "qwen2.5:32b",
        config: qwen25(5120, 64, 40, 8, 27648, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2024-09",
        params: b(32.5), params_active: b(32.5), params_precise: true,
        ggufs: &[repo(Official, "Qwen/Qwen2.5-32B-Instruct-GGUF"), listed(Bartowski, "bartowski/Qwen2.5-32B-Instruct-GGUF", Q25_32B_BART, Q25_32B_BART_SRC)],
        uses: &[Chat, Coding], uses_source: CARD_QWEN25, tier: SeedTier::Workstation,
        source: "https://huggingface.co/Qwen/Qwen2.5-32B-Instruct/blob/main/config.json; card: 32.5B parameters; shapes per shared/reference/architectures.json",
        note: "Seed 002 primary model (qwen2.5:32b-instruct-q4_K_M).", ..BASE
    },
    Model {
        id: "qwen2.5-72b", name: "Qwen2.5 72B Instruct", family: "Qwen2.5", hf_repo: "Qwen/Qwen2.5-72B-Instruct", ollama: "qwen2.5:72b",
        config: qwen25(8192, 80, 64, 8, 29568, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Qwen", released: "2024-09",
        params: b(72.7), params_active: b(72.7), params_precise: true,
        ggufs: &[repo(Official, "Qwen/Qwen2.5-72B-Instruct-GGUF"), listed(Bartowski, "bartowski/Qwen2.5-72B-Instruct-GGUF", Q25_72B_BART, Q25_72B_BART_SRC)],
        uses: &[Chat, Coding, Reasoning], uses_source: CARD_QWEN25, tier: SeedTier::Architect,
        source: "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/config.json; card: 72.7B parameters; shapes per shared/reference/architectures.json",
        note: "Qwen license (not Apache) for the 72B.", ..BASE
    },
    Model {
        id: "qwen2.5-7b", name: "Qwen2.5 7B Instruct", family: "Qwen2.5", hf_repo: "Qwen/Qwen2.5-7B-Instruct", ollama: "qwen2.5:7b",
        config: qwen25(3584, 28, 28, 4, 18944, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2024-09",
        params: b(7.61), params_active: b(7.61), params_precise: true,
        ggufs: &[listed(Official, "Qwen/Qwen2.5-7B-Instruct-GGUF", Q25_7B_OFF, Q25_7B_OFF_SRC), repo(Bartowski, "bartowski/Qwen2.5-7B-Instruct-GGUF")],
        uses: &[Chat, Coding], uses_source: CARD_QWEN25, tier: SeedTier::Editor,
        source: "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/config.json; card: 7.61B parameters; shapes per shared/reference/architectures.json",
        note: "", ..BASE
    },
    Model {
        id: "qwen2.5-coder-14b", name: "Qwen2.5-Coder 14B Instruct", family: "Qwen2.5-Coder", hf_repo: "Qwen/Qwen2.5-Coder-14B-Instruct", ollama: "qwen2.5-coder:14b",
        config: qwen25(5120, 48, 40, 8, 13824, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2024-11",
        params: b(14.7), params_active: b(14.7), params_precise: true,
        ggufs: &[repo(Official, "Qwen/Qwen2.5-Coder-14B-Instruct-GGUF"), repo(Bartowski, "bartowski/Qwen2.5-Coder-14B-Instruct-GGUF")],
        uses: &[Coding, Chat], uses_source: CARD_CODER, tier: SeedTier::Editor,
        source: "https://huggingface.co/Qwen/Qwen2.5-Coder-14B-Instruct/blob/main/config.json; card: 14.7B parameters; shapes per shared/reference/architectures.json",
        note: "Seed 001's recommended Editor (qwen2.5-coder:14b-instruct-q4_K_M).", ..BASE
    },
    Model {
        id: "qwen2.5-coder-32b", name: "Qwen2.5-Coder 32B Instruct", family: "Qwen2.5-Coder", hf_repo: "Qwen/Qwen2.5-Coder-32B-Instruct", ollama: "qwen2.5-coder:32b",
        config: qwen25(5120, 64, 40, 8, 27648, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2024-11",
        params: b(32.5), params_active: b(32.5), params_precise: true,
        ggufs: &[listed(Official, "Qwen/Qwen2.5-Coder-32B-Instruct-GGUF", CODER_32B_OFF, CODER_32B_OFF_SRC), repo(Bartowski, "bartowski/Qwen2.5-Coder-32B-Instruct-GGUF")],
        uses: &[Coding, Chat], uses_source: CARD_CODER, tier: SeedTier::Workstation,
        source: "https://huggingface.co/Qwen/Qwen2.5-Coder-32B-Instruct/blob/main/config.json; card: 32.5B parameters; shapes per shared/reference/architectures.json",
        note: "Seed 004 stack model.", ..BASE
    },
    Model {
        id: "qwen2.5-coder-7b", name: "Qwen2.5-Coder 7B Instruct", family: "Qwen2.5-Coder", hf_repo: "Qwen/Qwen2.5-Coder-7B-Instruct", ollama: "qwen2.5-coder:7b",
        config: qwen25(3584, 28, 28, 4, 18944, 32768),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2024-09",
        params: b(7.61), params_active: b(7.61), params_precise: true,
        ggufs: &[listed(Official, "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", CODER_7B_OFF, CODER_7B_OFF_SRC), repo(Bartowski, "bartowski/Qwen2.5-Coder-7B-Instruct-GGUF")],
        uses: &[Coding, Chat], uses_source: CARD_CODER, tier: SeedTier::Editor,
        source: "https://huggingface.co/Qwen/Qwen2.5-Coder-7B-Instruct/blob/main/config.json; card: 7.61B parameters; shapes equal to Qwen2.5-7B",
        note: "", ..BASE
    },
    Model {
        id: "qwen3-0.6b", name: "Qwen3 0.6B", family: "Qwen3", hf_repo: "Qwen/Qwen3-0.6B", ollama: "qwen3:0.6b",
        config: qwen3(1024, 28, 16, 3072, true),
        ctx_native: 32768, ctx_extended: 32768, license: "Apache-2.0", released: "2025-04",
        params: b(0.6), params_active: b(0.6), params_precise: false,
        ggufs: &[repo(Official, "Qwen/Qwen3-0.6B-GGUF"), listed(Unsloth, "unsloth/Qwen3-0.6B-GGUF", Q3_06B_UNS, Q3_06B_UNS_SRC)],
        uses: &[Chat], uses_source: CARD_QWEN3, tier: SeedTier::Micro,
        source: "https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/config.json; card: 0.6B parameters (0.44B non-embedding), 28 layers, 16/8 heads",
        note: "hidden 1024 and ffn 3072 recalled; the derived non-embedding count (0.44B) matches the card.", ..BASE
    },
    Model {
        id: "qwen3-1.7b", name: "Qwen3 1.7B", family: "Qwen3", hf_repo: "Qwen/Qwen3-1.7B", ollama: "qwen3:1.7b",
        config: qwen3(2048, 28, 16, 6144, true),
        ctx_native: 32768, ctx_extended: 32768, license: "Apache-2.0", released: "2025-04",
        params: b(1.7), params_active: b(1.7), params_precise: false,
        ggufs: &[repo(Official, "Qwen/Qwen3-1.7B-GGUF"), repo(Unsloth, "unsloth/Qwen3-1.7B-GGUF")],
        uses: &[Chat, Reasoning], uses_source: CARD_QWEN3, tier: SeedTier::Micro,
        source: "https://huggingface.co/Qwen/Qwen3-1.7B/blob/main/config.json; card: 1.7B parameters (1.4B non-embedding), 28 layers, 16/8 heads",
        note: "hidden 2048 and ffn 6144 recalled; the derived non-embedding count (1.41B) matches the card (1.4B).", ..BASE
    },
    Model {
        id: "qwen3-14b", name: "Qwen3 14B", family: "Qwen3", hf_repo: "Qwen/Qwen3-14B", ollama: "qwen3:14b",
        config: qwen3(5120, 40, 40, 17408, false),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2025-04",
        params: b(14.8), params_active: b(14.8), params_precise: true,
        ggufs: &[listed(Official, "Qwen/Qwen3-14B-GGUF", Q3_14B_OFF, Q3_14B_OFF_SRC), repo(Unsloth, "unsloth/Qwen3-14B-GGUF"), repo(Bartowski, "bartowski/Qwen_Qwen3-14B-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents], uses_source: CARD_QWEN3, tier: SeedTier::Editor,
        source: "https://huggingface.co/Qwen/Qwen3-14B/blob/main/config.json; card: 14.8B parameters (13.2B non-embedding); shapes per shared/reference/architectures.json",
        note: "131072 context with YaRN (card).", ..BASE
    },
    Model {
        id: "qwen3-235b-a22b", name: "Qwen3 235B-A22B", family: "Qwen3", hf_repo: "Qwen/Qwen3-235B-A22B", ollama: "qwen3:235b",
        config: qwen3_moe(4096, 94, 64, 4, 12288, 128, 1536, 40960),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2025-04",
        params: b(235.0), params_active: b(22.0), params_precise: true,
        ggufs: &[repo(Unsloth, "unsloth/Qwen3-235B-A22B-GGUF"), repo(Bartowski, "bartowski/Qwen_Qwen3-235B-A22B-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents], uses_source: CARD_QWEN3, tier: SeedTier::Architect,
        source: "https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json; card: 235B total, 22B activated; shapes per shared/reference/architectures.json",
        note: "", ..BASE
    },
    Model {
        id: "qwen3-30b-a3b", name: "Qwen3 30B-A3B", family: "Qwen3", hf_repo: "Qwen/Qwen3-30B-A3B", ollama: "qwen3:30b",
        config: qwen3_moe(2048, 48, 32, 4, 6144, 128, 768, 40960),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2025-04",
        params: b(30.5), params_active: b(3.3), params_precise: true,
        ggufs: &[listed(Official, "Qwen/Qwen3-30B-A3B-GGUF", Q3_30B_OFF, Q3_30B_OFF_SRC), listed(Unsloth, "unsloth/Qwen3-30B-A3B-GGUF", Q3_30B_UNS, Q3_30B_UNS_SRC), repo(Bartowski, "bartowski/Qwen_Qwen3-30B-A3B-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents], uses_source: CARD_QWEN3, tier: SeedTier::Workstation,
        source: "https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json; card: 30.5B total, 3.3B activated; shapes per shared/reference/architectures.json",
        note: "Seed 000 lists it as 'Qwen2.5-30B-A3B (MoE)' with 262K context; that is Qwen3-30B-A3B (the 2507 update has 262144 native context).", ..BASE
    },
    Model {
        id: "qwen3-32b", name: "Qwen3 32B", family: "Qwen3", hf_repo: "Qwen/Qwen3-32B", ollama: "qwen3:32b",
        config: qwen3(5120, 64, 64, 25600, false),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2025-04",
        params: b(32.8), params_active: b(32.8), params_precise: true,
        ggufs: &[repo(Official, "Qwen/Qwen3-32B-GGUF"), listed(Unsloth, "unsloth/Qwen3-32B-GGUF", Q3_32B_UNS, Q3_32B_UNS_SRC), repo(Bartowski, "bartowski/Qwen_Qwen3-32B-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents], uses_source: CARD_QWEN3, tier: SeedTier::Workstation,
        source: "https://huggingface.co/Qwen/Qwen3-32B/blob/main/config.json; card: 32.8B parameters (31.2B non-embedding); shapes per shared/reference/architectures.json",
        note: "Seed 000 secondary model (qwen3:32b-q5_K_M).", ..BASE
    },
    Model {
        id: "qwen3-4b", name: "Qwen3 4B", family: "Qwen3", hf_repo: "Qwen/Qwen3-4B", ollama: "qwen3:4b",
        config: qwen3(2560, 36, 32, 9728, true),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2025-04",
        params: b(4.0), params_active: b(4.0), params_precise: false,
        ggufs: &[listed(Official, "Qwen/Qwen3-4B-GGUF", Q3_4B_OFF, Q3_4B_OFF_SRC), repo(Unsloth, "unsloth/Qwen3-4B-GGUF")],
        uses: &[Chat, Reasoning, Agents], uses_source: CARD_QWEN3, tier: SeedTier::Micro,
        source: "https://huggingface.co/Qwen/Qwen3-4B/blob/main/config.json; card: 4.0B parameters (3.6B non-embedding)",
        note: "Config values recalled (hidden 2560, ffn 9728, tied embeddings); the derived non-embedding count (3.63B) matches the card (3.6B).", ..BASE
    },
    Model {
        id: "qwen3-8b", name: "Qwen3 8B", family: "Qwen3", hf_repo: "Qwen/Qwen3-8B", ollama: "qwen3:8b",
        config: qwen3(4096, 36, 32, 12288, false),
        ctx_native: 32768, ctx_extended: 131072, license: "Apache-2.0", released: "2025-04",
        params: b(8.2), params_active: b(8.2), params_precise: false,
        ggufs: &[listed(Official, "Qwen/Qwen3-8B-GGUF", Q3_8B_OFF, Q3_8B_OFF_SRC), repo(Unsloth, "unsloth/Qwen3-8B-GGUF"), repo(Bartowski, "bartowski/Qwen_Qwen3-8B-GGUF")],
        uses: &[Chat, Reasoning, Coding, Agents], uses_source: CARD_QWEN3, tier: SeedTier::Editor,
        source: "https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json; card: 8.2B parameters (6.95B non-embedding); shapes per shared/reference/architectures.json",
        note: "", ..BASE
    },
    Model {
        id: "qwen3-coder-30b-a3b", name: "Qwen3-Coder 30B-A3B Instruct", family: "Qwen3-Coder", hf_repo: "Qwen/Qwen3-Coder-30B-A3B-Instruct", ollama: "qwen3-coder:30b",
        config: qwen3_moe(2048, 48, 32, 4, 6144, 128, 768, 262144),
        ctx_native: 262144, ctx_extended: 1048576, license: "Apache-2.0", released: "2025-07",
        params: b(30.5), params_active: b(3.3), params_precise: true,
        ggufs: &[listed(Unsloth, "unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF", Q3_CODER_30B_UNS, Q3_CODER_30B_UNS_SRC), repo(LmStudio, "lmstudio-community/Qwen3-Coder-30B-A3B-Instruct-GGUF")],
        uses: &[Coding, Agents, LongContext], uses_source: "https://huggingface.co/Qwen/Qwen3-Coder-30B-A3B-Instruct (agentic coding, 256K native context)", tier: SeedTier::Workstation,
        source: "https://huggingface.co/Qwen/Qwen3-Coder-30B-A3B-Instruct/blob/main/config.json; shapes equal to Qwen3-30B-A3B per shared/reference/architectures.json; card: 30.5B total, 3.3B activated",
        note: "1M context with YaRN (card).", ..BASE
    },
    Model {
        id: "qwen3-coder-480b-a35b", name: "Qwen3-Coder 480B-A35B Instruct", family: "Qwen3-Coder", hf_repo: "Qwen/Qwen3-Coder-480B-A35B-Instruct", ollama: "qwen3-coder:480b",
        config: qwen3_moe(6144, 62, 96, 8, 8192, 160, 2560, 262144),
        ctx_native: 262144, ctx_extended: 1048576, license: "Apache-2.0", released: "2025-07",
        params: b(480.0), params_active: b(35.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/Qwen3-Coder-480B-A35B-Instruct-GGUF")],
        uses: &[Coding, Agents, LongContext], uses_source: "https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct (agentic coding)", tier: SeedTier::Architect,
        source: "https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct/blob/main/config.json; card: 480B total, 35B activated",
        note: "UNVERIFIED: config values recalled (hidden 6144, 62 layers, 96/8 heads, 160 experts x 2560, top-8), not read from a reproduced config.", ..BASE
    },
    Model {
        id: "qwen3-next-80b-a3b", name: "Qwen3-Next 80B-A3B Instruct", family: "Qwen3-Next", hf_repo: "Qwen/Qwen3-Next-80B-A3B-Instruct", ollama: "qwen3-next:80b",
        config: HfConfig {
            model_type: Cow::Borrowed("qwen3_next"), hidden_size: Some(2048), num_hidden_layers: Some(48),
            num_attention_heads: Some(16), num_key_value_heads: Some(2), head_dim: Some(256), intermediate_size: Some(5120),
            vocab_size: Some(151936), tie_word_embeddings: Some(false), max_position_embeddings: Some(262144),
            num_experts: Some(512), num_experts_per_tok: Some(10), moe_intermediate_size: Some(512),
            shared_expert_intermediate_size: Some(512), moe_layer_step: Some(1),
            full_attention_interval: Some(4), linear_num_key_heads: Some(16), linear_num_value_heads: Some(32),
            linear_key_head_dim: Some(128), linear_value_head_dim: Some(128), conv_kernel: Some(4),
            ..HfConfig::EMPTY
        },
        ctx_native: 262144, ctx_extended: 1010000, license: "Apache-2.0", released: "2025-09",
        params: b(80.0), params_active: b(3.0), params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/Qwen3-Next-80B-A3B-Instruct-GGUF")],
        uses: &[Chat, Reasoning, Agents, LongContext], uses_source: "https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct (hybrid attention, ultra-long context)", tier: SeedTier::Architect,
        source: "https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json; shapes per shared/reference/architectures.json; card: 80B total, 3B activated",
        note: "MTP layers are not converted by llama.cpp, so num_nextn_predict_layers is left out.", ..BASE
    },
    Model {
        id: "qwen3.5-35b-a3b", name: "Qwen3.5 35B-A3B", family: "Qwen3.5", hf_repo: "Qwen/Qwen3.5-35B-A3B", ollama: "",
        config: qwen36_35b(),
        ctx_native: 262144, ctx_extended: 1010000, modalities: VISION, license: "Apache-2.0", released: "2026-02",
        params: b(35.0), params_active: b(3.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[repo(Unsloth, "unsloth/Qwen3.5-35B-A3B-GGUF")],
        uses: &[Chat, Coding, Agents, LongContext, Vision], uses_source: "seed 003 (LM Studio article: 35B MoE on a 16 GB GPU with expert offload)", tier: SeedTier::Workstation,
        source: "Qwen3.5/3.6 35B-A3B text config in shared/reference/architectures.json (Qwen3_5MoE config reproductions)",
        note: "Named in seed 003 ('Qwen 3.5 35B A3B'). Shape-identical to Qwen3.6-35B-A3B per architectures.json. UNVERIFIED: release month.", mmproj_bytes: Some(Q35_35B_MMPROJ), mmproj_source: Q35_35B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "qwen3.6-27b", name: "Qwen3.6 27B", family: "Qwen3.6", hf_repo: "Qwen/Qwen3.6-27B", ollama: "",
        config: HfConfig {
            model_type: Cow::Borrowed("qwen3_5"), hidden_size: Some(5120), num_hidden_layers: Some(64),
            num_attention_heads: Some(24), num_key_value_heads: Some(4), head_dim: Some(256), intermediate_size: Some(17408),
            vocab_size: Some(248320), tie_word_embeddings: Some(false), max_position_embeddings: Some(262144),
            full_attention_interval: Some(4), linear_num_key_heads: Some(16), linear_num_value_heads: Some(48),
            linear_key_head_dim: Some(128), linear_value_head_dim: Some(128), conv_kernel: Some(4),
            ..HfConfig::EMPTY
        },
        ctx_native: 262144, ctx_extended: 1010000, modalities: VISION, license: "Apache-2.0", released: "2026-04",
        params: b(27.0), params_active: b(27.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[listed(Unsloth, "unsloth/Qwen3.6-27B-GGUF", QWEN36_27B_QUANTS, SEED_QUANTS_SRC)],
        uses: &[Chat, Coding, Reasoning, Agents, LongContext, Vision], uses_source: "seed 003 (Qwen3.6 VRAM article: stable dense model for coding and chat)", tier: SeedTier::Workstation,
        source: "Qwen3.5/3.6 27B text config in shared/reference/architectures.json; context 262,144 native / 1,010,000 extended per the model card quoted in seed 003",
        note: "Quant list: seed 003 table (unsloth/Qwen3.6-27B-GGUF). config has mtp_num_hidden_layers 1; left out as the published GGUFs are assumed to drop it (UNVERIFIED). UNVERIFIED: release month.", mmproj_bytes: Some(Q36_27B_MMPROJ), mmproj_source: Q36_27B_MMPROJ_SRC, ..BASE
    },
    Model {
        id: "qwen3.6-35b-a3b", name: "Qwen3.6 35B-A3B", family: "Qwen3.6", hf_repo: "Qwen/Qwen3.6-35B-A3B", ollama: "",
        config: qwen36_35b(),
        ctx_native: 262144, ctx_extended: 1010000, modalities: VISION, license: "Apache-2.0", released: "2026-04",
        params: b(35.0), params_active: b(3.0), params_scope: ParamScope::WithEncoders, params_precise: false,
        ggufs: &[listed(Unsloth, "unsloth/Qwen3.6-35B-A3B-GGUF", QWEN36_35B_QUANTS, SEED_QUANTS_SRC)],
        uses: &[Chat, Coding, Agents, LongContext, Vision], uses_source: "seed 003 (Qwen3.6 VRAM article: agents, tool use and coding)", tier: SeedTier::Workstation,
        source: "Qwen3.5/3.6 35B-A3B text config in shared/reference/architectures.json; context per the model card quoted in seed 003",
        note: "Quant list: seed 003 table (unsloth/Qwen3.6-35B-A3B-GGUF). MTP block left out (see qwen3.6-27b). UNVERIFIED: release month.", mmproj_bytes: Some(Q36_35B_MMPROJ), mmproj_source: Q36_35B_MMPROJ_SRC, ..BASE
    },
];

/// Qwen3.5/3.6 35B-A3B text config (gated delta-net hybrid MoE).
const fn qwen36_35b() -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed("qwen3_5_moe"),
        hidden_size: Some(2048),
        num_hidden_layers: Some(40),
        num_attention_heads: Some(16),
        num_key_value_heads: Some(2),
        head_dim: Some(256),
        vocab_size: Some(248320),
        tie_word_embeddings: Some(false),
        max_position_embeddings: Some(262144),
        num_experts: Some(256),
        num_experts_per_tok: Some(8),
        moe_intermediate_size: Some(512),
        shared_expert_intermediate_size: Some(512),
        moe_layer_step: Some(1),
        full_attention_interval: Some(4),
        linear_num_key_heads: Some(16),
        linear_num_value_heads: Some(32),
        linear_key_head_dim: Some(128),
        linear_value_head_dim: Some(128),
        conv_kernel: Some(4),
        ..HfConfig::EMPTY
    }
}
