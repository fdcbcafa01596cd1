//! The `headroom` command line as a library: [`run`] takes the arguments
//! (without the program name) and returns the text to print or the error.
//! The binary (`main.rs`) only does the process I/O; the fuzz target
//! `cli_args` drives [`run`] directly.
//!
//! Commands: `estimate`, `fit`, `quants`, `models`, `gpus`, `validate`,
//! `help`. Bad input prints one `error: …` line on stderr and exits 2; a
//! failed accuracy budget exits 1.

pub mod args;
mod commands;
mod engine;
mod gguf_file;
mod json;
mod opts;
mod predict;
mod render;
mod validate;

use args::input_err;
pub use args::{CliError, CliResult};

const HELP: &str = "\
headroom: which LLM, quantization and context fit your hardware, and how fast they run

usage: headroom <command> [flags]

commands:
  estimate   memory breakdown, fit verdict and speed of one configuration
  fit        catalog models and quantizations that fit the given hardware
  quants     the quantization table of one model
  models     list the model catalog (optional search words; --count)
  gpus       list the hardware catalog (optional search words; --count)
  validate   accuracy report against published figures (validation/*.json)
  help       this text

model:      --model <catalog id | HF repo>  |  --config <config.json>  |  --gguf <file.gguf>
choices:    --quant Q4_K_M   --ctx 32k   --parallel 1   --kv-type f16 (--kv-type-k, --kv-type-v)
            --flash-attn on|off|auto   --ubatch 512   --runtime llamacpp|ollama|lmstudio|koboldcpp|vllm|sglang|mlx
            --ngl N   --n-cpu-moe N   --multimodal   --kv-unified | --no-kv-unified   --gpu-memory-utilization 0.9
hardware:   --gpu <id> (repeatable)  or  --gpus 2xrtx-3090   --vram <GiB>   --ram <GiB>   --gpu-limit <GiB>   --cpu-only
output:     --json   --gib (GiB instead of GB)
validate:   --dir <directory with the validation files>   --verbose
";

/// Runs one command line (the arguments after the program name).
pub fn run(argv: Vec<String>) -> CliResult<String> {
    let mut it = argv.into_iter();
    let Some(cmd) = it.next() else {
        return Ok(HELP.to_string());
    };
    let rest: Vec<String> = it.collect();
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(HELP.to_string());
    }
    match cmd.as_str() {
        "estimate" => commands::estimate(rest),
        "fit" => commands::fit(rest),
        "quants" => commands::quants(rest),
        "models" => commands::models(rest),
        "gpus" => commands::gpus(rest),
        "validate" => commands::validate(rest),
        "help" | "--help" | "-h" => Ok(HELP.to_string()),
        "--version" | "version" => Ok(format!("headroom {}\n", env!("CARGO_PKG_VERSION"))),
        other => Err(input_err(format!(
            "unknown command {other:?} (see `headroom help`)"
        ))),
    }
}
