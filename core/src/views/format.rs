//! Formatting of figures for display: context lengths, digits, speeds,
//! parameter counts, and the context slider's stops.

use alloc::format;
use alloc::string::String;

/// Context-length stops of the slider: 2K, 4K, … 1M (powers of two).
pub const CTX_STOPS: [u64; 10] = [
    2048, 4096, 8192, 16_384, 32_768, 65_536, 131_072, 262_144, 524_288, 1_048_576,
];

/// Index of the slider stop nearest to `ctx` on a log scale.
pub fn ctx_stop_index(ctx: u64) -> usize {
    let l = libm::log2(ctx.max(1) as f64);
    let mut best = 0;
    let mut best_d = f64::MAX;
    for (i, s) in CTX_STOPS.iter().enumerate() {
        let d = libm::fabs(libm::log2(*s as f64) - l);
        if d < best_d {
            best = i;
            best_d = d;
        }
    }
    best
}

/// The context at slider stop `i` (clamped to the last stop).
pub fn ctx_at_stop(i: usize) -> u64 {
    CTX_STOPS[i.min(CTX_STOPS.len() - 1)]
}

/// A context length as people say it: `2K`, `32K`, `1M`, `1000`, `1.01M`.
pub fn fmt_ctx(ctx: u64) -> String {
    if ctx >= 1 << 20 && ctx.is_multiple_of(1 << 20) {
        format!("{}M", ctx >> 20)
    } else if ctx >= 1024 && ctx.is_multiple_of(1024) {
        format!("{}K", ctx >> 10)
    } else if ctx >= 1_000_000 {
        format!("{:.2}M", ctx as f64 / 1e6)
    } else {
        format!("{ctx}")
    }
}

/// `37632` → `"37,632"`.
pub fn group_digits(n: u64) -> String {
    let digits = format!("{n}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Tokens per second with sensible precision (`"42 tok/s"`, `"3.4 tok/s"`).
pub fn fmt_tps(x: f64) -> String {
    if !x.is_finite() || x <= 0.0 {
        String::from("—")
    } else if x >= 100.0 {
        format!("{:.0} tok/s", x)
    } else if x >= 10.0 {
        format!("{:.1} tok/s", x)
    } else {
        format!("{:.2} tok/s", x)
    }
}

/// `12` for 12.0, `2.5` for 2.5.
pub(super) fn trim_num(v: f64) -> String {
    if libm::fabs(v - libm::round(v)) < 1e-9 {
        format!("{}", libm::round(v) as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Parameters as people say them: `"32.8B"`, `"235B"`, `"600M"`.
pub fn fmt_params(n: u64) -> String {
    let b = n as f64 / 1e9;
    if b >= 100.0 {
        format!("{b:.0}B")
    } else if b >= 1.0 {
        format!("{b:.1}B")
    } else {
        format!("{:.0}M", n as f64 / 1e6)
    }
}
