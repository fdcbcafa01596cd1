//! Where every byte goes: layer placement over GPUs and system RAM, and
//! the per-device tally.
//!
//! llama.cpp rules (sizing-facts §6): blocks are indexed `0..n_layer` and
//! the output layer is index `n_layer`; `-ngl k` puts layers
//! `il ≥ max(n_layer + 1 − k, 0)` on GPUs; `token_embd` always stays in
//! RAM (tied embeddings: the output device gets a copy); offloaded layers
//! are split over GPUs in proportion to free memory; `--n-cpu-moe N`
//! moves the routed experts of the first N blocks to RAM. With `-ngl`
//! unset, llama.cpp's `--fit` is emulated (§5.5): keep 1 GiB free per GPU,
//! for MoE models first move experts to RAM, then drop whole layers.
//! vLLM, SGLang and MLX load everything on the GPU(s).

use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;

use crate::arch::Ffn;
use crate::compute;
use crate::device::DeviceKind;
use crate::runtime::{self, Engine};
use crate::scenario::{Scenario, SplitMode};

mod costs;

pub(crate) use costs::LayerShape;
pub use costs::{BlockCost, LayerCosts};

/// Where a group of tensors lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dev {
    /// GPU `i` of [`Scenario::gpus`].
    Gpu(usize),
    /// Divided over all GPUs in proportion to free memory (tensor split).
    Split,
    /// System RAM.
    Cpu,
}

/// A layer-to-device assignment.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// Device of each main block (its attention, dense FFN, KV and state).
    pub layer_dev: Vec<Dev>,
    /// Blocks `0..n_cpu_moe` keep their routed experts in RAM.
    pub n_cpu_moe: u32,
    /// Device of the output layer (`output`, output norm, MTP blocks).
    pub output_dev: Dev,
    /// Device of the input embeddings.
    pub embd_dev: Dev,
    /// `-ngl` value in llama.cpp's current meaning (output layer counted).
    pub ngl: u32,
}

/// Bytes on one device by part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Parts {
    /// Weights.
    pub weights: u64,
    /// Attention KV.
    pub kv: u64,
    /// Recurrent state.
    pub state: u64,
    /// Compute buffer.
    pub compute: u64,
    /// Output (logits) buffer, host only.
    pub output: u64,
    /// Backend/runtime overhead.
    pub overhead: u64,
    /// Main blocks placed (or touched, for tensor split).
    pub n_layers: u32,
}

impl Parts {
    /// Everything on the device.
    pub fn used(&self) -> u64 {
        self.weights
            .saturating_add(self.kv)
            .saturating_add(self.state)
            .saturating_add(self.compute)
            .saturating_add(self.output)
            .saturating_add(self.overhead)
    }

    fn in_use(&self) -> bool {
        self.used() > 0 || self.n_layers > 0
    }
}

/// Per-device totals and capacities.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// One per GPU.
    pub gpus: Vec<Parts>,
    /// System RAM.
    pub host: Parts,
    /// Usable capacity of each GPU.
    pub gpu_capacity: Vec<u64>,
    /// RAM left for the host (unified memory: after the GPUs' share).
    pub host_capacity: u64,
}

/// The usable capacity of every GPU under the scenario's runtime.
pub fn gpu_capacities(s: &Scenario) -> Vec<u64> {
    let util = s
        .gpu_memory_utilization
        .unwrap_or(s.profile.gpu_memory_utilization);
    s.gpus
        .iter()
        .map(|g| runtime::usable_gpu_bytes(g, s.profile.engine, util))
        .collect()
}

/// Fixed overhead on a GPU in use.
fn gpu_overhead(s: &Scenario, i: usize, capacity: u64) -> u64 {
    let Some(g) = s.gpus.get(i) else {
        return 0;
    };
    let base = runtime::backend_overhead_bytes(g.backend);
    match s.profile.engine {
        Engine::Vllm => base.max(runtime::VLLM_NON_TORCH_BYTES),
        Engine::Sglang => runtime::sglang_reserved_bytes(capacity, s.gpus.len() as u64),
        _ => base,
    }
}

/// Per-GPU constants of a scenario, computed once per estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Devices {
    /// Usable capacity of each GPU.
    pub caps: Vec<u64>,
    /// Overhead of each GPU when in use.
    pub overhead: Vec<u64>,
    /// Split weights: each GPU's free memory after overhead (at least 1).
    pub split: Vec<u64>,
    split_total: u128,
}

