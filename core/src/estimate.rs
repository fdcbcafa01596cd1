//! The estimate: bytes per part and per device, fit verdict, speed and
//! warnings for one [`Scenario`].
//!
//! [`estimate`] never fails: odd inputs give a (possibly empty) estimate
//! plus [`Warning`]s. All integers are bytes.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

use crate::device::DeviceKind;
use crate::kv::KvParams;
use crate::placement::{
    self, Dev, Devices, FitScratch, LayerCosts, LayerShape, Parts, Placement, Tally, TallyIn,
};
use crate::runtime::{self, Engine};
use crate::scenario::Scenario;
use crate::speed;
use crate::weights::Confidence;

/// Version of the estimate's JSON shape (`schema` key).
pub const SCHEMA: u32 = 2;

/// Whether the scenario fits its devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fit {
    /// Every device in use keeps at least 10 % free.
    Fits,
    /// Fits, but some device in use has less than 10 % free.
    Tight,
    /// Some device would need more memory than it has.
    No,
}

impl Fit {
    /// `"fits"`, `"tight"` or `"no"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Fits => "fits",
            Fit::Tight => "tight",
            Fit::No => "no",
        }
    }
}

/// Kind of a device in the breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UseKind {
    /// A GPU (discrete, or the GPU share of unified memory).
    Gpu,
    /// System RAM / CPU.
    Cpu,
}

impl UseKind {
    /// `"gpu"` or `"cpu"`.
    pub fn as_str(self) -> &'static str {
        match self {
            UseKind::Gpu => "gpu",
            UseKind::Cpu => "cpu",
        }
    }
}

/// What one device holds.
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceUse {
    /// Display name (shared with the scenario's device).
    pub name: Cow<'static, str>,
    /// GPU or CPU.
    pub kind: UseKind,
    /// Memory the runtime may use there: VRAM (vLLM: × utilization),
    /// the unified GPU working-set limit, or RAM (with unified memory: RAM
    /// left after the GPU's share).
    pub capacity_bytes: u64,
    /// Sum of the parts below.
    pub used_bytes: u64,
    /// Weights held there (projector included).
    pub weights_bytes: u64,
    /// KV cache and recurrent state held there.
    pub kv_bytes: u64,
    /// Compute buffer (and, on the CPU, the output buffer).
    pub compute_bytes: u64,
    /// Backend/driver overhead (and runtime reserves).
    pub overhead_bytes: u64,
    /// Main blocks whose attention/dense weights sit there (tensor split:
    /// blocks touched).
    pub n_layers: u32,
}

