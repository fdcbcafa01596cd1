//! The options shared by `estimate`, `quants` and `fit`: model source,
//! quantization, context, KV, runtime and hardware, parsed into
//! [`headroom_core::inputs::Inputs`] plus display switches.

use std::path::PathBuf;

use headroom_core::inputs::{Inputs, ModelRef};
use headroom_core::units::ByteUnit;

use crate::args::{
    input_err, no_value, parse_ctx, parse_fa, parse_fraction, parse_gib, parse_gpu_spec, parse_kv,
    parse_runtime, parse_u32, unknown_flag, Arg, CliResult, Lexer,
};

/// Where the model's architecture comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelSource {
    /// A catalog id or a Hugging Face repo id.
    Id(String),
    /// A config.json on disk.
    Config(PathBuf),
    /// A GGUF file on disk (only its header is read).
    Gguf(PathBuf),
}

/// Largest `--vram` / `--ram` accepted, in GiB (64 TiB).
pub const MAX_GIB: f64 = 65536.0;
/// Largest `--parallel` (the engine's limit).
pub const MAX_PARALLEL: u32 = headroom_core::resolve_inputs::MAX_PARALLEL;
/// Largest `--ubatch` (the engine's limit).
pub const MAX_UBATCH: u32 = headroom_core::resolve_inputs::MAX_UBATCH;
/// Largest `--ngl` / `--n-cpu-moe`.
pub const MAX_LAYERS: u32 = 4096;
/// Most `--gpu` flags.
pub const MAX_GPU_FLAGS: usize = 16;

/// Parsed options of a sizing command.
#[derive(Debug, Clone, PartialEq)]
pub struct Opts {
    /// The model source (`None` if not given).
    pub model: Option<ModelSource>,
    /// The user's choices (`model` is filled from `model` when it is an id).
    pub inputs: Inputs,
    /// The quantization was given explicitly.
    pub quant_given: bool,
    /// The context was given explicitly.
    pub ctx_given: bool,
    /// Hardware was given explicitly (`--gpu`, `--gpus`, `--vram`, `--cpu-only`).
    pub hardware_given: bool,
    /// Print one JSON object.
    pub json: bool,
    /// Byte unit for display.
    pub unit: ByteUnit,
    /// Print per-row details (validate) or more rows.
    pub verbose: bool,
    /// Directory of the validation files.
    pub dir: Option<PathBuf>,
    /// `validate`: print the report as a Markdown page.
    pub markdown: bool,
    /// `models`/`gpus`: print only the count.
    pub count: bool,
    /// Positional words (e.g. a search term for `models`).
    pub words: Vec<String>,
}

/// Which flags a command accepts beyond the sizing ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accept {
    /// `--model/--config/--gguf` and the sizing flags.
    pub sizing: bool,
    /// `--verbose`, `--dir`.
    pub validate: bool,
    /// `--count` and positional words.
    pub listing: bool,
}

