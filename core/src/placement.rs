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
//! for MoE models first move experts to RAM, then drop whole layers (on
//! several GPUs, filling them one by one from the last: the layers per GPU
//! become its `--tensor-split`).
//! vLLM, SGLang and MLX load everything on the GPU(s).

use alloc::vec::Vec;

use crate::compute;
use crate::device::DeviceKind;
use crate::runtime::{self, Engine};
use crate::scenario::{Scenario, SplitMode};
use crate::small::SmallVec;

mod costs;

pub use costs::{BlockCost, LayerCosts};
pub(crate) use costs::{BlockKinds, LayerShape};

/// Where a group of tensors lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dev {
    /// GPU `i` of [`Scenario::gpus`].
    Gpu(usize),
    /// Divided over all GPUs in proportion to free memory (tensor split).
    Split,
    /// System RAM.
    #[default]
    Cpu,
}

/// A layer-to-device assignment.
///
/// Blocks are kept as runs of consecutive blocks on one device (llama.cpp
/// places a contiguous range per device), so a placement costs a few
/// words whatever the number of blocks, and comparing two is cheap. The
/// default places nothing (no blocks, everything else in RAM).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Placement {
    /// `-ngl` value in llama.cpp's current meaning (output layer counted).
    pub ngl: u32,
    /// Blocks `0..n_cpu_moe` keep their routed experts in RAM.
    pub n_cpu_moe: u32,
    /// Layers per GPU when `--fit` filled the GPUs one by one (sizing-facts
    /// §5.5: several GPUs); `None` when the layers are split in proportion
    /// to the GPUs' free memory (or to the scenario's `tensor_split`).
    pub gpu_layers: Option<GpuLayers>,
    /// Device of the output layer (`output`, output norm, MTP blocks).
    pub output_dev: Dev,
    /// Device of the input embeddings.
    pub embd_dev: Dev,
    /// Device of the main blocks (their attention, dense FFN, KV and
    /// state): consecutive, non-empty runs covering `0..n_layer` in order.
    pub runs: SmallVec<Run, 4>,
}

impl Placement {
    /// Device of main block `il` (`None` past the last block).
    pub fn dev_of(&self, il: usize) -> Option<Dev> {
        self.runs
            .iter()
            .find(|r| r.a <= il && il < r.b)
            .map(|r| r.dev)
    }

    /// Whether some block is divided over the GPUs (tensor split).
    pub fn tensor_split(&self) -> bool {
        self.runs.iter().any(|r| r.dev == Dev::Split)
    }

    /// Main blocks not in system RAM.
    pub fn n_blocks_off_cpu(&self) -> usize {
        self.runs
            .iter()
            .filter(|r| r.dev != Dev::Cpu)
            .map(|r| r.b - r.a)
            .sum()
    }
}

/// Layers per GPU chosen by `--fit` ([`Placement::gpu_layers`]).
pub type GpuLayers = [u32; FILL_MAX_GPUS];

/// `--fit` fills at most this many GPUs one by one; with more, the layers
/// it keeps are split in proportion to free memory.
pub const FILL_MAX_GPUS: usize = 8;

/// Main blocks `a..b`, all on one device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Run {
    /// First block.
    pub a: usize,
    /// One past the last block.
    pub b: usize,
    /// Their device.
    pub dev: Dev,
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
    pub gpus: SmallVec<Parts, 2>,
    /// System RAM.
    pub host: Parts,
    /// Usable capacity of each GPU.
    pub gpu_capacity: SmallVec<u64, 2>,
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
    /// Split weights: the scenario's `tensor_split`, or else each GPU's
    /// free memory after overhead (at least 1).
    pub split: Vec<u64>,
    split_total: u128,
    /// The split is the scenario's `tensor_split`.
    user_split: bool,
    /// Some GPU shares system RAM (unified memory).
    any_unified: bool,
    /// The speed constants of the GPUs and the host.
    pub(crate) rates: crate::speed::Rates,
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
        let user_split =
            s.tensor_split.len() == caps.len() && s.tensor_split.iter().any(|&w| w > 0);
        let split: Vec<u64> = if user_split {
            s.tensor_split.clone()
        } else {
            caps.iter()
                .zip(&overhead)
                .map(|(&c, &o)| c.saturating_sub(o).max(1))
                .collect()
        };
        let split_total = split.iter().map(|&w| u128::from(w)).sum();
        Devices {
            caps,
            overhead,
            split,
            split_total,
            user_split,
            any_unified: s.gpus.iter().any(|g| g.kind == DeviceKind::Unified),
            rates: crate::speed::Rates::new(s),
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
    let mut pl = Placement::default();
    set_llama_placement(s, (ngl, n_cpu_moe), None, d, &mut pl);
    pl
}

