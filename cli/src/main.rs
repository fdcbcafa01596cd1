//! `headroom`: the command-line front end of headroom-core.
//!
//! Commands: `estimate`, `fit`, `quants`, `models`, `gpus`, `validate`,
//! `help`. Bad input prints one `error: …` line on stderr and exits 2; a
//! failed accuracy budget exits 1.

mod args;
mod commands;
mod engine;
mod gguf_file;
mod json;
mod opts;
mod predict;
mod render;
mod validate;

use std::io::Write as _;
use std::process::ExitCode;

use args::{input_err, CliResult};

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

fn run(argv: Vec<String>) -> CliResult<String> {
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

fn main() -> ExitCode {
    let argv: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect()
    {
        Ok(v) => v,
        Err(_) => {
            let e = input_err("arguments must be valid UTF-8");
            eprintln!("error: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    match run(argv) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
