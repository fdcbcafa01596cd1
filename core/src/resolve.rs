//! Resolving an [`HfConfig`] (or a GGUF header) into a per-layer [`Arch`].
//!
//! This is where every family rule lives: the `model_type` → llama.cpp
//! architecture map, family defaults, sliding-window patterns (Gemma 2/3/3n/4,
//! Cohere2, gpt-oss, Llama 4 chunked), KV sharing (Gemma 3n/4), per-layer
//! head sizes (Gemma 4), MLA, DeepSeek V4 compressed attention, hybrid
//! recurrent layers, and MoE layouts. Sources: sizing-facts §2.8, §4.3–4.7
//! (llama.cpp `src/models/*.cpp`, `src/llama-model.cpp` hparams).

use alloc::string::String;
use alloc::vec::Vec;

use crate::arch::{
    Arch, Attn, CompressedAttn, Ffn, KvSource, Layer, LlamaArch, MlaAttn, Moe, RecurrentKind,
    RecurrentMixer, StandardAttn, Window,
};
use crate::hf_config::HfConfig;

/// Why a config could not be resolved into an [`Arch`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArchError {
    /// `model_type` names no supported architecture.
    UnknownModelType(String),
    /// A field the family needs is absent.
    Missing(&'static str),
    /// A field is zero or absurdly large.
    OutOfRange {
        /// config.json field name.
        field: &'static str,
        /// The value found.
        value: u64,
        /// Largest accepted value.
        max: u64,
    },
    /// Fields contradict each other (the message says how).
    Inconsistent(&'static str),
}

impl core::fmt::Display for ArchError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ArchError::UnknownModelType(t) => write!(f, "unknown model_type `{t}`"),
            ArchError::Missing(field) => write!(f, "missing `{field}`"),
            ArchError::OutOfRange { field, value, max } => {
                write!(f, "`{field}` = {value} is out of range (1..={max})")
            }
            ArchError::Inconsistent(msg) => f.write_str(msg),
        }
    }
}

impl core::error::Error for ArchError {}

/// Upper bounds on config values; anything larger is rejected as absurd.
pub mod limits {
    /// Main blocks.
    pub const LAYERS: u64 = 1024;
    /// Hidden size.
    pub const HIDDEN: u64 = 131_072;
    /// Vocabulary.
    pub const VOCAB: u64 = 4_000_000;
    /// Routed experts.
    pub const EXPERTS: u64 = 4096;
    /// Attention heads.
    pub const HEADS: u64 = 4096;
    /// Head size.
    pub const HEAD_DIM: u64 = 8192;
    /// FFN width.
    pub const FFN: u64 = 1 << 20;
    /// Context length.
    pub const CTX: u64 = 1 << 26;
    /// Window / ranks / small dims.
    pub const DIM: u64 = 1 << 20;
}

