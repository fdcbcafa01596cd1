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

use alloc::vec::Vec;

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

/// The speed constants of one device under the efficiency model: they
/// depend on the device alone, so an estimate (and a sweep, for every
/// estimate on the same settings) computes them once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DeviceRates {
    /// Effective decode bandwidth, bytes/s.
    bw: f64,
    /// Fixed decode cost of a dense and of an MoE block, s per token.
    layer_s: [f64; 2],
    /// Effective prefill FLOP/s, indexed by `2 × float weights + MoE`.
    flops: [f64; 4],
}

impl DeviceRates {
    fn new(d: &DeviceSpec) -> Self {
        let rate = |fw, moe| d.fp16_tflops.max(1e-3) * 1e12 * prefill_flops_efficiency(d, fw, moe);
        DeviceRates {
            bw: d.bandwidth_gb_per_s.max(1e-3) * 1e9 * decode_bandwidth_efficiency(d),
            layer_s: [
                decode_overhead_s_per_layer(d.backend, false),
                decode_overhead_s_per_layer(d.backend, true),
            ],
            flops: [
                rate(false, false),
                rate(false, true),
                rate(true, false),
                rate(true, true),
            ],
        }
    }

    fn flops(&self, float_weights: bool, moe: bool) -> f64 {
        self.flops[usize::from(float_weights) * 2 + usize::from(moe)]
    }
}

/// [`DeviceRates`] of every GPU and of the host of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rates {
    gpus: Vec<DeviceRates>,
    host: DeviceRates,
}

impl Rates {
    /// The rates of the devices of `s`.
    pub(crate) fn new(s: &Scenario) -> Self {
        Rates {
            gpus: s.gpus.iter().map(DeviceRates::new).collect(),
            host: DeviceRates::new(&s.host),
        }
    }

    /// The rates of the device that runs blocks placed on `dev` (a
    /// tensor-split block: the first GPU's).
    fn of(&self, dev: Dev) -> &DeviceRates {
        let gpu = match dev {
            Dev::Cpu => None,
            Dev::Gpu(i) => self.gpus.get(i),
            Dev::Split => self.gpus.first(),
        };
        gpu.unwrap_or(&self.host)
    }
}

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

/// Fixed per-token cost of the blocks: each block pays its device's
/// backend cost (dense or MoE); a tensor-split block runs on all GPUs at
/// once and pays it once.
fn block_overhead_s(pl: &Placement, shape: &LayerShape, rates: &Rates) -> f64 {
    pl.runs
        .iter()
        .map(|&Run { a, b, dev }| {
            let layer_s = rates.of(dev).layer_s;
            let (_, n_moe) = shape.moe_counts(a, b);
            let n_dense = (b - a) as u32 - n_moe.min((b - a) as u32);
            f64::from(n_dense) * layer_s[0] + f64::from(n_moe) * layer_s[1]
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
    speeds_with(
        s,
        pl,
        &shape,
        &KindReads::new(s, depth, &shape),
        &Rates::new(s),
    )
}

/// [`speeds`] with the per-kind figures at the depth and the devices'
/// rates already known.
pub(crate) fn speeds_with(
    s: &Scenario,
    pl: &Placement,
    shape: &LayerShape,
    kinds: &KindReads,
    rates: &Rates,
) -> (f64, f64) {
    let r = reads_with(s, pl, shape, kinds);
    (
        decode_from(pl, &r, shape, rates),
        prefill_from(s, pl, &r, shape, rates),
    )
}

fn decode_from(pl: &Placement, r: &Reads, shape: &LayerShape, rates: &Rates) -> f64 {
    let mut secs = r.host / rates.host.bw + block_overhead_s(pl, shape, rates);
    if pl.tensor_split() {
        // GPUs work in parallel on each layer.
        let total: f64 = r.gpu.iter().sum();
        let agg: f64 = rates.gpus.iter().map(|g| g.bw).sum();
        secs += total / agg.max(1.0);
    } else {
        secs += r
            .gpu
            .iter()
            .zip(rates.gpus.iter())
            .map(|(b, g)| b / g.bw)
            .sum::<f64>();
    }
    finite_pos(1.0 / secs)
}

/// Prefill tokens/s for a prompt of `depth` tokens.
pub fn prefill_tokens_per_s(s: &Scenario, pl: &Placement, depth: u64) -> f64 {
    speeds(s, pl, depth).1
}

fn prefill_from(s: &Scenario, pl: &Placement, r: &Reads, shape: &LayerShape, rates: &Rates) -> f64 {
    let float_weights = shape.float_weights;
    let moe = shape.any_expert_weights;
    let rate = |g: &DeviceRates| g.flops(float_weights, moe);
    let mut secs = 0.0;
    if pl.tensor_split() {
        let total: f64 = r.gpu_flops.iter().sum();
        let agg: f64 = rates.gpus.iter().map(rate).sum();
        secs += total / agg.max(1.0);
    } else {
        secs += r
            .gpu_flops
            .iter()
            .zip(rates.gpus.iter())
            .map(|(f, g)| f / rate(g))
            .sum::<f64>();
    }
    let cpu = r.host_flops / rate(&rates.host);
    let best_gpu = rates.gpus.iter().map(rate).fold(0.0, f64::max);
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