/// Something the user should know about an estimate.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    /// A quantized V cache without flash attention: llama.cpp refuses to start.
    QuantizedVNeedsFlashAttn,
    /// Ollama ignores a quantized KV type without flash attention (f16 is used).
    KvQuantIgnoredWithoutFlashAttn,
    /// The context is longer than the model was trained for.
    ContextAboveTraining {
        /// Requested context.
        ctx: u64,
        /// `n_ctx_train`.
        n_ctx_train: u64,
    },
    /// The unified-memory GPU limit is the user's raised value, not macOS's default.
    UnifiedLimitRaised {
        /// The limit in use.
        limit_bytes: u64,
    },
    /// The unified-memory GPU limit is a tiered default (not documented by
    /// Apple); `sudo sysctl iogpu.wired_limit_mb` changes it.
    UnifiedLimitDefault {
        /// The assumed limit.
        limit_bytes: u64,
    },
    /// Only part of the model is on the GPU(s): decode is bound by RAM bandwidth.
    PartialOffloadSlow {
        /// Main blocks on GPUs.
        n_gpu_layers: u32,
        /// Main blocks in the model.
        n_layers: u32,
    },
    /// Routed experts of some blocks are in system RAM.
    ExpertsInRam {
        /// Blocks whose experts are in RAM.
        n_blocks: u32,
    },
    /// No GPU: everything runs on the CPU.
    CpuOnly,
    /// Weight bytes are a calibrated approximation (e.g. an Unsloth UD mix).
    ApproximateQuant,
    /// A formula not confirmed against upstream code or measurements.
    UnconfirmedFormula {
        /// What is unconfirmed.
        what: &'static str,
    },
    /// vLLM: no memory left for KV blocks after weights and activations.
    VllmNoKvMemory,
    /// MLX warns and may be slow when the model exceeds 0.9 × the wired limit.
    MlxNearWiredLimit,
    /// The scenario has no layers or no weights: nothing to size.
    EmptyModel,
    /// Vision/audio is on, but the model's projector size is unknown: the
    /// projector is not counted.
    ProjectorSizeUnknown,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::QuantizedVNeedsFlashAttn => {
                f.write_str("a quantized V cache needs flash attention: llama.cpp refuses to start with -fa off")
            }
            Warning::KvQuantIgnoredWithoutFlashAttn => {
                f.write_str("Ollama uses a quantized KV cache only with flash attention on; f16 is sized")
            }
            Warning::ContextAboveTraining { ctx, n_ctx_train } => write!(
                f,
                "context {ctx} is above the model's training context {n_ctx_train}: quality may drop"
            ),
            Warning::UnifiedLimitRaised { limit_bytes } => write!(
                f,
                "GPU working-set limit raised to {} MiB (iogpu.wired_limit_mb); it resets on reboot",
                limit_bytes / crate::units::MIB
            ),
            Warning::UnifiedLimitDefault { limit_bytes } => write!(
                f,
                "GPU working-set limit assumed {} MiB (a default ratio of RAM); raise it with sudo sysctl iogpu.wired_limit_mb",
                limit_bytes / crate::units::MIB
            ),
            Warning::PartialOffloadSlow { n_gpu_layers, n_layers } => write!(
                f,
                "only {n_gpu_layers} of {n_layers} layers on the GPU: generation is limited by RAM bandwidth"
            ),
            Warning::ExpertsInRam { n_blocks } => write!(
                f,
                "routed experts of {n_blocks} blocks are in system RAM (--n-cpu-moe {n_blocks})"
            ),
            Warning::CpuOnly => f.write_str("no GPU: the model runs on the CPU from system RAM"),
            Warning::ApproximateQuant => {
                f.write_str("weight bytes are approximate: this quant mix cannot be predicted exactly from rules")
            }
            Warning::UnconfirmedFormula { what } => write!(f, "unconfirmed formula: {what}"),
            Warning::VllmNoKvMemory => {
                f.write_str("vLLM: no memory left for KV cache blocks after weights and activations")
            }
            Warning::MlxNearWiredLimit => {
                f.write_str("MLX: model is above 0.9 x the GPU wired limit; generation can be slow")
            }
            Warning::EmptyModel => f.write_str("the model has no layers or weights"),
            Warning::ProjectorSizeUnknown => f.write_str(
                "this model's vision/audio projector size is unknown: it is not counted in the memory",
            ),
        }
    }
}

/// The result of [`estimate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// Total parameters.
    pub params: u64,
    /// Parameters used per token.
    pub active_params: u64,
    /// Predicted file size.
    pub file_bytes: u64,
    /// Weights held in memory across all devices (tied-output copy and
    /// multimodal projector included).
    pub weights_bytes: u64,
    /// Attention KV cache.
    pub kv_bytes: u64,
    /// Recurrent / linear-attention state.
    pub recurrent_state_bytes: u64,
    /// Compute buffers of all devices (an estimate).
    pub compute_bytes: u64,
    /// Host output (logits) buffer.
    pub output_bytes: u64,
    /// Backend/driver overhead and runtime reserves.
    pub overhead_bytes: u64,
    /// Sum of the parts above.
    pub total_bytes: u64,
    /// Per device, GPUs first then system RAM.
    pub devices: Vec<DeviceUse>,
    /// Fit verdict.
    pub fit: Fit,
    /// Largest context (tokens) that fits with the same placement, capped at
    /// the training context and 1M; 0 if even 256 tokens do not fit.
    pub max_ctx_that_fits: u64,
    /// Decode speed at the quoted depth (tokens/s).
    pub decode_tokens_per_s: f64,
    /// Prompt-processing speed (tokens/s).
    pub prefill_tokens_per_s: f64,
    /// Effective context cells after the runtime's padding.
    pub n_ctx: u64,
    /// Layers offloaded as llama.cpp counts them for `-ngl` (output layer included).
    pub ngl: u32,
    /// Blocks whose routed experts are in RAM.
    pub n_cpu_moe: u32,
    /// Layers per GPU (output layer included) when llama.cpp's `--fit`
    /// filled several GPUs one by one: its `--tensor-split`. Empty when
    /// the layers are split in proportion to free memory.
    pub tensor_split: Vec<u32>,
    /// The offloaded blocks are each divided across the GPUs (tensor
    /// parallelism, or llama.cpp `--split-mode row`): every GPU counts them
    /// in its [`DeviceUse::n_layers`].
    pub split_across_gpus: bool,
    /// Things to know.
    pub warnings: Vec<Warning>,
    /// Overall confidence: the least sure of the parts (compute buffers
    /// are always estimated).
    pub confidence: Confidence,
}