impl Devices {
    /// The GPUs of `s` under its runtime.
    pub fn new(s: &Scenario) -> Self {
        let caps = gpu_capacities(s);
        let overhead: Vec<u64> = caps
            .iter()
            .enumerate()
            .map(|(i, &c)| gpu_overhead(s, i, c))
            .collect();
        let split: Vec<u64> = caps
            .iter()
            .zip(&overhead)
            .map(|(&c, &o)| c.saturating_sub(o).max(1))
            .collect();
        let split_total = split.iter().map(|&w| u128::from(w)).sum();
        Devices {
            caps,
            overhead,
            split,
            split_total,
        }
    }
}

/// llama.cpp's layer split: layer `il` (of `n_layer + 1`, output last)
/// in the offloaded range goes to the first GPU whose cumulative share
/// exceeds `(il − i_gpu_start) / n_offloaded`.
fn layer_split_dev(
    il: u64,
    i_gpu_start: u64,
    n_offloaded: u64,
    weights: &[u64],
    total: u64,
) -> Dev {
    if weights.len() <= 1 || total == 0 {
        return Dev::Gpu(0);
    }
    let x = (il - i_gpu_start) as f64 / n_offloaded.max(1) as f64;
    let mut acc = 0u64;
    for (i, &w) in weights.iter().enumerate() {
        acc = acc.saturating_add(w);
        if x < acc as f64 / total as f64 {
            return Dev::Gpu(i);
        }
    }
    Dev::Gpu(weights.len() - 1)
}

/// The llama.cpp placement for `-ngl ngl` and `--n-cpu-moe n_cpu_moe`.
pub fn llama_placement(s: &Scenario, ngl: u32, n_cpu_moe: u32, d: &Devices) -> Placement {
    let n_layer = s.arch.layers.len() as u64;
    if s.gpus.is_empty() {
        return Placement {
            layer_dev: vec![Dev::Cpu; n_layer as usize],
            n_cpu_moe: 0,
            output_dev: Dev::Cpu,
            embd_dev: Dev::Cpu,
            ngl: 0,
        };
    }
    let tensor_split = s.split == SplitMode::Tensor && s.gpus.len() > 1;
    if !tensor_split {
        // The same blocks through `llama_runs`, written run by run.
        let mut runs = Vec::new();
        let output_dev = llama_runs(s, ngl, d, &mut runs);
        let mut layer_dev = Vec::with_capacity(n_layer as usize);
        for r in &runs {
            layer_dev.resize(r.b, r.dev);
        }
        return Placement {
            layer_dev,
            n_cpu_moe: n_cpu_moe.min(n_layer as u32),
            output_dev,
            embd_dev: Dev::Cpu,
            ngl: u64::from(ngl).min(n_layer + 1) as u32,
        };
    }
    let ngl = u64::from(ngl).min(n_layer + 1);
    let i_gpu_start = n_layer + 1 - ngl;
    let dev_of = |il: u64| -> Dev {
        if il < i_gpu_start {
            Dev::Cpu
        } else {
            Dev::Split
        }
    };
    Placement {
        layer_dev: (0..n_layer).map(dev_of).collect(),
        n_cpu_moe: n_cpu_moe.min(n_layer as u32),
        output_dev: dev_of(n_layer),
        embd_dev: Dev::Cpu,
        ngl: ngl as u32,
    }
}