/// (config.json `model_type` or GGUF `general.architecture`, llama.cpp arch).
#[rustfmt::skip]
const MODEL_TYPES: &[(&str, LlamaArch)] = &[
    ("llama", LlamaArch::Llama), ("mistral", LlamaArch::Llama), ("mixtral", LlamaArch::Llama),
    ("ministral", LlamaArch::Llama),
    ("llama4", LlamaArch::Llama4), ("llama4_text", LlamaArch::Llama4),
    ("qwen2", LlamaArch::Qwen2), ("qwen2_moe", LlamaArch::Qwen2Moe), ("qwen2moe", LlamaArch::Qwen2Moe),
    ("qwen3", LlamaArch::Qwen3), ("qwen3_moe", LlamaArch::Qwen3Moe), ("qwen3moe", LlamaArch::Qwen3Moe),
    ("qwen3_next", LlamaArch::Qwen3Next), ("qwen3next", LlamaArch::Qwen3Next),
    ("qwen3_5", LlamaArch::Qwen35), ("qwen3_5_text", LlamaArch::Qwen35), ("qwen35", LlamaArch::Qwen35),
    ("qwen3_5_moe", LlamaArch::Qwen35Moe), ("qwen3_5_moe_text", LlamaArch::Qwen35Moe),
    ("qwen35moe", LlamaArch::Qwen35Moe),
    ("gemma2", LlamaArch::Gemma2), ("gemma3", LlamaArch::Gemma3), ("gemma3_text", LlamaArch::Gemma3),
    ("gemma3n", LlamaArch::Gemma3n), ("gemma3n_text", LlamaArch::Gemma3n),
    ("gemma4", LlamaArch::Gemma4), ("gemma4_text", LlamaArch::Gemma4),
    ("phi3", LlamaArch::Phi3),
    ("deepseek_v2", LlamaArch::Deepseek2), ("deepseek_v3", LlamaArch::Deepseek2),
    ("kimi_k2", LlamaArch::Deepseek2), ("deepseek2", LlamaArch::Deepseek2),
    ("deepseek_v4", LlamaArch::Deepseek4), ("deepseek4", LlamaArch::Deepseek4),
    ("glm4_moe", LlamaArch::Glm4Moe), ("glm4moe", LlamaArch::Glm4Moe),
    ("gpt_oss", LlamaArch::GptOss), ("gpt-oss", LlamaArch::GptOss),
    ("cohere2", LlamaArch::Cohere2), ("lfm2", LlamaArch::Lfm2),
    ("granitemoehybrid", LlamaArch::GraniteHybrid), ("granitehybrid", LlamaArch::GraniteHybrid),
    ("nemotron_h", LlamaArch::NemotronH), ("jamba", LlamaArch::Jamba),
    ("mamba2", LlamaArch::Mamba2), ("falcon_h1", LlamaArch::FalconH1), ("falcon-h1", LlamaArch::FalconH1),
];

impl LlamaArch {
    /// The llama.cpp architecture for a config.json `model_type` (or a GGUF
    /// `general.architecture` name).
    pub fn from_model_type(model_type: &str) -> Option<LlamaArch> {
        MODEL_TYPES
            .iter()
            .find(|(name, _)| *name == model_type)
            .map(|(_, a)| *a)
    }

    /// The GGUF `general.architecture` name.
    pub fn gguf_name(self) -> &'static str {
        match self {
            LlamaArch::Llama => "llama",
            LlamaArch::Llama4 => "llama4",
            LlamaArch::Qwen2 => "qwen2",
            LlamaArch::Qwen2Moe => "qwen2moe",
            LlamaArch::Qwen3 => "qwen3",
            LlamaArch::Qwen3Moe => "qwen3moe",
            LlamaArch::Qwen3Next => "qwen3next",
            LlamaArch::Qwen35 => "qwen35",
            LlamaArch::Qwen35Moe => "qwen35moe",
            LlamaArch::Gemma2 => "gemma2",
            LlamaArch::Gemma3 => "gemma3",
            LlamaArch::Gemma3n => "gemma3n",
            LlamaArch::Gemma4 => "gemma4",
            LlamaArch::Phi3 => "phi3",
            LlamaArch::Deepseek2 => "deepseek2",
            LlamaArch::Deepseek4 => "deepseek4",
            LlamaArch::Glm4Moe => "glm4moe",
            LlamaArch::GptOss => "gpt-oss",
            LlamaArch::Cohere2 => "cohere2",
            LlamaArch::Lfm2 => "lfm2",
            LlamaArch::GraniteHybrid => "granitehybrid",
            LlamaArch::NemotronH => "nemotron_h",
            LlamaArch::Jamba => "jamba",
            LlamaArch::Mamba2 => "mamba2",
            LlamaArch::FalconH1 => "falcon-h1",
        }
    }
}

/// Checked access to optional config fields.
struct Fields<'a>(&'a HfConfig);

fn check(field: &'static str, value: u64, max: u64) -> Result<u64, ArchError> {
    if value == 0 || value > max {
        Err(ArchError::OutOfRange { field, value, max })
    } else {
        Ok(value)
    }
}

/// A present value must be in range; `None` passes through.
fn opt(field: &'static str, value: Option<u64>, max: u64) -> Result<Option<u64>, ArchError> {
    value.map(|v| check(field, v, max)).transpose()
}

/// Like [`opt`] but 0 counts as absent (configs write 0 for "none").
fn opt0(field: &'static str, value: Option<u64>, max: u64) -> Result<Option<u64>, ArchError> {
    opt(field, value.filter(|v| *v != 0), max)
}

