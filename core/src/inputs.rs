//! What the user chose: the shareable configuration.
//!
//! [`Inputs`] holds only choices (ids, numbers, switches), never derived
//! figures, so it round-trips through a share link (`crate::share`) and CLI
//! flags. Resolving it against the catalogs gives a `Scenario`.

use alloc::string::String;
use alloc::vec::Vec;

/// Which model to size.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelRef {
    /// A catalog id (`qwen3-32b`).
    Catalog(String),
    /// A Hugging Face repo id (`Qwen/Qwen3-32B`); resolved through the
    /// catalog when known, otherwise imported from its config.json.
    HfRepo(String),
}

/// KV-cache element type (`--cache-type-k/-v`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KvType {
    /// 32-bit float.
    F32,
    /// 16-bit float (default).
    #[default]
    F16,
    /// bfloat16.
    Bf16,
    /// 8-bit blocks of 32.
    Q8_0,
    /// 5-bit with min.
    Q5_1,
    /// 5-bit.
    Q5_0,
    /// 4-bit with min.
    Q4_1,
    /// 4-bit.
    Q4_0,
    /// 4-bit non-linear.
    Iq4Nl,
}

/// Flash attention switch (`-fa on|off|auto`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FlashAttn {
    /// Runtime decides (llama.cpp: on when every layer's device supports it).
    #[default]
    Auto,
    /// Forced on.
    On,
    /// Forced off.
    Off,
}

/// The inference runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RuntimeId {
    /// llama.cpp (`llama-server` / `llama-cli`).
    #[default]
    LlamaCpp,
    /// Ollama.
    Ollama,
    /// LM Studio (llama.cpp engine).
    LmStudio,
    /// koboldcpp (llama.cpp engine).
    Koboldcpp,
    /// vLLM.
    Vllm,
    /// SGLang.
    Sglang,
    /// Apple MLX (`mlx_lm`).
    Mlx,
}

impl RuntimeId {
    /// Every runtime, in the order front ends list them.
    pub const ALL: [RuntimeId; 7] = [
        RuntimeId::LlamaCpp,
        RuntimeId::Ollama,
        RuntimeId::LmStudio,
        RuntimeId::Koboldcpp,
        RuntimeId::Vllm,
        RuntimeId::Sglang,
        RuntimeId::Mlx,
    ];
}

/// Hardware: catalog devices and/or hand-entered sizes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct HardwareInputs {
    /// GPUs or unified-memory machines from the catalog, with counts
    /// (`[("rtx-4090", 2)]`).
    pub gpus: Vec<(String, u32)>,
    /// Custom VRAM per GPU in GiB, used when no catalog GPU is chosen.
    pub vram_gib: Option<f64>,
    /// System RAM in GiB (`None` = the catalog default for the machine, or 32).
    pub ram_gib: Option<f64>,
    /// Apple/unified: GPU working-set limit in GiB (`None` = default ratio).
    pub gpu_limit_gib: Option<f64>,
}

/// Everything the user chose.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    /// The model.
    pub model: ModelRef,
    /// Quantization name as users write it: a llama-quantize type (`Q4_K_M`),
    /// an Unsloth mix (`UD-Q4_K_XL`), or another format (`FP8`, `AWQ`,
    /// `GPTQ`, `NF4`, `MLX-4bit`, `MLX-8bit`, `EXL2-4.5`, `EXL3-4.0`, `BF16`).
    pub quant: String,
    /// Context length in tokens (per the runtime's meaning of `-c`).
    pub ctx: u64,
    /// Parallel sequences / slots.
    pub parallel: u32,
    /// One KV buffer shared by all slots (llama-server `--kv-unified`).
    pub kv_unified: bool,
    /// K cache type.
    pub kv_type_k: KvType,
    /// V cache type.
    pub kv_type_v: KvType,
    /// Flash attention.
    pub flash_attn: FlashAttn,
    /// Physical batch (`-ub`).
    pub ubatch: u32,
    /// Runtime.
    pub runtime: RuntimeId,
    /// Hardware.
    pub hardware: HardwareInputs,
    /// `-ngl`: layers on the GPU(s) (`None` = all that fit / runtime default).
    pub ngl: Option<u32>,
    /// `--n-cpu-moe`: MoE blocks whose experts stay in system RAM.
    pub n_cpu_moe: Option<u32>,
    /// Vision/audio input on (loads the projector).
    pub multimodal: bool,
    /// vLLM `--gpu-memory-utilization` (`None` = runtime default).
    pub gpu_memory_utilization: Option<f64>,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            model: ModelRef::Catalog(String::from("qwen3-8b")),
            quant: String::from("Q4_K_M"),
            ctx: 8192,
            parallel: 1,
            kv_unified: true,
            kv_type_k: KvType::F16,
            kv_type_v: KvType::F16,
            flash_attn: FlashAttn::Auto,
            ubatch: 512,
            runtime: RuntimeId::LlamaCpp,
            hardware: HardwareInputs {
                gpus: alloc::vec![(String::from("rtx-4090"), 1)],
                vram_gib: None,
                ram_gib: None,
                gpu_limit_gib: None,
            },
            ngl: None,
            n_cpu_moe: None,
            multimodal: false,
            gpu_memory_utilization: None,
        }
    }
}
