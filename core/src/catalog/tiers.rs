//! Hardware tiers as the seed documents speak of them ("a 24 GB GPU",
//! "2×24 GB", "128 GB unified memory"), each with a representative device
//! from the hardware catalog. Sorted by total memory, then GPU count.

use crate::catalog::gpus::gib;

/// One memory tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HardwareTier {
    /// Stable id (`24gb`, `2x24gb`).
    pub id: &'static str,
    /// Display label.
    pub label: &'static str,
    /// Total memory of the tier in bytes (all devices).
    pub memory_bytes: u64,
    /// Representative device id in [`crate::catalog::gpus`](mod@crate::catalog::gpus).
    pub gpu: &'static str,
    /// How many of that device.
    pub count: u32,
    /// Which seed document uses the tier.
    pub source: &'static str,
}

const fn tier(
    id: &'static str,
    label: &'static str,
    mem_gib: u64,
    gpu: &'static str,
    count: u32,
    source: &'static str,
) -> HardwareTier {
    HardwareTier {
        id,
        label,
        memory_bytes: gib(mem_gib),
        gpu,
        count,
        source,
    }
}

const S003_G4: &str = "seed 003 (Gemma 4 and quantization-guide VRAM tables)";
const S003_Q36: &str = "seed 003 (Qwen3.6 and Gemma 4 VRAM tables)";
const S003_V4: &str = "seed 003 (DeepSeek V4 VRAM table)";

#[rustfmt::skip]
static ROWS: &[HardwareTier] = &[
    tier("4gb", "4 GB (entry GPU)", 4, "gtx-1650", 1, S003_G4),
    tier("6gb", "6 GB (RTX 2060)", 6, "rtx-2060", 1, S003_G4),
    tier("8gb", "8 GB (RTX 4060 / 3070)", 8, "rtx-4060", 1, "seed 004 (Entry Level 8-16 GB); seed 003"),
    tier("12gb", "12 GB (RTX 3060 12GB)", 12, "rtx-3060", 1, "seed 001 (12 GB consumer GPU budget); seed 003"),
    tier("16gb", "16 GB (RTX 4060 Ti 16GB, 4090 Laptop)", 16, "rtx-4060-ti-16gb", 1, "seed 003 (16 GB GPU running 35B MoE); seed 004"),
    tier("24gb", "24 GB (RTX 3090 / 4090)", 24, "rtx-4090", 1, "seed 004 ('Golden Standard'); seed 002 (RTX 4090); seed 000 (27 GB envelope)"),
    tier("32gb", "32 GB (RTX 5090)", 32, "rtx-5090", 1, S003_Q36),
    tier("2x24gb", "2x24 GB (2x RTX 3090)", 48, "rtx-3090", 2, "seed 004 (Pro Workstation: 2x24 GB)"),
    tier("48gb", "48 GB (RTX 6000 Ada)", 48, "rtx-6000-ada", 1, "seed 004 (48-80 GB single GPU); seed 003"),
    tier("64gb-unified", "64 GB unified (M4 Max 64 GB)", 64, "m4-max-64", 1, "seed 004 (Mac with 64 GB+ unified memory)"),
    tier("80gb", "80 GB (A100 / H100)", 80, "h100-pcie", 1, "seed 004 (80 GB-class GPUs); seed 003"),
    tier("96gb", "96 GB (RTX PRO 6000 Blackwell)", 96, "rtx-pro-6000", 1, "seed 004 (96 GB unified or data-center cards); seed 003"),
    tier("4x24gb", "4x24 GB (4x RTX 3090)", 96, "rtx-3090", 4, S003_V4),
    tier("128gb-unified", "128 GB unified (M4 Max 128 GB / Strix Halo / DGX Spark)", 128, "m4-max-128", 1, "seed 004 (128 GB unified); seed 003 (DeepSeek V4 128 GB row)"),
    tier("192gb-unified", "192 GB unified (M2 Ultra 192 GB)", 192, "m2-ultra-192", 1, S003_V4),
    tier("256gb-unified", "256 GB unified (M3 Ultra 256 GB)", 256, "m3-ultra-256", 1, S003_V4),
    tier("512gb-unified", "512 GB unified (M3 Ultra 512 GB)", 512, "m3-ultra-512", 1, S003_V4),
    tier("8x80gb", "8x80 GB (8x H100)", 640, "h100-sxm", 8, S003_V4),
];

/// Every tier, smallest first.
pub fn tiers() -> &'static [HardwareTier] {
    ROWS
}

/// The tier with this id.
pub fn tier_by_id(id: &str) -> Option<&'static HardwareTier> {
    ROWS.iter().find(|t| t.id == id)
}