fn req(field: &'static str, value: Option<u64>, max: u64) -> Result<u64, ArchError> {
    check(field, value.ok_or(ArchError::Missing(field))?, max)
}

impl Fields<'_> {
    fn hidden(&self) -> Result<u64, ArchError> {
        req("hidden_size", self.0.hidden_size, limits::HIDDEN)
    }
    fn n_layer(&self) -> Result<u64, ArchError> {
        req(
            "num_hidden_layers",
            self.0.num_hidden_layers,
            limits::LAYERS,
        )
    }
    fn n_head(&self) -> Result<u64, ArchError> {
        req(
            "num_attention_heads",
            self.0.num_attention_heads,
            limits::HEADS,
        )
    }
    fn n_head_kv(&self, n_head: u64) -> Result<u64, ArchError> {
        Ok(opt(
            "num_key_value_heads",
            self.0.num_key_value_heads,
            limits::HEADS,
        )?
        .unwrap_or(n_head))
    }
    fn head_dim(&self, n_embd: u64, n_head: u64) -> Result<u64, ArchError> {
        match opt("head_dim", self.0.head_dim, limits::HEAD_DIM)? {
            Some(d) => Ok(d),
            None => check("head_dim", n_embd / n_head, limits::HEAD_DIM),
        }
    }
    fn n_ff(&self) -> Result<u64, ArchError> {
        req("intermediate_size", self.0.intermediate_size, limits::FFN)
    }
    fn vocab(&self) -> Result<u64, ArchError> {
        req("vocab_size", self.0.vocab_size, limits::VOCAB)
    }
}

/// The token-mixer kind of one layer before shapes are attached.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Full,
    Sliding,
    Linear,
    Mamba,
    Conv,
}

fn slot_from_byte(b: u8) -> Result<Slot, ArchError> {
    match b {
        b'F' => Ok(Slot::Full),
        b'S' => Ok(Slot::Sliding),
        b'L' => Ok(Slot::Linear),
        b'M' => Ok(Slot::Mamba),
        b'C' => Ok(Slot::Conv),
        _ => Err(ArchError::Inconsistent(
            "`layer_types` holds an unknown layer kind",
        )),
    }
}

/// Layer kinds: from `layer_types` when given, else from `default(il)`.
fn slots(
    cfg: &HfConfig,
    n_layer: u64,
    default: impl Fn(u64) -> Slot,
) -> Result<Vec<Slot>, ArchError> {
    let n = n_layer as usize;
    if cfg.layer_types.is_empty() {
        return Ok((0..n_layer).map(default).collect());
    }
    if cfg.layer_types.len() < n {
        return Err(ArchError::Inconsistent(
            "`layer_types` has fewer entries than `num_hidden_layers`",
        ));
    }
    cfg.layer_types
        .iter()
        .take(n)
        .map(|b| slot_from_byte(*b))
        .collect()
}

/// `set_swa_pattern(p)`: layer `il` is SWA iff `il % p < p - 1`; p = 0 all SWA.
fn swa_pattern(p: u64) -> impl Fn(u64) -> Slot {
    move |il| {
        if p == 0 || il % p < p - 1 {
            Slot::Sliding
        } else {
            Slot::Full
        }
    }
}

fn std_attn(n_head: u64, n_head_kv: u64, head_dim: u64, qkv_bias: bool) -> StandardAttn {
    StandardAttn {
        n_head,
        n_head_kv,
        head_dim_k: head_dim,
        head_dim_v: head_dim,
        window: None,
        kv: KvSource::Own,
        fused_qkv: false,
        q_gate: false,
        k_eq_v: false,
        qkv_bias,
    }
}