/// The blocks of [`llama_placement`]`(s, ngl, ..)` as runs into `runs`, and
/// its output device, for a scenario with GPUs and no tensor split. One GPU
/// gives at most two runs without visiting the blocks.
fn llama_runs(s: &Scenario, ngl: u32, d: &Devices, runs: &mut Vec<Run>) -> Dev {
    runs.clear();
    let n = s.arch.layers.len();
    let n_layer = n as u64;
    let ngl = u64::from(ngl).min(n_layer + 1);
    let i_gpu_start = n_layer + 1 - ngl;
    let weights = &d.split;
    let total: u64 = weights.iter().fold(0u64, |a, &w| a.saturating_add(w));
    let dev_of = |il: u64| -> Dev {
        if il < i_gpu_start {
            Dev::Cpu
        } else {
            layer_split_dev(il, i_gpu_start, ngl, weights, total)
        }
    };
    if weights.len() <= 1 || total == 0 {
        let cpu_end = i_gpu_start.min(n_layer) as usize;
        if cpu_end > 0 {
            runs.push(Run {
                a: 0,
                b: cpu_end,
                dev: Dev::Cpu,
            });
        }
        if cpu_end < n {
            runs.push(Run {
                a: cpu_end,
                b: n,
                dev: Dev::Gpu(0),
            });
        }
    } else {
        for il in 0..n {
            let dev = dev_of(il as u64);
            match runs.last_mut() {
                Some(r) if r.dev == dev => r.b = il + 1,
                _ => runs.push(Run {
                    a: il,
                    b: il + 1,
                    dev,
                }),
            }
        }
    }
    dev_of(n_layer)
}

/// vLLM/SGLang/MLX: everything on the GPU(s), split by tensor parallelism.
pub fn all_gpu_placement(s: &Scenario) -> Placement {
    let n_layer = s.arch.layers.len();
    let dev = match s.gpus.len() {
        0 => Dev::Cpu,
        1 => Dev::Gpu(0),
        _ => Dev::Split,
    };
    Placement {
        layer_dev: vec![dev; n_layer],
        n_cpu_moe: 0,
        output_dev: dev,
        embd_dev: dev,
        ngl: if s.gpus.is_empty() {
            0
        } else {
            n_layer as u32 + 1
        },
    }
}

/// Adds `bytes` to the device(s) of `dev` through `field`, splitting exactly.
fn add(t: &mut Tally, d: &Devices, dev: Dev, bytes: u64, field: fn(&mut Parts) -> &mut u64) {
    match dev {
        Dev::Cpu => *field(&mut t.host) = field(&mut t.host).saturating_add(bytes),
        Dev::Gpu(i) => {
            if let Some(p) = t.gpus.get_mut(i) {
                *field(p) = field(p).saturating_add(bytes);
            }
        }
        Dev::Split => {
            let mut left = bytes;
            let n = t.gpus.len();
            for (i, p) in t.gpus.iter_mut().enumerate() {
                let share = if i + 1 == n || d.split_total == 0 {
                    left
                } else {
                    let w = u128::from(d.split.get(i).copied().unwrap_or(0));
                    (u128::from(bytes) * w / d.split_total) as u64
                };
                let share = share.min(left);
                left -= share;
                *field(p) = field(p).saturating_add(share);
            }
        }
    }
}

/// Raises the compute peak of the device(s) of `dev` to `x`.
fn raise(peaks: &mut [Option<u64>], cpu: &mut Option<u64>, dev: Dev, x: u64) {
    let up = |p: &mut Option<u64>| *p = Some(p.map_or(x, |m| m.max(x)));
    match dev {
        Dev::Cpu => up(cpu),
        Dev::Gpu(i) => {
            if let Some(p) = peaks.get_mut(i) {
                up(p);
            }
        }
        Dev::Split => peaks.iter_mut().for_each(up),
    }
}

/// Mask bit of a block: 1 full span, 2 window.
fn mask_bit(m: Option<&compute::MaskKind>) -> u8 {
    match m {
        Some(compute::MaskKind::Full) => 1,
        Some(compute::MaskKind::Window) => 2,
        _ => 0,
    }
}

