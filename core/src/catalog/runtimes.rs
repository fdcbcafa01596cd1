//! Runtime profiles: the defaults of each inference runtime that change
//! memory, the flag names it uses, and a ready-to-run command line.
//!
//! Sources: sizing-facts §4.1 and §4.8 (llama.cpp and Ollama defaults),
//! §5.4–5.5 (Ollama and `--fit` reserves), §6 (`--n-cpu-moe`), §7 (MLX
//! wired limit), §8 (vLLM `gpu_memory_utilization`, SGLang
//! `mem_fraction_static`), each citing the runtime's source file.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::inputs::{FlashAttn, KvType, RuntimeId};

/// The engine underneath a runtime (decides the memory model).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// llama.cpp (llama-server, Ollama ≥ 2026, LM Studio, koboldcpp).
    LlamaCpp,
    /// vLLM (paged KV pool sized from a memory fraction).
    Vllm,
    /// SGLang (static memory fraction for weights + KV pool).
    Sglang,
    /// Apple MLX (`mlx_lm`).
    Mlx,
}

/// How a runtime picks the context length when the user does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultCtx {
    /// The model's training context (`-c 0`, llama.cpp's current default).
    Training,
    /// Chosen from total VRAM ([`ollama_default_ctx`]).
    OllamaByVram,
    /// A fixed number of tokens.
    Fixed(u64),
    /// The model's `max_position_embeddings` (vLLM/SGLang `max_model_len`).
    ModelMax,
}

/// Flag names of a runtime; `""` when the runtime has no such setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flags {
    /// Model path / repo.
    pub model: &'static str,
    /// Context length.
    pub ctx: &'static str,
    /// Layers on the GPU.
    pub ngl: &'static str,
    /// K cache type.
    pub cache_k: &'static str,
    /// V cache type.
    pub cache_v: &'static str,
    /// Flash attention.
    pub flash_attn: &'static str,
    /// Parallel sequences.
    pub parallel: &'static str,
    /// MoE experts of the first N layers kept in system RAM.
    pub n_cpu_moe: &'static str,
    /// Physical batch.
    pub ubatch: &'static str,
    /// Tensor parallel size.
    pub tp: &'static str,
    /// Memory fraction.
    pub mem_fraction: &'static str,
}

/// One runtime's memory-relevant defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuntimeProfile {
    /// Runtime.
    pub id: RuntimeId,
    /// Display name.
    pub name: &'static str,
    /// Engine underneath.
    pub engine: Engine,
    /// Context when the user sets none.
    pub default_ctx: DefaultCtx,
    /// Parallel sequences by default.
    pub default_parallel: u32,
    /// KV shared by all sequences by default (llama-server's auto slots).
    pub default_kv_unified: bool,
    /// Fraction of GPU memory the runtime claims (`None` = it sizes itself).
    pub gpu_memory_fraction: Option<f64>,
    /// A quantized V cache needs flash attention.
    pub quant_v_needs_fa: bool,
    /// Free memory kept per device when the runtime fits layers itself.
    pub reserve_bytes_per_gpu: u64,
    /// Flag names.
    pub flags: Flags,
    /// Environment variables that change memory (`NAME` = meaning).
    pub env: &'static [(&'static str, &'static str)],
    /// Sources.
    pub source: &'static str,
    /// Caveats.
    pub note: &'static str,
}

const MIB: u64 = 1 << 20;

const LLAMA_FLAGS: Flags = Flags {
    model: "-m",
    ctx: "-c",
    ngl: "-ngl",
    cache_k: "-ctk",
    cache_v: "-ctv",
    flash_attn: "-fa",
    parallel: "-np",
    n_cpu_moe: "--n-cpu-moe",
    ubatch: "-ub",
    tp: "",
    mem_fraction: "",
};

const NO_FLAGS: Flags = Flags {
    model: "",
    ctx: "",
    ngl: "",
    cache_k: "",
    cache_v: "",
    flash_attn: "",
    parallel: "",
    n_cpu_moe: "",
    ubatch: "",
    tp: "",
    mem_fraction: "",
};

