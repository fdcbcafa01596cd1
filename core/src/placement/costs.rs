//! Per-block costs at one context, by block kind: KV, recurrent state,
//! compute peak and mask of each kind of block, and the running sums that
//! let the tally add a run of consecutive blocks at once.

use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::compute::{self, ComputeParams};
use crate::runtime::Engine;
use crate::scenario::Scenario;
use crate::small::SmallVec;

/// Per-block figures that do not change while placement is searched.
///
/// Blocks repeat a few kinds (a dense model has one, an iSWA model two)
/// and every per-block figure depends only on the block's kind, so the
/// figures are kept once per kind; [`LayerCosts::block`] gives them for
/// one block. They depend on the architecture, the settings and the
/// context, not on the quantization: every plan of a model shares them.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerCosts {
    /// Attention KV of all blocks.
    pub kv_total: u64,
    /// Recurrent state of all blocks.
    pub state_total: u64,
    /// Bytes of the full-span mask.
    pub mask_full: u64,
    /// Bytes of the widest sliding-window mask.
    pub mask_window: u64,
    /// Residual stream bytes (added once per device in use).
    pub hidden: u64,
    /// Logits bytes on the output device.
    pub logits: u64,
    /// Host-side graph inputs.
    pub host_input: u64,
    /// Host output buffer.
    pub output_buffer: u64,
    /// Figures of each block kind (in the order of
    /// [`LayerShape::first_blocks`]).
    pub(super) kinds: SmallVec<BlockCost, 4>,
    /// No KV or state sum over blocks overflows (with the weight sums of
    /// [`LayerShape`], runs of blocks can then be added at once).
    pub(super) exact_sums: bool,
}

/// KV, state, compute peak (mask excluded) and mask of one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct BlockCost {
    /// Attention KV.
    pub kv: u64,
    /// Recurrent state.
    pub state: u64,
    /// Compute peak, mask excluded.
    pub peak: u64,
    /// Mask the block reads.
    pub mask: compute::MaskKind,
}

/// The distinct block kinds of a model and running sums of its weights,
/// found once per (model, quantization) and shared by every context.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LayerShape {
    /// The block kinds (shared by every quantization of the model).
    kinds: Arc<BlockKinds>,
    /// Widest V row over all layers (see [`crate::kv::v_width_max`]).
    pub(crate) v_width_max: u64,
    /// Running sums over blocks `0..il` for each `il` in `0..=n_layer`
    /// (one entry per block boundary: what a run of blocks needs sits
    /// together in memory).
    pub(super) prefix: Vec<Prefix>,
    /// No weight sum of `prefix` overflowed, and the weight plan has one
    /// entry per block: runs of blocks can be tallied from the sums.
    pub(super) w_exact: bool,
    /// Some block has a MoE FFN.
    pub(crate) arch_moe: bool,
    /// Some block has routed-expert weights.
    pub(crate) any_expert_weights: bool,
    /// Some block uses DeepSeek V4's compressed attention.
    pub(crate) has_compressed: bool,
    /// Some block is recurrent (linear attention, SSM).
    pub(crate) has_recurrent: bool,
    /// The blocks' weights average 15 bits per parameter or more (f16/bf16/f32).
    pub(crate) float_weights: bool,
    /// The model has no blocks or no weights.
    pub(crate) empty: bool,
}

/// Running sums over the blocks before a block boundary.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub(crate) struct Prefix {
    /// The weights, the weights without routed experts, and the routed experts.
    pub(crate) w: [u64; 3],
    /// The [`SpeedSums`] fields in order.
    speed: [f64; 6],
    /// Blocks with a MoE FFN, blocks with routed-expert weights.
    moe: [u32; 2],
}

/// Per-token figures of the blocks in a range, for the speed model.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub(crate) struct SpeedSums {
    /// Weight bytes read per token (active experts only).
    pub(crate) active_bytes: f64,
    /// The routed-expert part of `active_bytes`.
    pub(crate) active_expert_bytes: f64,
    /// All routed-expert weight bytes.
    pub(crate) expert_bytes: f64,
    /// All weight bytes.
    pub(crate) bytes: f64,
    /// Matrix FLOPs per token: 2 × active parameters.
    pub(crate) weight_flops: f64,
    /// The routed-expert part of `weight_flops` (by byte share).
    pub(crate) expert_flops: f64,
}

/// The distinct kinds of a model's blocks: they depend on the architecture
/// only, so the plans of one model at every quantization share them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BlockKinds {
    /// Index of the first block of each kind.
    first: Vec<usize>,
    /// Kind of each block (index into `first`).
    kind_of: Vec<u16>,
    /// Running counts: `counts[il * n_kinds + k]` blocks of kind `k` in `0..il`.
    counts: Vec<u32>,
}