impl Arch {
    /// Resolve a config.json-shaped architecture the way llama.cpp's
    /// converter and loader do.
    pub fn from_hf(cfg: &HfConfig) -> Result<Arch, ArchError> {
        let arch = LlamaArch::from_model_type(&cfg.model_type)
            .ok_or_else(|| ArchError::UnknownModelType(String::from(&*cfg.model_type)))?;
        let f = Fields(cfg);
        let n_embd = f.hidden()?;
        let n_layer = f.n_layer()?;
        let n_vocab = f.vocab()?;
        let n_ctx_train = opt(
            "max_position_embeddings",
            cfg.max_position_embeddings,
            limits::CTX,
        )?
        .unwrap_or(4096);
        let tied_default = matches!(
            arch,
            LlamaArch::Gemma2
                | LlamaArch::Gemma3
                | LlamaArch::Gemma3n
                | LlamaArch::Gemma4
                | LlamaArch::Cohere2
                | LlamaArch::Lfm2
        );
        // MTP/NextN blocks: llama.cpp's converter stores them for GLM-4.5
        // (`glm4moe`, block_count = layers + nextn) and skips them for
        // DeepSeek and Qwen3.5/3.6 (published Qwen3.6 BF16 files match the
        // main blocks alone, see validation/file-sizes.json).
        let n_nextn = opt0(
            "num_nextn_predict_layers",
            cfg.num_nextn_predict_layers,
            limits::LAYERS,
        )?
        .filter(|_| arch == LlamaArch::Glm4Moe)
        .unwrap_or(0);
        let mut out = Arch {
            arch,
            n_embd,
            n_vocab,
            n_ctx_train,
            tied_embeddings: cfg.tie_word_embeddings.unwrap_or(tied_default),
            layers: Vec::new(),
            n_nextn_layers: n_nextn,
            n_embd_per_layer: 0,
            n_vocab_per_layer: 0,
            hc_mult: 1,
        };
        out.layers = match arch {
            LlamaArch::Deepseek2 => mla_layers(cfg, &f, n_layer)?,
            LlamaArch::Deepseek4 => {
                out.hc_mult = opt("hc_mult", cfg.hc_mult, 64)?.unwrap_or(1);
                dsv4_layers(cfg, &f, n_layer)?
            }
            LlamaArch::Mamba2
            | LlamaArch::Jamba
            | LlamaArch::GraniteHybrid
            | LlamaArch::NemotronH
            | LlamaArch::FalconH1
            | LlamaArch::Lfm2 => ssm_layers(arch, cfg, &f, n_embd, n_layer)?,
            _ => attn_layers(arch, cfg, &f, n_embd, n_layer, &mut out)?,
        };
        Ok(out)
    }
}

/// MoE shapes from the config, or `None` for a dense model.
fn moe(cfg: &HfConfig, f: &Fields<'_>) -> Result<Option<Moe>, ArchError> {
    let Some(n_expert) = opt0("num_experts", cfg.num_experts, limits::EXPERTS)? else {
        return Ok(None);
    };
    let n_used = req(
        "num_experts_per_tok",
        cfg.num_experts_per_tok,
        n_expert.min(limits::EXPERTS),
    )?;
    let n_ff_exp = match opt(
        "moe_intermediate_size",
        cfg.moe_intermediate_size,
        limits::FFN,
    )? {
        Some(v) => v,
        None => f.n_ff()?,
    };
    let n_shared = opt0("n_shared_experts", cfg.n_shared_experts, 64)?;
    let shexp = opt0(
        "shared_expert_intermediate_size",
        cfg.shared_expert_intermediate_size,
        limits::FFN,
    )?;
    let n_ff_shexp = match (shexp, n_shared) {
        (Some(w), _) => w,
        (None, Some(n)) => n_ff_exp * n,
        (None, None) => 0,
    };
    Ok(Some(Moe {
        n_expert,
        n_expert_used: n_used,
        n_ff_exp,
        n_ff_shexp,
        n_ff_dense: 0,
        fused_gate_up: false,
        expert_bias: false,
    }))
}

fn dense(n_ff: u64) -> Ffn {
    Ffn::Dense {
        n_ff,
        fused_gate_up: false,
    }
}