#[rustfmt::skip]
static PROFILES: &[RuntimeProfile] = &[
    RuntimeProfile {
        id: RuntimeId::LlamaCpp, name: "llama.cpp (llama-server)", engine: Engine::LlamaCpp,
        default_ctx: DefaultCtx::Training, default_parallel: 4, default_kv_unified: true,
        gpu_memory_fraction: None, quant_v_needs_fa: true, reserve_bytes_per_gpu: 1024 * MIB,
        flags: LLAMA_FLAGS,
        env: &[("LLAMA_ARG_FIT_TARGET", "free MiB kept per device by --fit (default 1024)")],
        source: "sizing-facts §4.1 (common/common.h: n_ctx 0 = training context, n_ubatch 512; llama-server -np auto = 4 slots with unified KV, PR #16736/#17997), §4.2 (quantized V needs FA), §5.5 (--fit margin 1024 MiB)",
        note: "An explicit -np turns unified KV off unless --kv-unified is also given.",
    },
    RuntimeProfile {
        id: RuntimeId::Ollama, name: "Ollama", engine: Engine::LlamaCpp,
        default_ctx: DefaultCtx::OllamaByVram, default_parallel: 1, default_kv_unified: true,
        gpu_memory_fraction: None, quant_v_needs_fa: true, reserve_bytes_per_gpu: 457 * MIB,
        flags: Flags { ctx: "num_ctx", ngl: "num_gpu", ubatch: "num_batch", ..NO_FLAGS },
        env: &[
            ("OLLAMA_KV_CACHE_TYPE", "f16 (default), q8_0 or q4_0; honoured only with flash attention"),
            ("OLLAMA_FLASH_ATTENTION", "1 enables flash attention"),
            ("OLLAMA_NUM_PARALLEL", "parallel requests per model (default 1)"),
            ("OLLAMA_CONTEXT_LENGTH", "default num_ctx"),
            ("OLLAMA_GPU_OVERHEAD", "extra bytes reserved per GPU (default 0)"),
        ],
        source: "sizing-facts §4.8 (server/routes.go default context by VRAM; OLLAMA_NUM_PARALLEL 1; KV type needs FA), §5.4 (ml/device.go: 457 MiB CUDA/ROCm, 512 MiB Metal minimum per GPU)",
        note: "Metal reserves 512 MiB instead of 457 MiB. Context is lowered to 32768 then 4096 when a load runs out of memory.",
    },
    RuntimeProfile {
        id: RuntimeId::LmStudio, name: "LM Studio", engine: Engine::LlamaCpp,
        default_ctx: DefaultCtx::Fixed(4096), default_parallel: 1, default_kv_unified: true,
        gpu_memory_fraction: None, quant_v_needs_fa: true, reserve_bytes_per_gpu: 0,
        flags: Flags { model: "lms load", ctx: "--context-length", ngl: "--gpu", ..NO_FLAGS },
        env: &[],
        source: "llama.cpp engine rules (sizing-facts §4); seed 003 (LM Studio 'GPU Offload' and expert-to-CPU settings)",
        note: "UNVERIFIED: default context 4096. KV cache type, flash attention and MoE expert offload are set in the model load settings, not on the lms command line.",
    },
    RuntimeProfile {
        id: RuntimeId::Koboldcpp, name: "koboldcpp", engine: Engine::LlamaCpp,
        default_ctx: DefaultCtx::Fixed(4096), default_parallel: 1, default_kv_unified: true,
        gpu_memory_fraction: None, quant_v_needs_fa: true, reserve_bytes_per_gpu: 0,
        flags: Flags { model: "--model", ctx: "--contextsize", ngl: "--gpulayers", cache_k: "--quantkv", flash_attn: "--flashattention", ..NO_FLAGS },
        env: &[],
        source: "llama.cpp engine rules (sizing-facts §4); koboldcpp --help",
        note: "UNVERIFIED: default context 4096. --quantkv 1 = q8_0, 2 = q4_0 for both K and V (needs --flashattention).",
    },
    RuntimeProfile {
        id: RuntimeId::Vllm, name: "vLLM", engine: Engine::Vllm,
        default_ctx: DefaultCtx::ModelMax, default_parallel: 256, default_kv_unified: true,
        gpu_memory_fraction: Some(0.92), quant_v_needs_fa: false, reserve_bytes_per_gpu: 0,
        flags: Flags { model: "vllm serve", ctx: "--max-model-len", cache_k: "--kv-cache-dtype", parallel: "--max-num-seqs", tp: "--tensor-parallel-size", mem_fraction: "--gpu-memory-utilization", ..NO_FLAGS },
        env: &[],
        source: "sizing-facts §8 (vllm/config/cache.py: gpu_memory_utilization 0.92, 0.9 in earlier releases; KV pool = total x fraction - weights - activations - non-torch memory; block_size 16)",
        note: "default_parallel is max_num_seqs (a scheduling cap, not a memory reservation). --kv-cache-dtype fp8 halves the KV pool per token.",
    },
    RuntimeProfile {
        id: RuntimeId::Sglang, name: "SGLang", engine: Engine::Sglang,
        default_ctx: DefaultCtx::ModelMax, default_parallel: 1, default_kv_unified: true,
        gpu_memory_fraction: None, quant_v_needs_fa: false, reserve_bytes_per_gpu: 0,
        flags: Flags { model: "--model-path", ctx: "--context-length", cache_k: "--kv-cache-dtype", tp: "--tp", mem_fraction: "--mem-fraction-static", ..NO_FLAGS },
        env: &[],
        source: "sizing-facts §8 (python/sglang/srt/server_args.py _handle_gpu_memory_settings)",
        note: "mem_fraction_static is derived from GPU memory when not set: see sglang_mem_fraction_static.",
    },
    RuntimeProfile {
        id: RuntimeId::Mlx, name: "MLX (mlx_lm)", engine: Engine::Mlx,
        default_ctx: DefaultCtx::ModelMax, default_parallel: 1, default_kv_unified: true,
        gpu_memory_fraction: None, quant_v_needs_fa: false, reserve_bytes_per_gpu: 0,
        flags: Flags { model: "--model", ctx: "--max-kv-size", ..NO_FLAGS },
        env: &[],
        source: "sizing-facts §7 (mlx_lm/generate.py wired_limit: wires up to max_recommended_working_set_size, warns above 0.9 of it; KVCache grows in 256-token steps)",
        note: "Raise the GPU limit with `sudo sysctl iogpu.wired_limit_mb=N` (not persistent).",
    },
];

