//! The hardware catalog: GPUs, unified-memory machines and CPU memory
//! presets, one row per purchasable memory configuration.
//!
//! Conventions for every row:
//!
//! * `memory_bytes`: the capacity the vendor sells. GPU and unified-memory
//!   capacities are binary (a "24 GB" GDDR card holds 24 GiB), so rows
//!   write them with [`gib`].
//! * `bandwidth_gb_per_s`: peak memory bandwidth in decimal GB/s, as the
//!   vendor states it (bus width × data rate).
//! * `fp16_tflops`: peak dense FP16 matrix throughput without sparsity. For
//!   NVIDIA tensor-core GPUs this is the "FP16 Tensor TFLOPS with FP16
//!   accumulate" figure (4× the FP32 shader rate on Ampere/Ada/Blackwell,
//!   8× on Turing, per NVIDIA's architecture whitepapers); for AMD RDNA3/4
//!   and CDNA the vendor's FP16 matrix figure; for GPUs without matrix units
//!   (RDNA2, Apple M1–M4) the packed FP16 vector rate. Where a figure is
//!   derived rather than read, the row's `note` says how.
//! * Rows of one vendor file are sorted by `id`.
//!
//! Ids are kebab-case: `rtx-4090`, `rtx-4090-laptop`, `m4-max-128` (Apple:
//! chip + memory in GB), `cpu-ddr5-5600-2ch` (CPU presets).

mod amd;
mod apple;
mod nvidia;
mod other;

use alloc::vec::Vec;

use crate::device::{Backend, DeviceKind, DeviceSpec};

/// GPU or machine vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Vendor {
    /// NVIDIA.
    Nvidia,
    /// AMD.
    Amd,
    /// Intel.
    Intel,
    /// Apple.
    Apple,
    /// A generic CPU + system RAM preset.
    Generic,
}

impl Vendor {
    /// Display name.
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Nvidia => "NVIDIA",
            Vendor::Amd => "AMD",
            Vendor::Intel => "Intel",
            Vendor::Apple => "Apple",
            Vendor::Generic => "Generic",
        }
    }
}

/// Where the device is typically found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormFactor {
    /// Desktop PC card or desktop machine.
    Desktop,
    /// Laptop GPU or laptop chip.
    Laptop,
    /// Professional workstation card.
    Workstation,
    /// Data-center accelerator.
    Datacenter,
    /// Mini PC / compact desktop (Strix Halo boxes, DGX Spark, Mac mini).
    Compact,
    /// Server CPU memory preset.
    Server,
}

/// One hardware row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gpu {
    /// Stable kebab-case id (`rtx-4090`, `m4-max-128`).
    pub id: &'static str,
    /// Display name (`GeForce RTX 4090`, `M4 Max 128 GB`).
    pub name: &'static str,
    /// Vendor.
    pub vendor: Vendor,
    /// Discrete GPU, unified-memory machine or CPU memory preset.
    pub kind: DeviceKind,
    /// Memory capacity in bytes.
    pub memory_bytes: u64,
    /// Peak memory bandwidth, decimal GB/s.
    pub bandwidth_gb_per_s: f64,
    /// Peak dense FP16 matrix TFLOPS (see the module doc).
    pub fp16_tflops: f64,
    /// For unified-memory rows: the vendor's stated GPU share of memory, when
    /// it differs from [`default_unified_gpu_limit`]; `None` = that default.
    pub unified_gpu_limit_bytes: Option<u64>,
    /// Backend used by default.
    pub backend: Backend,
    /// Form factor.
    pub form: FormFactor,
    /// Where the figures come from.
    pub source: &'static str,
    /// Derivations, caveats, `UNVERIFIED` flags.
    pub note: &'static str,
}

/// `n` GiB in bytes.
pub const fn gib(n: u64) -> u64 {
    n << 30
}

/// The catalog tables, one per vendor file.
static TABLES: &[&[Gpu]] = &[nvidia::ROWS, amd::ROWS, apple::ROWS, other::ROWS];

/// Every hardware row, vendor by vendor (each vendor's rows sorted by id).
pub fn gpus() -> impl Iterator<Item = &'static Gpu> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The tables as stored, for tests that check each one's order.
pub fn tables() -> &'static [&'static [Gpu]] {
    TABLES
}

/// The row with this id (exact match).
pub fn gpu(id: &str) -> Option<&'static Gpu> {
    gpus().find(|g| g.id == id)
}

/// Default GPU working-set limit of a unified-memory machine of `total`
/// bytes: ≈ 2/3 up to 24 GiB, 3/4 up to 96 GiB, 0.84 above.
///
/// This is a **default**, not a constant: macOS decides
/// `recommendedMaxWorkingSetSize` itself and users raise it with
/// `sudo sysctl iogpu.wired_limit_mb=N`. The tiers follow the public data
/// points collected in sizing-facts §7 (M4 16 GB → 10.67 GB ≈ 2/3;
/// "75 % of total RAM"; M5 Max 128 GB → 107.52 GiB = 84 %).
pub fn default_unified_gpu_limit(total: u64) -> u64 {
    let (num, den) = if total <= gib(24) {
        (2, 3)
    } else if total <= gib(96) {
        (3, 4)
    } else {
        (84, 100)
    };
    // u128 avoids overflow for multi-terabyte values; the result fits u64.
    ((total as u128 * num) / den) as u64
}

impl Gpu {
    /// One [`DeviceSpec`] per physical device (`count` cards of this row).
    ///
    /// Unified-memory rows get `gpu_limit_bytes` from the row's stated limit
    /// or else [`default_unified_gpu_limit`]; other kinds use the full capacity.
    /// `count` 0 yields no devices.
    pub fn device_specs(&self, count: u32) -> Vec<DeviceSpec> {
        (0..count).map(|_| self.device_spec()).collect()
    }

    /// The [`DeviceSpec`] of one device of this row.
    pub fn device_spec(&self) -> DeviceSpec {
        let gpu_limit_bytes = match self.kind {
            DeviceKind::Unified => self
                .unified_gpu_limit_bytes
                .unwrap_or_else(|| default_unified_gpu_limit(self.memory_bytes)),
            DeviceKind::Gpu | DeviceKind::Cpu => self.memory_bytes,
        };
        DeviceSpec {
            name: self.name.into(),
            kind: self.kind,
            backend: self.backend,
            capacity_bytes: self.memory_bytes,
            gpu_limit_bytes,
            bandwidth_gb_per_s: self.bandwidth_gb_per_s,
            fp16_tflops: self.fp16_tflops,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_limit_follows_the_published_data_points() {
        // M4 16 GB reported 10.67 GB (exo PR #1672): 2/3 of 16 GiB = 10.67 GiB·(1.0737) —
        // the ratio, 2/3, is what the default encodes.
        assert_eq!(default_unified_gpu_limit(gib(16)), gib(16) * 2 / 3);
        // "75 % of total RAM" (gpustack #1375) for mid-range machines.
        assert_eq!(default_unified_gpu_limit(gib(64)), gib(48));
        // M5 Max 128 GB → 107.52 GiB (antirez/ds4 PR #893): 0.84 × 128 = 107.52.
        assert_eq!(default_unified_gpu_limit(gib(128)), gib(128) * 84 / 100);
    }

    #[test]
    fn device_specs_repeat_the_row() {
        let Some(g) = gpu("rtx-3090") else {
            panic!("rtx-3090 missing");
        };
        let specs = g.device_specs(2);
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[1].capacity_bytes, gib(24));
        assert_eq!(specs[1].gpu_limit_bytes, gib(24));
        assert!(g.device_specs(0).is_empty());
    }
}