/// Softmax-attention families, including the gated-delta-net hybrids.
fn attn_layers(
    arch: LlamaArch,
    cfg: &HfConfig,
    f: &Fields<'_>,
    n_embd: u64,
    n_layer: u64,
    out: &mut Arch,
) -> Result<Vec<Layer>, ArchError> {
    let n_head = f.n_head()?;
    let n_head_kv = f.n_head_kv(n_head)?;
    let head_dim = f.head_dim(n_embd, n_head)?;
    let window = opt0("sliding_window", cfg.sliding_window, limits::CTX)?;
    let qkv_bias = cfg
        .attention_bias
        .unwrap_or(arch == LlamaArch::Qwen2 || arch == LlamaArch::Qwen2Moe);
    let moe = moe(cfg, f)?;

    // Which layers are sliding/full/linear.
    let pattern: Vec<Slot> = match arch {
        LlamaArch::Gemma2 => slots(cfg, n_layer, swa_pattern(2))?,
        LlamaArch::Gemma3 if window.is_some() => {
            let p = opt(
                "sliding_window_pattern",
                cfg.sliding_window_pattern,
                limits::LAYERS,
            )?;
            slots(cfg, n_layer, swa_pattern(p.unwrap_or(6)))?
        }
        LlamaArch::Gemma3n => slots(cfg, n_layer, swa_pattern(5))?,
        LlamaArch::Gemma4 => {
            let p = opt(
                "sliding_window_pattern",
                cfg.sliding_window_pattern,
                limits::LAYERS,
            )?;
            slots(cfg, n_layer, swa_pattern(p.unwrap_or(6)))?
        }
        LlamaArch::Cohere2 => slots(cfg, n_layer, swa_pattern(4))?,
        LlamaArch::GptOss => slots(cfg, n_layer, swa_pattern(2))?,
        LlamaArch::Llama4 => slots(cfg, n_layer, swa_pattern(4))?,
        LlamaArch::Qwen3Next | LlamaArch::Qwen35 | LlamaArch::Qwen35Moe => {
            let interval = opt(
                "full_attention_interval",
                cfg.full_attention_interval,
                limits::LAYERS,
            )?
            .unwrap_or(4);
            slots(cfg, n_layer, move |il| {
                if (il + 1).is_multiple_of(interval) {
                    Slot::Full
                } else {
                    Slot::Linear
                }
            })?
        }
        _ => (0..n_layer).map(|_| Slot::Full).collect(),
    };
    let window = match arch {
        LlamaArch::Gemma2 | LlamaArch::Cohere2 => Some(window.unwrap_or(4096)),
        LlamaArch::Gemma3n => Some(window.unwrap_or(512)),
        LlamaArch::GptOss => Some(window.unwrap_or(128)),
        LlamaArch::Llama4 => Some(
            opt0(
                "attention_chunk_size",
                cfg.attention_chunk_size,
                limits::CTX,
            )?
            .unwrap_or(8192),
        ),
        _ => window,
    };
    if pattern.contains(&Slot::Sliding) && window.is_none() {
        return Err(ArchError::Missing("sliding_window"));
    }

    // Gemma 3n/4 per-layer embeddings and KV sharing.
    let n_shared_kv = opt0("num_kv_shared_layers", cfg.num_kv_shared_layers, n_layer)?.unwrap_or(0);
    if matches!(arch, LlamaArch::Gemma3n | LlamaArch::Gemma4) {
        if let Some(w) = opt0(
            "hidden_size_per_layer_input",
            cfg.hidden_size_per_layer_input,
            limits::DIM,
        )? {
            out.n_embd_per_layer = w;
            out.n_vocab_per_layer = opt(
                "vocab_size_per_layer_input",
                cfg.vocab_size_per_layer_input,
                limits::VOCAB,
            )?
            .unwrap_or(out.n_vocab);
        }
    }
    let n_kv_from_start = n_layer - n_shared_kv;
    let global_head_dim = opt("global_head_dim", cfg.global_head_dim, limits::HEAD_DIM)?;
    let global_kv = opt(
        "num_global_key_value_heads",
        cfg.num_global_key_value_heads,
        limits::HEADS,
    )?;

    // Gated delta net dims (Qwen3-Next / 3.5 / 3.6), sizing-facts §4.6.
    let recurrent = if pattern.contains(&Slot::Linear) {
        let k_heads = req(
            "linear_num_key_heads",
            cfg.linear_num_key_heads,
            limits::HEADS,
        )?;
        let v_heads = req(
            "linear_num_value_heads",
            cfg.linear_num_value_heads,
            limits::HEADS,
        )?;
        let k_dim = req(
            "linear_key_head_dim",
            cfg.linear_key_head_dim,
            limits::HEAD_DIM,
        )?;
        let v_dim = req(
            "linear_value_head_dim",
            cfg.linear_value_head_dim,
            limits::HEAD_DIM,
        )?;
        Some(RecurrentMixer {
            kind: RecurrentKind::GatedDeltaNet,
            d_conv: opt("conv_kernel", cfg.conv_kernel, 64)?.unwrap_or(4),
            d_inner: v_dim * v_heads,
            d_state: k_dim,
            n_group: k_heads,
            n_heads: v_heads,
        })
    } else {
        None
    };

    let mut layers = Vec::with_capacity(pattern.len());
    for (il, slot) in pattern.iter().enumerate() {
        let il = il as u64;
        let attn = match slot {
            Slot::Linear => match recurrent {
                Some(r) => Attn::Recurrent(r),
                None => return Err(ArchError::Missing("linear_num_key_heads")),
            },
            Slot::Mamba | Slot::Conv => {
                return Err(ArchError::Inconsistent(
                    "`layer_types` names recurrent layers this family does not have",
                ))
            }
            Slot::Full | Slot::Sliding => {
                let sliding = *slot == Slot::Sliding;
                let mut a = std_attn(n_head, n_head_kv, head_dim, qkv_bias);
                if sliding {
                    a.window = window.map(|n| Window {
                        n_tokens: n,
                        chunked: arch == LlamaArch::Llama4,
                    });
                }
                match arch {
                    LlamaArch::Phi3 => a.fused_qkv = true,
                    LlamaArch::Qwen3Next | LlamaArch::Qwen35 | LlamaArch::Qwen35Moe => {
                        a.q_gate = true
                    }
                    LlamaArch::Gemma4 if !sliding => {
                        if let Some(d) = global_head_dim {
                            a.head_dim_k = d;
                            a.head_dim_v = d;
                        }
                        if let Some(kv) = global_kv {
                            a.n_head_kv = kv;
                        }
                        a.k_eq_v = cfg.attention_k_eq_v.unwrap_or(false);
                    }
                    _ => {}
                }
                if il >= n_kv_from_start {
                    // Reuse the last KV-owning layer of the same kind.
                    let src = (0..n_kv_from_start)
                        .rev()
                        .find(|j| pattern.get(*j as usize) == Some(slot))
                        .ok_or(ArchError::Inconsistent(
                            "`num_kv_shared_layers` leaves no layer to share KV with",
                        ))?;
                    a.kv = KvSource::SharedWith(src as u32);
                }
                Attn::Standard(a)
            }
        };
        layers.push(Layer {
            attn,
            ffn: layer_ffn(arch, cfg, f, il, n_layer, n_kv_from_start, moe)?,
        });
    }
    Ok(layers)
}