/// Model bytes above this fraction of the wired limit make `mlx_lm` warn
/// that generation "can be slow" (sizing-facts §7).
pub const MLX_SLOW_FRACTION: f64 = 0.9;

/// The profile of a runtime.
pub fn runtime(id: RuntimeId) -> &'static RuntimeProfile {
    // Every RuntimeId has a row (checked by a test); the fallback keeps this
    // infallible should a variant be added without one.
    PROFILES.iter().find(|p| p.id == id).unwrap_or(&PROFILES[0])
}

/// Every profile.
pub fn runtimes() -> &'static [RuntimeProfile] {
    PROFILES
}

/// Ollama's default `num_ctx` for a machine with `total_vram_bytes` of GPU
/// memory: ≥ 47 GiB → 262144, ≥ 23 GiB → 32768, else 4096
/// (sizing-facts §4.8, `server/routes.go`).
pub fn ollama_default_ctx(total_vram_bytes: u64) -> u64 {
    const GIB: u64 = 1 << 30;
    if total_vram_bytes >= 47 * GIB {
        262_144
    } else if total_vram_bytes >= 23 * GIB {
        32_768
    } else {
        4_096
    }
}

/// SGLang's derived `mem_fraction_static` for one GPU of `gpu_mem_bytes`
/// at tensor-parallel size `tp` (no pipeline parallel, no speculative
/// decoding, text model), per sizing-facts §8:
/// `reserved MiB = 512 + max(chunked_prefill, 2048) × 1.5 +
/// cuda_graph_max_bs × 2 + tp / 8 × 1024` (at least 10 GiB above 60 GiB),
/// fraction = round((mem − reserved) / mem, 3).
pub fn sglang_mem_fraction_static(gpu_mem_bytes: u64, tp: u32) -> f64 {
    let mem_mib = gpu_mem_bytes as f64 / MIB as f64;
    if mem_mib <= 0.0 {
        return 0.88;
    }
    let gib = mem_mib / 1024.0;
    let small_tp = tp < 4;
    let (chunked, graph_bs) = if gib < 20.0 {
        (2048.0, 8.0)
    } else if gib < 35.0 {
        (2048.0, if small_tp { 24.0 } else { 80.0 })
    } else if gib < 60.0 {
        (4096.0, if small_tp { 32.0 } else { 160.0 })
    } else if gib < 160.0 {
        (8192.0, if small_tp { 256.0 } else { 512.0 })
    } else {
        (16384.0, 512.0)
    };
    let mut reserved =
        512.0 + f64::max(chunked, 2048.0) * 1.5 + graph_bs * 2.0 + f64::from(tp) / 8.0 * 1024.0;
    if gib > 60.0 {
        reserved = f64::max(reserved, 10.0 * 1024.0);
    }
    libm::round((mem_mib - reserved) / mem_mib * 1000.0) / 1000.0
}

