//! NVIDIA GPUs (CUDA): GeForce desktop and laptop, RTX workstation and
//! data-center cards. Sorted by id.
//!
//! FP32 shader rates are TechPowerUp GPU Database figures (boost clock);
//! GeForce/RTX tensor FP16 (FP16 accumulate, dense) = 4× FP32 on
//! Ampere/Ada/Blackwell and 8× on Turing (NVIDIA Turing/Ampere/Ada/Blackwell
//! whitepapers list exactly these ratios, e.g. RTX 4090: 82.6 FP32 →
//! 330.3 FP16 tensor). Data-center figures are the datasheets' dense
//! (non-sparse) FP16 tensor numbers.

use super::{gib, FormFactor, Gpu, Vendor};
use crate::device::{Backend, DeviceKind};

const TPU: &str = "https://www.techpowerup.com/gpu-specs/ (GPU Database entry of this card)";

#[allow(clippy::too_many_arguments)]
const fn nv(
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
        vendor: Vendor::Nvidia,
        kind: DeviceKind::Gpu,
        memory_bytes: gib(mem_gib),
        bandwidth_gb_per_s,
        fp16_tflops,
        unified_gpu_limit_bytes: None,
        backend: Backend::Cuda,
        form,
        source,
        note,
    }
}

use FormFactor::{Datacenter as Dc, Desktop as Dt, Laptop as Lt, Workstation as Ws};