/// The block part of [`tally`] for placements without tensor split: each
/// run of consecutive blocks on one device is added at once from the
/// running sums. Sums of non-negative integers do not depend on grouping,
/// so this gives the same bytes as adding block by block.
#[allow(clippy::too_many_arguments)]
fn tally_runs(
    t: &mut Tally,
    d: &Devices,
    runs: &[Run],
    n_cpu_moe: u32,
    c: &LayerCosts,
    w_prefix: &[[u64; 3]],
    peaks: &mut [Option<u64>],
    cpu_peak: &mut Option<u64>,
    masks: &mut [u8],
    cpu_masks: &mut u8,
) {
    let w = |a: usize, b: usize, k: usize| w_prefix[b][k] - w_prefix[a][k];
    for &Run { a, b, dev } in runs {
        // Blocks a..moe_end keep their routed experts in RAM.
        let moe_end = if dev == Dev::Cpu {
            a
        } else {
            (n_cpu_moe as usize).clamp(a, b)
        };
        let here = w(a, moe_end, 1) + w(moe_end, b, 0);
        add(t, d, dev, here, |p| &mut p.weights);
        let moved = w(a, moe_end, 2);
        if moved > 0 {
            add(t, d, Dev::Cpu, moved, |p| &mut p.weights);
        }
        let (mut kv, mut state, mut peak, mut bits) = (0u64, 0u64, 0u64, 0u8);
        for (k, cost) in c.kinds.iter().enumerate() {
            let n_k = c.shape.count(k, a, b);
            if n_k > 0 {
                // No overflow: checked over all blocks (`exact_sums`).
                kv += cost.kv * n_k;
                state += cost.state * n_k;
                peak = peak.max(cost.peak);
                bits |= mask_bit(Some(&cost.mask));
            }
        }
        add(t, d, dev, kv, |p| &mut p.kv);
        if state > 0 {
            add(t, d, dev, state, |p| &mut p.state);
        }
        let n_run = (b - a) as u32;
        match dev {
            Dev::Cpu => {
                t.host.n_layers += n_run;
                *cpu_masks |= bits;
            }
            Dev::Gpu(i) => {
                if let Some(p) = t.gpus.get_mut(i) {
                    p.n_layers += n_run;
                }
                if let Some(m) = masks.get_mut(i) {
                    *m |= bits;
                }
            }
            Dev::Split => {}
        }
        raise(peaks, cpu_peak, dev, peak);
    }
}

/// Blocks `a..b` on one device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    a: usize,
    b: usize,
    dev: Dev,
}

/// Consecutive blocks of `layer_dev` on the same device.
fn runs_of(layer_dev: &[Dev]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::with_capacity(4);
    let mut a = 0;
    while let Some(&dev) = layer_dev.get(a) {
        let len = layer_dev[a..].iter().take_while(|&&x| x == dev).count();
        runs.push(Run { a, b: a + len, dev });
        a += len;
    }
    runs
}

/// How the blocks are assigned, for [`tally_with`].
enum Blocks<'a> {
    /// Block by block (tensor split, or sums that would overflow).
    PerBlock(&'a [Dev]),
    /// Runs of consecutive blocks, with the running weight sums.
    Runs(&'a [Run], &'a [[u64; 3]]),
}

/// The running weight sums when runs of blocks can be tallied at once.
fn run_sums(c: &LayerCosts, n_layer: usize) -> Option<&[[u64; 3]]> {
    match &c.shape.w_prefix {
        Some(w) if c.exact_sums && w.len() == n_layer + 1 => Some(&w[..]),
        _ => None,
    }
}

/// Bytes per device for placement `pl` with per-layer costs `c`.
pub fn tally(s: &Scenario, pl: &Placement, c: &LayerCosts, d: &Devices) -> Tally {
    let runs;
    let blocks = match run_sums(c, pl.layer_dev.len()) {
        Some(w) if !pl.layer_dev.contains(&Dev::Split) => {
            runs = runs_of(&pl.layer_dev);
            Blocks::Runs(&runs, w)
        }
        _ => Blocks::PerBlock(&pl.layer_dev),
    };
    tally_with(s, blocks, pl, c, d)
}

/// [`tally`] with the blocks given as runs or block by block; `pl` gives
/// the rest of the placement (its `layer_dev` is not read).
fn tally_with(
    s: &Scenario,
    blocks: Blocks<'_>,
    pl: &Placement,
    c: &LayerCosts,
    d: &Devices,
) -> Tally {
    let mut sc = Scratch::new();
    tally_into(s, blocks, pl, c, d, &mut sc);
    sc.tally
}

/// Buffers reused by repeated tallies (the placement and context searches).
struct Scratch {
    /// The result of the last [`tally_into`].
    tally: Tally,
    /// Compute peak of each GPU.
    peaks: Vec<Option<u64>>,
    /// Masks read on each GPU: bit 0 full span, bit 1 window.
    masks: Vec<u8>,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            tally: Tally {
                gpus: Vec::new(),
                host: Parts::default(),
                gpu_capacity: Vec::new(),
                host_capacity: 0,
            },
            peaks: Vec::new(),
            masks: Vec::new(),
        }
    }
}

