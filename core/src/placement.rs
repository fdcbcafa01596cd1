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

use alloc::vec;
use alloc::vec::Vec;

use crate::arch::Ffn;
use crate::compute::{self, ComputeParams};
use crate::device::DeviceKind;
use crate::kv::KvBreakdown;
use crate::runtime::{self, Engine};
use crate::scenario::{Scenario, SplitMode};

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

/// Per-layer figures that do not change while placement is searched.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerCosts {
    /// KV and state per block.
    pub kv: KvBreakdown,
    /// Compute peak per block (mask excluded).
    pub peak: Vec<u64>,
    /// Mask each block reads.
    pub mask: Vec<compute::MaskKind>,
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
}

impl LayerCosts {
    /// Costs of `s` at context `ctx`.
    pub fn new(s: &Scenario, ctx: u64) -> Self {
        let p = crate::kv::KvParams::new(s, ctx);
        let cp = ComputeParams::new(p.layout, p.n_ubatch, s.flash_attn);
        let n = s.arch.layers.len();
        let mut kv = KvBreakdown {
            kv: Vec::with_capacity(n),
            state: Vec::with_capacity(n),
            ..KvBreakdown::default()
        };
        let mut peak = Vec::with_capacity(n);
        let mut mask = Vec::with_capacity(n);
        let (mut mask_full, mut mask_window) = (0u64, 0u64);
        // Blocks repeat a few kinds: remember the last distinct ones.
        type Memo = (crate::arch::Layer, u64, u64, u64, compute::MaskKind, u64);
        let mut memo: [Option<Memo>; 4] = [None; 4];
        for (il, layer) in s.arch.layers.iter().enumerate() {
            let hit = memo.iter().flatten().find(|m| m.0 == *layer).copied();
            let (k, st, pk, mk, mb) = match hit {
                Some((_, k, st, pk, mk, mb)) => (k, st, pk, mk, mb),
                None => {
                    let k = crate::kv::layer_kv_bytes(&s.arch, il, &p)
                        .saturating_mul(tp_kv_replication(s, layer));
                    let st = crate::kv::layer_state_bytes(&s.arch, il, p.layout.n_seq);
                    let pk = compute::layer_peak_bytes(&s.arch, il, &cp);
                    let (mk, span) = compute::layer_span(&s.arch, il, &cp);
                    // Only llama.cpp materialises a KQ mask per graph.
                    let mb = if s.profile.engine == Engine::LlamaCpp {
                        compute::mask_bytes(span, &cp)
                    } else {
                        0
                    };
                    memo.rotate_right(1);
                    memo[0] = Some((*layer, k, st, pk, mk, mb));
                    (k, st, pk, mk, mb)
                }
            };
            match mk {
                compute::MaskKind::Full => mask_full = mask_full.max(mb),
                compute::MaskKind::Window => mask_window = mask_window.max(mb),
                compute::MaskKind::None => {}
            }
            mask.push(mk);
            kv.kv_total = kv.kv_total.saturating_add(k);
            kv.state_total = kv.state_total.saturating_add(st);
            kv.kv.push(k);
            kv.state.push(st);
            peak.push(pk);
        }
        LayerCosts {
            kv,
            peak,
            mask,
            mask_full,
            mask_window,
            hidden: compute::hidden_bytes(&s.arch, &cp),
            logits: compute::logits_bytes(&s.arch, &cp),
            host_input: match s.profile.engine {
                Engine::LlamaCpp => compute::host_input_bytes(&s.arch, &cp),
                _ => 0,
            },
            output_buffer: compute::output_buffer_bytes(&s.arch, s.n_seq()),
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
fn layer_split_dev(il: u64, i_gpu_start: u64, n_offloaded: u64, weights: &[u64]) -> Dev {
    let total: u64 = weights.iter().fold(0u64, |a, &w| a.saturating_add(w));
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
    let ngl = u64::from(ngl).min(n_layer + 1);
    let i_gpu_start = n_layer + 1 - ngl;
    let weights = &d.split;
    let dev_of = |il: u64| -> Dev {
        if il < i_gpu_start {
            Dev::Cpu
        } else if s.split == SplitMode::Tensor && s.gpus.len() > 1 {
            Dev::Split
        } else {
            layer_split_dev(il, i_gpu_start, ngl, weights)
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

/// Bytes per device for placement `pl` with per-layer costs `c`.
pub fn tally(s: &Scenario, pl: &Placement, c: &LayerCosts, d: &Devices) -> Tally {
    let w = &s.weights;
    let n_gpu = s.gpus.len();
    let mut t = Tally {
        gpus: vec![Parts::default(); n_gpu],
        host: Parts::default(),
        gpu_capacity: d.caps.clone(),
        host_capacity: s.host.capacity_bytes,
    };
    let mut peaks: Vec<Option<u64>> = vec![None; n_gpu];
    let mut cpu_peak: Option<u64> = None;
    // Masks read on each device: bit 0 full span, bit 1 window.
    let mut masks: Vec<u8> = vec![0; n_gpu];
    let mut cpu_masks = 0u8;
    for (il, dev) in pl.layer_dev.iter().copied().enumerate() {
        let lw = w.layers.get(il).copied().unwrap_or_default();
        let experts_to_cpu = (il as u32) < pl.n_cpu_moe && dev != Dev::Cpu;
        let (here, moved) = if experts_to_cpu {
            (lw.bytes.saturating_sub(lw.expert_bytes), lw.expert_bytes)
        } else {
            (lw.bytes, 0)
        };
        add(&mut t, d, dev, here, |p| &mut p.weights);
        if moved > 0 {
            add(&mut t, d, Dev::Cpu, moved, |p| &mut p.weights);
        }
        let kv = c.kv.kv.get(il).copied().unwrap_or(0);
        add(&mut t, d, dev, kv, |p| &mut p.kv);
        let state = c.kv.state.get(il).copied().unwrap_or(0);
        if state > 0 {
            add(&mut t, d, dev, state, |p| &mut p.state);
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
        raise(
            &mut peaks,
            &mut cpu_peak,
            dev,
            c.peak.get(il).copied().unwrap_or(0),
        );
        let bit = match c.mask.get(il) {
            Some(compute::MaskKind::Full) => 1u8,
            Some(compute::MaskKind::Window) => 2,
            _ => 0,
        };
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
    add(&mut t, d, pl.embd_dev, embd, |p| &mut p.weights);
    let tied_on_cpu = s.arch.tied_embeddings && pl.output_dev == Dev::Cpu;
    let output = if tied_on_cpu && pl.embd_dev == Dev::Cpu {
        0 // mmap: the "copy" on the CPU is the same mapped tensor.
    } else {
        w.output_bytes
    };
    let out_extra = output
        .saturating_add(w.other_bytes)
        .saturating_add(w.nextn_bytes);
    add(&mut t, d, pl.output_dev, out_extra, |p| &mut p.weights);
    let mmproj_dev = if n_gpu == 0 { Dev::Cpu } else { Dev::Gpu(0) };
    add(&mut t, d, mmproj_dev, s.mmproj_bytes, |p| &mut p.weights);
    raise(&mut peaks, &mut cpu_peak, pl.output_dev, c.logits);
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
    t
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
    let fits = |ngl: u32, moe: u32| {
        let pl = llama_placement(s, ngl, moe, d);
        gpus_fit(&tally(s, &pl, c, d), margin)
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
    let free_at = |step: u64| slack(&tally(s, pl, &LayerCosts::new(s, step * 256), d));
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
