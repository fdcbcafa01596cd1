//! Decode and prefill speed (sizing-facts §9).
//!
//! Decode is memory-bandwidth bound: per token every device reads its
//! active weights and the KV span it holds; devices run one after the
//! other (layer split), so times add. Prefill is compute bound: FLOPs per
//! token over the device's matrix throughput; weights left in RAM are
//! streamed to the GPU over PCIe once per micro-batch (`op_offload`).
//! Each block also costs a fixed time per token (kernel launches and small
//! graph ops). The efficiency factors and block costs live in
//! [`crate::efficiency`], fitted on `validation/speed-calibration.json`.

use crate::arch::Attn;
use crate::device::DeviceSpec;
use crate::efficiency::{
    decode_bandwidth_efficiency, decode_overhead_s_per_layer, prefill_flops_efficiency,
};
use crate::kv::{self, KvParams};
use crate::placement::{Dev, LayerShape, Placement, Run};
use crate::scenario::Scenario;
use crate::small::SmallVec;

/// Effective PCIe host-to-device bandwidth (PCIe 4.0 x16: 32 GB/s peak,
/// ~25 GB/s achieved; estimate) used when weights in RAM are streamed.
pub const PCIE_GB_PER_S: f64 = 25.0;

/// Bytes read per token on each GPU and on the host, at `depth`.
struct Reads {
    gpu: SmallVec<f64, 4>,
    host: f64,
    gpu_flops: SmallVec<f64, 4>,
    host_flops: f64,
    host_weight_bytes: f64,
}

fn spread(v: &mut [f64], host: &mut f64, dev: Dev, x: f64) {
    match dev {
        Dev::Cpu => *host += x,
        Dev::Gpu(i) => {
            if let Some(g) = v.get_mut(i) {
                *g += x;
            }
        }
        Dev::Split => {
            let n = v.len().max(1) as f64;
            v.iter_mut().for_each(|g| *g += x / n);
        }
    }
}

/// Per-token figures of one block of each kind at one decode depth: KV
/// bytes read and attention FLOPs. They depend on the architecture, the
/// settings and the depth, not on the quantization, so every plan of a
/// model shares them.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct KindReads {
    /// `(KV bytes read, attention FLOPs)` per block kind, in the order of
    /// [`LayerShape::first_blocks`].
    per_kind: SmallVec<(f64, f64), 4>,
}

impl KindReads {
    /// The figures of the block kinds of `shape` at `depth` tokens.
    pub(crate) fn new(s: &Scenario, depth: u64, shape: &LayerShape) -> Self {
        let p = KvParams::with_v_width(s, depth.max(1), shape.v_width_max);
        let avg_span = depth / 2;
        let mut per_kind = SmallVec::new();
        for &il in shape.first_blocks() {
            per_kind.push((
                kv::layer_read_bytes(&s.arch, il, &p, depth) as f64,
                attn_flops(s, il, avg_span),
            ));
        }
        KindReads { per_kind }
    }
}

fn reads_with(s: &Scenario, pl: &Placement, shape: &LayerShape, kinds: &KindReads) -> Reads {
    let n_gpu = s.gpus.len();
    let mut zeros = SmallVec::new();
    zeros.fill(0.0, n_gpu);
    let mut r = Reads {
        gpu: zeros.clone(),
        host: 0.0,
        gpu_flops: zeros,
        host_flops: 0.0,
        host_weight_bytes: 0.0,
    };
    let per_kind = &kinds.per_kind;
    // Each run of blocks at once, from the running sums (a tensor-split
    // run divides its sums evenly over the GPUs, as it would block by block).
    for &Run { a, b, dev } in &pl.runs {
        // Blocks a..moe_end keep their routed experts in RAM.
        let moe_end = if dev == Dev::Cpu {
            a
        } else {
            (pl.n_cpu_moe as usize).clamp(a, b)
        };
        let in_ram = shape.speed_sums(a, moe_end);
        let rest = shape.speed_sums(moe_end, b);
        let (mut kv_read, mut attn) = (0.0, 0.0);
        for (k, &(kr, af)) in per_kind.iter().enumerate() {
            let n = shape.count(k, a, b) as f64;
            kv_read += n * kr;
            attn += n * af;
        }
        let bytes = in_ram.active_bytes - in_ram.active_expert_bytes + rest.active_bytes + kv_read;
        let flops = in_ram.weight_flops - in_ram.expert_flops + rest.weight_flops + attn;
        spread(&mut r.gpu, &mut r.host, dev, bytes);
        spread(&mut r.gpu_flops, &mut r.host_flops, dev, flops);
        r.host += in_ram.active_expert_bytes;
        r.host_flops += in_ram.expert_flops;
        r.host_weight_bytes += in_ram.expert_bytes;
        if dev == Dev::Cpu {
            r.host_weight_bytes += rest.bytes;
        }
    }
    let w = &s.weights;
    let out = (w.output_bytes + w.other_bytes) as f64;
    spread(&mut r.gpu, &mut r.host, pl.output_dev, out);
    let out_flops = 2.0 * (s.arch.n_embd as f64) * (s.arch.n_vocab as f64);
    spread(
        &mut r.gpu_flops,
        &mut r.host_flops,
        pl.output_dev,
        out_flops,
    );
    if pl.output_dev == Dev::Cpu {
        r.host_weight_bytes += out;
    }
    // One row of the input embeddings.
    let row = w.token_embd_bytes as f64 / (s.arch.n_vocab.max(1) as f64);
    spread(&mut r.gpu, &mut r.host, pl.embd_dev, row);
    r
}