/// Parses the flags of `command`.
pub fn parse(command: &str, args: Vec<String>, accept: Accept) -> CliResult<Opts> {
    let mut inputs = Inputs {
        hardware: Default::default(),
        ..Inputs::default()
    };
    let mut o = Opts {
        model: None,
        inputs: Inputs::default(),
        quant_given: false,
        ctx_given: false,
        hardware_given: false,
        json: false,
        unit: ByteUnit::Gb,
        verbose: false,
        markdown: false,
        dir: None,
        count: false,
        words: Vec::new(),
    };
    let mut kv_both = None;
    let mut kv_k = None;
    let mut kv_v = None;
    let mut lx = Lexer::new(args);
    while let Some(arg) = lx.next_arg() {
        let (name, inline) = match arg {
            Arg::Word(w) if accept.listing && o.words.len() < 8 => {
                o.words.push(w);
                continue;
            }
            Arg::Word(w) => {
                return Err(input_err(format!(
                    "unexpected argument {w:?} for `headroom {command}`"
                )))
            }
            Arg::Flag { name, inline } => (name, inline),
        };
        let n = name.as_str();
        match n {
            "json" => {
                no_value(n, &inline)?;
                o.json = true;
            }
            "gib" => {
                no_value(n, &inline)?;
                o.unit = ByteUnit::Gib;
            }
            "gb" => {
                no_value(n, &inline)?;
                o.unit = ByteUnit::Gb;
            }
            "verbose" | "v" if accept.validate || accept.listing => {
                no_value(n, &inline)?;
                o.verbose = true;
            }
            "dir" if accept.validate => o.dir = Some(PathBuf::from(lx.value(n, inline)?)),
            "markdown" if accept.validate => {
                no_value(n, &inline)?;
                o.markdown = true;
            }
            "count" if accept.listing => {
                no_value(n, &inline)?;
                o.count = true;
            }
            "model" | "config" | "gguf" if accept.sizing => {
                let v = lx.value(n, inline)?;
                if v.trim().is_empty() {
                    return Err(input_err(format!("--{n} needs a non-empty value")));
                }
                if o.model.is_some() {
                    return Err(input_err("give only one of --model, --config, --gguf"));
                }
                o.model = Some(match n {
                    "model" => ModelSource::Id(v.trim().to_string()),
                    "config" => ModelSource::Config(PathBuf::from(v)),
                    _ => ModelSource::Gguf(PathBuf::from(v)),
                });
            }
            "quant" | "q" if accept.sizing || accept.listing => {
                let v = lx.value(n, inline)?;
                let t = v.trim();
                if t.is_empty() || t.len() > 32 {
                    return Err(input_err(format!(
                        "--quant {v:?}: must be a quantization name like Q4_K_M"
                    )));
                }
                inputs.quant = normalize_quant(t);
                o.quant_given = true;
            }
            "ctx" | "context" | "c" if accept.sizing || accept.listing => {
                inputs.ctx = parse_ctx(n, &lx.value(n, inline)?)?;
                o.ctx_given = true;
            }
            "parallel" | "np" if accept.sizing || accept.listing => {
                inputs.parallel = parse_u32(n, &lx.value(n, inline)?, 1, MAX_PARALLEL)?;
            }
            "kv-unified" if accept.sizing => {
                no_value(n, &inline)?;
                inputs.kv_unified = true;
            }
            "no-kv-unified" if accept.sizing => {
                no_value(n, &inline)?;
                inputs.kv_unified = false;
            }
            "kv-type" if accept.sizing || accept.listing => {
                kv_both = Some(parse_kv(n, &lx.value(n, inline)?)?)
            }
            "kv-type-k" if accept.sizing || accept.listing => {
                kv_k = Some(parse_kv(n, &lx.value(n, inline)?)?)
            }
            "kv-type-v" if accept.sizing || accept.listing => {
                kv_v = Some(parse_kv(n, &lx.value(n, inline)?)?)
            }
            "flash-attn" | "fa" if accept.sizing || accept.listing => {
                inputs.flash_attn = parse_fa(n, &lx.value(n, inline)?)?;
            }
            "ubatch" | "ub" if accept.sizing || accept.listing => {
                inputs.ubatch = parse_u32(n, &lx.value(n, inline)?, 1, MAX_UBATCH)?;
            }
            "runtime" if accept.sizing || accept.listing => {
                inputs.runtime = parse_runtime(n, &lx.value(n, inline)?)?;
            }
            "gpu" | "gpus" if accept.sizing || accept.listing => {
                let v = lx.value(n, inline)?;
                for part in v.split(',') {
                    if inputs.hardware.gpus.len() >= MAX_GPU_FLAGS {
                        return Err(input_err(format!("at most {MAX_GPU_FLAGS} GPU kinds")));
                    }
                    inputs.hardware.gpus.push(parse_gpu_spec(n, part)?);
                }
                o.hardware_given = true;
            }
            "cpu-only" | "no-gpu" if accept.sizing || accept.listing => {
                no_value(n, &inline)?;
                inputs.hardware.gpus.clear();
                inputs.hardware.vram_gib = None;
                o.hardware_given = true;
            }
            "vram" if accept.sizing || accept.listing => {
                inputs.hardware.vram_gib = Some(parse_gib(n, &lx.value(n, inline)?, MAX_GIB)?);
                o.hardware_given = true;
            }
            "ram" if accept.sizing || accept.listing => {
                inputs.hardware.ram_gib = Some(parse_gib(n, &lx.value(n, inline)?, MAX_GIB)?);
            }
            "gpu-limit" if accept.sizing || accept.listing => {
                inputs.hardware.gpu_limit_gib = Some(parse_gib(n, &lx.value(n, inline)?, MAX_GIB)?);
            }
            "ngl" | "n-gpu-layers" if accept.sizing => {
                inputs.ngl = Some(parse_u32(n, &lx.value(n, inline)?, 0, MAX_LAYERS)?);
            }
            "n-cpu-moe" | "ncmoe" if accept.sizing => {
                inputs.n_cpu_moe = Some(parse_u32(n, &lx.value(n, inline)?, 0, MAX_LAYERS)?);
            }
            "multimodal" | "mm" if accept.sizing => {
                no_value(n, &inline)?;
                inputs.multimodal = true;
            }
            "gpu-memory-utilization" | "gmu" if accept.sizing => {
                inputs.gpu_memory_utilization = Some(parse_fraction(n, &lx.value(n, inline)?)?);
            }
            _ => return Err(unknown_flag(n, command)),
        }
    }
    if let Some(t) = kv_both {
        inputs.kv_type_k = t;
        inputs.kv_type_v = t;
    }
    if let Some(t) = kv_k {
        inputs.kv_type_k = t;
    }
    if let Some(t) = kv_v {
        inputs.kv_type_v = t;
    }
    if !o.hardware_given {
        inputs.hardware.gpus = Inputs::default().hardware.gpus;
    }
    if let Some(ModelSource::Id(id)) = &o.model {
        inputs.model = model_ref(id);
    }
    o.inputs = inputs;
    Ok(o)
}

