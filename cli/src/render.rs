//! Human-readable output of an estimate: the memory table, the per-device
//! table, verdict, speed, warnings and the ready-to-run command.

use std::fmt::Write as _;

use headroom_core::estimate::{Estimate, Fit};
use headroom_core::units::{fmt_bytes, ByteUnit};

/// What the estimate was about, for the heading.
pub struct Heading<'a> {
    /// Model display name.
    pub model: &'a str,
    /// Quantization name.
    pub quant: &'a str,
    /// Context in tokens.
    pub ctx: u64,
    /// Parallel sequences.
    pub parallel: u32,
    /// KV types (`f16` or `q8_0/q4_0`).
    pub kv: String,
    /// Runtime name.
    pub runtime: &'a str,
}

/// A verdict word with its meaning.
pub fn verdict(fit: Fit) -> &'static str {
    match fit {
        Fit::Fits => "FITS",
        Fit::Tight => "TIGHT (fits with under 10% free on a device)",
        Fit::No => "DOES NOT FIT",
    }
}

fn pct(used: u64, cap: u64) -> String {
    if cap == 0 {
        return "-".to_string();
    }
    format!("{:.0}%", used as f64 / cap as f64 * 100.0)
}

/// Formats a token count as `32k` / `1m` / digits.
pub fn tokens(n: u64) -> String {
    headroom_core::share::fmt_ctx(n)
}

/// Formats a speed.
pub fn speed(tps: f64) -> String {
    if !tps.is_finite() || tps <= 0.0 {
        "-".to_string()
    } else if tps >= 100.0 {
        format!("{tps:.0} t/s")
    } else {
        format!("{tps:.1} t/s")
    }
}

/// Renders the whole report.
pub fn estimate_text(
    h: &Heading<'_>,
    e: &Estimate,
    unit: ByteUnit,
    command: Option<&str>,
) -> String {
    let b = |x: u64| fmt_bytes(x, unit);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} · {} · ctx {} · {} seq · KV {} · {}",
        h.model,
        h.quant,
        tokens(h.ctx),
        h.parallel,
        h.kv,
        h.runtime
    );
    let _ = writeln!(
        o,
        "params {:.2} B ({:.2} B active) · file {}",
        e.params as f64 / 1e9,
        e.active_params as f64 / 1e9,
        b(e.file_bytes)
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "  {:<18} {:>12}", "memory", "bytes");
    for (name, v) in [
        ("weights", e.weights_bytes),
        ("KV cache", e.kv_bytes),
        ("recurrent state", e.recurrent_state_bytes),
        ("compute buffers", e.compute_bytes),
        ("output buffer", e.output_bytes),
        ("overhead", e.overhead_bytes),
    ] {
        if v > 0 || name == "weights" || name == "KV cache" {
            let _ = writeln!(o, "  {:<18} {:>12}", name, b(v));
        }
    }
    let _ = writeln!(o, "  {:<18} {:>12}", "total", b(e.total_bytes));
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  {:<28} {:>11} {:>11} {:>6} {:>11} {:>11} {:>11}",
        "device", "used", "capacity", "use", "weights", "KV", "compute"
    );
    for d in &e.devices {
        let _ = writeln!(
            o,
            "  {:<28} {:>11} {:>11} {:>6} {:>11} {:>11} {:>11}",
            truncate(&format!("{} ({})", d.name, d.kind.as_str()), 28),
            b(d.used_bytes),
            b(d.capacity_bytes),
            pct(d.used_bytes, d.capacity_bytes),
            b(d.weights_bytes),
            b(d.kv_bytes),
            b(d.compute_bytes)
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "verdict: {}", verdict(e.fit));
    let moe = if e.n_cpu_moe > 0 {
        format!(
            ", experts of {} blocks in RAM (--n-cpu-moe {})",
            e.n_cpu_moe, e.n_cpu_moe
        )
    } else {
        String::new()
    };
    let split = if e.tensor_split.is_empty() {
        String::new()
    } else {
        let flag = headroom_core::catalog::runtimes::tensor_split_flag(&e.tensor_split);
        format!(", {flag} (layers per GPU)")
    };
    let _ = writeln!(
        o,
        "placement: -ngl {} (output layer included){split}{moe}; {} KV cells",
        e.ngl, e.n_ctx
    );
    let _ = writeln!(
        o,
        "max context that fits: {}",
        if e.max_ctx_that_fits == 0 {
            "none".to_string()
        } else {
            tokens(e.max_ctx_that_fits)
        }
    );
    let _ = writeln!(
        o,
        "speed: decode {} · prefill {}",
        speed(e.decode_tokens_per_s),
        speed(e.prefill_tokens_per_s)
    );
    let _ = writeln!(o, "confidence: {}", e.confidence.as_str());
    for w in &e.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    if let Some(cmd) = command {
        let _ = writeln!(o, "\nrun it:");
        for line in cmd.lines() {
            let _ = writeln!(o, "  {line}");
        }
    }
    o
}

/// Cuts `s` to at most `n` characters.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