/// [`llama_placement`] into `pl`, reusing its buffer (the `--fit` search),
/// with the layers split over the GPUs as `gpu_layers` says (`None`: as
/// `d.split` says).
fn set_llama_placement(
    s: &Scenario,
    (ngl, n_cpu_moe): (u32, u32),
    gpu_layers: Option<&GpuLayers>,
    d: &Devices,
    pl: &mut Placement,
) {
    let n = s.arch.layers.len();
    let n_layer = n as u64;
    pl.embd_dev = Dev::Cpu;
    pl.runs.clear();
    if s.gpus.is_empty() {
        if n > 0 {
            pl.runs.push(Run {
                a: 0,
                b: n,
                dev: Dev::Cpu,
            });
        }
        pl.ngl = 0;
        pl.n_cpu_moe = 0;
        pl.gpu_layers = None;
        pl.output_dev = Dev::Cpu;
        return;
    }
    let ngl = u64::from(ngl).min(n_layer + 1);
    pl.ngl = ngl as u32;
    pl.n_cpu_moe = n_cpu_moe.min(n_layer as u32);
    pl.gpu_layers = gpu_layers.copied();
    let tensor_split = s.split == SplitMode::Tensor && s.gpus.len() > 1;
    if !tensor_split {
        let counts;
        let weights = match gpu_layers {
            Some(g) => {
                counts = g.map(u64::from);
                counts.get(..s.gpus.len()).unwrap_or(&counts)
            }
            None => &d.split[..],
        };
        pl.output_dev = llama_runs(s, ngl as u32, weights, &mut pl.runs);
        return;
    }
    let i_gpu_start = n_layer + 1 - ngl;
    let cpu_end = i_gpu_start.min(n_layer) as usize;
    if cpu_end > 0 {
        pl.runs.push(Run {
            a: 0,
            b: cpu_end,
            dev: Dev::Cpu,
        });
    }
    if cpu_end < n {
        pl.runs.push(Run {
            a: cpu_end,
            b: n,
            dev: Dev::Split,
        });
    }
    pl.output_dev = if i_gpu_start <= n_layer {
        Dev::Split
    } else {
        Dev::Cpu
    };
}

/// The blocks of [`llama_placement`]`(s, ngl, ..)` as runs into `runs`, and
/// its output device, for a scenario with GPUs and no tensor split, with
/// the offloaded layers split over the GPUs in proportion to `weights`.
/// One GPU gives at most two runs without visiting the blocks.
fn llama_runs(s: &Scenario, ngl: u32, weights: &[u64], runs: &mut SmallVec<Run, 4>) -> Dev {
    runs.clear();
    let n = s.arch.layers.len();
    let n_layer = n as u64;
    let ngl = u64::from(ngl).min(n_layer + 1);
    let i_gpu_start = n_layer + 1 - ngl;
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
    let mut runs = SmallVec::new();
    if n_layer > 0 {
        runs.push(Run {
            a: 0,
            b: n_layer,
            dev,
        });
    }
    Placement {
        ngl: if s.gpus.is_empty() {
            0
        } else {
            n_layer as u32 + 1
        },
        n_cpu_moe: 0,
        gpu_layers: None,
        output_dev: dev,
        embd_dev: dev,
        runs,
    }
}

/// Mask bit of a block: 1 full span, 2 window.
fn mask_bit(m: compute::MaskKind) -> u8 {
    match m {
        compute::MaskKind::Full => 1,
        compute::MaskKind::Window => 2,
        compute::MaskKind::None => 0,
    }
}

/// The accumulators of one tally, borrowed once from its buffers.
struct Acc<'a> {
    /// Parts of each GPU.
    gpus: &'a mut [Parts],
    /// Parts of the host.
    host: &'a mut Parts,
    /// Compute peak of each GPU.
    peaks: &'a mut [Option<u64>],
    /// Compute peak of the host.
    cpu_peak: Option<u64>,
    /// Masks read on each GPU: bit 0 full span, bit 1 window.
    masks: &'a mut [u8],
    /// Masks read on the host.
    cpu_masks: u8,
}