/// What to put on a command line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CommandParams<'a> {
    /// Runtime.
    pub runtime: RuntimeId,
    /// Hugging Face repo (original weights for vLLM/SGLang/MLX, GGUF repo otherwise).
    pub repo: &'a str,
    /// GGUF file name or quant tag (`Qwen3-32B-Q4_K_M.gguf` or `Q4_K_M`); may be empty.
    pub file: &'a str,
    /// Ollama tag (`qwen3:32b`); may be empty.
    pub ollama_tag: &'a str,
    /// Context tokens.
    pub ctx: u64,
    /// Layers on the GPU (`None` = runtime decides).
    pub ngl: Option<u32>,
    /// llama.cpp layers per GPU (`--tensor-split`; empty = in proportion
    /// to free memory), printed with `ngl`.
    pub tensor_split: &'a [u32],
    /// K cache type.
    pub kv_k: KvType,
    /// V cache type.
    pub kv_v: KvType,
    /// Flash attention.
    pub flash_attn: FlashAttn,
    /// Parallel sequences.
    pub parallel: u32,
    /// One KV buffer shared by all sequences.
    pub kv_unified: bool,
    /// MoE blocks whose experts stay in RAM.
    pub n_cpu_moe: Option<u32>,
    /// Physical batch (512 = default, omitted).
    pub ubatch: u32,
    /// Tensor-parallel GPUs (1 = none).
    pub tp: u32,
    /// vLLM/SGLang memory fraction (`None` = default).
    pub mem_fraction: Option<f64>,
}

/// llama.cpp's name of a KV cache type (`q8_0`).
pub fn kv_name(t: KvType) -> &'static str {
    match t {
        KvType::F32 => "f32",
        KvType::F16 => "f16",
        KvType::Bf16 => "bf16",
        KvType::Q8_0 => "q8_0",
        KvType::Q5_1 => "q5_1",
        KvType::Q5_0 => "q5_0",
        KvType::Q4_1 => "q4_1",
        KvType::Q4_0 => "q4_0",
        KvType::Iq4Nl => "iq4_nl",
    }
}

/// llama.cpp's `-ts` flag for `layers` per GPU (`-ts 17,16`).
pub fn tensor_split_flag(layers: &[u32]) -> String {
    let each: Vec<String> = layers.iter().map(|k| format!("{k}")).collect();
    format!("-ts {}", each.join(","))
}