fn layer_ffn(
    arch: LlamaArch,
    cfg: &HfConfig,
    f: &Fields<'_>,
    il: u64,
    n_layer: u64,
    n_kv_from_start: u64,
    moe: Option<Moe>,
) -> Result<Ffn, ArchError> {
    let first_dense =
        opt0("first_k_dense_replace", cfg.first_k_dense_replace, n_layer)?.unwrap_or(0);
    let step = opt0("moe_layer_step", cfg.moe_layer_step, n_layer)?.unwrap_or(1);
    match (arch, moe) {
        (LlamaArch::Phi3, _) => Ok(Ffn::Dense {
            n_ff: f.n_ff()?,
            fused_gate_up: true,
        }),
        (LlamaArch::Gemma4, m) => {
            let mut n_ff = f.n_ff()?;
            if il >= n_kv_from_start && cfg.use_double_wide_mlp.unwrap_or(false) {
                n_ff *= 2;
            }
            Ok(match m {
                Some(mut m) => {
                    m.n_ff_dense = n_ff;
                    m.fused_gate_up = true;
                    Ffn::Moe(m)
                }
                None => dense(n_ff),
            })
        }
        (_, Some(mut m)) if il >= first_dense && (il + 1).is_multiple_of(step) => {
            if arch == LlamaArch::GptOss {
                m.expert_bias = true;
            }
            if arch == LlamaArch::Llama4 && m.n_ff_shexp == 0 {
                // Llama 4 MoE layers carry one shared expert of the expert width.
                m.n_ff_shexp = m.n_ff_exp;
            }
            Ok(Ffn::Moe(m))
        }
        _ => Ok(dense(f.n_ff()?)),
    }
}

