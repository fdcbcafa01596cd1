//! Apple Silicon machines (Metal, unified memory): one row per chip and
//! memory size, id `{chip}-{GB}` (`m4-max-128`). Sorted by id.
//!
//! Bandwidths and memory options are Apple's launch figures (newsroom
//! pages below). The GPU runs FP16 at the FP32 rate (no matrix units before
//! M5), so `fp16_tflops` is the FP32 rate: Apple's own figure for M1/M2
//! (top GPU-core option); for M3/M4, which Apple gave no TFLOPS for, it is
//! derived as GPU cores × 128 lanes × 2 FLOP × clock (M3 ≈ 1.4 GHz,
//! M4 ≈ 1.58 GHz) and flagged UNVERIFIED.

use super::{gib, FormFactor, Gpu, Vendor};
use crate::device::{Backend, DeviceKind};

const M1: &str = "https://www.apple.com/newsroom/2020/11/apple-unleashes-m1/";
const M1_PRO_MAX: &str = "https://www.apple.com/newsroom/2021/10/introducing-m1-pro-and-m1-max-the-most-powerful-chips-apple-has-ever-built/";
const M1_ULTRA: &str = "https://www.apple.com/newsroom/2022/03/apple-unveils-m1-ultra-the-worlds-most-powerful-chip-for-a-personal-computer/";
const M2: &str = "https://www.apple.com/newsroom/2022/06/apple-unveils-m2-with-breakthrough-performance-and-capabilities/";
const M2_PRO_MAX: &str = "https://www.apple.com/newsroom/2023/01/apple-unveils-m2-pro-and-m2-max-next-generation-chips-for-next-level-workflows/";
const M2_ULTRA: &str = "https://www.apple.com/newsroom/2023/06/apple-introduces-m2-ultra/";
const M3: &str = "https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/";
const M3_ULTRA: &str = "https://www.apple.com/newsroom/2025/03/apple-reveals-m3-ultra-taking-apple-silicon-to-a-new-extreme/";
const M4: &str = "https://www.apple.com/newsroom/2024/05/apple-introduces-m4-chip/";
const M4_PRO_MAX: &str =
    "https://www.apple.com/newsroom/2024/10/apple-introduces-m4-pro-and-m4-max/";

const fn mac(
    id: &'static str,
    name: &'static str,
    mem_gib: u64,
    bandwidth_gb_per_s: f64,
    fp16_tflops: f64,
    source: &'static str,
    note: &'static str,
) -> Gpu {
    // Ultra chips ship only in desktops (Mac Studio / Mac Pro).
    let form = if contains_ultra(id.as_bytes()) {
        FormFactor::Desktop
    } else {
        FormFactor::Laptop
    };
    Gpu {
        id,
        name,
        vendor: Vendor::Apple,
        kind: DeviceKind::Unified,
        memory_bytes: gib(mem_gib),
        bandwidth_gb_per_s,
        fp16_tflops,
        unified_gpu_limit_bytes: None,
        backend: Backend::Metal,
        form,
        source,
        note,
    }
}

/// `true` when `id` contains `ultra` (const-evaluable substring test).
const fn contains_ultra(id: &[u8]) -> bool {
    let pat = b"ultra";
    let mut i = 0;
    while i + pat.len() <= id.len() {
        let mut j = 0;
        while j < pat.len() && id[i + j] == pat[j] {
            j += 1;
        }
        if j == pat.len() {
            return true;
        }
        i += 1;
    }
    false
}

const M3_EST: &str = "UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz.";
const M4_EST: &str = "UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz.";