/// A ready-to-run command line (several lines for Ollama: environment,
/// server, run) for the chosen runtime.
pub fn command(p: &CommandParams<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    match p.runtime {
        RuntimeId::LlamaCpp => {
            parts.push(String::from("llama-server"));
            if p.file.ends_with(".gguf") {
                parts.push(format!("-m {}", p.file));
            } else if p.file.is_empty() {
                parts.push(format!("-hf {}", p.repo));
            } else {
                parts.push(format!("-hf {}:{}", p.repo, p.file));
            }
            parts.push(format!("-c {}", p.ctx));
            if let Some(n) = p.ngl {
                parts.push(format!("-ngl {n}"));
                if !p.tensor_split.is_empty() {
                    parts.push(tensor_split_flag(p.tensor_split));
                }
            }
            if p.kv_k != KvType::F16 {
                parts.push(format!("-ctk {}", kv_name(p.kv_k)));
            }
            if p.kv_v != KvType::F16 {
                parts.push(format!("-ctv {}", kv_name(p.kv_v)));
            }
            match p.flash_attn {
                FlashAttn::Auto => {}
                FlashAttn::On => parts.push(String::from("-fa on")),
                FlashAttn::Off => parts.push(String::from("-fa off")),
            }
            parts.push(format!("-np {}", p.parallel.max(1)));
            if p.kv_unified && p.parallel > 1 {
                parts.push(String::from("--kv-unified"));
            }
            if let Some(n) = p.n_cpu_moe {
                parts.push(format!("--n-cpu-moe {n}"));
            }
            if p.ubatch != 512 && p.ubatch != 0 {
                parts.push(format!("-ub {}", p.ubatch));
            }
            parts.join(" ")
        }
        RuntimeId::Ollama => {
            let mut env: Vec<String> = Vec::new();
            let fa = p.flash_attn == FlashAttn::On
                || (p.flash_attn == FlashAttn::Auto
                    && (p.kv_k != KvType::F16 || p.kv_v != KvType::F16));
            if fa {
                env.push(String::from("OLLAMA_FLASH_ATTENTION=1"));
            }
            if p.kv_k != KvType::F16 || p.kv_v != KvType::F16 {
                // Ollama takes one type for both K and V (q8_0 or q4_0).
                let t = if matches!(p.kv_k, KvType::Q4_0) || matches!(p.kv_v, KvType::Q4_0) {
                    "q4_0"
                } else {
                    "q8_0"
                };
                env.push(format!("OLLAMA_KV_CACHE_TYPE={t}"));
            }
            env.push(format!("OLLAMA_NUM_PARALLEL={}", p.parallel.max(1)));
            env.push(format!("OLLAMA_CONTEXT_LENGTH={}", p.ctx));
            let tag = if p.ollama_tag.is_empty() {
                if p.file.is_empty() {
                    format!("hf.co/{}", p.repo)
                } else {
                    format!("hf.co/{}:{}", p.repo, p.file)
                }
            } else {
                String::from(p.ollama_tag)
            };
            let mut out = format!("{} ollama serve\nollama run {}", env.join(" "), tag);
            if let Some(n) = p.ngl {
                out.push_str(&format!("\n# in the session: /set parameter num_gpu {n}"));
            }
            out
        }
        RuntimeId::LmStudio => {
            let mut s = format!("lms load {} --context-length {}", p.repo, p.ctx);
            match p.ngl {
                Some(0) => s.push_str(" --gpu off"),
                Some(_) | None => s.push_str(" --gpu max"),
            }
            s
        }
        RuntimeId::Koboldcpp => {
            let model = if p.file.is_empty() { p.repo } else { p.file };
            parts.push(format!("koboldcpp --model {model} --contextsize {}", p.ctx));
            if let Some(n) = p.ngl {
                parts.push(format!("--gpulayers {n}"));
            }
            let quant_kv = match (p.kv_k, p.kv_v) {
                (KvType::F16, KvType::F16) => None,
                (KvType::Q4_0, _) | (_, KvType::Q4_0) => Some(2),
                _ => Some(1),
            };
            if p.flash_attn == FlashAttn::On || quant_kv.is_some() {
                parts.push(String::from("--flashattention"));
            }
            if let Some(q) = quant_kv {
                parts.push(format!("--quantkv {q}"));
            }
            parts.join(" ")
        }
        RuntimeId::Vllm => {
            parts.push(format!("vllm serve {} --max-model-len {}", p.repo, p.ctx));
            if let Some(f) = p.mem_fraction {
                parts.push(format!("--gpu-memory-utilization {f}"));
            }
            if p.tp > 1 {
                parts.push(format!("--tensor-parallel-size {}", p.tp));
            }
            if p.kv_k != KvType::F16 || p.kv_v != KvType::F16 {
                parts.push(String::from("--kv-cache-dtype fp8"));
            }
            parts.join(" ")
        }
        RuntimeId::Sglang => {
            parts.push(format!(
                "python -m sglang.launch_server --model-path {} --context-length {}",
                p.repo, p.ctx
            ));
            if let Some(f) = p.mem_fraction {
                parts.push(format!("--mem-fraction-static {f}"));
            }
            if p.tp > 1 {
                parts.push(format!("--tp {}", p.tp));
            }
            parts.join(" ")
        }
        RuntimeId::Mlx => format!(
            "mlx_lm.generate --model {} --max-kv-size {} --prompt \"Hello\"",
            p.repo, p.ctx
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(runtime: RuntimeId) -> CommandParams<'static> {
        CommandParams {
            runtime,
            repo: "unsloth/Qwen3-32B-GGUF",
            file: "Q4_K_M",
            ollama_tag: "qwen3:32b",
            ctx: 16384,
            ngl: Some(99),
            tensor_split: &[],
            kv_k: KvType::Q8_0,
            kv_v: KvType::Q8_0,
            flash_attn: FlashAttn::On,
            parallel: 1,
            kv_unified: true,
            n_cpu_moe: None,
            ubatch: 512,
            tp: 1,
            mem_fraction: None,
        }
    }

    #[test]
    fn every_runtime_has_a_profile() {
        for id in RuntimeId::ALL {
            assert_eq!(runtime(id).id, id);
        }
    }

    #[test]
    fn llama_server_command() {
        assert_eq!(
            command(&params(RuntimeId::LlamaCpp)),
            "llama-server -hf unsloth/Qwen3-32B-GGUF:Q4_K_M -c 16384 -ngl 99 -ctk q8_0 -ctv q8_0 -fa on -np 1"
        );
    }

    #[test]
    fn ollama_command_sets_kv_type_with_flash_attention() {
        let c = command(&params(RuntimeId::Ollama));
        assert!(
            c.starts_with(
                "OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0 OLLAMA_NUM_PARALLEL=1"
            ),
            "{c}"
        );
        assert!(c.contains("ollama run qwen3:32b"), "{c}");
    }

    #[test]
    fn ollama_default_context_follows_vram() {
        // server/routes.go thresholds: 47 GiB and 23 GiB (sizing-facts §4.8).
        assert_eq!(ollama_default_ctx(24 << 30), 32_768);
        assert_eq!(ollama_default_ctx(16 << 30), 4_096);
        assert_eq!(ollama_default_ctx(48 << 30), 262_144);
    }

    #[test]
    fn sglang_fraction_for_a_24_gib_gpu() {
        // 24 GiB = 24576 MiB; tier < 35 GiB, TP 1: chunked 2048, graph bs 24.
        // reserved = 512 + 2048*1.5 + 24*2 + 1/8*1024 = 512 + 3072 + 48 + 128 = 3760 MiB.
        // (24576 - 3760) / 24576 = 0.84700... → 0.847.
        assert_eq!(sglang_mem_fraction_static(24 << 30, 1), 0.847);
    }
}