/// DeepSeek V2/V3/R1 and Kimi K2: MLA attention, leading dense layers.
fn mla_layers(cfg: &HfConfig, f: &Fields<'_>, n_layer: u64) -> Result<Vec<Layer>, ArchError> {
    let mla = MlaAttn {
        n_head: f.n_head()?,
        q_lora_rank: opt0("q_lora_rank", cfg.q_lora_rank, limits::DIM)?.unwrap_or(0),
        kv_lora_rank: req("kv_lora_rank", cfg.kv_lora_rank, limits::DIM)?,
        qk_nope_head_dim: req("qk_nope_head_dim", cfg.qk_nope_head_dim, limits::HEAD_DIM)?,
        qk_rope_head_dim: req("qk_rope_head_dim", cfg.qk_rope_head_dim, limits::HEAD_DIM)?,
        v_head_dim: req("v_head_dim", cfg.v_head_dim, limits::HEAD_DIM)?,
    };
    let moe = moe(cfg, f)?;
    (0..n_layer)
        .map(|il| {
            Ok(Layer {
                attn: Attn::Mla(mla),
                ffn: layer_ffn(LlamaArch::Deepseek2, cfg, f, il, n_layer, n_layer, moe)?,
            })
        })
        .collect()
}

/// DeepSeek V4: compressed attention with per-layer `compress_ratios`.
fn dsv4_layers(cfg: &HfConfig, f: &Fields<'_>, n_layer: u64) -> Result<Vec<Layer>, ArchError> {
    let n = n_layer as usize;
    if cfg.compress_ratios.len() < n {
        return Err(ArchError::Inconsistent(
            "`compress_ratios` has fewer entries than `num_hidden_layers`",
        ));
    }
    let n_embd = f.hidden()?;
    let n_head = f.n_head()?;
    let base = CompressedAttn {
        n_head,
        head_dim: f.head_dim(n_embd, n_head)?,
        window: opt0("sliding_window", cfg.sliding_window, limits::CTX)?.unwrap_or(128),
        compress_ratio: 0,
        index_head_dim: opt0("index_head_dim", cfg.index_head_dim, limits::HEAD_DIM)?.unwrap_or(0),
        index_n_heads: opt0("index_n_heads", cfg.index_n_heads, limits::HEADS)?.unwrap_or(0),
        q_lora_rank: req("q_lora_rank", cfg.q_lora_rank, limits::DIM)?,
        o_lora_rank: req("o_lora_rank", cfg.o_lora_rank, limits::DIM)?,
        o_groups: req("o_groups", cfg.o_groups, limits::HEADS)?,
        qk_rope_head_dim: req("qk_rope_head_dim", cfg.qk_rope_head_dim, limits::HEAD_DIM)?,
    };
    let moe = moe(cfg, f)?.ok_or(ArchError::Missing("num_experts"))?;
    cfg.compress_ratios
        .iter()
        .take(n)
        .map(|r| {
            let r = u64::from(*r);
            if !matches!(r, 0 | 4 | 128) {
                return Err(ArchError::Inconsistent(
                    "`compress_ratios` entries must be 0, 4 or 128",
                ));
            }
            Ok(Layer {
                attn: Attn::Compressed(CompressedAttn {
                    compress_ratio: r,
                    ..base
                }),
                ffn: Ffn::Moe(moe),
            })
        })
        .collect()
}