impl Acc<'_> {
    /// Adds `bytes` to the device(s) of `dev` through `field`, splitting
    /// exactly.
    fn add(&mut self, d: &Devices, dev: Dev, bytes: u64, field: fn(&mut Parts) -> &mut u64) {
        match dev {
            Dev::Cpu => {
                let f = field(self.host);
                *f = f.saturating_add(bytes);
            }
            Dev::Gpu(i) => {
                if let Some(p) = self.gpus.get_mut(i) {
                    *field(p) = field(p).saturating_add(bytes);
                }
            }
            Dev::Split => {
                let mut left = bytes;
                let n = self.gpus.len();
                for (i, p) in self.gpus.iter_mut().enumerate() {
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
    fn raise(&mut self, dev: Dev, x: u64) {
        let up = |p: &mut Option<u64>| *p = Some(p.map_or(x, |m| m.max(x)));
        match dev {
            Dev::Cpu => up(&mut self.cpu_peak),
            Dev::Gpu(i) => {
                if let Some(p) = self.peaks.get_mut(i) {
                    up(p);
                }
            }
            Dev::Split => self.peaks.iter_mut().for_each(up),
        }
    }

    /// Records a block (or run of blocks) on `dev` with compute peak
    /// `peak` reading masks `bits`.
    fn note(&mut self, dev: Dev, peak: u64, bits: u8) {
        self.raise(dev, peak);
        match dev {
            Dev::Cpu => self.cpu_masks |= bits,
            Dev::Gpu(i) => {
                if let Some(m) = self.masks.get_mut(i) {
                    *m |= bits;
                }
            }
            Dev::Split => self.masks.iter_mut().for_each(|m| *m |= bits),
        }
    }

    /// Adds `n` main blocks to the count of the device(s) of `dev` (tensor
    /// split: every GPU touches each block).
    fn count_blocks(&mut self, dev: Dev, n: u32) {
        match dev {
            Dev::Cpu => self.host.n_layers += n,
            Dev::Gpu(i) => {
                if let Some(p) = self.gpus.get_mut(i) {
                    p.n_layers += n;
                }
            }
            Dev::Split => self.gpus.iter_mut().for_each(|p| p.n_layers += n),
        }
    }

    /// Adds the blocks of run `r` at once from the running sums (a run on
    /// one device). Sums of non-negative integers do not depend on
    /// grouping, so this gives the same bytes as adding block by block.
    fn run(&mut self, x: TallyIn<'_>, r: Run, n_cpu_moe: u32) {
        let TallyIn { c, shape, .. } = x;
        let prefix = &shape.prefix;
        let Run { a, b, dev } = r;
        let w = |a: usize, b: usize, k: usize| prefix[b].w[k] - prefix[a].w[k];
        // Blocks a..moe_end keep their routed experts in RAM.
        let moe_end = if dev == Dev::Cpu {
            a
        } else {
            (n_cpu_moe as usize).clamp(a, b)
        };
        let here = w(a, moe_end, 1) + w(moe_end, b, 0);
        let moved = w(a, moe_end, 2);
        let (mut kv, mut state, mut peak, mut bits) = (0u64, 0u64, 0u64, 0u8);
        for (k, cost) in c.kinds.iter().enumerate() {
            let n_k = shape.count(k, a, b);
            if n_k > 0 {
                // No overflow: checked over all blocks (`exact_sums`).
                kv += cost.kv * n_k;
                state += cost.state * n_k;
                peak = peak.max(cost.peak);
                bits |= mask_bit(cost.mask);
            }
        }
        if moved > 0 {
            self.host.weights = self.host.weights.saturating_add(moved);
        }
        let n_run = (b - a) as u32;
        // One device: its parts are updated in place (a split run is
        // divided over the GPUs field by field).
        let one = match dev {
            Dev::Cpu => Some(&mut *self.host),
            Dev::Gpu(i) => self.gpus.get_mut(i),
            Dev::Split => None,
        };
        match one {
            Some(p) => {
                p.weights = p.weights.saturating_add(here);
                p.kv = p.kv.saturating_add(kv);
                p.state = p.state.saturating_add(state);
                p.n_layers += n_run;
            }
            None => {
                self.add(x.d, dev, here, |p| &mut p.weights);
                self.add(x.d, dev, kv, |p| &mut p.kv);
                self.add(x.d, dev, state, |p| &mut p.state);
                self.count_blocks(dev, n_run);
            }
        }
        self.note(dev, peak, bits);
    }

    /// Adds the blocks of run `r` one by one (tensor split divides every
    /// block with its own rounding; sums that could overflow saturate per
    /// block).
    fn blocks(&mut self, x: TallyIn<'_>, r: Run, n_cpu_moe: u32) {
        let TallyIn { s, c, shape, d } = x;
        let dev = r.dev;
        for il in r.a..r.b {
            let lw = s.weights.layers.get(il).copied().unwrap_or_default();
            let experts_to_cpu = (il as u32) < n_cpu_moe && dev != Dev::Cpu;
            let (here, moved) = if experts_to_cpu {
                (lw.bytes.saturating_sub(lw.expert_bytes), lw.expert_bytes)
            } else {
                (lw.bytes, 0)
            };
            self.add(d, dev, here, |p| &mut p.weights);
            if moved > 0 {
                self.add(d, Dev::Cpu, moved, |p| &mut p.weights);
            }
            let cost = c.block(shape, il);
            self.add(d, dev, cost.kv, |p| &mut p.kv);
            if cost.state > 0 {
                self.add(d, dev, cost.state, |p| &mut p.state);
            }
            self.count_blocks(dev, 1);
            self.note(dev, cost.peak, mask_bit(cost.mask));
        }
    }
}

/// What a tally reads besides the placement.
#[derive(Clone, Copy)]
pub(crate) struct TallyIn<'a> {
    /// The scenario.
    pub(crate) s: &'a Scenario,
    /// Its per-kind costs at the context.
    pub(crate) c: &'a LayerCosts,
    /// Its block kinds and weight sums.
    pub(crate) shape: &'a LayerShape,
    /// Its GPUs' constants.
    pub(crate) d: &'a Devices,
}

impl TallyIn<'_> {
    /// Whether runs of blocks can be tallied at once from the running
    /// sums (no sum over blocks overflows).
    fn run_sums(&self) -> bool {
        self.c.exact_sums
            && self.shape.w_exact
            && self.shape.prefix.len() == self.s.arch.layers.len() + 1
    }
}

/// Buffers reused by repeated tallies (the placement and context searches).
#[derive(Debug)]
struct Scratch {
    /// The result of the last [`tally_into`].
    tally: Tally,
    /// Compute peak of each GPU.
    peaks: SmallVec<Option<u64>, 2>,
    /// Masks read on each GPU: bit 0 full span, bit 1 window.
    masks: SmallVec<u8, 2>,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            tally: Tally {
                gpus: SmallVec::new(),
                host: Parts::default(),
                gpu_capacity: SmallVec::new(),
                host_capacity: 0,
            },
            peaks: SmallVec::new(),
            masks: SmallVec::new(),
        }
    }
}

