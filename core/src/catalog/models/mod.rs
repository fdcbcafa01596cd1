//! The model catalog: one row per model, with its architecture as
//! config.json states it ([`HfConfig`]), its published parameter count, the
//! GGUF repositories that publish it, and capability hints.
//!
//! Rows live in one file per family (`qwen.rs`, `gemma.rs`, ...), each
//! sorted by id. A row starts from [`BASE`] (`..BASE`) and its config from
//! `..HfConfig::EMPTY`. Figures that could not be confirmed carry
//! `UNVERIFIED: …` in the row's `note`.
//!
//! The seed tiers ([`SeedTier`]) follow seed 001 (`001_…txt`, "Model Size
//! Tiers"): Micro 125M–3B (its examples, Ministral 3B and Phi-3-mini at
//! 3.8B, set the upper edge near 4B), Editor 7B–14B, Architect 70B+. Models
//! between the Editor and Architect ranges (the 24–35B class that seeds 000,
//! 002 and 004 recommend for one 24 GB GPU) are [`SeedTier::Workstation`].

mod deepseek;
mod gemma;
mod llama;
mod mistral;
mod other;
mod qwen;

use alloc::vec::Vec;

use crate::hf_config::HfConfig;

/// What the model takes as input besides text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Modalities {
    /// Image input (a vision encoder / mmproj).
    pub vision: bool,
    /// Audio input.
    pub audio: bool,
}

/// Text only.
pub const TEXT: Modalities = Modalities {
    vision: false,
    audio: false,
};
/// Text + images.
pub const VISION: Modalities = Modalities {
    vision: true,
    audio: false,
};
/// Text + images + audio.
pub const VISION_AUDIO: Modalities = Modalities {
    vision: true,
    audio: true,
};

/// What a parameter count covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamScope {
    /// The language model only (what the architecture describes).
    Text,
    /// The language model plus vision/audio encoders (the published figure of
    /// a natively multimodal checkpoint); larger than the text count.
    WithEncoders,
}

/// The seed documents' model tiers (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SeedTier {
    /// ≤ ~4B: router, classifier, RAG researcher; CPU / edge.
    Micro,
    /// 7B–14B: the local Editor on an 8–16 GB consumer GPU.
    Editor,
    /// ~20B–40B: the "one 24 GB GPU" class of seeds 000/002/004.
    Workstation,
    /// 70B+ (total parameters): multi-GPU, big unified memory, or cloud.
    Architect,
}

impl SeedTier {
    /// Display name.
    pub fn as_str(self) -> &'static str {
        match self {
            SeedTier::Micro => "Micro",
            SeedTier::Editor => "Editor",
            SeedTier::Workstation => "Workstation",
            SeedTier::Architect => "Architect",
        }
    }
}

/// A capability hint shown in the picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Use {
    /// General chat / assistant.
    Chat,
    /// Code generation and editing.
    Coding,
    /// Step-by-step reasoning ("thinking").
    Reasoning,
    /// Tool calling / agent workflows.
    Agents,
    /// Contexts of 128K tokens or more.
    LongContext,
    /// Image understanding.
    Vision,
}

impl Use {
    /// Display name.
    pub fn as_str(self) -> &'static str {
        match self {
            Use::Chat => "chat",
            Use::Coding => "coding",
            Use::Reasoning => "reasoning",
            Use::Agents => "agents/tools",
            Use::LongContext => "long context",
            Use::Vision => "vision",
        }
    }
}

/// Who publishes a GGUF repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Publisher {
    /// Unsloth (standard quants plus `UD-*` Dynamic 2.0 mixes).
    Unsloth,
    /// bartowski (imatrix quants, incl. `_L` variants with Q8_0 embeddings).
    Bartowski,
    /// ggml-org (reference quants from the llama.cpp maintainers).
    GgmlOrg,
    /// lmstudio-community.
    LmStudio,
    /// The model's own organisation.
    Official,
}

/// One GGUF repository on Hugging Face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gguf {
    /// Publisher.
    pub publisher: Publisher,
    /// Repository id (`unsloth/Qwen3-32B-GGUF`).
    pub repo: &'static str,
    /// Quant names known to be published there (from a cited table); empty
    /// when the list was not checked. A list may be partial (e.g. only the
    /// single-file quants of a listing that skips split files).
    pub quants: &'static [&'static str],
    /// Where `quants` comes from (a pinned file listing or a table); `""`
    /// when `quants` is empty.
    pub quants_source: &'static str,
}