/// [`tally_with`] into `sc.tally`, reusing its buffers.
fn tally_into(
    s: &Scenario,
    blocks: Blocks<'_>,
    pl: &Placement,
    c: &LayerCosts,
    d: &Devices,
    sc: &mut Scratch,
) {
    let w = &s.weights;
    let n_gpu = s.gpus.len();
    let Scratch {
        tally: t,
        peaks,
        masks,
    } = sc;
    t.gpus.clear();
    t.gpus.resize(n_gpu, Parts::default());
    t.host = Parts::default();
    t.gpu_capacity.clear();
    t.gpu_capacity.extend_from_slice(&d.caps);
    t.host_capacity = s.host.capacity_bytes;
    peaks.clear();
    peaks.resize(n_gpu, None);
    let mut cpu_peak: Option<u64> = None;
    masks.clear();
    masks.resize(n_gpu, 0);
    let mut cpu_masks = 0u8;
    let per_block = match blocks {
        Blocks::Runs(runs, w_prefix) => {
            tally_runs(
                t,
                d,
                runs,
                pl.n_cpu_moe,
                c,
                w_prefix,
                peaks,
                &mut cpu_peak,
                masks,
                &mut cpu_masks,
            );
            &[][..]
        }
        Blocks::PerBlock(devs) => devs,
    };
    // Tensor split divides every block with its own rounding: block by block.
    for (il, dev) in per_block.iter().copied().enumerate() {
        let lw = w.layers.get(il).copied().unwrap_or_default();
        let experts_to_cpu = (il as u32) < pl.n_cpu_moe && dev != Dev::Cpu;
        let (here, moved) = if experts_to_cpu {
            (lw.bytes.saturating_sub(lw.expert_bytes), lw.expert_bytes)
        } else {
            (lw.bytes, 0)
        };
        add(t, d, dev, here, |p| &mut p.weights);
        if moved > 0 {
            add(t, d, Dev::Cpu, moved, |p| &mut p.weights);
        }
        let cost = c.block(il);
        add(t, d, dev, cost.kv, |p| &mut p.kv);
        let state = cost.state;
        if state > 0 {
            add(t, d, dev, state, |p| &mut p.state);
        }
        match dev {
            Dev::Cpu => t.host.n_layers += 1,
            Dev::Gpu(i) => {
                if let Some(p) = t.gpus.get_mut(i) {
                    p.n_layers += 1;
                }
            }
            Dev::Split => t.gpus.iter_mut().for_each(|p| p.n_layers += 1),
        }
        raise(peaks, &mut cpu_peak, dev, cost.peak);
        let bit = mask_bit(Some(&cost.mask));
        match dev {
            Dev::Cpu => cpu_masks |= bit,
            Dev::Gpu(i) => {
                if let Some(m) = masks.get_mut(i) {
                    *m |= bit;
                }
            }
            Dev::Split => masks.iter_mut().for_each(|m| *m |= bit),
        }
    }
    let embd = w.token_embd_bytes.saturating_add(w.per_layer_embd_bytes);
    add(t, d, pl.embd_dev, embd, |p| &mut p.weights);
    let tied_on_cpu = s.arch.tied_embeddings && pl.output_dev == Dev::Cpu;
    let output = if tied_on_cpu && pl.embd_dev == Dev::Cpu {
        0 // mmap: the "copy" on the CPU is the same mapped tensor.
    } else {
        w.output_bytes
    };
    let out_extra = output
        .saturating_add(w.other_bytes)
        .saturating_add(w.nextn_bytes);
    add(t, d, pl.output_dev, out_extra, |p| &mut p.weights);
    let mmproj_dev = if n_gpu == 0 { Dev::Cpu } else { Dev::Gpu(0) };
    add(t, d, mmproj_dev, s.mmproj_bytes, |p| &mut p.weights);
    raise(peaks, &mut cpu_peak, pl.output_dev, c.logits);
    // op_offload (default on): llama.cpp runs the matrix multiplications of
    // RAM-resident layers on the main GPU for batches of 32+ tokens, so that
    // GPU's compute buffer also covers them (sizing-facts §6; a 2024 log with
    // 0 of 5 layers offloaded still shows a 642 MiB CUDA0 compute buffer).
    if s.profile.engine == Engine::LlamaCpp && s.ubatch >= 32 {
        if let (Some(m), Some(p0), Some(b0)) = (cpu_peak, peaks.get_mut(0), masks.get_mut(0)) {
            *p0 = Some(p0.map_or(m, |x| x.max(m)));
            *b0 |= cpu_masks;
        }
    }

    // Compute buffers: one per device in use.
    let mask_of = |bits: u8| -> u64 {
        let full = if bits & 1 != 0 { c.mask_full } else { 0 };
        let window = if bits & 2 != 0 { c.mask_window } else { 0 };
        full.saturating_add(window)
    };
    for (gi, p) in t.gpus.iter_mut().enumerate() {
        if let Some(Some(m)) = peaks.get(gi) {
            let bits = masks.get(gi).copied().unwrap_or(0);
            p.compute = c.hidden.saturating_add(mask_of(bits)).saturating_add(*m);
        }
        if p.in_use() {
            p.overhead = d.overhead.get(gi).copied().unwrap_or(0);
            if s.profile.engine == Engine::Sglang {
                // SGLang's reserve covers activations and graphs.
                p.compute = 0;
            }
        }
    }
    let cpu_graph = cpu_peak.map_or(0, |m| {
        c.hidden
            .saturating_add(mask_of(cpu_masks))
            .saturating_add(m)
    });
    t.host.compute = cpu_graph.max(c.host_input);
    t.host.output = c.output_buffer;

    // Unified memory: the GPUs' use comes out of the same RAM.
    let shared: u64 = s
        .gpus
        .iter()
        .zip(&t.gpus)
        .filter(|(g, _)| g.kind == DeviceKind::Unified)
        .map(|(_, p)| p.used())
        .fold(0u64, |a, b| a.saturating_add(b));
    t.host_capacity = s.host.capacity_bytes.saturating_sub(shared);
}

