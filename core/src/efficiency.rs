//! Efficiency factors of the speed model (sizing-facts §9), calibrated on
//! published llama-bench figures.
//!
//! Decode time per token is modelled as
//!
//! ```text
//! t = Σ_devices bytes_read / (decode_bandwidth_efficiency(device) × bandwidth)
//!   + Σ_blocks decode_overhead_s_per_layer(backend of the block's device, block is MoE)
//! ```
//!
//! The first term is the memory-bound part; the second is the fixed cost of
//! the graph's many small kernels per block (norms, RoPE, attention, router,
//! top-k, expert gather, …) that bandwidth alone misses, and that dominates
//! small models on fast devices (about 1151 GPU dispatches per token for a
//! 9B model, sizing-facts §9.1). Prefill time per token is FLOPs over
//! [`prefill_flops_efficiency`] × the device's `fp16_tflops`.
//!
//! The fixed cost also explains why Apple Max/Ultra chips seemed to reach a
//! smaller share of their bandwidth than base/Pro chips: fitted jointly, the
//! LLaMA-2-7B rows of 17 Apple chips need one bandwidth fraction for all
//! tiers (a separate Max/Ultra fraction improves the fit by < 1 %), while a
//! model without the fixed cost needs 0.81 vs 0.68 and fits ~3× worse.
//!
//! Every constant is fitted on the rows of `validation/speed-calibration.json`
//! (never on `validation/speed.json`, which stays a held-out test) by
//! minimising the mean absolute log error; `core/tests/speed_model.rs`
//! recomputes both sets with these functions.

use crate::device::{Backend, DeviceKind, DeviceSpec};

/// Fraction of peak memory bandwidth reached by the weight and KV reads of
/// a decode step (batch 1), with the fixed per-block cost
/// ([`decode_overhead_s_per_layer`]) counted separately.
///
/// * Metal 0.92: fitted with the Metal block costs on 51 LLaMA-2-7B
///   F16/Q8_0/Q4_0 tg128 rows of 17 Apple chips, M1 to M4 Max
///   (ggml-org/llama.cpp discussion #4167).
/// * CUDA 0.84: fitted with the CUDA block costs on the Llama-2-7B Q4_0
///   tg128 rows of the CUDA scoreboard (discussion #15013: RTX 3090, 4090,
///   5060 Ti, 5070 Ti, 5080, 5090, RTX PRO 6000, DGX Spark).
/// * Vulkan, ROCm 0.84 (the CUDA figures): the Vulkan scoreboard
///   (discussion #10879) has NVIDIA and AMD cards within −9 … +8 % of the
///   CUDA fit (RTX 3090/4090/5090, RX 7900 XTX, RX 9070/9070 XT, R9700);
///   no ROCm rows (estimate).
/// * SYCL 0.5: no calibration rows; Intel Arc cards reached 36–58 % of
///   peak without the fixed cost on Vulkan (discussion #10879; estimate).
/// * CPU 0.6: estimate; a 13900K with DDR5-6400 (102.4 GB/s) generated
///   18.27 t/s on LLaMA-7B (ggml-org/llama.cpp issue #34), ≈ 0.68 of peak.
pub fn decode_bandwidth_efficiency(device: &DeviceSpec) -> f64 {
    if device.kind == DeviceKind::Cpu {
        return CPU_EFF;
    }
    match device.backend {
        Backend::Metal => METAL_EFF,
        Backend::Cuda | Backend::Rocm | Backend::Vulkan => CUDA_EFF,
        Backend::Sycl => SYCL_EFF,
        Backend::Cpu => CPU_EFF,
    }
}

/// Metal decode bandwidth fraction (calibration: discussion #4167 rows).
pub const METAL_EFF: f64 = 0.92;
/// CUDA decode bandwidth fraction (calibration: discussion #15013 rows).
pub const CUDA_EFF: f64 = 0.84;
/// SYCL decode bandwidth fraction (estimate, no calibration rows).
pub const SYCL_EFF: f64 = 0.5;
/// CPU decode bandwidth fraction (estimate).
pub const CPU_EFF: f64 = 0.6;