/// [`tally`] into `sc.tally`, reusing its buffers.
fn tally_into(x: TallyIn<'_>, pl: &Placement, sc: &mut Scratch) {
    let TallyIn { s, c, d, .. } = x;
    let w = &s.weights;
    let n_gpu = s.gpus.len();
    let Scratch {
        tally: t,
        peaks,
        masks,
    } = sc;
    t.gpus.fill(Parts::default(), n_gpu);
    t.host = Parts::default();
    if t.gpu_capacity[..] != d.caps[..] {
        t.gpu_capacity.fill(0, d.caps.len());
        t.gpu_capacity.copy_from_slice(&d.caps);
    }
    peaks.fill(None, n_gpu);
    masks.fill(0, n_gpu);
    let mut acc = Acc {
        gpus: &mut t.gpus,
        host: &mut t.host,
        peaks,
        cpu_peak: None,
        masks,
        cpu_masks: 0,
    };
    let sums = x.run_sums();
    for &r in &pl.runs {
        if sums && r.dev != Dev::Split {
            acc.run(x, r, pl.n_cpu_moe)
        } else {
            acc.blocks(x, r, pl.n_cpu_moe)
        }
    }
    let embd = w.token_embd_bytes.saturating_add(w.per_layer_embd_bytes);
    acc.add(d, pl.embd_dev, embd, |p| &mut p.weights);
    let tied_on_cpu = s.arch.tied_embeddings && pl.output_dev == Dev::Cpu;
    let output = if tied_on_cpu && pl.embd_dev == Dev::Cpu {
        0 // mmap: the "copy" on the CPU is the same mapped tensor.
    } else {
        w.output_bytes
    };
    let out_extra = output
        .saturating_add(w.other_bytes)
        .saturating_add(w.nextn_bytes);
    acc.add(d, pl.output_dev, out_extra, |p| &mut p.weights);
    let mmproj_dev = if n_gpu == 0 { Dev::Cpu } else { Dev::Gpu(0) };
    acc.add(d, mmproj_dev, s.mmproj_bytes, |p| &mut p.weights);
    acc.raise(pl.output_dev, c.logits);
    // op_offload (default on): llama.cpp runs the matrix multiplications of
    // RAM-resident layers on the main GPU for batches of 32+ tokens, so that
    // GPU's compute buffer also covers them (sizing-facts §6; a 2024 log with
    // 0 of 5 layers offloaded still shows a 642 MiB CUDA0 compute buffer).
    if s.profile.engine == Engine::LlamaCpp && s.ubatch >= 32 {
        if let (Some(m), Some(p0), Some(b0)) =
            (acc.cpu_peak, acc.peaks.get_mut(0), acc.masks.get_mut(0))
        {
            *p0 = Some(p0.map_or(m, |x| x.max(m)));
            *b0 |= acc.cpu_masks;
        }
    }

    // Compute buffers: one per device in use.
    let mask_of = |bits: u8| -> u64 {
        let full = if bits & 1 != 0 { c.mask_full } else { 0 };
        let window = if bits & 2 != 0 { c.mask_window } else { 0 };
        full.saturating_add(window)
    };
    let Acc {
        gpus,
        host,
        peaks,
        cpu_peak,
        masks,
        cpu_masks,
    } = acc;
    for (gi, p) in gpus.iter_mut().enumerate() {
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
    host.compute = cpu_graph.max(c.host_input);
    host.output = c.output_buffer;

    // Unified memory: the GPUs' use comes out of the same RAM.
    let shared: u64 = if d.any_unified {
        s.gpus
            .iter()
            .zip(gpus.iter())
            .filter(|(g, _)| g.kind == DeviceKind::Unified)
            .map(|(_, p)| p.used())
            .fold(0u64, |a, b| a.saturating_add(b))
    } else {
        0
    };
    t.host_capacity = s.host.capacity_bytes.saturating_sub(shared);
}

/// Every GPU keeps `margin` free.
pub fn gpus_fit(t: &Tally, margin: u64) -> bool {
    gpu_slack(t, margin) >= 0
}

/// Bytes left on the fullest GPU in use once it keeps `margin` free
/// (negative when it cannot; 0 when no GPU is in use).
fn gpu_slack(t: &Tally, margin: u64) -> i128 {
    t.gpus
        .iter()
        .zip(&t.gpu_capacity)
        .filter(|(p, _)| p.in_use())
        .map(|(p, &cap)| i128::from(cap) - i128::from(p.used()) - i128::from(margin))
        .min()
        .unwrap_or(0)
}

/// Every device in use stays within its capacity.
pub fn all_fit(t: &Tally) -> bool {
    gpus_fit(t, 0) && t.host.used() <= t.host_capacity
}

/// Chooses the placement for `s` (user `-ngl`/`--n-cpu-moe`, or the
/// runtime's own choice) and gives it with its [`tally`](tally_into) (the
/// `--fit` search has usually tallied it already), both held in `scratch`.
///
/// `hint` is the `(ngl, n_cpu_moe)` this function chose for the same
/// scenario at a context no larger than this one (a sweep's previous
/// point), if known. Memory grows with context, so nothing larger than the
/// hint fits here: the search starts from it, often ending after one tally.
/// The result is the same with or without a hint.
pub(crate) fn choose_tallied<'s>(
    x: TallyIn<'_>,
    scratch: &'s mut FitScratch,
    hint: Option<(u32, u32)>,
) -> (&'s Placement, &'s Tally) {
    let i = choose_slot(x, scratch, hint);
    let slot = &scratch.slots[i & 1];
    (&slot.pl, &slot.sc.tally)
}

