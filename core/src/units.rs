//! Units: bytes, and how they are shown.
//!
//! Sizes are `u64` bytes everywhere in the engine. Display uses either
//! decimal gigabytes (GB = 10^9 bytes, as Hugging Face and GPU vendors
//! print) or binary gibibytes (GiB = 2^30 bytes, as llama.cpp logs and
//! operating systems print); the unit is always shown.

use alloc::format;
use alloc::string::String;

/// 2^30 bytes.
pub const GIB: u64 = 1 << 30;
/// 2^20 bytes.
pub const MIB: u64 = 1 << 20;
/// 10^9 bytes.
pub const GB: u64 = 1_000_000_000;

/// How byte counts are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ByteUnit {
    /// Decimal gigabytes (10^9).
    #[default]
    Gb,
    /// Binary gibibytes (2^30).
    Gib,
}

/// Formats `bytes` with two decimals in the chosen unit, e.g. `"16.82 GB"`.
/// Values under 1 GB/GiB are shown in MB/MiB with one decimal.
pub fn fmt_bytes(bytes: u64, unit: ByteUnit) -> String {
    let (big, small, big_name, small_name) = match unit {
        ByteUnit::Gb => (GB as f64, 1e6, "GB", "MB"),
        ByteUnit::Gib => (GIB as f64, MIB as f64, "GiB", "MiB"),
    };
    let b = bytes as f64;
    if b >= big {
        format!("{:.2} {}", b / big, big_name)
    } else {
        format!("{:.1} {}", b / small, small_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: u64, unit: ByteUnit, expect: &str) {
        assert_eq!(fmt_bytes(bytes, unit), expect);
    }

    #[test]
    fn formats_both_units() {
        // 16.82e9 bytes is the published size of Qwen3.6-27B Q4_K_M (seed 003).
        check(16_820_000_000, ByteUnit::Gb, "16.82 GB");
        check(16_820_000_000, ByteUnit::Gib, "15.66 GiB");
        check(512 * MIB, ByteUnit::Gib, "512.0 MiB");
        check(250_000_000, ByteUnit::Gb, "250.0 MB");
        check(0, ByteUnit::Gb, "0.0 MB");
    }
}