/// Fixed decode cost of one block, in seconds per token, on `backend`: for a
/// dense block, or for an MoE block (router, top-k, expert gather and the
/// extra kernels of the expert FFN).
///
/// * Metal 170 µs dense (fitted with [`METAL_EFF`] on the discussion #4167
///   rows), 215 µs MoE (then fitted on the gpt-oss-20b/120b tg128 rows of
///   M1 Max, M2 Ultra, M3 Ultra and M4 Max in discussion #15396).
/// * CUDA 29 µs dense (fitted with [`CUDA_EFF`] on the discussion #15013
///   rows), 75 µs MoE (then fitted on gpt-oss-20b/120b rows: discussion
///   #15396 on RTX 3090 … RTX PRO 6000, and the DGX Spark bench file
///   `benches/dgx-spark.md` of ggml-org/llama.cpp).
/// * Vulkan, ROCm, SYCL: the CUDA figures (estimate; see
///   [`decode_bandwidth_efficiency`]).
/// * CPU 0: the per-op cost is small next to a CPU's memory time (estimate).
pub fn decode_overhead_s_per_layer(backend: Backend, moe_layer: bool) -> f64 {
    let us = match (backend, moe_layer) {
        (Backend::Cpu, _) => 0.0,
        (Backend::Metal, false) => METAL_US_DENSE,
        (Backend::Metal, true) => METAL_US_MOE,
        (_, false) => CUDA_US_DENSE,
        (_, true) => CUDA_US_MOE,
    };
    us * 1e-6
}

/// Metal fixed cost per dense block, µs per token (discussion #4167 rows).
pub const METAL_US_DENSE: f64 = 170.0;
/// Metal fixed cost per MoE block, µs per token (discussion #15396 rows).
pub const METAL_US_MOE: f64 = 215.0;
/// CUDA fixed cost per dense block, µs per token (discussion #15013 rows).
pub const CUDA_US_DENSE: f64 = 29.0;
/// CUDA fixed cost per MoE block, µs per token (discussion #15396 and DGX
/// Spark bench rows).
pub const CUDA_US_MOE: f64 = 75.0;

/// Fraction of the device's `fp16_tflops` (the hardware catalog's figure)
/// reached in prefill, for float (F16/BF16/F32) or quantized weights, and
/// for a model with MoE blocks.
///
/// The catalog's figure for GeForce cards is the FP16-accumulate tensor rate
/// (RTX 4090: 330.3 TFLOPS), twice the FP32-accumulate rate (165.2) from
/// which the earlier factors were derived (PR #4766). These factors are
/// fitted against the catalog figure itself (median of the calibration
/// rows' `t/s × FLOPs per token / fp16_tflops`), so they apply to the number
/// they came from.
///
/// * Metal 0.69 quantized, 0.74 float: LLaMA-2-7B pp512 rows of discussion
///   #4167 (Q4_0/Q8_0: 34 rows, 0.60–0.74; F16: 15 rows, 0.68–0.77). M1–M4
///   GPUs have no matrix units; the catalog figure is the FP32 = FP16 vector
///   rate. MoE models: the same (gpt-oss-20b pp2048 rows of discussion
///   #15396 on four Apple chips: median 0.71).
/// * CUDA 0.48: Llama-2-7B Q4_0 pp512 rows of discussion #15013 (8 rows,
///   0.33–0.53). Float weights use the same figure (no calibration row;
///   estimate). MoE models 0.24: gpt-oss-20b/120b pp2048 rows of discussion
///   #15396 (7 rows, 0.11–0.29): expert matmuls split the batch into many
///   small products.
/// * Vulkan, ROCm 0.37: Llama-2-7B Q4_0 pp512 rows of the Vulkan scoreboard
///   (discussion #10879, NVIDIA and AMD cards: 0.29–0.44); no ROCm rows.
/// * SYCL 0.2: estimate (Intel Arc on Vulkan reached 0.07–0.10).
/// * CPU 0.5: estimate.
pub fn prefill_flops_efficiency(device: &DeviceSpec, float_weights: bool, moe: bool) -> f64 {
    if device.kind == DeviceKind::Cpu {
        return CPU_PREFILL;
    }
    match device.backend {
        Backend::Metal if float_weights => METAL_PREFILL_FLOAT,
        Backend::Metal => METAL_PREFILL_QUANT,
        Backend::Cuda if moe => CUDA_PREFILL_MOE,
        Backend::Cuda => CUDA_PREFILL,
        Backend::Rocm | Backend::Vulkan => VULKAN_PREFILL,
        Backend::Sycl => SYCL_PREFILL,
        Backend::Cpu => CPU_PREFILL,
    }
}