/// [`choose_tallied`]: the index of the slot of `scratch` that holds the
/// chosen placement.
fn choose_slot(x: TallyIn<'_>, scratch: &mut FitScratch, hint: Option<(u32, u32)>) -> usize {
    let TallyIn { s, shape, .. } = x;
    let mut search = FitSearch::new(x, scratch);
    if s.profile.engine != Engine::LlamaCpp || s.gpus.is_empty() {
        if s.gpus.is_empty() {
            return search.finish(0, 0);
        }
        let slot = &mut search.scratch.slots[0];
        slot.pl = all_gpu_placement(s);
        slot.key = None;
        tally_into(x, &slot.pl, &mut slot.sc);
        return 0;
    }
    let n_layer = s.arch.layers.len() as u32;
    let all = n_layer.saturating_add(1);
    let user_moe = s.n_cpu_moe.unwrap_or(0);
    if let Some(ngl) = s.ngl {
        return search.finish(ngl, user_moe);
    }
    // llama.cpp's own `--fit` (llama-server and the other llama.cpp tools;
    // Ollama, LM Studio and koboldcpp choose the layers themselves, kept
    // here as a split in proportion to free memory).
    let nd = s.gpus.len();
    let fit_tool = s.runtime == crate::inputs::RuntimeId::LlamaCpp && nd > 1;
    if fit_tool && x.d.user_split {
        // `--fit` leaves a user's `--tensor-split` alone: it gives up, and
        // llama.cpp offloads every layer.
        return search.finish(all, user_moe);
    }
    // On several GPUs (layer split) `--fit` fills them one by one.
    let fill = fit_tool && nd <= FILL_MAX_GPUS && s.split == SplitMode::Layer;
    // Ollama adds 1 GiB of headroom to the fit target when it offloads a
    // projector (`llm/llama_server.go`, sizing-facts §5.4); the projector's
    // own bytes are already on GPU 0 in the tally.
    search.margin = if s.runtime == crate::inputs::RuntimeId::Ollama && s.mmproj_bytes > 0 {
        s.profile.fit_margin_bytes.saturating_add(crate::units::GIB)
    } else {
        s.profile.fit_margin_bytes
    };
    // For MoE, experts go to RAM first (at all layers), then layers; the
    // layer search then keeps the experts of every block in RAM.
    let moe_first = shape.arch_moe && s.n_cpu_moe.is_none();
    let layer_moe = if moe_first { n_layer } else { user_moe };
    let n = u64::from(n_layer);
    let all64 = u64::from(all);
    // Where the hint says the answer is: among the expert counts at all
    // layers, or among the layer counts. A hint that every layer fitted
    // says nothing about a larger context.
    enum Phase {
        Unknown,
        Experts(u64),
        Layers(u64),
    }
    let phase = match hint {
        Some((ngl, moe)) if ngl == all && moe_first && moe > user_moe && moe <= n_layer => {
            Phase::Experts(u64::from(n_layer - moe))
        }
        Some((ngl, moe)) if ngl < all && moe == layer_moe => Phase::Layers(u64::from(ngl)),
        _ => Phase::Unknown,
    };
    let f_top = match phase {
        // More layers than `k` did not fit at the smaller context, so they
        // do not here.
        Phase::Layers(_) if fill => return search.fill_gpus(all, layer_moe),
        Phase::Layers(k) => return search.most_layers(layer_moe, k, (k + 1, -1)),
        // Blocks keeping their experts on the GPU: more than `kept` did not
        // fit at the smaller context.
        Phase::Experts(kept) => match search.most_kept(all, n, kept, (kept + 1, -1)) {
            Ok(i) => return i,
            Err(f_moe) => f_moe,
        },
        Phase::Unknown => {
            let f_all = search.slack(all, user_moe);
            if f_all >= 0 {
                return search.finish(all, user_moe);
            }
            if !moe_first {
                f_all
            } else {
                // First guess: the fewest leading blocks whose experts
                // weigh the bytes missing.
                let missing = u64::try_from(-f_all).unwrap_or(u64::MAX);
                let moved = shape.prefix.partition_point(|p| p.w[2] < missing) as u64;
                let guess = n.saturating_sub(moved).min(n.saturating_sub(1));
                match search.most_kept(all, n, guess, (n, f_all)) {
                    Ok(i) => return i,
                    Err(f_moe) => f_moe,
                }
            }
        }
    };
    if fill {
        return search.fill_gpus(all, layer_moe);
    }
    // Most layers on GPU: all layers do not fit (`f_top`). Blocks are
    // alike, so the GPU bytes per block of the all-layers tally give a
    // first guess.
    let guess = search
        .per_block_gpu_bytes(all, layer_moe)
        .map_or(0, |per_block| {
            let deficit = u64::try_from(-f_top).unwrap_or(u64::MAX);
            all64.saturating_sub(deficit.div_ceil(per_block.max(1)))
        });
    search.most_layers(layer_moe, guess, (all64, f_top))
}