/// Mamba2 / Jamba / Granite / Nemotron-H / Falcon-H1 / LFM2 hybrids.
///
/// Layer kinds come from `layer_types` (`M` recurrent, `C` short
/// convolution, `F`/`S` attention); pure Mamba2 defaults to all `M` and LFM2
/// has no default. Falcon-H1 runs attention and SSM side by side in every
/// block; it is approximated here as recurrent blocks with an FFN (its
/// attention weights and KV are not modelled).
fn ssm_layers(
    arch: LlamaArch,
    cfg: &HfConfig,
    f: &Fields<'_>,
    n_embd: u64,
    n_layer: u64,
) -> Result<Vec<Layer>, ArchError> {
    if cfg.layer_types.is_empty() && !matches!(arch, LlamaArch::Mamba2 | LlamaArch::FalconH1) {
        return Err(ArchError::Missing("layer_types"));
    }
    let pattern = slots(cfg, n_layer, |_| Slot::Mamba)?;
    let has_attn = pattern
        .iter()
        .any(|s| matches!(s, Slot::Full | Slot::Sliding));
    let (n_head, n_head_kv, head_dim) = if has_attn {
        let n_head = f.n_head()?;
        (n_head, f.n_head_kv(n_head)?, f.head_dim(n_embd, n_head)?)
    } else {
        (0, 0, 0)
    };
    let d_conv = opt("conv_kernel", cfg.conv_kernel, 64)?.unwrap_or(4);
    let rec = match arch {
        LlamaArch::Lfm2 => RecurrentMixer {
            kind: RecurrentKind::ShortConv,
            d_conv: opt("conv_kernel", cfg.conv_kernel, 64)?.unwrap_or(3),
            d_inner: n_embd,
            d_state: 0,
            n_group: 0,
            n_heads: 0,
        },
        LlamaArch::Jamba => {
            let d_inner =
                opt("ssm_inner_size", cfg.ssm_inner_size, limits::FFN)?.unwrap_or(2 * n_embd);
            RecurrentMixer {
                kind: RecurrentKind::Mamba1,
                d_conv,
                d_inner,
                d_state: opt("ssm_state_size", cfg.ssm_state_size, 4096)?.unwrap_or(16),
                n_group: 0,
                // dt_rank = ceil(hidden / 16) (Jamba default).
                n_heads: n_embd.div_ceil(16),
            }
        }
        _ => {
            let d_inner =
                opt("ssm_inner_size", cfg.ssm_inner_size, limits::FFN)?.unwrap_or(2 * n_embd);
            RecurrentMixer {
                kind: RecurrentKind::Mamba2,
                d_conv,
                d_inner,
                d_state: opt("ssm_state_size", cfg.ssm_state_size, 4096)?.unwrap_or(128),
                n_group: opt("ssm_n_groups", cfg.ssm_n_groups, limits::HEADS)?.unwrap_or(1),
                n_heads: opt("ssm_n_heads", cfg.ssm_n_heads, limits::HEADS)?
                    .unwrap_or(d_inner / 64),
            }
        }
    };
    let moe = moe(cfg, f)?;
    let n_ff = match arch {
        LlamaArch::Mamba2 => 0,
        // LFM2 configs set block_auto_adjust_ff_dim: n_ff = 256·ceil((2/3·n_ff)/256)
        // (assumption: every released LFM2 config sets it).
        LlamaArch::Lfm2 => (f.n_ff()? * 2 / 3).div_ceil(256) * 256,
        _ => opt("intermediate_size", cfg.intermediate_size, limits::FFN)?.unwrap_or(0),
    };
    let step = opt0("moe_layer_step", cfg.moe_layer_step, n_layer)?.unwrap_or(1);
    let mut layers = Vec::with_capacity(pattern.len());
    for (il, slot) in pattern.iter().enumerate() {
        let attn = match slot {
            Slot::Full | Slot::Sliding => {
                Attn::Standard(std_attn(n_head, n_head_kv, head_dim, false))
            }
            Slot::Mamba if arch != LlamaArch::Lfm2 => Attn::Recurrent(rec),
            Slot::Conv if arch == LlamaArch::Lfm2 => Attn::Recurrent(rec),
            _ => {
                return Err(ArchError::Inconsistent(
                    "`layer_types` names a layer kind this family does not have",
                ))
            }
        };
        let ffn = match moe {
            Some(m) if (il as u64) % step == step - 1 => Ffn::Moe(m),
            _ => dense(n_ff),
        };
        layers.push(Layer { attn, ffn });
    }
    Ok(layers)
}
