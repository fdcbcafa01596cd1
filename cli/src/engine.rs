//! From command-line options to a [`Scenario`]: model lookup (catalog id,
//! Hugging Face repo, config.json or GGUF header), quantization, hardware
//! and runtime settings. Every failure is a one-line input error.

use std::path::Path;

use headroom_core::arch::Arch;
use headroom_core::catalog::gpus::{self, Gpu};
use headroom_core::catalog::models::{self, Model};
use headroom_core::hf_config::HfConfig;
use headroom_core::inputs::{Inputs, ModelRef};
use headroom_core::quant::QuantChoice;
use headroom_core::resolve_inputs::{resolve_with_arch, resolve_with_weights};
use headroom_core::scenario::Scenario;
use headroom_core::weights::WeightPlan;

use crate::args::{input_err, CliResult};
use crate::gguf_file;
use crate::opts::{ModelSource, Opts};

/// Largest config.json read, in bytes.
pub const MAX_CONFIG_BYTES: u64 = 4 << 20;

/// A resolved model: its display name, architecture and catalog row.
pub struct ResolvedModel {
    /// Display name.
    pub name: String,
    /// The architecture.
    pub arch: Arch,
    /// The catalog row, when the model is in the catalog.
    pub row: Option<&'static Model>,
    /// The quantization recorded in a GGUF header (`general.file_type`).
    pub gguf_quant: Option<String>,
    /// The exact weight plan from a GGUF tensor table.
    pub plan: Option<WeightPlan>,
}

/// A resolved sizing question.
pub struct Resolved {
    /// The model.
    pub model: ResolvedModel,
    /// The quantization name used.
    pub quant: String,
    /// The scenario to estimate.
    pub scenario: Scenario,
}

/// Up to three catalog ids close to `query`, for "did you mean": catalog
/// search on the query's words (dropping trailing words until something
/// matches), else the smallest edit distances.
pub fn suggest_models(query: &str) -> Vec<&'static str> {
    let q = query.to_ascii_lowercase();
    let tail = q.rsplit('/').next().unwrap_or(&q).to_string();
    let words: Vec<&str> = tail
        .split(|c: char| c == '-' || c == '_' || c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    for k in (1..=words.len()).rev() {
        let mut hits: Vec<&'static str> = models::search_models(&words[..k].join(" "))
            .into_iter()
            .map(|m| m.id)
            .collect();
        if !hits.is_empty() {
            hits.sort_by_key(|id| edit_distance(&tail, id));
            hits.truncate(3);
            return hits;
        }
    }
    let mut scored: Vec<(usize, &'static str)> = models::models()
        .map(|m| (edit_distance(&tail, &m.id.to_ascii_lowercase()), m.id))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Up to three catalog GPU ids close to `query`.
pub fn suggest_gpus(query: &str) -> Vec<&'static str> {
    let q = query.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = gpus::gpus()
        .map(|g| (edit_distance(&q, g.id), g.id))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Levenshtein distance (inputs are short ids).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(128).collect();
    let b: Vec<char> = b.chars().take(128).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Finds a catalog model by id or Hugging Face repo.
pub fn find_model(id: &str) -> CliResult<&'static Model> {
    let found = match super::opts::model_ref(id) {
        ModelRef::Catalog(c) => models::model(&c.to_ascii_lowercase()),
        ModelRef::HfRepo(r) => models::model_by_hf(&r),
    };
    found.ok_or_else(|| {
        let s = suggest_models(id);
        if s.is_empty() {
            input_err(format!("unknown model {id:?} (see `headroom models`)"))
        } else {
            input_err(format!(
                "unknown model {id:?}; did you mean {}? (see `headroom models`)",
                s.join(", ")
            ))
        }
    })
}

/// Finds a catalog GPU by id.
pub fn find_gpu(id: &str) -> CliResult<&'static Gpu> {
    gpus::gpu(id).ok_or_else(|| {
        input_err(format!(
            "unknown GPU {id:?}; did you mean {}? (see `headroom gpus`)",
            suggest_gpus(id).join(", ")
        ))
    })
}

fn arch_of(cfg: &HfConfig, what: &str) -> CliResult<Arch> {
    Arch::from_hf(cfg).map_err(|e| input_err(format!("{what}: {e}")))
}