/// Context cap for [`Estimate::max_ctx_that_fits`] when the model does not say.
pub const MAX_CTX_CAP: u64 = 1 << 20;

/// Estimates memory, fit and speed for `s`. Never fails.
pub fn estimate(s: &Scenario) -> Estimate {
    let shape = LayerShape::new(s);
    let costs = CtxCosts::new(s, &shape);
    let mut scratch = FitScratch::default();
    estimate_with(
        s,
        &shape,
        &Devices::new(s),
        MaxCtx::Search,
        &costs,
        &mut scratch,
        None,
    )
}

/// What an estimate needs of its context that does not depend on the
/// quantization: the per-kind costs at the context, the speed figures per
/// kind at the decode depth, and the context cells after the runtime's
/// padding. A sweep computes them once per model and context and shares
/// them between the model's plans.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CtxCosts {
    /// The context they are for.
    pub(crate) ctx: u64,
    layer: LayerCosts,
    reads: speed::KindReads,
    n_ctx: u64,
}

impl CtxCosts {
    /// The costs of `s` at its context; `shape` is the [`LayerShape`] of
    /// any plan of `s`'s model (only its block kinds are read).
    pub(crate) fn new(s: &Scenario, shape: &LayerShape) -> Self {
        let depth = s.decode_depth.unwrap_or(s.ctx / 2).max(1);
        CtxCosts {
            ctx: s.ctx,
            layer: LayerCosts::with_shape(s, s.ctx, shape),
            reads: speed::KindReads::new(s, depth, shape),
            n_ctx: costs_n_ctx(s, shape.v_width_max),
        }
    }
}

/// How [`estimate_with`] finds [`Estimate::max_ctx_that_fits`].
pub(crate) enum MaxCtx<'a> {
    /// Search it.
    Search,
    /// Skip the search: 0.
    Skip,
    /// Search it unless `memo` holds the answer for the same placement:
    /// the search depends on the placement, not on the scenario's context,
    /// so every context with the same placement shares it. The memo must
    /// be cleared when anything but the context changes.
    Memo(&'a mut MaxCtxMemo),
}

/// The largest context that fits, per placement, for one scenario whose
/// context alone changes. With everything else fixed, a placement is a
/// function of its `-ngl` and `--n-cpu-moe` values and its layers per GPU
/// (llama.cpp's layout of those on these GPUs, or the all-GPU layout of
/// the other engines), so they are the key: a few words, no pointer to
/// follow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MaxCtxMemo {
    /// `((ngl, n_cpu_moe, layers per GPU), largest context)`; the first
    /// `len` are in use.
    entries: [(MemoKey, u64); MAX_CTX_MEMO],
    len: usize,
    /// The entry replaced next once all are in use.
    next: usize,
}

impl MaxCtxMemo {
    fn get(&self, key: &MemoKey) -> Option<u64> {
        self.entries
            .iter()
            .take(self.len)
            .find(|e| e.0 == *key)
            .map(|e| e.1)
    }

    fn insert(&mut self, key: MemoKey, max_ctx: u64) {
        let at = if self.len < MAX_CTX_MEMO {
            self.len += 1;
            self.len - 1
        } else {
            let at = self.next;
            self.next = (self.next + 1) % MAX_CTX_MEMO;
            at
        };
        if let Some(e) = self.entries.get_mut(at) {
            *e = (key, max_ctx);
        }
    }

    /// Forgets every entry.
    pub(crate) fn clear(&mut self) {
        *self = MaxCtxMemo::default();
    }
}

/// The placement chosen at the last context estimated, `(ctx, ngl,
/// n_cpu_moe)`, for one scenario whose context alone changes: memory grows
/// with context, so at a larger context nothing larger fits, and the
/// placement search starts from it. Must be cleared when anything but the
/// context changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FitHint(Option<(u64, u32, u32)>);

impl FitHint {
    /// Forgets the placement.
    pub(crate) fn clear(&mut self) {
        self.0 = None;
    }
}

/// A placement's key in [`MaxCtxMemo`]: `(ngl, n_cpu_moe, layers per GPU)`.
type MemoKey = (u32, u32, Option<placement::GpuLayers>);

/// At most this many placements are remembered per memo.
const MAX_CTX_MEMO: usize = 4;

