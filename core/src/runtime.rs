//! Runtime memory models and defaults: what each inference runtime adds on
//! top of weights and KV, and the defaults it applies when the user says
//! nothing.
//!
//! Every constant cites where it comes from (`sizing-facts` sections refer
//! to the project's reference sheet, which restates the upstream sources).

use crate::device::{Backend, DeviceKind, DeviceSpec};
use crate::inputs::{FlashAttn, KvType, RuntimeId};
use crate::units::{GIB, MIB};

/// The memory model a runtime follows (shared with the runtime catalog).
pub use crate::catalog::runtimes::Engine;

/// Ollama's default `num_ctx` from total VRAM (kept in the runtime catalog).
pub use crate::catalog::runtimes::ollama_default_ctx;

/// The constants of a runtime's memory model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuntimeProfile {
    /// Which memory model applies.
    pub engine: Engine,
    /// Free memory kept on every GPU when the runtime places layers itself
    /// (llama.cpp `--fit` target).
    pub fit_margin_bytes: u64,
    /// KV allocation granularity in tokens (vLLM block size, MLX step).
    pub kv_block_tokens: u64,
    /// vLLM default `gpu_memory_utilization` (1.0 for other engines).
    pub gpu_memory_utilization: f64,
    /// The runtime keeps quantized KV only with flash attention (Ollama).
    pub kv_quant_needs_fa: bool,
    /// Default parallel sequences when the user leaves them unset.
    pub default_parallel: u32,
}

/// llama.cpp `--fit` keeps 1024 MiB free per device (`fit_params_target`,
/// `common/common.h`, sizing-facts §5.5).
pub const FIT_MARGIN_BYTES: u64 = 1024 * MIB;

/// vLLM KV block size in tokens (`CacheConfig.DEFAULT_BLOCK_SIZE`, sizing-facts §8).
pub const VLLM_BLOCK_TOKENS: u64 = 16;

/// vLLM memory outside torch tensors plus CUDA graphs: CUDA context, NCCL,
/// cuBLAS workspaces and captured graphs. No authoritative figure exists;
/// 1 GiB is an estimate from the 0.3-0.6 GiB context range of sizing-facts
/// §5.6 plus a graph-capture allowance (vllm issues #2248, #5274).
pub const VLLM_NON_TORCH_BYTES: u64 = GIB;

/// MLX KV cache growth step in tokens (`mlx_lm/models/cache.py` `step = 256`,
/// sizing-facts §7).
pub const MLX_KV_STEP_TOKENS: u64 = 256;

/// The memory-model constants of `runtime`. The engine and vLLM's default
/// `gpu_memory_utilization` come from the runtime catalog
/// ([`crate::catalog::runtimes`]); the rest is defined here with sources.
pub fn profile(runtime: RuntimeId) -> RuntimeProfile {
    let row = crate::catalog::runtimes::runtime(runtime);
    let engine = row.engine;
    RuntimeProfile {
        engine,
        fit_margin_bytes: match engine {
            Engine::LlamaCpp => FIT_MARGIN_BYTES,
            _ => 0,
        },
        kv_block_tokens: match engine {
            Engine::Vllm => VLLM_BLOCK_TOKENS,
            Engine::Mlx => MLX_KV_STEP_TOKENS,
            _ => 1,
        },
        gpu_memory_utilization: row.gpu_memory_fraction.unwrap_or(1.0),
        // Ollama honours OLLAMA_KV_CACHE_TYPE only with flash attention
        // (sizing-facts §4.2, §4.8).
        kv_quant_needs_fa: runtime == RuntimeId::Ollama,
        default_parallel: row.default_parallel,
    }
}

/// Memory a GPU backend uses outside the runtime's own buffers (driver
/// context, BLAS workspaces, kernel images).
///
/// * CUDA/ROCm: 457 MiB, Ollama's per-GPU `MinimumMemory()` budget
///   (`ollama` `ml/device.go`, sizing-facts §5.4); the observed range is
///   0.3-0.6 GiB (sizing-facts §5.6, an estimate).
/// * Metal: 512 MiB, Ollama's Metal budget (same source).
/// * Vulkan/SYCL: no published budget; Ollama's non-Metal 457 MiB is used.
/// * CPU: 0 (the process's own RSS is small next to the model).
pub fn backend_overhead_bytes(backend: Backend) -> u64 {
    match backend {
        Backend::Metal => 512 * MIB,
        Backend::Cpu => 0,
        _ => 457 * MIB,
    }
}

