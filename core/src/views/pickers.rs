//! Options of the pickers: devices, catalog models (search), quantizations
//! and runtimes.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::catalog::{self, gpus::Vendor, Model};
use crate::device::DeviceKind;
use crate::inputs::{HardwareInputs, ModelRef, RuntimeId};
use crate::units::{fmt_bytes, ByteUnit};

use super::*;

/// Catalog devices for the hardware picker, grouped by vendor:
/// `(group label, [(id, label)])`.
pub fn gpu_option_groups() -> Vec<(String, Vec<(String, String)>)> {
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for g in catalog::gpus() {
        let group = match (g.vendor, g.kind) {
            (_, DeviceKind::Cpu) => String::from("CPU + system RAM"),
            (Vendor::Apple, _) => String::from("Apple Silicon (unified memory)"),
            (_, DeviceKind::Unified) => String::from("Unified-memory machines"),
            (v, _) => String::from(v.as_str()),
        };
        let label = format!("{} — {}", g.name, fmt_bytes(g.memory_bytes, ByteUnit::Gib));
        match groups.iter_mut().find(|(k, _)| *k == group) {
            Some((_, v)) => v.push((String::from(g.id), label)),
            None => groups.push((group, alloc::vec![(String::from(g.id), label)])),
        }
    }
    groups
}

/// The first chosen device is a unified-memory machine.
pub fn hardware_is_unified(hw: &HardwareInputs) -> bool {
    hw.gpus
        .first()
        .and_then(|(id, _)| catalog::gpu(id))
        .is_some_and(|g| g.kind == DeviceKind::Unified)
}

/// A model as the picker lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelOption {
    /// Catalog id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// `"32.8B · dense · 128K ctx"`.
    pub meta: String,
}

fn model_meta(m: &Model) -> String {
    let shape = if m.params_active < m.params {
        format!("MoE, {} active", fmt_params(m.params_active))
    } else {
        String::from("dense")
    };
    format!(
        "{} · {} · {} ctx",
        fmt_params(m.params),
        shape,
        fmt_ctx(m.ctx_native)
    )
}

/// Up to `limit` catalog models matching `query` (every word must match).
pub fn model_search(query: &str, limit: usize) -> Vec<ModelOption> {
    catalog::search_models(query)
        .into_iter()
        .take(limit)
        .map(|m| ModelOption {
            id: m.id,
            name: m.name,
            meta: model_meta(m),
        })
        .collect()
}

/// `Some(repo)` when `q` looks like a Hugging Face repo id (`owner/name`)
/// that is not already a catalog model's repo.
pub fn looks_like_hf_repo(q: &str) -> Option<String> {
    let t = q.trim();
    let (a, b) = t.split_once('/')?;
    let ok = !a.is_empty()
        && !b.is_empty()
        && !b.contains('/')
        && t.len() <= 96
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    ok.then(|| String::from(t))
}

/// The model's display name (or the id when it is not in the catalog).
pub fn model_label(m: &ModelRef) -> String {
    match m {
        ModelRef::Catalog(id) => match catalog::model(id) {
            Some(row) => format!("{} ({})", row.name, model_meta(row)),
            None => format!("{id} (not in the catalog)"),
        },
        ModelRef::HfRepo(repo) => match catalog::model_by_hf(repo) {
            Some(row) => format!("{} ({})", row.name, model_meta(row)),
            None => format!("{repo} (not in the catalog)"),
        },
    }
}

/// The catalog row of a model reference.
pub fn model_row(m: &ModelRef) -> Option<&'static Model> {
    match m {
        ModelRef::Catalog(id) => catalog::model(id),
        ModelRef::HfRepo(repo) => catalog::model_by_hf(repo),
    }
}

/// llama-quantize types offered for every GGUF model, largest first.
pub const COMMON_QUANTS: [&str; 16] = [
    "BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q5_K_S", "Q4_K_M", "Q4_K_S", "IQ4_NL", "IQ4_XS", "Q3_K_L",
    "Q3_K_M", "Q3_K_S", "IQ3_XXS", "Q2_K", "IQ2_M", "IQ2_XXS",
];

/// Non-GGUF formats offered (vLLM, SGLang, MLX, ExLlama).
pub const OTHER_FORMATS: [&str; 8] = [
    "FP8", "AWQ", "GPTQ", "NF4", "MLX-4bit", "MLX-8bit", "EXL2-4.5", "EXL3-4.0",
];

/// Quant names published for the model (union over its GGUF repos, in
/// catalog order, without repeats).
pub fn published_quants(m: &Model) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for g in m.ggufs {
        for q in g.quants {
            if !v.contains(q) {
                v.push(q);
            }
        }
    }
    v
}

/// Options for the quantization select: `(group, names)`. The current
/// choice is always present.
pub fn quant_options(model: &ModelRef, current: &str) -> Vec<(String, Vec<String>)> {
    let published: Vec<String> = model_row(model)
        .map(|m| published_quants(m).into_iter().map(String::from).collect())
        .unwrap_or_default();
    let common: Vec<String> = COMMON_QUANTS
        .iter()
        .filter(|q| !published.iter().any(|p| p == *q))
        .map(|q| String::from(*q))
        .collect();
    let other: Vec<String> = OTHER_FORMATS.iter().map(|q| String::from(*q)).collect();
    let mut groups = Vec::new();
    let known = published
        .iter()
        .chain(common.iter())
        .chain(other.iter())
        .any(|q| q == current);
    if !known {
        groups.push((String::from("Current"), alloc::vec![String::from(current)]));
    }
    if !published.is_empty() {
        groups.push((String::from("Published GGUF quants"), published));
    }
    groups.push((String::from("Other llama.cpp types"), common));
    groups.push((String::from("Other formats"), other));
    groups
}

/// Runtimes for the select: `(link key, label)`.
pub fn runtime_options() -> Vec<(&'static str, &'static str)> {
    crate::share::RUNTIMES
        .iter()
        .map(|(r, k)| {
            let label = match r {
                RuntimeId::LlamaCpp => "llama.cpp",
                RuntimeId::Ollama => "Ollama",
                RuntimeId::LmStudio => "LM Studio",
                RuntimeId::Koboldcpp => "koboldcpp",
                RuntimeId::Vllm => "vLLM",
                RuntimeId::Sglang => "SGLang",
                RuntimeId::Mlx => "MLX (mlx_lm)",
            };
            (*k, label)
        })
        .collect()
}