impl BlockKinds {
    /// The block kinds of `arch`.
    pub(crate) fn new(arch: &crate::arch::Arch) -> Self {
        let n = arch.layers.len();
        let (first, kind_of) = arch.layer_groups();
        let n_kinds = first.len();
        let mut counts = alloc::vec![0u32; (n + 1) * n_kinds];
        for (il, &k) in kind_of.iter().enumerate() {
            let (before, after) = counts.split_at_mut((il + 1) * n_kinds);
            let prev = &before[il * n_kinds..];
            after[..n_kinds].copy_from_slice(prev);
            after[usize::from(k)] += 1;
        }
        BlockKinds {
            first,
            kind_of,
            counts,
        }
    }
}

impl LayerShape {
    /// The block kinds and weight sums of `s`.
    pub(crate) fn new(s: &Scenario) -> Self {
        Self::with_kinds(s, Arc::new(BlockKinds::new(&s.arch)))
    }

    /// The weight sums of `s`, whose block kinds are `kinds`
    /// (from [`BlockKinds::new`] of `s.arch`).
    pub(crate) fn with_kinds(s: &Scenario, kinds: Arc<BlockKinds>) -> Self {
        let arch = &s.arch;
        let n = arch.layers.len();
        let mut prefix = Vec::with_capacity(n + 1);
        let mut acc = Prefix::default();
        let mut w_exact = true;
        prefix.push(acc);
        for (il, layer) in arch.layers.iter().enumerate() {
            let lw = s.weights.layers.get(il).copied().unwrap_or_default();
            let dense = lw.bytes.saturating_sub(lw.expert_bytes);
            let w = [lw.bytes, dense, lw.expert_bytes];
            for (a, v) in acc.w.iter_mut().zip(w) {
                match a.checked_add(v) {
                    Some(sum) => *a = sum,
                    None => w_exact = false,
                }
            }
            let active_experts = lw.active_bytes.saturating_sub(dense) as f64;
            let expert_share = if lw.active_bytes > 0 {
                active_experts / lw.active_bytes as f64
            } else {
                0.0
            };
            let x = [
                lw.active_bytes as f64,
                active_experts,
                lw.expert_bytes as f64,
                lw.bytes as f64,
                2.0 * lw.active_params as f64,
                2.0 * lw.active_params as f64 * expert_share,
            ];
            for (a, v) in acc.speed.iter_mut().zip(x) {
                *a += v;
            }
            acc.moe[0] += u32::from(matches!(layer.ffn, crate::arch::Ffn::Moe(_)));
            acc.moe[1] += u32::from(lw.expert_bytes > 0);
            prefix.push(acc);
        }
        let any = |f: fn(&crate::arch::Attn) -> bool| arch.layers.iter().any(|l| f(&l.attn));
        let (total_bytes, total_params) =
            s.weights.layers.iter().fold((0u64, 0u64), |(b, p), l| {
                (b.saturating_add(l.bytes), p.saturating_add(l.params))
            });
        LayerShape {
            kinds,
            v_width_max: crate::kv::v_width_max(arch),
            w_exact: w_exact && s.weights.layers.len() == n,
            arch_moe: acc.moe[0] > 0,
            any_expert_weights: s.weights.layers.iter().any(|l| l.expert_bytes > 0),
            prefix,
            has_compressed: any(|a| matches!(a, crate::arch::Attn::Compressed(_))),
            has_recurrent: any(|a| matches!(a, crate::arch::Attn::Recurrent(_))),
            float_weights: total_bytes as f64 * 8.0 / (total_params.max(1) as f64) >= 15.0,
            empty: n == 0 || s.weights.loaded_bytes() == 0,
        }
    }

    /// Speed figures of blocks `a..b` (zeros for an empty or invalid range).
    pub(crate) fn speed_sums(&self, a: usize, b: usize) -> SpeedSums {
        let (Some(pa), Some(pb)) = (self.prefix.get(a), self.prefix.get(b)) else {
            return SpeedSums::default();
        };
        if a >= b {
            return SpeedSums::default();
        }
        let d = |k: usize| (pb.speed[k] - pa.speed[k]).max(0.0);
        SpeedSums {
            active_bytes: d(0),
            active_expert_bytes: d(1),
            expert_bytes: d(2),
            bytes: d(3),
            weight_flops: d(4),
            expert_flops: d(5),
        }
    }

    /// Blocks in `a..b` with a MoE FFN (`.0`) and with routed-expert
    /// weights (`.1`).
    pub(crate) fn moe_counts(&self, a: usize, b: usize) -> (u32, u32) {
        match (self.prefix.get(a), self.prefix.get(b)) {
            (Some(pa), Some(pb)) if a <= b => (pb.moe[0] - pa.moe[0], pb.moe[1] - pa.moe[1]),
            _ => (0, 0),
        }
    }

    fn n_kinds(&self) -> usize {
        self.kinds.first.len()
    }

    /// Index of the first block of each kind.
    pub(crate) fn first_blocks(&self) -> &[usize] {
        &self.kinds.first
    }

    /// Kind of each block (index into [`LayerShape::first_blocks`]).
    pub(crate) fn kind_of(&self) -> &[u16] {
        &self.kinds.kind_of
    }