/// Resolves `-fa auto|on|off` to a boolean. llama.cpp's `auto` turns flash
/// attention on when every layer's device supports it (sizing-facts §4.2);
/// CUDA, ROCm, Metal, Vulkan, SYCL and CPU backends all implement it in
/// current builds, so `auto` resolves to on.
pub fn resolve_flash_attn(fa: FlashAttn) -> bool {
    !matches!(fa, FlashAttn::Off)
}

/// llama-server's parallel slots when `-np` is unset: 4 slots sharing one
/// unified KV cache (ggml-org/llama.cpp PR #16736, #17997; sizing-facts §4.1).
pub const LLAMA_SERVER_DEFAULT_SLOTS: u32 = 4;

/// SGLang's reserved (non-static) memory on one GPU of `gpu_bytes` at
/// tensor-parallel size `tp`: what `mem_fraction_static` leaves
/// ([`crate::catalog::runtimes::sglang_mem_fraction_static`], sizing-facts §8).
/// It holds activations, CUDA graphs and the CUDA context.
pub fn sglang_reserved_bytes(gpu_bytes: u64, tp: u64) -> u64 {
    let tp = u32::try_from(tp).unwrap_or(u32::MAX);
    let frac = crate::catalog::runtimes::sglang_mem_fraction_static(gpu_bytes, tp);
    let static_bytes = (gpu_bytes as f64 * frac.clamp(0.0, 1.0)) as u64;
    gpu_bytes.saturating_sub(static_bytes)
}

/// The capacity the runtime can use on `gpu` (vLLM: `utilization` × total;
/// unified memory: the working-set limit).
pub fn usable_gpu_bytes(gpu: &DeviceSpec, engine: Engine, utilization: f64) -> u64 {
    let base = match gpu.kind {
        DeviceKind::Unified => gpu.gpu_limit_bytes.min(gpu.capacity_bytes),
        _ => gpu.capacity_bytes,
    };
    match engine {
        Engine::Vllm => {
            let u = if utilization.is_finite() {
                utilization.clamp(0.0, 1.0)
            } else {
                1.0
            };
            (base as f64 * u) as u64
        }
        _ => base,
    }
}

/// The KV type is quantized (anything but f32/f16/bf16).
pub fn kv_is_quantized(t: KvType) -> bool {
    !matches!(t, KvType::F32 | KvType::F16 | KvType::Bf16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sglang_reserve_24gb() {
        // Worked by hand: 24 GiB GPU → chunked 2048, graph bs 24:
        // 512 + 2048×1.5 + 24×2 = 3632 MiB, + 1/8 GiB for tp 1 = 3760 MiB;
        // the fraction is rounded to 3 decimals (0.847), so ±2 MiB.
        let r = sglang_reserved_bytes(24 * GIB, 1) as f64 / MIB as f64;
        assert!((r - 3760.0).abs() < 2.0, "{r}");
        // 80 GiB GPU: 512 + 8192×1.5 + 256×2 = 13312 MiB + 128 MiB ≥ 10 GiB floor.
        let r = sglang_reserved_bytes(80 * GIB, 1) as f64 / MIB as f64;
        assert!((r - 13440.0).abs() < 50.0, "{r}");
    }

    #[test]
    fn profiles_follow_the_catalog() {
        // vLLM claims 0.92 of the GPU by default (vllm/config/cache.py).
        assert_eq!(profile(RuntimeId::Vllm).gpu_memory_utilization, 0.92);
        assert_eq!(profile(RuntimeId::Vllm).kv_block_tokens, 16);
        assert_eq!(profile(RuntimeId::LlamaCpp).fit_margin_bytes, 1024 * MIB);
        assert!(profile(RuntimeId::Ollama).kv_quant_needs_fa);
    }
}
