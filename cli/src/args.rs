//! A small command-line lexer and the value parsers the commands share.
//!
//! Flags are `--name value` or `--name=value`; switches take no value.
//! Every parser returns a [`CliError`] whose message names the flag and
//! what it accepts, so `main` can print one `error: …` line and exit 2.

use core::fmt;

use headroom_core::inputs::{FlashAttn, KvType, RuntimeId};
use headroom_core::share;

/// A command-line problem: bad input (exit 2) or a failed check (exit 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// Bad input: an unknown flag, a missing or malformed value, an unknown
    /// id, an unreadable or hostile file. Exit code 2.
    Input(String),
    /// The command ran but a check failed (validation budget). Exit code 1.
    Failed(String),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Input(_) => 2,
            CliError::Failed(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = match self {
            CliError::Input(m) | CliError::Failed(m) => m,
        };
        // One line, always: control characters from file names or values
        // are replaced.
        for c in msg.chars() {
            if c.is_control() {
                f.write_str(" ")?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// Shorthand for an input error.
pub fn input_err(msg: impl Into<String>) -> CliError {
    CliError::Input(msg.into())
}

/// Result alias of the CLI.
pub type CliResult<T> = Result<T, CliError>;

/// One lexed argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// `--name` (with an inline value for `--name=value`).
    Flag {
        /// The name without dashes.
        name: String,
        /// The value after `=`, if any.
        inline: Option<String>,
    },
    /// A bare word.
    Word(String),
}

/// A cursor over the command line.
pub struct Lexer {
    args: Vec<String>,
    pos: usize,
}

impl Lexer {
    /// Wraps the arguments after the program name.
    pub fn new(args: Vec<String>) -> Self {
        Lexer { args, pos: 0 }
    }

    /// The next argument, lexed.
    pub fn next_arg(&mut self) -> Option<Arg> {
        let a = self.args.get(self.pos)?.clone();
        self.pos += 1;
        if let Some(rest) = a.strip_prefix("--") {
            if rest.is_empty() {
                return Some(Arg::Word(a));
            }
            return Some(match rest.split_once('=') {
                Some((n, v)) => Arg::Flag {
                    name: n.to_string(),
                    inline: Some(v.to_string()),
                },
                None => Arg::Flag {
                    name: rest.to_string(),
                    inline: None,
                },
            });
        }
        if a.len() > 1 && a.starts_with('-') && !a[1..].starts_with(|c: char| c.is_ascii_digit()) {
            // Short flags are not used; say so rather than treat as a word.
            return Some(Arg::Flag {
                name: a.clone(),
                inline: None,
            });
        }
        Some(Arg::Word(a))
    }

    /// The value of `--name`: the inline `=value` or the next argument.
    pub fn value(&mut self, name: &str, inline: Option<String>) -> CliResult<String> {
        if let Some(v) = inline {
            return Ok(v);
        }
        match self.args.get(self.pos) {
            Some(v) if !(v.starts_with("--") && v.len() > 2) => {
                self.pos += 1;
                Ok(v.clone())
            }
            _ => Err(input_err(format!("--{name} needs a value"))),
        }
    }
}

/// Rejects a value given to a switch (`--json=yes`).
pub fn no_value(name: &str, inline: &Option<String>) -> CliResult<()> {
    match inline {
        Some(_) => Err(input_err(format!("--{name} takes no value"))),
        None => Ok(()),
    }
}

/// The error for an unknown flag.
pub fn unknown_flag(name: &str, command: &str) -> CliError {
    let shown = if name.starts_with('-') {
        name.to_string()
    } else {
        format!("--{name}")
    };
    input_err(format!(
        "unknown flag {shown} for `headroom {command}` (see `headroom help`)"
    ))
}

/// A context length: `32768`, `32k`, `128K`, `1M` (k = ×1024, M = ×1048576).
pub fn parse_ctx(flag: &str, v: &str) -> CliResult<u64> {
    share::parse_ctx(v).map_err(|e| input_err(format!("--{flag} {v:?}: {e}")))
}

/// An integer in `min..=max`.
pub fn parse_u32(flag: &str, v: &str, min: u32, max: u32) -> CliResult<u32> {
    let t = v.trim();
    let ok = !t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit());
    let n = if ok { t.parse::<u64>().ok() } else { None };
    match n {
        Some(n) if n >= u64::from(min) && n <= u64::from(max) => Ok(n as u32),
        _ => Err(input_err(format!(
            "--{flag} {v:?}: must be a whole number from {min} to {max}"
        ))),
    }
}

/// A size in GiB: a positive finite number up to `max`.
pub fn parse_gib(flag: &str, v: &str, max: f64) -> CliResult<f64> {
    let t = v.trim();
    let t = t
        .strip_suffix("GiB")
        .or_else(|| t.strip_suffix("gib"))
        .unwrap_or(t)
        .trim();
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= max => Ok(x),
        _ => Err(input_err(format!(
            "--{flag} {v:?}: must be a size in GiB above 0 and at most {max}"
        ))),
    }
}