#[rustfmt::skip]
pub(super) static ROWS: &[Gpu] = &[
    nv("a10", "NVIDIA A10", 24, 600.0, 125.0, Dc, "https://www.nvidia.com/en-us/data-center/products/a10-gpu/", "FP16 tensor 125 dense (250 with sparsity)."),
    nv("a100-40gb", "NVIDIA A100 40GB PCIe", 40, 1555.0, 312.0, Dc, "https://www.nvidia.com/en-us/data-center/a100/", "HBM2; FP16 tensor 312 dense (624 sparse)."),
    nv("a100-80gb", "NVIDIA A100 80GB SXM", 80, 2039.0, 312.0, Dc, "https://www.nvidia.com/en-us/data-center/a100/", "HBM2e; 80GB PCIe variant: 1935 GB/s."),
    nv("b200", "NVIDIA B200", 180, 8000.0, 2250.0, Dc, "https://www.nvidia.com/en-us/data-center/dgx-b200/", "DGX B200: 1,440 GB total over 8 GPUs, 64 TB/s; FP16 tensor 4.5 PFLOPS with sparsity per GPU, halved for dense. 180 GB usable HBM3e per GPU."),
    nv("gtx-1650", "GeForce GTX 1650 (GDDR5)", 4, 128.0, 6.0, Dt, TPU, "Turing TU117 without tensor cores: FP16 = 2 x FP32 2.98 TFLOPS; 128-bit GDDR5 8 Gbps."),
    nv("h100-pcie", "NVIDIA H100 PCIe 80GB", 80, 2000.0, 756.0, Dc, "https://www.nvidia.com/en-us/data-center/h100/", "FP16 tensor 1,513 with sparsity, 756 dense."),
    nv("h100-sxm", "NVIDIA H100 SXM 80GB", 80, 3350.0, 989.0, Dc, "https://www.nvidia.com/en-us/data-center/h100/", "FP16 tensor 1,979 with sparsity, 989 dense."),
    nv("h200", "NVIDIA H200 141GB", 141, 4800.0, 989.0, Dc, "https://www.nvidia.com/en-us/data-center/h200/", "HBM3e 141 GB (vendor figure, written as GiB here; the exact usable size is slightly smaller); FP16 tensor as H100 SXM."),
    nv("l4", "NVIDIA L4", 24, 300.0, 121.0, Dc, "https://www.nvidia.com/en-us/data-center/l4/", "FP16 tensor 242 with sparsity, 121 dense."),
    nv("l40s", "NVIDIA L40S", 48, 864.0, 362.0, Dc, "https://www.nvidia.com/en-us/data-center/l40s/", "FP16 tensor 733 with sparsity, 362 dense."),
    nv("rtx-2060", "GeForce RTX 2060", 6, 336.0, 51.6, Dt, TPU, "Turing: FP32 6.45 TFLOPS x 8."),
    nv("rtx-2070", "GeForce RTX 2070", 8, 448.0, 59.7, Dt, TPU, "Turing: FP32 7.46 TFLOPS x 8."),
    nv("rtx-2080", "GeForce RTX 2080", 8, 448.0, 80.5, Dt, TPU, "Turing: FP32 10.07 TFLOPS x 8."),
    nv("rtx-2080-ti", "GeForce RTX 2080 Ti", 11, 616.0, 107.6, Dt, TPU, "Turing: FP32 13.45 TFLOPS x 8."),
    nv("rtx-3050", "GeForce RTX 3050 8GB", 8, 224.0, 36.4, Dt, TPU, "Ampere: FP32 9.10 TFLOPS x 4."),
    nv("rtx-3060", "GeForce RTX 3060 12GB", 12, 360.0, 51.0, Dt, TPU, "Ampere: FP32 12.74 TFLOPS x 4."),
    nv("rtx-3060-ti", "GeForce RTX 3060 Ti", 8, 448.0, 64.8, Dt, TPU, "Ampere: FP32 16.20 TFLOPS x 4."),
    nv("rtx-3070", "GeForce RTX 3070", 8, 448.0, 81.3, Dt, TPU, "Ampere: FP32 20.31 TFLOPS x 4."),
    nv("rtx-3070-ti", "GeForce RTX 3070 Ti", 8, 608.3, 87.0, Dt, TPU, "Ampere: FP32 21.75 TFLOPS x 4."),
    nv("rtx-3080", "GeForce RTX 3080 10GB", 10, 760.3, 119.1, Dt, TPU, "Ampere: FP32 29.77 TFLOPS x 4."),
    nv("rtx-3080-12gb", "GeForce RTX 3080 12GB", 12, 912.4, 122.6, Dt, TPU, "Ampere: FP32 30.64 TFLOPS x 4."),
    nv("rtx-3080-ti", "GeForce RTX 3080 Ti", 12, 912.4, 136.4, Dt, TPU, "Ampere: FP32 34.10 TFLOPS x 4."),
    nv("rtx-3090", "GeForce RTX 3090", 24, 936.2, 142.3, Dt, TPU, "Ampere: FP32 35.58 TFLOPS x 4."),
    nv("rtx-3090-ti", "GeForce RTX 3090 Ti", 24, 1008.0, 160.0, Dt, TPU, "Ampere: FP32 40.00 TFLOPS x 4."),
    nv("rtx-4000-ada", "RTX 4000 Ada Generation", 20, 360.0, 106.9, Ws, "https://www.nvidia.com/en-us/design-visualization/rtx-4000/", "Ada: FP32 26.7 TFLOPS x 4."),
    nv("rtx-4060", "GeForce RTX 4060", 8, 272.0, 60.4, Dt, TPU, "Ada: FP32 15.11 TFLOPS x 4."),
    nv("rtx-4060-ti-16gb", "GeForce RTX 4060 Ti 16GB", 16, 288.0, 88.3, Dt, TPU, "Ada: FP32 22.06 TFLOPS x 4."),
    nv("rtx-4060-ti-8gb", "GeForce RTX 4060 Ti 8GB", 8, 288.0, 88.3, Dt, TPU, "Ada: FP32 22.06 TFLOPS x 4."),
    nv("rtx-4070", "GeForce RTX 4070", 12, 504.2, 116.6, Dt, TPU, "Ada: FP32 29.15 TFLOPS x 4."),
    nv("rtx-4070-super", "GeForce RTX 4070 SUPER", 12, 504.2, 141.9, Dt, TPU, "Ada: FP32 35.48 TFLOPS x 4."),
    nv("rtx-4070-ti", "GeForce RTX 4070 Ti", 12, 504.2, 160.4, Dt, TPU, "Ada: FP32 40.09 TFLOPS x 4."),
    nv("rtx-4070-ti-super", "GeForce RTX 4070 Ti SUPER", 16, 672.3, 176.4, Dt, TPU, "Ada: FP32 44.10 TFLOPS x 4."),
    nv("rtx-4080", "GeForce RTX 4080", 16, 716.8, 195.0, Dt, TPU, "Ada: FP32 48.74 TFLOPS x 4."),
    nv("rtx-4080-super", "GeForce RTX 4080 SUPER", 16, 736.3, 208.9, Dt, TPU, "Ada: FP32 52.22 TFLOPS x 4."),
    nv("rtx-4090", "GeForce RTX 4090", 24, 1008.0, 330.3, Dt, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090/", "Ada whitepaper: FP16 tensor 330.3 dense with FP16 accumulate (165.2 with FP32 accumulate)."),
    nv("rtx-4090-laptop", "GeForce RTX 4090 Laptop GPU", 16, 576.0, 131.9, Lt, TPU, "256-bit GDDR6 18 Gbps. FP32 32.98 TFLOPS at the 1695 MHz reference boost x 4; real clocks depend on the laptop's power limit."),
    nv("rtx-5000-ada", "RTX 5000 Ada Generation", 32, 576.0, 261.1, Ws, "https://www.nvidia.com/en-us/design-visualization/rtx-5000/", "Ada: FP32 65.28 TFLOPS x 4."),
    nv("rtx-5060-ti-16gb", "GeForce RTX 5060 Ti 16GB", 16, 448.0, 94.8, Dt, TPU, "Blackwell: FP32 23.70 TFLOPS x 4."),
    nv("rtx-5070", "GeForce RTX 5070", 12, 672.0, 123.5, Dt, TPU, "Blackwell: FP32 30.87 TFLOPS x 4."),
    nv("rtx-5070-ti", "GeForce RTX 5070 Ti", 16, 896.0, 175.8, Dt, TPU, "Blackwell: FP32 43.94 TFLOPS x 4."),
    nv("rtx-5080", "GeForce RTX 5080", 16, 960.0, 225.1, Dt, TPU, "Blackwell: FP32 56.28 TFLOPS x 4."),
    nv("rtx-5090", "GeForce RTX 5090", 32, 1792.0, 419.0, Dt, "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5090/", "Blackwell: FP32 104.8 TFLOPS x 4."),
    nv("rtx-5090-laptop", "GeForce RTX 5090 Laptop GPU", 24, 896.0, 134.1, Lt, TPU, "256-bit GDDR7 28 Gbps. UNVERIFIED: FP32 33.5 TFLOPS (10496 cores at a 1597 MHz boost) x 4; clocks depend on the laptop's power limit."),
    nv("rtx-6000-ada", "RTX 6000 Ada Generation", 48, 960.0, 364.2, Ws, "https://www.nvidia.com/en-us/design-visualization/rtx-6000/", "Ada: FP32 91.06 TFLOPS x 4."),
    nv("rtx-a4000", "RTX A4000", 16, 448.0, 76.7, Ws, "https://www.nvidia.com/en-us/design-visualization/rtx-a4000/", "Ampere: FP32 19.17 TFLOPS x 4."),
    nv("rtx-a5000", "RTX A5000", 24, 768.0, 111.1, Ws, "https://www.nvidia.com/en-us/design-visualization/rtx-a5000/", "Ampere: FP32 27.77 TFLOPS x 4."),
    nv("rtx-a6000", "RTX A6000", 48, 768.0, 154.8, Ws, "https://www.nvidia.com/en-us/design-visualization/rtx-a6000/", "Ampere: FP32 38.71 TFLOPS x 4 (datasheet: 309.7 with sparsity)."),
    nv("rtx-pro-6000", "RTX PRO 6000 Blackwell", 96, 1792.0, 503.8, Ws, "https://www.nvidia.com/en-us/products/workstations/professional-desktop-gpus/rtx-pro-6000/", "Blackwell: FP32 125.95 TFLOPS (24064 cores, 2617 MHz) x 4."),
    nv("v100-sxm2-32gb", "NVIDIA V100 SXM2 32GB", 32, 900.0, 125.0, Dc, "https://www.nvidia.com/en-us/data-center/v100/", "Volta: tensor 125 TFLOPS (PCIe: 112)."),
];