/// Resolves the model of `opts` (a default catalog model when none is given).
pub fn resolve_model(src: Option<&ModelSource>) -> CliResult<ResolvedModel> {
    match src {
        None => Err(input_err(
            "no model given: use --model <id>, --config <config.json> or --gguf <file>",
        )),
        Some(ModelSource::Id(id)) => {
            let m = find_model(id)?;
            Ok(ResolvedModel {
                name: m.name.to_string(),
                arch: arch_of(&m.config, m.id)?,
                row: Some(m),
                gguf_quant: None,
                plan: None,
            })
        }
        Some(ModelSource::Config(path)) => {
            let text = read_bounded(path, MAX_CONFIG_BYTES, "config.json")?;
            let cfg =
                parse_config(&text).map_err(|e| input_err(format!("{}: {e}", path.display())))?;
            let arch = arch_of(&cfg, &path.display().to_string())?;
            Ok(ResolvedModel {
                name: path.display().to_string(),
                arch,
                row: None,
                gguf_quant: None,
                plan: None,
            })
        }
        Some(ModelSource::Gguf(path)) => {
            let g = gguf_file::read(path)?;
            Ok(ResolvedModel {
                name: g.name,
                arch: g.arch,
                row: None,
                gguf_quant: g.quant,
                plan: g.plan,
            })
        }
    }
}

/// Parses a config.json into an [`HfConfig`].
fn parse_config(text: &str) -> Result<HfConfig, String> {
    headroom_core::hf_json::parse_config_json(text).map_err(|e| e.to_string())
}

/// Reads a small text file, refusing anything larger than `max` bytes.
pub fn read_bounded(path: &Path, max: u64, what: &str) -> CliResult<String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| input_err(format!("cannot read {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(input_err(format!("{} is not a file", path.display())));
    }
    if meta.len() > max {
        return Err(input_err(format!(
            "{} is {} bytes; a {what} is at most {max} bytes",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| input_err(format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|_| input_err(format!("{} is not UTF-8 text", path.display())))
}

/// Checks every `--gpu` id against the catalog, suggesting close ids.
pub fn check_gpus(inputs: &Inputs) -> CliResult<()> {
    for (id, _) in &inputs.hardware.gpus {
        find_gpu(id)?;
    }
    Ok(())
}

/// Resolves everything into a scenario. `quant_default` is used when the
/// user gave no `--quant` (a GGUF header's own type wins).
pub fn resolve(opts: &Opts, quant_default: &str) -> CliResult<Resolved> {
    let model = resolve_model(opts.model.as_ref())?;
    resolve_with(model, opts, quant_default)
}

/// Like [`resolve`] for an already resolved model.
pub fn resolve_with(model: ResolvedModel, opts: &Opts, quant_default: &str) -> CliResult<Resolved> {
    let mut inputs = opts.inputs.clone();
    let quant = match (opts.quant_given, &model.gguf_quant, &model.plan) {
        (true, _, _) => inputs.quant.clone(),
        (false, Some(q), _) => q.clone(),
        (false, None, Some(_)) => "as stored in the GGUF".to_string(),
        (false, None, None) => quant_default.to_string(),
    };
    if model.plan.is_none() || opts.quant_given {
        inputs.quant = quant.clone();
    }
    check_gpus(&inputs)?;
    if model.plan.is_none() {
        QuantChoice::parse(&quant).map_err(|e| input_err(format!("--quant: {e}")))?;
    }
    let mmproj = if inputs.multimodal {
        match model.row.and_then(|m| m.mmproj_bytes) {
            Some(b) => b,
            None => {
                return Err(input_err(format!(
                    "--multimodal: no projector size is known for {}",
                    model.name
                )))
            }
        }
    } else {
        0
    };
    let s = match (&model.plan, opts.quant_given) {
        // The GGUF's own tensor table, unless the user asks for another quant.
        (Some(plan), false) => {
            resolve_with_weights(&inputs, model.arch.clone(), plan.clone(), mmproj)
        }
        _ => resolve_with_arch(&inputs, model.arch.clone(), mmproj),
    }
    .map_err(|e| input_err(e.to_string()))?;
    Ok(Resolved {
        model,
        quant,
        scenario: s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("rtx-4090", "rtx-4090"), 0);
    }
}
