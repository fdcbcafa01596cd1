//! Intel Arc GPUs, x86 unified-memory machines (Strix Halo, DGX Spark) and
//! CPU-only memory presets. Sorted by id.
//!
//! CPU presets: bandwidth = channels × MT/s × 8 bytes (one 64-bit channel
//! moves 8 bytes per transfer; JEDEC DDR4/DDR5 data rates). Their memory
//! size is a typical default the user can change; their compute figure is
//! an **assumed** CPU (stated in the note) since the preset names only the
//! memory.

use super::{gib, FormFactor, Gpu, Vendor};
use crate::device::{Backend, DeviceKind};

const JEDEC: &str =
    "JEDEC DDR4 (JESD79-4) / DDR5 (JESD79-5) data rates; bandwidth = channels x MT/s x 8 B";
const CPU_DESKTOP: &str = "ASSUMPTION: compute of an 8-core AVX2 desktop CPU, 8 cores x 2 FMA x 8 lanes x 2 FLOP x 4 GHz = 1.0 TFLOPS.";
const CPU_SERVER: &str = "ASSUMPTION: compute of a 32-core AVX-512 server CPU, 32 x 2 FMA x 16 lanes x 2 FLOP x 2.5 GHz = 5.1 TFLOPS.";
const CPU_SERVER_BIG: &str = "ASSUMPTION: compute of a 64-core AVX-512 server CPU, 64 x 2 FMA x 16 lanes x 2 FLOP x 2.5 GHz = 10.2 TFLOPS.";

#[allow(clippy::too_many_arguments)]
const fn row(
    id: &'static str,
    name: &'static str,
    vendor: Vendor,
    kind: DeviceKind,
    mem_gib: u64,
    bandwidth_gb_per_s: f64,
    fp16_tflops: f64,
    backend: Backend,
    form: FormFactor,
    source: &'static str,
    note: &'static str,
) -> Gpu {
    Gpu {
        id,
        name,
        vendor,
        kind,
        memory_bytes: gib(mem_gib),
        bandwidth_gb_per_s,
        fp16_tflops,
        unified_gpu_limit_bytes: None,
        backend,
        form,
        source,
        note,
    }
}

const fn cpu(
    id: &'static str,
    name: &'static str,
    mem_gib: u64,
    bw: f64,
    tflops: f64,
    form: FormFactor,
    note: &'static str,
) -> Gpu {
    row(
        id,
        name,
        Vendor::Generic,
        DeviceKind::Cpu,
        mem_gib,
        bw,
        tflops,
        Backend::Cpu,
        form,
        JEDEC,
        note,
    )
}

use DeviceKind::{Gpu as G, Unified as U};
use FormFactor::{Compact, Desktop as Dt, Server};

#[rustfmt::skip]
pub(super) static ROWS: &[Gpu] = &[
    row("arc-a770", "Intel Arc A770 16GB", Vendor::Intel, G, 16, 560.0, 137.6, Backend::Sycl, Dt, "https://www.intel.com/content/www/us/en/products/details/discrete-gpus/arc.html (Arc A770 16GB specifications); TechPowerUp GPU Database", "256-bit GDDR6 17.5 Gbps. UNVERIFIED: XMX FP16 = 32 Xe-cores x 2048 FLOP/clk x 2.1 GHz."),
    row("arc-b580", "Intel Arc B580", Vendor::Intel, G, 12, 456.0, 116.5, Backend::Sycl, Dt, "https://www.intel.com/content/www/us/en/products/details/discrete-gpus/arc.html (Arc B580 specifications); TechPowerUp GPU Database", "192-bit GDDR6 19 Gbps. UNVERIFIED: FP16 = half of Intel's 233 INT8 TOPS."),
    cpu("cpu-ddr4-2666-2ch", "CPU, DDR4-2666 dual channel", 32, 42.7, 1.0, Dt, CPU_DESKTOP),
    cpu("cpu-ddr4-3200-2ch", "CPU, DDR4-3200 dual channel", 32, 51.2, 1.0, Dt, CPU_DESKTOP),
    cpu("cpu-ddr4-3200-8ch", "CPU, DDR4-3200 8-channel server", 256, 204.8, 5.1, Server, CPU_SERVER),
    cpu("cpu-ddr5-4800-12ch", "CPU, DDR5-4800 12-channel server", 768, 460.8, 10.2, Server, CPU_SERVER_BIG),
    cpu("cpu-ddr5-4800-2ch", "CPU, DDR5-4800 dual channel", 64, 76.8, 1.0, Dt, CPU_DESKTOP),
    cpu("cpu-ddr5-4800-8ch", "CPU, DDR5-4800 8-channel server", 512, 307.2, 5.1, Server, CPU_SERVER),
    cpu("cpu-ddr5-5600-2ch", "CPU, DDR5-5600 dual channel", 64, 89.6, 1.0, Dt, CPU_DESKTOP),
    cpu("cpu-ddr5-6000-12ch", "CPU, DDR5-6000 12-channel server", 768, 576.0, 10.2, Server, CPU_SERVER_BIG),
    cpu("cpu-ddr5-6000-2ch", "CPU, DDR5-6000 dual channel", 64, 96.0, 1.0, Dt, CPU_DESKTOP),
    Gpu {
        unified_gpu_limit_bytes: None,
        ..row("dgx-spark", "NVIDIA DGX Spark 128 GB", Vendor::Nvidia, U, 128, 273.0, 125.0, Backend::Cuda, Compact, "https://www.nvidia.com/en-us/products/workstations/dgx-spark/", "GB10, 128 GB LPDDR5x, 273 GB/s. FP16 dense derived from NVIDIA's 1 PFLOP FP4 with sparsity / 8 (the FP4-sparse to FP16-dense ratio of other Blackwell parts). GPU limit: generic unified default, UNVERIFIED for this machine.")
    },
    Gpu {
        unified_gpu_limit_bytes: Some(gib(96)),
        ..row("ryzen-ai-max-395-128", "AMD Ryzen AI Max+ 395 (Strix Halo) 128 GB", Vendor::Amd, U, 128, 256.0, 59.4, Backend::Vulkan, Compact, "https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-max-plus-395.html", "256-bit LPDDR5X-8000 = 256 GB/s. GPU share: AMD Variable Graphics Memory assigns up to 96 GB to the Radeon 8060S (Linux GTT can allow more). UNVERIFIED: FP16 = 40 CUs x 512 FLOP/clk x 2.9 GHz.")
    },
];