/// Every GPU keeps `margin` free.
pub fn gpus_fit(t: &Tally, margin: u64) -> bool {
    t.gpus
        .iter()
        .zip(&t.gpu_capacity)
        .all(|(p, &cap)| !p.in_use() || p.used().saturating_add(margin) <= cap)
}

/// Every device in use stays within its capacity.
pub fn all_fit(t: &Tally) -> bool {
    gpus_fit(t, 0) && t.host.used() <= t.host_capacity
}

/// Largest `x` in `0..=hi` with `ok(x)`, given `ok(0)` and monotone `ok`.
fn max_true(hi: u32, mut ok: impl FnMut(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0u32, hi);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if ok(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Chooses the placement for `s` (user `-ngl`/`--n-cpu-moe`, or the
/// runtime's own choice).
pub fn choose(s: &Scenario, c: &LayerCosts, d: &Devices) -> Placement {
    if s.profile.engine != Engine::LlamaCpp || s.gpus.is_empty() {
        if s.gpus.is_empty() {
            return llama_placement(s, 0, 0, d);
        }
        return all_gpu_placement(s);
    }
    let n_layer = s.arch.layers.len() as u32;
    let all = n_layer.saturating_add(1);
    let user_moe = s.n_cpu_moe.unwrap_or(0);
    if let Some(ngl) = s.ngl {
        return llama_placement(s, ngl, user_moe, d);
    }
    // Ollama adds 1 GiB of headroom to the fit target when it offloads a
    // projector (`llm/llama_server.go`, sizing-facts §5.4); the projector's
    // own bytes are already on GPU 0 in the tally.
    let margin = if s.runtime == crate::inputs::RuntimeId::Ollama && s.mmproj_bytes > 0 {
        s.profile.fit_margin_bytes.saturating_add(crate::units::GIB)
    } else {
        s.profile.fit_margin_bytes
    };
    let n_blocks = s.arch.layers.len();
    let by_runs =
        run_sums(c, n_blocks).filter(|_| !(s.split == SplitMode::Tensor && s.gpus.len() > 1));
    let mut runs: Vec<Run> = Vec::new();
    let mut sc = Scratch::new();
    let mut fits = |ngl: u32, moe: u32| match by_runs {
        // The same placement as `llama_placement`, as runs of blocks.
        Some(w) => {
            let output_dev = llama_runs(s, ngl, d, &mut runs);
            let pl = Placement {
                layer_dev: Vec::new(),
                n_cpu_moe: moe.min(n_layer),
                output_dev,
                embd_dev: Dev::Cpu,
                ngl,
            };
            tally_into(s, Blocks::Runs(&runs, w), &pl, c, d, &mut sc);
            gpus_fit(&sc.tally, margin)
        }
        None => {
            let pl = llama_placement(s, ngl, moe, d);
            gpus_fit(&tally(s, &pl, c, d), margin)
        }
    };
    if fits(all, user_moe) {
        return llama_placement(s, all, user_moe, d);
    }
    let is_moe = s.arch.layers.iter().any(|l| matches!(l.ffn, Ffn::Moe(_)));
    let mut moe = user_moe;
    if is_moe && s.n_cpu_moe.is_none() {
        if fits(all, n_layer) {
            // Fewest blocks with experts in RAM: fits(all, n) is monotone in n.
            let (mut lo, mut hi) = (0u32, n_layer);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if fits(all, mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return llama_placement(s, all, lo, d);
        }
        moe = n_layer;
    }
    let ngl = max_true(all, |k| fits(k, moe));
    llama_placement(s, ngl, moe, d)
}

/// Free bytes on the fullest device in use (negative when over capacity).
fn slack(t: &Tally) -> i128 {
    let gpus = t
        .gpus
        .iter()
        .zip(&t.gpu_capacity)
        .filter(|(p, _)| p.in_use())
        .map(|(p, &cap)| i128::from(cap) - i128::from(p.used()));
    let host = i128::from(t.host_capacity) - i128::from(t.host.used());
    gpus.fold(host, i128::min)
}

/// Largest context (multiple of 256, at most `cap`) at which placement
/// `pl` still fits every device; 0 if 256 tokens do not fit.
///
/// Memory grows almost linearly with context, so the search interpolates
/// on the free bytes (regula falsi) and falls back to bisection whenever
/// one end of the bracket stays put twice; typically 4-6 evaluations.
pub fn max_ctx_that_fits(s: &Scenario, pl: &Placement, d: &Devices, cap: u64) -> u64 {
    max_ctx_with_shape(s, pl, d, cap, &Rc::new(LayerShape::new(s)))
}

/// [`max_ctx_that_fits`] with the block kinds of `s.arch` already known.
pub(crate) fn max_ctx_with_shape(
    s: &Scenario,
    pl: &Placement,
    d: &Devices,
    cap: u64,
    shape: &Rc<LayerShape>,
) -> u64 {
    let runs = (!pl.layer_dev.contains(&Dev::Split)).then(|| runs_of(&pl.layer_dev));
    let mut sc = Scratch::new();
    let mut free_at = |step: u64| {
        let c = LayerCosts::with_shape(s, step * 256, shape);
        match (&runs, run_sums(&c, pl.layer_dev.len())) {
            (Some(runs), Some(w)) => {
                tally_into(s, Blocks::Runs(runs, w), pl, &c, d, &mut sc);
                slack(&sc.tally)
            }
            _ => slack(&tally(s, pl, &c, d)),
        }
    };
    let n = cap / 256;
    if n == 0 {
        return 0;
    }
    let (mut lo, mut f_lo) = (1u64, free_at(1));
    if f_lo < 0 {
        return 0;
    }
    let (mut hi, mut f_hi) = (n, free_at(n));
    if f_hi >= 0 {
        return n * 256;
    }
    let mut same_side = 0i8; // >0: lo moved repeatedly, <0: hi moved repeatedly
    while hi - lo > 1 {
        let x = if same_side.abs() >= 2 {
            lo + (hi - lo) / 2
        } else {
            // f_lo ≥ 0 > f_hi, so the denominator is positive.
            let span = i128::from(hi - lo);
            let step = f_lo.saturating_mul(span) / (f_lo - f_hi).max(1);
            lo + u64::try_from(step).unwrap_or(0)
        }
        .clamp(lo + 1, hi - 1);
        let f = free_at(x);
        if f >= 0 {
            lo = x;
            f_lo = f;
            same_side = if same_side > 0 { same_side + 1 } else { 1 };
        } else {
            hi = x;
            f_hi = f;
            same_side = if same_side < 0 { same_side - 1 } else { -1 };
        }
    }
    lo * 256
}
