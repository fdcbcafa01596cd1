//! Importing a real model: a local GGUF file's header, a Hugging Face
//! repo's `config.json`, or the header of a GGUF file in a Hugging Face
//! repo (an HTTP range request).
//!
//! Only headers are read: a GGUF prefix starts at [`FIRST_READ`] bytes and
//! doubles while the core's reader asks for more, up to [`MAX_HEADER`], so
//! a 100+ GB file costs a few MiB. Nothing is uploaded. The browser I/O
//! lives in [`file`] and [`hf`]; this module turns bytes into an
//! [`Imported`] model and evaluates it with the user's other inputs.

pub mod file;
pub mod hf;

use core::future::Future;

use headroom_core::arch::Arch;
use headroom_core::estimate::estimate;
use headroom_core::gguf::{read_header, GgufError, GgufHeader};
use headroom_core::hf_config::HfConfig;
use headroom_core::inputs::Inputs;
use headroom_core::quant::{plan_from_gguf, FileType};
use headroom_core::resolve_inputs::{resolve_with_arch, resolve_with_weights};
use headroom_core::units::{fmt_bytes, ByteUnit};
use headroom_core::views::{fmt_params, Evaluated};
use headroom_core::weights::WeightPlan;

/// First prefix read from a GGUF file: 4 MiB.
pub const FIRST_READ: u64 = 4 << 20;
/// Largest prefix read: 64 MiB.
pub const MAX_HEADER: u64 = 64 << 20;

/// A model read from a file or a repo.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// Where it came from (`Llama-3.1-8B-Q4_K_M.gguf`, `Qwen/Qwen3-8B`).
    pub source: String,
    /// The architecture.
    pub arch: Arch,
    /// The exact weight plan of a GGUF tensor table; `None` for a
    /// config.json, whose weights follow the chosen quantization.
    pub plan: Option<WeightPlan>,
    /// What was read, as `(key, label, value)` rows for display.
    pub facts: Vec<(&'static str, &'static str, String)>,
}

impl Imported {
    /// Whether the weights come from a GGUF tensor table.
    pub fn is_gguf(&self) -> bool {
        self.plan.is_some()
    }
}

/// Resolves and estimates the imported model with the user's other inputs
/// (hardware, context, KV type, runtime; the quantization too for a
/// config.json). The error is a sentence for the page.
pub fn evaluate(inputs: &Inputs, m: &Imported) -> Result<Evaluated, String> {
    let scenario = match &m.plan {
        Some(plan) => resolve_with_weights(inputs, m.arch.clone(), plan.clone(), 0),
        None => resolve_with_arch(inputs, m.arch.clone(), 0),
    }
    .map_err(|e| format!("Cannot size this configuration: {e}."))?;
    let estimate = estimate(&scenario);
    Ok(Evaluated { scenario, estimate })
}

/// Reads a GGUF header through `read_prefix(n)`, which returns up to the
/// first `n` bytes of the file (fewer only at its end). `len` is the file
/// length when known.
pub async fn read_gguf<F, Fut>(len: Option<u64>, mut read_prefix: F) -> Result<GgufHeader, String>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, String>>,
{
    let mut want = len.map_or(FIRST_READ, |l| FIRST_READ.min(l));
    loop {
        let buf = read_prefix(want).await?;
        let at_end = (buf.len() as u64) < want || len.is_some_and(|l| want >= l);
        match read_header(&buf) {
            Ok(h) => return Ok(h),
            Err(GgufError::NeedMoreBytes { at_least }) => {
                if at_end {
                    return Err(format!(
                        "The file is truncated: its header needs at least {at_least} bytes, \
                         the file has {}.",
                        buf.len()
                    ));
                }
                if want >= MAX_HEADER || at_least > MAX_HEADER {
                    return Err(format!(
                        "The GGUF header is larger than {} MiB; headroom does not read further.",
                        MAX_HEADER >> 20
                    ));
                }
                want = next_read(want, at_least, len);
            }
            Err(GgufError::BadMagic) => {
                return Err(String::from(
                    "This is not a GGUF file (it does not start with \"GGUF\").",
                ))
            }
            Err(e) => return Err(format!("This GGUF file cannot be read: {e}.")),
        }
    }
}

/// The next prefix length: at least double, at least what the reader asked
/// for, at most [`MAX_HEADER`] and the file length.
pub fn next_read(want: u64, at_least: u64, len: Option<u64>) -> u64 {
    let n = at_least.max(want.saturating_mul(2)).min(MAX_HEADER);
    len.map_or(n, |l| n.min(l))
}