/// One model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Stable kebab-case id (`qwen3-32b`).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Family (`Qwen3`, `Gemma 3`, ...).
    pub family: &'static str,
    /// Hugging Face repository of the original weights.
    pub hf_repo: &'static str,
    /// Ollama library tag, `""` when none.
    pub ollama: &'static str,
    /// Architecture, in config.json field names.
    pub config: HfConfig,
    /// Native (trained) context in tokens.
    pub ctx_native: u64,
    /// Longest supported context (RoPE/YaRN extension), = native if none.
    pub ctx_extended: u64,
    /// Inputs besides text.
    pub modalities: Modalities,
    /// License name.
    pub license: &'static str,
    /// Release, `YYYY-MM`.
    pub released: &'static str,
    /// Published total parameter count.
    pub params: u64,
    /// Published parameters used per token (= `params` for dense models).
    pub params_active: u64,
    /// What `params` covers.
    pub params_scope: ParamScope,
    /// `params` has at least three significant digits (e.g. "32.8B" or a
    /// safetensors count), precise enough for the 1 % architecture check.
    pub params_precise: bool,
    /// GGUF repositories.
    pub ggufs: &'static [Gguf],
    /// Size in bytes of the multimodal projector file (`mmproj-*.gguf`, the
    /// F16 one that llama.cpp `-hf` and LM Studio fetch by default) as
    /// published, when known.
    pub mmproj_bytes: Option<u64>,
    /// Where `mmproj_bytes` comes from: the projector file's URL and where
    /// its byte size was read; `""` when `mmproj_bytes` is `None`.
    pub mmproj_source: &'static str,
    /// Capability hints.
    pub uses: &'static [Use],
    /// Where the capability hints come from.
    pub uses_source: &'static str,
    /// Seed tier.
    pub tier: SeedTier,
    /// Where the architecture and parameter figures come from.
    pub source: &'static str,
    /// Caveats, `UNVERIFIED` flags.
    pub note: &'static str,
}

impl Model {
    /// The model takes images or audio, but its projector's size is not
    /// known: loading it cannot be counted.
    pub fn projector_size_unknown(&self) -> bool {
        (self.modalities.vision || self.modalities.audio) && self.mmproj_bytes.is_none()
    }
}

/// Defaults for rows (`..BASE`): every field empty.
pub const BASE: Model = Model {
    id: "",
    name: "",
    family: "",
    hf_repo: "",
    ollama: "",
    config: HfConfig::EMPTY,
    ctx_native: 0,
    ctx_extended: 0,
    modalities: TEXT,
    license: "",
    released: "",
    params: 0,
    params_active: 0,
    params_scope: ParamScope::Text,
    params_precise: false,
    ggufs: &[],
    mmproj_bytes: None,
    mmproj_source: "",
    uses: &[],
    uses_source: "",
    tier: SeedTier::Editor,
    source: "",
    note: "",
};

/// `x` billion, for parameter counts written as on model cards (`b(32.8)`),
/// rounded to the nearest integer.
pub const fn b(x: f64) -> u64 {
    (x * 1e9 + 0.5) as u64
}

/// A GGUF repository with an unchecked quant list.
pub const fn repo(publisher: Publisher, repo: &'static str) -> Gguf {
    Gguf {
        publisher,
        repo,
        quants: &[],
        quants_source: "",
    }
}

/// A GGUF repository whose published quant names were read from `source`.
pub const fn listed(
    publisher: Publisher,
    repo: &'static str,
    quants: &'static [&'static str],
    source: &'static str,
) -> Gguf {
    Gguf {
        publisher,
        repo,
        quants,
        quants_source: source,
    }
}

/// The catalog tables, one per family file.
static TABLES: &[&[Model]] = &[
    deepseek::ROWS,
    gemma::ROWS,
    llama::ROWS,
    mistral::ROWS,
    other::ROWS,
    qwen::ROWS,
];

/// Every model, family file by family file (each sorted by id).
pub fn models() -> impl Iterator<Item = &'static Model> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The tables as stored, for tests that check each one's order.
pub fn tables() -> &'static [&'static [Model]] {
    TABLES
}

/// The model with this id (exact match).
pub fn model(id: &str) -> Option<&'static Model> {
    models().find(|m| m.id == id)
}

/// The model whose Hugging Face repo is `repo` (case-insensitive).
pub fn model_by_hf(repo: &str) -> Option<&'static Model> {
    let repo = repo.trim();
    models().find(|m| m.hf_repo.eq_ignore_ascii_case(repo))
}

/// Models whose id, name, family or Hugging Face repo contains `query`
/// (case-insensitive; every whitespace-separated word must match). An empty
/// query returns every model.
pub fn search_models(query: &str) -> Vec<&'static Model> {
    models()
        .filter(|m| {
            query.split_whitespace().all(|word| {
                [m.id, m.name, m.family, m.hf_repo]
                    .iter()
                    .any(|field| contains_ignore_case(field, word))
            })
        })
        .collect()
}

/// ASCII case-insensitive substring test.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(
            model("qwen3-32b").map(|m| m.hf_repo),
            Some("Qwen/Qwen3-32B")
        );
        assert_eq!(
            model_by_hf("qwen/qwen3-32b").map(|m| m.id),
            Some("qwen3-32b")
        );
        assert!(model("no-such-model").is_none());
        let hits = search_models("qwen3 32");
        assert!(hits.iter().any(|m| m.id == "qwen3-32b"));
        assert!(hits
            .iter()
            .all(|m| m.id.contains("32") || m.name.contains("32")));
        assert!(search_models("GEMMA")
            .iter()
            .all(|m| m.family.contains("Gemma")));
    }

    #[test]
    fn b_converts_card_figures() {
        assert_eq!(b(32.8), 32_800_000_000);
        assert_eq!(b(0.6), 600_000_000);
    }
}