/// Attention FLOPs per token over a span of `span` tokens: QKᵀ and AV,
/// `4 × n_head × head_dim × span` (sizing-facts §9.2).
fn attn_flops(s: &Scenario, il: usize, span: u64) -> f64 {
    let Some(layer) = s.arch.layers.get(il) else {
        return 0.0;
    };
    let (heads_dim, span) = match layer.attn {
        Attn::Standard(a) => (
            a.n_head.saturating_mul(a.head_dim_k),
            a.window.map_or(span, |w| span.min(w.n_tokens)),
        ),
        Attn::Mla(m) => (
            m.n_head
                .saturating_mul(m.kv_lora_rank.saturating_add(m.qk_rope_head_dim)),
            span,
        ),
        Attn::Compressed(c) => (
            c.n_head.saturating_mul(c.head_dim),
            span.min(c.window)
                .saturating_add(span / c.compress_ratio.max(4)),
        ),
        Attn::Recurrent(r) => (r.d_inner, 1),
    };
    4.0 * heads_dim as f64 * span as f64
}

fn bw(d: &DeviceSpec) -> f64 {
    d.bandwidth_gb_per_s.max(1e-3) * 1e9 * decode_bandwidth_efficiency(d)
}

/// Fixed per-token cost of the blocks: each block pays its device's
/// backend cost (dense or MoE); a tensor-split block runs on all GPUs at
/// once and pays it once.
fn block_overhead_s(s: &Scenario, pl: &Placement, shape: &LayerShape) -> f64 {
    pl.runs
        .iter()
        .map(|&Run { a, b, dev }| {
            let backend = match dev {
                Dev::Cpu => s.host.backend,
                Dev::Gpu(i) => s.gpus.get(i).map_or(s.host.backend, |g| g.backend),
                Dev::Split => s.gpus.first().map_or(s.host.backend, |g| g.backend),
            };
            let (_, n_moe) = shape.moe_counts(a, b);
            let n_dense = (b - a) as u32 - n_moe.min((b - a) as u32);
            f64::from(n_dense) * decode_overhead_s_per_layer(backend, false)
                + f64::from(n_moe) * decode_overhead_s_per_layer(backend, true)
        })
        .sum()
}

fn finite_pos(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

/// Decode tokens/s for one sequence at `depth` tokens of context.
pub fn decode_tokens_per_s(s: &Scenario, pl: &Placement, depth: u64) -> f64 {
    speeds(s, pl, depth).0
}

/// Decode and prefill tokens/s at `depth`, sharing one pass over the layers.
pub fn speeds(s: &Scenario, pl: &Placement, depth: u64) -> (f64, f64) {
    let shape = LayerShape::new(s);
    speeds_with(s, pl, &shape, &KindReads::new(s, depth, &shape))
}

/// [`speeds`] with the per-kind figures at the depth already known.
pub(crate) fn speeds_with(
    s: &Scenario,
    pl: &Placement,
    shape: &LayerShape,
    kinds: &KindReads,
) -> (f64, f64) {
    let r = reads_with(s, pl, shape, kinds);
    (
        decode_from(s, pl, &r, shape),
        prefill_from(s, pl, &r, shape),
    )
}

fn decode_from(s: &Scenario, pl: &Placement, r: &Reads, shape: &LayerShape) -> f64 {
    let mut secs = r.host / bw(&s.host) + block_overhead_s(s, pl, shape);
    if pl.tensor_split() {
        // GPUs work in parallel on each layer.
        let total: f64 = r.gpu.iter().sum();
        let agg: f64 = s.gpus.iter().map(bw).sum();
        secs += total / agg.max(1.0);
    } else {
        secs += r
            .gpu
            .iter()
            .zip(s.gpus.iter())
            .map(|(b, g)| b / bw(g))
            .sum::<f64>();
    }
    finite_pos(1.0 / secs)
}

fn flops_rate(d: &DeviceSpec, float_weights: bool, moe: bool) -> f64 {
    d.fp16_tflops.max(1e-3) * 1e12 * prefill_flops_efficiency(d, float_weights, moe)
}

/// Prefill tokens/s for a prompt of `depth` tokens.
pub fn prefill_tokens_per_s(s: &Scenario, pl: &Placement, depth: u64) -> f64 {
    speeds(s, pl, depth).1
}

fn prefill_from(s: &Scenario, pl: &Placement, r: &Reads, shape: &LayerShape) -> f64 {
    let float_weights = shape.float_weights;
    let moe = shape.any_expert_weights;
    let mut secs = 0.0;
    if pl.tensor_split() {
        let total: f64 = r.gpu_flops.iter().sum();
        let agg: f64 = s
            .gpus
            .iter()
            .map(|g| flops_rate(g, float_weights, moe))
            .sum();
        secs += total / agg.max(1.0);
    } else {
        secs += r
            .gpu_flops
            .iter()
            .zip(s.gpus.iter())
            .map(|(f, g)| f / flops_rate(g, float_weights, moe))
            .sum::<f64>();
    }
    let cpu = r.host_flops / flops_rate(&s.host, float_weights, moe);
    let best_gpu = s
        .gpus
        .iter()
        .map(|g| flops_rate(g, float_weights, moe))
        .fold(0.0, f64::max);
    let ubatch = f64::from(s.ubatch.max(1));
    let streamed = if best_gpu > 0.0 && s.ubatch >= 32 {
        // op_offload: stream RAM weights over PCIe once per micro-batch.
        r.host_weight_bytes / (PCIE_GB_PER_S * 1e9) / ubatch + r.host_flops / best_gpu
    } else {
        f64::INFINITY
    };
    secs += cpu.min(streamed);
    finite_pos(1.0 / secs)
}