/// Builds the imported model from a GGUF header; `file_name` is shown and
/// checked for the `-00001-of-00003` split pattern.
pub fn from_gguf(source: &str, file_name: &str, h: &GgufHeader) -> Result<Imported, String> {
    let arch = Arch::from_gguf(h).map_err(|e| {
        format!(
            "headroom cannot size this GGUF's architecture ({}): {e}.",
            h.architecture().unwrap_or("none given")
        )
    })?;
    let plan = plan_from_gguf(h);
    let tensor_bytes: u64 = h
        .tensors
        .iter()
        .fold(0u64, |a, t| a.saturating_add(t.n_bytes()));
    let file_type = match h.file_type() {
        Some(id) => match u32::try_from(id).ok().and_then(FileType::from_id) {
            Some(ft) => format!("{} (file type {id})", ft.name()),
            None => format!("file type {id}"),
        },
        None => String::from("not stated"),
    };
    let split = match (h.split_count(), split_of_name(file_name)) {
        (n, _) if n > 1 => format!("{n} files; this header lists only its own tensors"),
        (_, Some((i, n))) => format!("file {i} of {n}; this header lists only its own tensors"),
        _ => String::from("1 file"),
    };
    let mut facts = vec![
        ("source", "Read from", String::from(source)),
        ("arch", "Architecture", arch_label(h)),
    ];
    if let Some(name) = h.get("general.name").and_then(|v| v.as_str()) {
        facts.push(("name", "Model name", clip(name, 120)));
    }
    facts.extend([
        ("file-type", "File type", file_type),
        ("tensors", "Tensors", group_digits(h.tensors.len() as u64)),
        (
            "params",
            "Parameters",
            format!(
                "{} ({})",
                group_digits(plan.params),
                fmt_params(plan.params)
            ),
        ),
        (
            "weights",
            "Weights (exact)",
            format!(
                "{} bytes ({})",
                group_digits(tensor_bytes),
                fmt_bytes(tensor_bytes, ByteUnit::Gb)
            ),
        ),
        ("layers", "Blocks", group_digits(arch.layers.len() as u64)),
        (
            "ctx-train",
            "Training context",
            group_digits(arch.n_ctx_train),
        ),
        ("split", "Split", split),
    ]);
    Ok(Imported {
        source: String::from(source),
        arch,
        plan: Some(plan),
        facts,
    })
}

/// Builds the imported model from a parsed `config.json`.
pub fn from_config(repo: &str, cfg: &HfConfig) -> Result<Imported, String> {
    let arch = Arch::from_hf(cfg).map_err(|e| {
        format!(
            "headroom cannot size this model's architecture ({}): {e}.",
            clip(&cfg.model_type, 40)
        )
    })?;
    let opt = |v: Option<u64>| v.map_or_else(|| String::from("—"), group_digits);
    let facts = vec![
        ("source", "Read from", format!("{repo} (config.json)")),
        ("arch", "Architecture", clip(&cfg.model_type, 40)),
        ("layers", "Blocks", group_digits(arch.layers.len() as u64)),
        ("hidden", "Hidden size", opt(cfg.hidden_size)),
        (
            "heads",
            "Attention heads (KV heads)",
            format!(
                "{} ({})",
                opt(cfg.num_attention_heads),
                opt(cfg.num_key_value_heads)
            ),
        ),
        ("vocab", "Vocabulary", group_digits(arch.n_vocab)),
        (
            "ctx-train",
            "Training context",
            group_digits(arch.n_ctx_train),
        ),
    ];
    Ok(Imported {
        source: String::from(repo),
        arch,
        plan: None,
        facts,
    })
}

/// `llama`, with the number of experts for MoE models.
fn arch_label(h: &GgufHeader) -> String {
    let name = clip(h.architecture().unwrap_or("?"), 40);
    match h.arch_key("expert_count").and_then(|v| v.as_u64()) {
        Some(n) if n > 0 => format!("{name} (MoE, {n} experts)"),
        _ => name,
    }
}

/// `(1, 3)` for `model-00001-of-00003.gguf`.
pub fn split_of_name(name: &str) -> Option<(u32, u32)> {
    let stem = name.strip_suffix(".gguf")?;
    let (head, n) = stem.rsplit_once("-of-")?;
    let (_, i) = head.rsplit_once('-')?;
    let all_digits = |s: &str| s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(i) || !all_digits(n) {
        return None;
    }
    Some((i.parse().ok()?, n.parse().ok()?))
}

/// `8030261312` → `8,030,261,312`.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most `max` characters of untrusted text.
pub fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(8_030_261_312), "8,030,261,312");
    }

    #[test]
    fn split_names() {
        assert_eq!(split_of_name("m-00001-of-00003.gguf"), Some((1, 3)));
        assert_eq!(
            split_of_name("Q4/m-Q4_K_M-00002-of-00010.gguf"),
            Some((2, 10))
        );
        assert_eq!(split_of_name("m-Q4_K_M.gguf"), None);
        assert_eq!(split_of_name("m-1-of-3.gguf"), None);
    }

    #[test]
    fn reads_grow_geometrically_and_stop_at_the_limits() {
        // 4 MiB → 8 MiB: doubling wins over a smaller request.
        assert_eq!(next_read(4 << 20, 5 << 20, None), 8 << 20);
        // A request above double wins: 4 MiB → 20 MiB.
        assert_eq!(next_read(4 << 20, 20 << 20, None), 20 << 20);
        // Capped at 64 MiB and at the file length.
        assert_eq!(next_read(48 << 20, 50 << 20, None), 64 << 20);
        assert_eq!(next_read(4 << 20, 5 << 20, Some(6 << 20)), 6 << 20);
    }
}