    /// Blocks of kind `k` in `a..b`.
    pub(crate) fn count(&self, k: usize, a: usize, b: usize) -> u64 {
        let n = self.n_kinds();
        let at = |il: usize| self.kinds.counts.get(il * n + k).copied().unwrap_or(0);
        u64::from(at(b) - at(a))
    }
}

impl LayerCosts {
    /// Costs of `s` at context `ctx`.
    pub fn new(s: &Scenario, ctx: u64) -> Self {
        Self::with_shape(s, ctx, &LayerShape::new(s))
    }

    /// KV, state, peak and mask of block `il` of a model whose block kinds
    /// are `shape`'s (zeros past the last block).
    pub(crate) fn block(&self, shape: &LayerShape, il: usize) -> BlockCost {
        shape
            .kind_of()
            .get(il)
            .and_then(|&k| self.kinds.get(usize::from(k)))
            .copied()
            .unwrap_or(BlockCost {
                kv: 0,
                state: 0,
                peak: 0,
                mask: compute::MaskKind::None,
            })
    }

    /// Costs of `s` at context `ctx`, given the block kinds of `s` (only
    /// the kinds and the widest V row of `shape` are read, so any plan of
    /// the model gives the same costs).
    pub(crate) fn with_shape(s: &Scenario, ctx: u64, shape: &LayerShape) -> Self {
        let p = crate::kv::KvParams::with_v_width(s, ctx, shape.v_width_max);
        let cp = ComputeParams::new(p.layout, p.n_ubatch, s.flash_attn);
        let n = s.arch.layers.len();
        let (mut mask_full, mut mask_window) = (0u64, 0u64);
        let (mut kv_total, mut state_total) = (0u64, 0u64);
        let mut exact_sums = shape.kind_of().len() == n;
        let mut kinds = SmallVec::new();
        for (k, &il) in shape.first_blocks().iter().enumerate() {
            let layer = &s.arch.layers[il];
            let kv = crate::kv::layer_kv_bytes(&s.arch, il, &p)
                .saturating_mul(tp_kv_replication(s, layer));
            let state = crate::kv::layer_state_bytes(&s.arch, il, p.layout.n_seq);
            let peak = compute::layer_peak_bytes(&s.arch, il, &cp);
            let (mask, span) = compute::layer_span(&s.arch, il, &cp);
            // Only llama.cpp materialises a KQ mask per graph.
            let mb = if s.profile.engine == Engine::LlamaCpp {
                compute::mask_bytes(span, &cp)
            } else {
                0
            };
            match mask {
                compute::MaskKind::Full => mask_full = mask_full.max(mb),
                compute::MaskKind::Window => mask_window = mask_window.max(mb),
                compute::MaskKind::None => {}
            }
            // Sums of non-negative numbers: saturating per block or per kind
            // gives the same min(Σ, u64::MAX).
            let n_k = shape.count(k, 0, n);
            let (kv_k, state_k) = (kv.checked_mul(n_k), state.checked_mul(n_k));
            match (
                kv_k.and_then(|x| kv_total.checked_add(x)),
                state_k.and_then(|x| state_total.checked_add(x)),
            ) {
                (Some(a), Some(b)) => (kv_total, state_total) = (a, b),
                _ => {
                    exact_sums = false;
                    kv_total = kv_total.saturating_add(kv.saturating_mul(n_k));
                    state_total = state_total.saturating_add(state.saturating_mul(n_k));
                }
            }
            kinds.push(BlockCost {
                kv,
                state,
                peak,
                mask,
            });
        }
        LayerCosts {
            kv_total,
            state_total,
            mask_full,
            mask_window,
            hidden: compute::hidden_bytes(&s.arch, &cp),
            logits: compute::logits_bytes(&s.arch, &cp),
            host_input: match s.profile.engine {
                Engine::LlamaCpp => compute::host_input_bytes(&s.arch, &cp),
                _ => 0,
            },
            output_buffer: compute::output_buffer_bytes(&s.arch, s.n_seq()),
            kinds,
            exact_sums,
        }
    }
}

/// vLLM/SGLang tensor parallelism divides KV heads over the GPUs and
/// replicates them when there are fewer KV heads than GPUs; an MLA latent
/// is replicated on every GPU (sizing-facts §8). Returns how many copies
/// of the layer's KV exist in total (1 = divided without duplication).
fn tp_kv_replication(s: &Scenario, layer: &crate::arch::Layer) -> u64 {
    let tp = s.gpus.len() as u64;
    // These engines always place a multi-GPU model by tensor parallelism.
    let tensor_parallel = matches!(s.profile.engine, Engine::Vllm | Engine::Sglang) && tp > 1;
    if !tensor_parallel {
        return 1;
    }
    match layer.attn {
        crate::arch::Attn::Standard(a) if a.n_head_kv > 0 && a.n_head_kv < tp => {
            tp.div_ceil(a.n_head_kv)
        }
        crate::arch::Attn::Mla(_) => tp,
        _ => 1,
    }
}