/// The buffers of the `--fit` search: two slots of placement and tally,
/// reused from one estimate to the next (a sweep keeps one).
#[derive(Debug, Default)]
pub(crate) struct FitScratch {
    slots: [Slot; 2],
}

/// A placement tried by [`FitSearch`], its tally, and its key (`None`
/// when the slot holds nothing of this search).
#[derive(Debug)]
struct Slot {
    pl: Placement,
    sc: Scratch,
    key: Option<Key>,
}

/// `-ngl` and `--n-cpu-moe` (with the placement's
/// [`Placement::gpu_layers`], the slot's key).
type Key = (u32, u32);

impl Default for Slot {
    fn default() -> Self {
        Slot {
            pl: Placement::default(),
            sc: Scratch::new(),
            key: None,
        }
    }
}

/// llama.cpp's `--fit`: placements tried one after the other. Two slots
/// of placement and tally are reused: the one tried last, and the last
/// one that fit (where the search usually ends), so ending the search
/// costs no extra tally.
struct FitSearch<'a, 's> {
    x: TallyIn<'a>,
    /// Bytes every GPU keeps free.
    margin: u64,
    /// The two slots.
    scratch: &'s mut FitScratch,
    /// The slot tried last.
    cur: usize,
}

impl<'a, 's> FitSearch<'a, 's> {
    fn new(x: TallyIn<'a>, scratch: &'s mut FitScratch) -> Self {
        for slot in &mut scratch.slots {
            slot.key = None;
        }
        FitSearch {
            x,
            margin: 0,
            scratch,
            cur: 0,
        }
    }

    /// Bytes left on the fullest GPU in use under `-ngl ngl --n-cpu-moe
    /// moe` once it keeps the margin: non-negative when the placement fits.
    fn slack(&mut self, ngl: u32, moe: u32) -> i128 {
        let i = self.find_or_set(ngl, moe, None);
        let free = gpu_slack(&self.scratch.slots[i].sc.tally, self.margin);
        self.keep_if_fits(i, free)
    }

    /// Keeps slot `i` when its placement fits (`free ≥ 0`): the next try
    /// goes to the other slot. Returns `free`.
    fn keep_if_fits(&mut self, i: usize, free: i128) -> i128 {
        self.cur = if free >= 0 { 1 - i } else { i };
        free
    }

    /// GPU bytes per main block (weights, KV, state) in the tally of
    /// `(ngl, moe)` if it was tried.
    fn per_block_gpu_bytes(&self, ngl: u32, moe: u32) -> Option<u64> {
        let slot = self
            .scratch
            .slots
            .iter()
            .find(|x| x.key == Some((ngl, moe)) && x.pl.gpu_layers.is_none())?;
        let n = slot.pl.n_blocks_off_cpu() as u64;
        let bytes = slot.sc.tally.gpus.iter().fold(0u64, |a, p| {
            a.saturating_add(p.weights.saturating_add(p.kv).saturating_add(p.state))
        });
        (n > 0).then(|| bytes / n)
    }

