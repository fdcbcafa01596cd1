//! Hardware as the engine sees it: memory pools with a capacity, a
//! bandwidth and a compute rate.
//!
//! The hardware catalog ([`crate::catalog`]) maps its rows to
//! [`DeviceSpec`]s; a user can also describe a device by hand.

/// The compute backend that drives a device; it decides per-device overhead
/// and efficiency factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// NVIDIA CUDA.
    Cuda,
    /// AMD ROCm/HIP.
    Rocm,
    /// Apple Metal (unified memory).
    Metal,
    /// Vulkan (any vendor).
    Vulkan,
    /// Intel SYCL / oneAPI.
    Sycl,
    /// CPU only.
    Cpu,
}

/// What kind of memory pool a device is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeviceKind {
    /// A discrete GPU with its own VRAM.
    Gpu,
    /// An integrated GPU sharing system RAM (Apple Silicon, Strix Halo, DGX Spark):
    /// the GPU may use `gpu_limit_bytes` of `capacity_bytes`.
    Unified,
    /// System RAM used by the CPU.
    Cpu,
}

/// One device's resources.
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceSpec {
    /// Display name ("RTX 4090", "M4 Max 128 GB", "DDR5-5600 dual channel").
    pub name: alloc::borrow::Cow<'static, str>,
    /// Pool kind.
    pub kind: DeviceKind,
    /// Backend used on it.
    pub backend: Backend,
    /// Total memory in bytes.
    pub capacity_bytes: u64,
    /// For [`DeviceKind::Unified`]: the part the GPU may wire (Metal's
    /// `recommendedMaxWorkingSetSize` or the user's `iogpu.wired_limit_mb`).
    /// Equal to `capacity_bytes` for other kinds.
    pub gpu_limit_bytes: u64,
    /// Peak memory bandwidth in GB/s (10^9 bytes per second).
    pub bandwidth_gb_per_s: f64,
    /// Peak dense FP16/BF16 matrix throughput in TFLOPS (10^12/s), without sparsity.
    pub fp16_tflops: f64,
}