/// [`estimate`] with the block kinds of `s` and its [`Devices`] already
/// known (they depend only on the model, quantization and settings, so a
/// sweep keeps them).
pub(crate) fn estimate_with(
    s: &Scenario,
    shape: &LayerShape,
    devs: &Devices,
    max_ctx: MaxCtx<'_>,
    costs: &CtxCosts,
    scratch: &mut FitScratch,
    fit_hint: Option<&mut FitHint>,
) -> Estimate {
    debug_assert_eq!(costs.ctx, s.ctx);
    let x = TallyIn {
        s,
        c: &costs.layer,
        shape,
        d: devs,
    };
    let hint = fit_hint
        .as_deref()
        .and_then(|h| h.0.filter(|h| h.0 <= s.ctx).map(|h| (h.1, h.2)));
    let (pl, t) = placement::choose_tallied(x, scratch, hint);
    if let Some(h) = fit_hint {
        h.0 = Some((s.ctx, pl.ngl, pl.n_cpu_moe));
    }

    let mut devices = Vec::with_capacity(t.gpus.len() + 1);
    for ((g, p), &cap) in s.gpus.iter().zip(&t.gpus).zip(&t.gpu_capacity) {
        devices.push(device_use(g.name.clone(), UseKind::Gpu, cap, p));
    }
    devices.push(device_use(
        s.host.name.clone(),
        UseKind::Cpu,
        t.host_capacity,
        &t.host,
    ));

    // Every part summed over the devices, in one pass.
    let mut all = Parts::default();
    for p in t.gpus.iter().chain(core::iter::once(&t.host)) {
        all.weights = all.weights.saturating_add(p.weights);
        all.kv = all.kv.saturating_add(p.kv);
        all.state = all.state.saturating_add(p.state);
        all.compute = all.compute.saturating_add(p.compute);
        all.output = all.output.saturating_add(p.output);
        all.overhead = all.overhead.saturating_add(p.overhead);
    }
    let weights_bytes = all.weights;
    let kv_bytes = all.kv;
    let recurrent_state_bytes = all.state;
    let compute_bytes = all.compute;
    let output_bytes = all.output;
    let overhead_bytes = all.overhead;
    let total_bytes = t
        .gpus
        .iter()
        .chain(core::iter::once(&t.host))
        .fold(0u64, |a, p| a.saturating_add(p.used()));

    let fit = verdict(&devices);
    let cap = match s.arch.n_ctx_train {
        0 => MAX_CTX_CAP,
        n => n.min(MAX_CTX_CAP),
    };
    let search = || placement::max_ctx_with_shape(s, pl, devs, cap, shape);
    let max_ctx_that_fits = match max_ctx {
        MaxCtx::Search => search(),
        MaxCtx::Skip => 0,
        MaxCtx::Memo(memo) => {
            let key = (pl.ngl, pl.n_cpu_moe, pl.gpu_layers);
            match memo.get(&key) {
                Some(m) => m,
                None => {
                    let m = search();
                    memo.insert(key, m);
                    m
                }
            }
        }
    };
    let (decode_tokens_per_s, prefill_tokens_per_s) =
        speed::speeds_with(s, pl, shape, &costs.reads, &devs.rates);

    let warnings = warnings(s, pl, t, shape);
    // Compute buffers and overheads are estimates, so the whole is at best
    // Estimated; an approximate weight plan makes it Approximate.
    let confidence = s.weights.confidence.max(Confidence::Estimated);

    Estimate {
        params: s.weights.params,
        active_params: s.weights.active_params,
        file_bytes: s.weights.file_bytes,
        weights_bytes,
        kv_bytes,
        recurrent_state_bytes,
        compute_bytes,
        output_bytes,
        overhead_bytes,
        total_bytes,
        devices,
        fit,
        max_ctx_that_fits,
        decode_tokens_per_s,
        prefill_tokens_per_s,
        n_ctx: costs.n_ctx,
        ngl: pl.ngl,
        n_cpu_moe: pl.n_cpu_moe,
        tensor_split: pl
            .gpu_layers
            .map_or_else(Vec::new, |g| g.iter().take(s.gpus.len()).copied().collect()),
        split_across_gpus: pl.tensor_split(),
        warnings,
        confidence,
    }
}

fn costs_n_ctx(s: &Scenario, v_width_max: u64) -> u64 {
    match s.profile.engine {
        Engine::LlamaCpp => KvParams::with_v_width(s, s.ctx, v_width_max).layout.n_ctx,
        _ => s.ctx,
    }
}

fn device_use(name: Cow<'static, str>, kind: UseKind, capacity_bytes: u64, p: &Parts) -> DeviceUse {
    DeviceUse {
        name,
        kind,
        capacity_bytes,
        used_bytes: p.used(),
        weights_bytes: p.weights,
        kv_bytes: p.kv.saturating_add(p.state),
        compute_bytes: p.compute.saturating_add(p.output),
        overhead_bytes: p.overhead,
        n_layers: p.n_layers,
    }
}