#[rustfmt::skip]
pub(super) static ROWS: &[Gpu] = &[
    mac("m1-16", "M1 16 GB", 16, 68.25, 2.6, M1, "8-core GPU, 2.6 TFLOPS."),
    mac("m1-8", "M1 8 GB", 8, 68.25, 2.6, M1, "8-core GPU, 2.6 TFLOPS."),
    mac("m1-max-32", "M1 Max 32 GB", 32, 400.0, 10.4, M1_PRO_MAX, "32-core GPU option, 10.4 TFLOPS."),
    mac("m1-max-64", "M1 Max 64 GB", 64, 400.0, 10.4, M1_PRO_MAX, "32-core GPU option, 10.4 TFLOPS."),
    mac("m1-pro-16", "M1 Pro 16 GB", 16, 200.0, 5.2, M1_PRO_MAX, "16-core GPU option, 5.2 TFLOPS."),
    mac("m1-pro-32", "M1 Pro 32 GB", 32, 200.0, 5.2, M1_PRO_MAX, "16-core GPU option, 5.2 TFLOPS."),
    mac("m1-ultra-128", "M1 Ultra 128 GB", 128, 800.0, 21.0, M1_ULTRA, "64-core GPU option, 21 TFLOPS."),
    mac("m1-ultra-64", "M1 Ultra 64 GB", 64, 800.0, 21.0, M1_ULTRA, "64-core GPU option, 21 TFLOPS."),
    mac("m2-16", "M2 16 GB", 16, 100.0, 3.6, M2, "10-core GPU, 3.6 TFLOPS."),
    mac("m2-24", "M2 24 GB", 24, 100.0, 3.6, M2, "10-core GPU, 3.6 TFLOPS."),
    mac("m2-8", "M2 8 GB", 8, 100.0, 3.6, M2, "10-core GPU, 3.6 TFLOPS."),
    mac("m2-max-32", "M2 Max 32 GB", 32, 400.0, 13.6, M2_PRO_MAX, "38-core GPU option, 13.6 TFLOPS."),
    mac("m2-max-64", "M2 Max 64 GB", 64, 400.0, 13.6, M2_PRO_MAX, "38-core GPU option, 13.6 TFLOPS."),
    mac("m2-max-96", "M2 Max 96 GB", 96, 400.0, 13.6, M2_PRO_MAX, "38-core GPU option, 13.6 TFLOPS."),
    mac("m2-pro-16", "M2 Pro 16 GB", 16, 200.0, 6.8, M2_PRO_MAX, "19-core GPU option, 6.8 TFLOPS."),
    mac("m2-pro-32", "M2 Pro 32 GB", 32, 200.0, 6.8, M2_PRO_MAX, "19-core GPU option, 6.8 TFLOPS."),
    mac("m2-ultra-128", "M2 Ultra 128 GB", 128, 800.0, 27.2, M2_ULTRA, "76-core GPU option, 27.2 TFLOPS."),
    mac("m2-ultra-192", "M2 Ultra 192 GB", 192, 800.0, 27.2, M2_ULTRA, "76-core GPU option, 27.2 TFLOPS."),
    mac("m2-ultra-64", "M2 Ultra 64 GB", 64, 800.0, 27.2, M2_ULTRA, "76-core GPU option, 27.2 TFLOPS."),
    mac("m3-16", "M3 16 GB", 16, 100.0, 3.6, M3, M3_EST),
    mac("m3-24", "M3 24 GB", 24, 100.0, 3.6, M3, M3_EST),
    mac("m3-8", "M3 8 GB", 8, 100.0, 3.6, M3, M3_EST),
    mac("m3-max-128", "M3 Max 128 GB", 128, 400.0, 14.3, M3, "40-core GPU, 400 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-max-36", "M3 Max 36 GB", 36, 300.0, 10.8, M3, "30-core GPU, 300 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-max-48", "M3 Max 48 GB", 48, 400.0, 14.3, M3, "40-core GPU, 400 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-max-64", "M3 Max 64 GB", 64, 400.0, 14.3, M3, "40-core GPU, 400 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-max-96", "M3 Max 96 GB", 96, 300.0, 10.8, M3, "30-core GPU, 300 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-pro-18", "M3 Pro 18 GB", 18, 150.0, 6.5, M3, "18-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-pro-36", "M3 Pro 36 GB", 36, 150.0, 6.5, M3, "18-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-ultra-256", "M3 Ultra 256 GB", 256, 819.0, 28.7, M3_ULTRA, "80-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-ultra-512", "M3 Ultra 512 GB", 512, 819.0, 28.7, M3_ULTRA, "80-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m3-ultra-96", "M3 Ultra 96 GB", 96, 819.0, 21.5, M3_ULTRA, "60-core GPU (base). UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.4 GHz."),
    mac("m4-16", "M4 16 GB", 16, 120.0, 4.0, M4, M4_EST),
    mac("m4-24", "M4 24 GB", 24, 120.0, 4.0, M4, M4_EST),
    mac("m4-32", "M4 32 GB", 32, 120.0, 4.0, M4, M4_EST),
    mac("m4-max-128", "M4 Max 128 GB", 128, 546.0, 16.2, M4_PRO_MAX, "40-core GPU, 546 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
    mac("m4-max-36", "M4 Max 36 GB", 36, 410.0, 12.9, M4_PRO_MAX, "32-core GPU, 410 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
    mac("m4-max-48", "M4 Max 48 GB", 48, 546.0, 16.2, M4_PRO_MAX, "40-core GPU, 546 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
    mac("m4-max-64", "M4 Max 64 GB", 64, 546.0, 16.2, M4_PRO_MAX, "40-core GPU, 546 GB/s. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
    mac("m4-pro-24", "M4 Pro 24 GB", 24, 273.0, 8.1, M4_PRO_MAX, "20-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
    mac("m4-pro-48", "M4 Pro 48 GB", 48, 273.0, 8.1, M4_PRO_MAX, "20-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
    mac("m4-pro-64", "M4 Pro 64 GB", 64, 273.0, 8.1, M4_PRO_MAX, "20-core GPU option. UNVERIFIED: TFLOPS derived from GPU cores x 128 x 2 x ~1.58 GHz."),
];
