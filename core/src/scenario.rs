//! The resolved scenario: everything [`crate::estimate::estimate`] needs.
//!
//! A [`Scenario`] is [`crate::inputs::Inputs`] resolved against the
//! catalogs: the model's [`Arch`], its [`WeightPlan`] at the chosen
//! quantization, concrete devices, and the runtime's defaults applied.
//! It holds no derived figures; estimating it never fails.

use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::arch::Arch;
use crate::device::{Backend, DeviceKind, DeviceSpec};
use crate::inputs::{KvType, RuntimeId};
use crate::runtime::{self, RuntimeProfile};
use crate::weights::WeightPlan;

/// How the offloaded part of the model is spread over several GPUs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SplitMode {
    /// Whole layers per GPU, in proportion to free memory (llama.cpp
    /// `--split-mode layer`, the default).
    #[default]
    Layer,
    /// Every layer's weights and KV divided across the GPUs in proportion
    /// to free memory (vLLM/SGLang tensor parallelism).
    Tensor,
}

/// A fully resolved sizing question.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The model's per-layer architecture (shared: scenarios of one model
    /// at several quantizations point to one copy).
    pub arch: Arc<Arch>,
    /// Weight bytes at the chosen quantization.
    pub weights: WeightPlan,
    /// Context length in tokens as passed to the runtime (`-c`).
    pub ctx: u64,
    /// Parallel sequences (llama.cpp `-np`, vLLM concurrent requests).
    pub parallel: u32,
    /// One KV buffer shared by all sequences (`--kv-unified`).
    pub kv_unified: bool,
    /// K cache type.
    pub kv_type_k: KvType,
    /// V cache type.
    pub kv_type_v: KvType,
    /// Flash attention in effect (after resolving `auto`).
    pub flash_attn: bool,
    /// `flash_attn` was resolved from `auto` rather than forced.
    pub flash_attn_auto: bool,
    /// Physical batch (`-ub`; vLLM/SGLang: max batched tokens of a step).
    pub ubatch: u32,
    /// The runtime.
    pub runtime: RuntimeId,
    /// The runtime's memory-model constants.
    pub profile: RuntimeProfile,
    /// GPUs (discrete or unified), in device order. Empty = CPU only.
    /// Shared: the scenarios of a sweep point to one list.
    pub gpus: Arc<[DeviceSpec]>,
    /// System RAM and the CPU (kind [`DeviceKind::Cpu`]). With a unified GPU
    /// this is the same physical pool: the GPU's use is subtracted from it.
    pub host: DeviceSpec,
    /// Multi-GPU split mode.
    pub split: SplitMode,
    /// llama.cpp `--tensor-split`: the share of layers (or, with
    /// [`SplitMode::Tensor`], of each tensor) per GPU, one per GPU. Empty
    /// (or all zero, or not one per GPU): in proportion to free memory;
    /// with `-ngl` unset, `--fit` then fills the GPUs one by one.
    pub tensor_split: Vec<u64>,
    /// `-ngl` (llama.cpp current semantics: the output layer counts as a
    /// layer). `None` = the runtime decides (llama.cpp `--fit`).
    pub ngl: Option<u32>,
    /// `--n-cpu-moe`: the first N blocks keep their routed experts in RAM.
    pub n_cpu_moe: Option<u32>,
    /// Multimodal projector bytes (0 when vision/audio is off); loaded on the first GPU.
    pub mmproj_bytes: u64,
    /// Vision/audio is on, but the model's projector size is unknown, so
    /// `mmproj_bytes` leaves it out (the estimate warns).
    pub mmproj_unknown: bool,
    /// vLLM `--gpu-memory-utilization` (`None` = the profile's default).
    pub gpu_memory_utilization: Option<f64>,
    /// llama.cpp `--swa-full`: sliding-window layers keep the whole context.
    pub swa_full: bool,
    /// Context depth at which decode speed is quoted (`None` = half of `ctx`,
    /// the average over filling the context).
    pub decode_depth: Option<u64>,
}

impl Scenario {
    /// A scenario with llama.cpp defaults: 8192 context, one sequence,
    /// unified f16 KV, flash attention on (auto), `-ub 512`, automatic
    /// layer placement.
    pub fn new(
        arch: impl Into<Arc<Arch>>,
        weights: WeightPlan,
        gpus: impl Into<Arc<[DeviceSpec]>>,
        host: DeviceSpec,
    ) -> Self {
        Scenario {
            arch: arch.into(),
            weights,
            ctx: 8192,
            parallel: 1,
            kv_unified: true,
            kv_type_k: KvType::F16,
            kv_type_v: KvType::F16,
            flash_attn: true,
            flash_attn_auto: true,
            ubatch: 512,
            runtime: RuntimeId::LlamaCpp,
            profile: runtime::profile(RuntimeId::LlamaCpp),
            gpus: gpus.into(),
            host,
            split: SplitMode::Layer,
            tensor_split: Vec::new(),
            ngl: None,
            n_cpu_moe: None,
            mmproj_bytes: 0,
            mmproj_unknown: false,
            gpu_memory_utilization: None,
            swa_full: false,
            decode_depth: None,
        }
    }

    /// Switches the runtime, its profile and its multi-GPU split (vLLM and
    /// SGLang use tensor parallelism).
    pub fn with_runtime(mut self, runtime: RuntimeId) -> Self {
        self.set_runtime(runtime);
        self
    }

    /// [`Scenario::with_runtime`] in place.
    pub fn set_runtime(&mut self, runtime: RuntimeId) {
        self.runtime = runtime;
        self.profile = runtime::profile(runtime);
        self.split = match runtime {
            RuntimeId::Vllm | RuntimeId::Sglang => SplitMode::Tensor,
            _ => SplitMode::Layer,
        };
    }

    /// Number of parallel sequences, at least 1.
    pub fn n_seq(&self) -> u64 {
        u64::from(self.parallel.max(1))
    }

    /// The GPU pools share system RAM (Apple Silicon, Strix Halo, DGX Spark).
    pub fn is_unified(&self) -> bool {
        self.gpus.iter().any(|g| g.kind == DeviceKind::Unified)
    }
}

/// A CPU/RAM device: `ram_bytes` of system memory at `bandwidth_gb_per_s`.
/// `fp16_tflops` is the CPU's matrix throughput (a desktop CPU is ~1-2).
pub fn host_device(
    name: impl Into<alloc::borrow::Cow<'static, str>>,
    ram_bytes: u64,
    bandwidth_gb_per_s: f64,
    fp16_tflops: f64,
) -> DeviceSpec {
    DeviceSpec {
        name: name.into(),
        kind: DeviceKind::Cpu,
        backend: Backend::Cpu,
        capacity_bytes: ram_bytes,
        gpu_limit_bytes: ram_bytes,
        bandwidth_gb_per_s,
        fp16_tflops,
    }
}