/// A fraction in (0, 1].
pub fn parse_fraction(flag: &str, v: &str) -> CliResult<f64> {
    match v.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(input_err(format!(
            "--{flag} {v:?}: must be a number in (0, 1]"
        ))),
    }
}

/// KV cache types with their command-line names (llama.cpp `-ctk` spelling).
pub const KV_TYPES: [KvType; 9] = [
    KvType::F32,
    KvType::F16,
    KvType::Bf16,
    KvType::Q8_0,
    KvType::Q5_1,
    KvType::Q5_0,
    KvType::Q4_1,
    KvType::Q4_0,
    KvType::Iq4Nl,
];

/// A KV cache type (`f16`, `q8_0`, …).
pub fn parse_kv(flag: &str, v: &str) -> CliResult<KvType> {
    let lower = v.trim().to_ascii_lowercase();
    KV_TYPES
        .iter()
        .copied()
        .find(|t| share::kv_key(*t) == lower)
        .ok_or_else(|| {
            let names: Vec<&str> = KV_TYPES.iter().map(|t| share::kv_key(*t)).collect();
            input_err(format!(
                "--{flag} {v:?}: must be one of {}",
                names.join(", ")
            ))
        })
}

/// Flash attention: `on`, `off` or `auto`.
pub fn parse_fa(flag: &str, v: &str) -> CliResult<FlashAttn> {
    match v.trim().to_ascii_lowercase().as_str() {
        "on" | "1" | "true" => Ok(FlashAttn::On),
        "off" | "0" | "false" => Ok(FlashAttn::Off),
        "auto" => Ok(FlashAttn::Auto),
        _ => Err(input_err(format!(
            "--{flag} {v:?}: must be on, off or auto"
        ))),
    }
}

/// Runtimes with their command-line names.
pub const RUNTIMES: [RuntimeId; 7] = RuntimeId::ALL;

/// A runtime (`llamacpp`, `ollama`, `vllm`, …; `llama.cpp` and
/// `llama-server` are accepted for llama.cpp).
pub fn parse_runtime(flag: &str, v: &str) -> CliResult<RuntimeId> {
    let lower = v.trim().to_ascii_lowercase();
    let lower = match lower.as_str() {
        "llama.cpp" | "llama-server" | "llama-cpp" => "llamacpp".to_string(),
        "lm-studio" => "lmstudio".to_string(),
        "mlx-lm" | "mlx_lm" => "mlx".to_string(),
        _ => lower,
    };
    RUNTIMES
        .iter()
        .copied()
        .find(|r| share::runtime_key(*r) == lower)
        .ok_or_else(|| {
            let names: Vec<&str> = RUNTIMES.iter().map(|r| share::runtime_key(*r)).collect();
            input_err(format!(
                "--{flag} {v:?}: must be one of {}",
                names.join(", ")
            ))
        })
}