/// No if any device is over capacity, tight if any device in use keeps
/// under 10 % free, else fits.
fn verdict(devices: &[DeviceUse]) -> Fit {
    let mut fit = Fit::Fits;
    for d in devices.iter().filter(|d| d.used_bytes > 0) {
        if d.used_bytes > d.capacity_bytes {
            return Fit::No;
        }
        let free = d.capacity_bytes - d.used_bytes;
        if free < d.capacity_bytes / 10 {
            fit = Fit::Tight;
        }
    }
    fit
}

fn warnings(s: &Scenario, pl: &Placement, t: &Tally, shape: &LayerShape) -> Vec<Warning> {
    let mut w = Vec::new();
    let n_layers = s.arch.layers.len() as u32;
    if shape.empty {
        w.push(Warning::EmptyModel);
    }
    let v_quant = runtime::kv_is_quantized(s.kv_type_v);
    let any_quant = v_quant || runtime::kv_is_quantized(s.kv_type_k);
    if s.profile.engine == Engine::LlamaCpp && !s.flash_attn {
        if s.profile.kv_quant_needs_fa && any_quant {
            w.push(Warning::KvQuantIgnoredWithoutFlashAttn);
        } else if v_quant {
            w.push(Warning::QuantizedVNeedsFlashAttn);
        }
    }
    if s.arch.n_ctx_train > 0 && s.ctx > s.arch.n_ctx_train {
        w.push(Warning::ContextAboveTraining {
            ctx: s.ctx,
            n_ctx_train: s.arch.n_ctx_train,
        });
    }
    for g in s.gpus.iter().filter(|g| g.kind == DeviceKind::Unified) {
        let default = crate::catalog::gpus::default_unified_gpu_limit(g.capacity_bytes);
        if g.gpu_limit_bytes > default {
            w.push(Warning::UnifiedLimitRaised {
                limit_bytes: g.gpu_limit_bytes,
            });
        } else if g.gpu_limit_bytes == default {
            w.push(Warning::UnifiedLimitDefault {
                limit_bytes: g.gpu_limit_bytes,
            });
        }
    }
    if s.gpus.is_empty() {
        w.push(Warning::CpuOnly);
    } else {
        let on_gpu = pl.n_blocks_off_cpu() as u32;
        if on_gpu < n_layers {
            w.push(Warning::PartialOffloadSlow {
                n_gpu_layers: on_gpu,
                n_layers,
            });
        }
        // MoE blocks off the CPU among the first n_cpu_moe.
        let n_moe: u32 = pl
            .runs
            .iter()
            .filter(|r| r.dev != Dev::Cpu)
            .map(|r| {
                let end = (pl.n_cpu_moe as usize).clamp(r.a, r.b);
                shape.moe_counts(r.a, end).0
            })
            .sum();
        if n_moe > 0 {
            w.push(Warning::ExpertsInRam { n_blocks: n_moe });
        }
    }
    if s.mmproj_unknown {
        w.push(Warning::ProjectorSizeUnknown);
    }
    if s.weights.confidence == Confidence::Approximate {
        w.push(Warning::ApproximateQuant);
    }
    if shape.has_compressed {
        w.push(Warning::UnconfirmedFormula {
            what: "DeepSeek V4 compressed KV cache layout",
        });
    }
    if shape.has_recurrent && matches!(s.profile.engine, Engine::Vllm | Engine::Sglang) {
        w.push(Warning::UnconfirmedFormula {
            what: "recurrent state per request slot in vLLM/SGLang",
        });
    }
    if s.profile.engine == Engine::Mlx && any_quant {
        w.push(Warning::UnconfirmedFormula {
            what: "MLX quantized KV cache (group size 64 assumed)",
        });
    }
    match s.profile.engine {
        Engine::Vllm => {
            let no_room = t.gpus.iter().zip(&t.gpu_capacity).any(|(p, &cap)| {
                p.n_layers > 0
                    && p.weights
                        .saturating_add(p.compute)
                        .saturating_add(p.overhead)
                        >= cap
            });
            if no_room {
                w.push(Warning::VllmNoKvMemory);
            }
        }
        Engine::Mlx => {
            let near = t
                .gpus
                .iter()
                .zip(&t.gpu_capacity)
                .any(|(p, &cap)| p.weights as f64 > 0.9 * cap as f64);
            if near {
                w.push(Warning::MlxNearWiredLimit);
            }
        }
        _ => {}
    }
    w
}