    /// The index (0 or 1) of the slot holding `-ngl ngl --n-cpu-moe moe`
    /// with `gpu_layers` layers per GPU (`None`: in proportion to free
    /// memory), tallying it into the current slot when neither does.
    fn find_or_set(&mut self, ngl: u32, moe: u32, gpu_layers: Option<&GpuLayers>) -> usize {
        let key = Some((ngl, moe));
        let same = |x: &Slot| x.key == key && x.pl.gpu_layers.as_ref() == gpu_layers;
        match self.scratch.slots.iter().position(same) {
            Some(i) => i & 1,
            None => {
                let i = self.cur & 1;
                let x = self.x;
                let slot = &mut self.scratch.slots[i];
                set_llama_placement(x.s, (ngl, moe), gpu_layers, x.d, &mut slot.pl);
                tally_into(x, &slot.pl, &mut slot.sc);
                slot.key = key;
                i
            }
        }
    }

    /// The slot of the most layers that fit with the experts of the first
    /// `moe` blocks in RAM, given that `hi` layers do not (`f_hi < 0`; any
    /// negative value when only that is known), trying `guess < hi` first.
    /// Free bytes shrink as layers are added, and the search is bracketed
    /// from the guess either way, so the result does not depend on it.
    fn most_layers(mut self, moe: u32, guess: u64, (hi, f_hi): (u64, i128)) -> usize {
        let (mut guess, mut f_guess) = (guess, self.slack(guess as u32, moe));
        if f_guess < 0 {
            // Too many: step down by the blocks the deficit weighs, once.
            let (hi, f_hi) = (guess, f_guess);
            if let Some(per_block) = self.per_block_gpu_bytes(hi as u32, moe) {
                let deficit = u64::try_from(-f_hi).unwrap_or(u64::MAX);
                let lower = hi.saturating_sub(deficit.div_ceil(per_block.max(1)));
                if lower > 0 {
                    (guess, f_guess) = (lower, self.slack(lower as u32, moe));
                    if f_guess >= 0 {
                        let ngl = last_nonneg((guess, f_guess), (hi, f_hi), |k| {
                            self.slack(k as u32, moe)
                        });
                        return self.finish(ngl as u32, moe);
                    }
                }
            }
        }
        let ngl = if f_guess >= 0 {
            last_nonneg((guess, f_guess), (hi, f_hi), |k| self.slack(k as u32, moe))
        } else {
            let f_none = self.slack(0, moe);
            if f_none < 0 {
                0
            } else {
                last_nonneg((0, f_none), (guess, f_guess), |k| self.slack(k as u32, moe))
            }
        };
        self.finish(ngl as u32, moe)
    }

    /// At all layers (`all`) of `n` blocks, the slot of the fewest blocks
    /// with experts in RAM, counted as the blocks keeping them on the GPU:
    /// `hi` kept do not fit (`f_hi` as in [`FitSearch::most_layers`]),
    /// `guess < hi` is tried first. Free bytes grow with the blocks whose
    /// experts are in RAM. `Err` holds the free bytes with every block's
    /// experts in RAM when even that does not fit.
    fn most_kept(
        &mut self,
        all: u32,
        n: u64,
        guess: u64,
        (hi, f_hi): (u64, i128),
    ) -> Result<usize, i128> {
        let free = |search: &mut Self, k: u64| search.slack(all, (n - k) as u32);
        let (mut guess, mut f_guess) = (guess, free(self, guess));
        if f_guess < 0 {
            // Too many kept: also move the experts of the next blocks whose
            // expert weights cover the deficit, once.
            let (hi, f_hi) = (guess, f_guess);
            let prefix = &self.x.shape.prefix;
            let moved = prefix.get((n - hi) as usize).map_or(u64::MAX, |p| p.w[2]);
            let target = moved.saturating_add(u64::try_from(-f_hi).unwrap_or(u64::MAX));
            let lower = n.saturating_sub(prefix.partition_point(|p| p.w[2] < target) as u64);
            if lower > 0 && lower < hi {
                (guess, f_guess) = (lower, free(self, lower));
                if f_guess >= 0 {
                    let kept = last_nonneg((guess, f_guess), (hi, f_hi), |k| free(self, k));
                    return Ok(self.finish(all, (n - kept) as u32));
                }
            }
        }
        let kept = if f_guess >= 0 {
            last_nonneg((guess, f_guess), (hi, f_hi), |k| free(self, k))
        } else {
            let f_moe = free(self, 0);
            if f_moe < 0 {
                return Err(f_moe);
            }
            last_nonneg((0, f_moe), (guess, f_guess), |k| free(self, k))
        };
        Ok(self.finish(all, (n - kept) as u32))
    }