/// Most GPUs of one kind accepted.
pub const MAX_GPU_COUNT: u32 = share::MAX_GPU_COUNT;

/// A GPU spec: `rtx-4090`, `2xrtx-4090`, `2×rtx-4090` or `2 x rtx-4090`.
pub fn parse_gpu_spec(flag: &str, v: &str) -> CliResult<(String, u32)> {
    let t = v.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let (count, id) = if digits.is_empty() {
        (1, t)
    } else {
        let rest = t[digits.len()..].trim_start();
        let rest = rest
            .strip_prefix('x')
            .or_else(|| rest.strip_prefix('X'))
            .or_else(|| rest.strip_prefix('×'))
            .or_else(|| rest.strip_prefix('*'));
        match rest {
            Some(id) => (parse_u32(flag, &digits, 1, MAX_GPU_COUNT)?, id.trim_start()),
            // A bare id may start with digits in principle; treat as id.
            None => (1, t),
        }
    };
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    if !ok {
        return Err(input_err(format!(
            "--{flag} {v:?}: must be a GPU id like rtx-4090, optionally with a count: 2xrtx-3090"
        )));
    }
    Ok((id.to_ascii_lowercase(), count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctx_accepts_suffixes() {
        assert_eq!(parse_ctx("ctx", "32768"), Ok(32768));
        assert_eq!(parse_ctx("ctx", "32k"), Ok(32 * 1024));
        assert_eq!(parse_ctx("ctx", "128K"), Ok(128 * 1024));
        assert_eq!(parse_ctx("ctx", "1M"), Ok(1 << 20));
        assert!(parse_ctx("ctx", "0").is_err());
        assert!(parse_ctx("ctx", "-3").is_err());
        assert!(parse_ctx("ctx", "lots").is_err());
    }

    #[test]
    fn gib_rejects_impossible_sizes() {
        assert_eq!(parse_gib("vram", "24", 1e6), Ok(24.0));
        assert_eq!(parse_gib("vram", "7.5", 1e6), Ok(7.5));
        assert!(parse_gib("vram", "-3", 1e6).is_err());
        assert!(parse_gib("vram", "0", 1e6).is_err());
        assert!(parse_gib("vram", "NaN", 1e6).is_err());
        assert!(parse_gib("vram", "inf", 1e6).is_err());
    }

    #[test]
    fn gpu_spec_counts() {
        assert_eq!(
            parse_gpu_spec("gpus", "2xrtx-4090"),
            Ok(("rtx-4090".into(), 2))
        );
        assert_eq!(
            parse_gpu_spec("gpus", "2×rtx-3090"),
            Ok(("rtx-3090".into(), 2))
        );
        assert_eq!(
            parse_gpu_spec("gpus", "rtx-4090"),
            Ok(("rtx-4090".into(), 1))
        );
        assert!(parse_gpu_spec("gpus", "0xrtx-4090").is_err());
        assert!(parse_gpu_spec("gpus", "2x").is_err());
    }

    #[test]
    fn lexer_splits_inline_values() {
        let mut l = Lexer::new(vec!["--ctx=8k".into(), "--gpu".into(), "rtx-4090".into()]);
        assert_eq!(
            l.next_arg(),
            Some(Arg::Flag {
                name: "ctx".into(),
                inline: Some("8k".into())
            })
        );
        let Some(Arg::Flag { name, inline }) = l.next_arg() else {
            panic!("expected a flag");
        };
        assert_eq!(l.value(&name, inline), Ok("rtx-4090".into()));
        assert_eq!(l.next_arg(), None);
    }

    #[test]
    fn missing_value_is_an_error() {
        let mut l = Lexer::new(vec!["--ctx".into(), "--json".into()]);
        let Some(Arg::Flag { name, inline }) = l.next_arg() else {
            panic!("expected a flag");
        };
        assert!(l.value(&name, inline).is_err());
    }
}