/// Quant names as users write them, mapped to the planner's names:
/// `MXFP4` (gpt-oss GGUFs) is llama-quantize's `MXFP4_MOE`.
pub fn normalize_quant(q: &str) -> String {
    if q.eq_ignore_ascii_case("MXFP4") {
        "MXFP4_MOE".to_string()
    } else {
        q.to_string()
    }
}

/// A catalog id (`qwen3-32b`) or a Hugging Face repo id (`Qwen/Qwen3-32B`).
pub fn model_ref(id: &str) -> ModelRef {
    if id.contains('/') {
        ModelRef::HfRepo(id.to_string())
    } else {
        ModelRef::Catalog(id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use headroom_core::inputs::{FlashAttn, KvType};

    fn sizing() -> Accept {
        Accept {
            sizing: true,
            ..Accept::default()
        }
    }

    fn parse_words(words: &[&str]) -> CliResult<Opts> {
        parse(
            "estimate",
            words.iter().map(|s| s.to_string()).collect(),
            sizing(),
        )
    }

    #[test]
    fn parses_a_full_line() {
        let Ok(o) = parse_words(&[
            "--model",
            "qwen3-32b",
            "--quant",
            "Q5_K_M",
            "--ctx",
            "32k",
            "--kv-type",
            "q8_0",
            "--kv-type-v",
            "q4_0",
            "--fa",
            "on",
            "--gpus",
            "2xrtx-3090",
            "--json",
        ]) else {
            panic!("should parse");
        };
        assert_eq!(o.model, Some(ModelSource::Id("qwen3-32b".into())));
        assert_eq!(o.inputs.model, ModelRef::Catalog("qwen3-32b".into()));
        assert_eq!(o.inputs.ctx, 32768);
        assert_eq!(o.inputs.kv_type_k, KvType::Q8_0);
        assert_eq!(o.inputs.kv_type_v, KvType::Q4_0);
        assert_eq!(o.inputs.flash_attn, FlashAttn::On);
        assert_eq!(o.inputs.hardware.gpus, vec![("rtx-3090".to_string(), 2)]);
        assert!(o.json);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(parse_words(&["--ctx", "0"]).is_err());
        assert!(parse_words(&["--vram", "-3"]).is_err());
        assert!(parse_words(&["--frobnicate"]).is_err());
        assert!(parse_words(&["--ctx"]).is_err());
        assert!(parse_words(&["--model", "a", "--config", "b"]).is_err());
        assert!(parse_words(&["stray"]).is_err());
    }

    #[test]
    fn hf_ids_are_recognised() {
        assert_eq!(
            model_ref("Qwen/Qwen3-8B"),
            ModelRef::HfRepo("Qwen/Qwen3-8B".into())
        );
    }
}