    /// llama.cpp's `--fit` on several GPUs when not every layer fits
    /// (sizing-facts §5.5; `lcpp-b8399` `llama_params_fit_impl`, step 3):
    /// the GPUs are filled one by one from the last, each with as many of
    /// the `all` layers not yet on a later GPU as keep it within the margin
    /// (output layer first, then blocks from the back); layers left over
    /// stay in RAM. The experts of the first `moe` blocks stay in RAM. A
    /// GPU's bytes grow with its layers, so each count is bracketed. The
    /// slot of the result.
    fn fill_gpus(&mut self, all: u32, moe: u32) -> usize {
        let nd = self.x.s.gpus.len().min(FILL_MAX_GPUS);
        let mut counts: GpuLayers = [0; FILL_MAX_GPUS];
        let mut left = all;
        for id in (0..nd).rev() {
            if left == 0 {
                break;
            }
            let with = |search: &mut Self, k: u64| {
                let mut c = counts;
                if let Some(x) = c.get_mut(id) {
                    *x = k as u32;
                }
                search.slack_of(c, moe, id)
            };
            let f_hi = with(self, u64::from(left));
            let k = if f_hi >= 0 {
                left
            } else {
                let f_lo = with(self, 0);
                if f_lo < 0 {
                    0
                } else {
                    last_nonneg((0, f_lo), (u64::from(left), f_hi), |k| with(self, k)) as u32
                }
            };
            if let Some(x) = counts.get_mut(id) {
                *x = k;
            }
            left -= k;
        }
        // No layer on any GPU is the same placement as `-ngl 0`.
        let ngl = all - left;
        self.find_or_set(ngl, moe, (ngl > 0).then_some(&counts))
    }

    /// Bytes left on GPU `id` once it keeps the margin, with `gpu_layers`
    /// layers per GPU and the experts of the first `moe` blocks in RAM.
    fn slack_of(&mut self, gpu_layers: GpuLayers, moe: u32, id: usize) -> i128 {
        let ngl = gpu_layers.iter().sum();
        let i = self.find_or_set(ngl, moe, Some(&gpu_layers));
        let t = &self.scratch.slots[i].sc.tally;
        let free = match (t.gpus.get(id), t.gpu_capacity.get(id)) {
            (Some(p), Some(&cap)) => {
                i128::from(cap) - i128::from(p.used()) - i128::from(self.margin)
            }
            _ => 0,
        };
        self.keep_if_fits(i, free)
    }

    /// The slot of the placement `-ngl ngl --n-cpu-moe moe` and its tally.
    fn finish(&mut self, ngl: u32, moe: u32) -> usize {
        self.find_or_set(ngl, moe, None)
    }
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
/// `pl` still fits every device; 0 if 256 tokens do not fit. Memory grows
/// almost linearly with context: [`last_nonneg`] takes typically 4-6
/// evaluations.
pub fn max_ctx_that_fits(s: &Scenario, pl: &Placement, d: &Devices, cap: u64) -> u64 {
    max_ctx_with_shape(s, pl, d, cap, &LayerShape::new(s))
}

/// [`max_ctx_that_fits`] with the block kinds of `s.arch` already known.
pub(crate) fn max_ctx_with_shape(
    s: &Scenario,
    pl: &Placement,
    d: &Devices,
    cap: u64,
    shape: &LayerShape,
) -> u64 {
    let mut sc = Scratch::new();
    let mut free_at = |step: u64| {
        let c = LayerCosts::with_shape(s, step * 256, shape);
        tally_into(TallyIn { s, c: &c, shape, d }, pl, &mut sc);
        slack(&sc.tally)
    };
    let n = cap / 256;
    if n == 0 {
        return 0;
    }
    let f_lo = free_at(1);
    if f_lo < 0 {
        return 0;
    }
    let f_hi = free_at(n);
    if f_hi >= 0 {
        return n * 256;
    }
    last_nonneg((1, f_lo), (n, f_hi), free_at) * 256
}

/// The largest `x` in `lo..hi` with `f(x) ≥ 0`, given `f(lo) = f_lo ≥ 0 >
/// f_hi = f(hi)` and `f` non-increasing.
///
/// `f` is close to linear in the searches that use this (free bytes
/// against layers or context), so the search interpolates (regula falsi)
/// and falls back to bisection whenever one end of the bracket stays put
/// twice; the bracket always holds the answer, so the result is the same
/// as bisection's.
fn last_nonneg(
    (mut lo, mut f_lo): (u64, i128),
    (mut hi, mut f_hi): (u64, i128),
    mut f: impl FnMut(u64) -> i128,
) -> u64 {
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
        let fx = f(x);
        if fx >= 0 {
            lo = x;
            f_lo = fx;
            same_side = if same_side > 0 { same_side + 1 } else { 1 };
        } else {
            hi = x;
            f_hi = fx;
            same_side = if same_side < 0 { same_side - 1 } else { -1 };
        }
    }
    lo
}
