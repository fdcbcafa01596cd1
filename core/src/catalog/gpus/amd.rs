//! AMD GPUs (ROCm): Radeon RX, Radeon AI PRO and Instinct. Sorted by id.
//!
//! FP16 figures: RDNA2 has no matrix units, so its rate is the packed FP16
//! vector rate (2× FP32); RDNA3 cards use AMD's "Peak Half Precision"
//! figure (WMMA, 2× the dual-issue FP32 rate); RDNA4 and CDNA use AMD's
//! FP16 matrix figure without sparsity.

use super::{gib, FormFactor, Gpu, Vendor};
use crate::device::{Backend, DeviceKind};

const TPU: &str = "https://www.techpowerup.com/gpu-specs/ (GPU Database entry of this card)";
const AMD_RX: &str = "https://www.amd.com/en/products/specifications/graphics.html";

#[allow(clippy::too_many_arguments)]
const fn amd(
    id: &'static str,
    name: &'static str,
    mem_gib: u64,
    bandwidth_gb_per_s: f64,
    fp16_tflops: f64,
    form: FormFactor,
    source: &'static str,
    note: &'static str,
) -> Gpu {
    Gpu {
        id,
        name,
        vendor: Vendor::Amd,
        kind: DeviceKind::Gpu,
        memory_bytes: gib(mem_gib),
        bandwidth_gb_per_s,
        fp16_tflops,
        unified_gpu_limit_bytes: None,
        backend: Backend::Rocm,
        form,
        source,
        note,
    }
}

use FormFactor::{Datacenter as Dc, Desktop as Dt, Workstation as Ws};

#[rustfmt::skip]
pub(super) static ROWS: &[Gpu] = &[
    amd("mi210", "AMD Instinct MI210", 64, 1638.4, 181.0, Dc, "https://www.amd.com/en/products/accelerators/instinct/mi200/mi210.html", "HBM2e 64 GB, 1.6 TB/s; FP16 matrix 181 TFLOPS."),
    amd("mi300x", "AMD Instinct MI300X", 192, 5300.0, 1307.4, Dc, "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html", "HBM3 192 GB, 5.3 TB/s; FP16 matrix 1307.4 TFLOPS dense."),
    amd("radeon-ai-pro-r9700", "Radeon AI PRO R9700", 32, 640.0, 191.0, Ws, AMD_RX, "RDNA4, 256-bit GDDR6 20 Gbps. UNVERIFIED: FP16 matrix 191 TFLOPS dense (383 with sparsity)."),
    amd("rx-6800", "Radeon RX 6800", 16, 512.0, 32.3, Dt, TPU, "RDNA2: packed FP16 = 2 x FP32 16.17 TFLOPS (no matrix units)."),
    amd("rx-6800-xt", "Radeon RX 6800 XT", 16, 512.0, 41.5, Dt, TPU, "RDNA2: packed FP16 = 2 x FP32 20.74 TFLOPS (no matrix units)."),
    amd("rx-6900-xt", "Radeon RX 6900 XT", 16, 512.0, 46.1, Dt, TPU, "RDNA2: packed FP16 = 2 x FP32 23.04 TFLOPS (no matrix units)."),
    amd("rx-7600", "Radeon RX 7600", 8, 288.0, 43.5, Dt, AMD_RX, "RDNA3: peak FP16 43.5 TFLOPS."),
    amd("rx-7800-xt", "Radeon RX 7800 XT", 16, 624.0, 74.6, Dt, AMD_RX, "RDNA3: peak FP16 74.6 TFLOPS."),
    amd("rx-7900-gre", "Radeon RX 7900 GRE", 16, 576.0, 92.0, Dt, AMD_RX, "RDNA3: peak FP16 91.96 TFLOPS."),
    amd("rx-7900-xt", "Radeon RX 7900 XT", 20, 800.0, 103.0, Dt, AMD_RX, "RDNA3: peak FP16 103 TFLOPS."),
    amd("rx-7900-xtx", "Radeon RX 7900 XTX", 24, 960.0, 122.8, Dt, AMD_RX, "RDNA3: peak FP16 122.8 TFLOPS."),
    amd("rx-9070", "Radeon RX 9070", 16, 640.0, 145.6, Dt, AMD_RX, "RDNA4, 256-bit GDDR6 20 Gbps. FP16 dense derived as 1/8 of AMD's 1165 INT4 TOPS (with sparsity; launch reports, e.g. purepc.pl): UNVERIFIED."),
    amd("rx-9070-xt", "Radeon RX 9070 XT", 16, 640.0, 194.7, Dt, AMD_RX, "RDNA4, 256-bit GDDR6 20 Gbps, FP32 48.7 TFLOPS. FP16 dense derived as 1/4 of AMD's 779 INT8 TOPS (with sparsity; launch reports, e.g. purepc.pl): UNVERIFIED."),
];