/// Metal prefill fraction, quantized weights (discussion #4167 rows).
pub const METAL_PREFILL_QUANT: f64 = 0.69;
/// Metal prefill fraction, float weights (discussion #4167 rows).
pub const METAL_PREFILL_FLOAT: f64 = 0.74;
/// CUDA prefill fraction, dense models (discussion #15013 rows).
pub const CUDA_PREFILL: f64 = 0.48;
/// CUDA prefill fraction, MoE models (discussion #15396 rows).
pub const CUDA_PREFILL_MOE: f64 = 0.24;
/// Vulkan and ROCm prefill fraction (discussion #10879 rows).
pub const VULKAN_PREFILL: f64 = 0.37;
/// SYCL prefill fraction (estimate).
pub const SYCL_PREFILL: f64 = 0.2;
/// CPU prefill fraction (estimate).
pub const CPU_PREFILL: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    fn dev(kind: DeviceKind, backend: Backend) -> DeviceSpec {
        DeviceSpec {
            name: "device".into(),
            kind,
            backend,
            capacity_bytes: 1 << 36,
            gpu_limit_bytes: 1 << 35,
            bandwidth_gb_per_s: 400.0,
            fp16_tflops: 10.0,
        }
    }

    const BACKENDS: [Backend; 6] = [
        Backend::Cuda,
        Backend::Rocm,
        Backend::Metal,
        Backend::Vulkan,
        Backend::Sycl,
        Backend::Cpu,
    ];

    #[test]
    fn factors_are_fractions_and_block_costs_small() {
        for b in BACKENDS {
            for kind in [DeviceKind::Gpu, DeviceKind::Unified, DeviceKind::Cpu] {
                let d = dev(kind, b);
                let e = decode_bandwidth_efficiency(&d);
                assert!(e > 0.0 && e <= 1.0);
                for f in [false, true] {
                    for moe in [false, true] {
                        let p = prefill_flops_efficiency(&d, f, moe);
                        assert!(p > 0.0 && p <= 1.0);
                    }
                }
            }
            let dense = decode_overhead_s_per_layer(b, false);
            let moe = decode_overhead_s_per_layer(b, true);
            assert!((0.0..1e-3).contains(&dense));
            assert!(moe >= dense && moe < 1e-3);
        }
    }

    #[test]
    fn system_ram_uses_the_cpu_factors() {
        let ram = dev(DeviceKind::Cpu, Backend::Cuda);
        assert_eq!(decode_bandwidth_efficiency(&ram), CPU_EFF);
        assert_eq!(prefill_flops_efficiency(&ram, false, false), CPU_PREFILL);
        assert_eq!(decode_overhead_s_per_layer(Backend::Cpu, true), 0.0);
    }

    #[test]
    fn the_fixed_cost_dominates_a_small_model_on_a_fast_gpu() {
        // 32 dense blocks of a 3.8 GB 7B Q4_0 model on an RTX 5090
        // (1792 GB/s): the fixed part is about a quarter of the token.
        let gpu = dev(DeviceKind::Gpu, Backend::Cuda);
        let mem = 3.8e9 / (decode_bandwidth_efficiency(&gpu) * 1792e9);
        let fixed = 32.0 * decode_overhead_s_per_layer(Backend::Cuda, false);
        assert!(fixed / (mem + fixed) > 0.2 && fixed / (mem + fixed) < 0.4);
    }
}
