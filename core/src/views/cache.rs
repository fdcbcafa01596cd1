//! The sweep cache shared by the views that estimate many configurations.

use alloc::string::String;
use alloc::vec::Vec;

use crate::catalog::tiers::HardwareTier;
use crate::catalog::Model;
use crate::estimate::Estimate;
use crate::inputs::{HardwareInputs, Inputs, ModelRef};
use crate::quant::FileType;
use crate::sweep::{Detail, Sweep};

/// Resolved (model, quant) plans reused by the sweeps, one
/// [`Sweep`] per set of hardware and runtime settings. Weight plans do not
/// depend on context, so sweeps that vary it (or the model and quant) only
/// estimate; the caller owns the cache.
#[derive(Debug, Default)]
pub struct WeightCache {
    sweeps: Vec<(Inputs, Sweep)>,
}

/// Most settings kept; the oldest is dropped past this.
const MAX_SWEEPS: usize = 32;

impl WeightCache {
    /// An empty cache.
    pub fn new() -> Self {
        WeightCache::default()
    }

    /// Sets of settings held.
    pub fn len(&self) -> usize {
        self.sweeps.len()
    }

    /// Nothing held.
    pub fn is_empty(&self) -> bool {
        self.sweeps.is_empty()
    }

    /// The sweep for the settings of `inputs` (model, quant and context
    /// are ignored).
    fn sweep_for(&mut self, inputs: &Inputs) -> &mut Sweep {
        let key = Inputs {
            model: ModelRef::Catalog(String::new()),
            quant: String::new(),
            ctx: 1,
            ..inputs.clone()
        };
        let i = match self.sweeps.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                if self.sweeps.len() >= MAX_SWEEPS {
                    self.sweeps.remove(0);
                }
                let sweep = Sweep::new(&key);
                self.sweeps.push((key, sweep));
                self.sweeps.len() - 1
            }
        };
        &mut self.sweeps[i].1
    }
}

/// A lower bound on the weight bytes of `model` at `quant`: parameters ×
/// the bits per weight of the quant's base ggml type (llama-quantize only
/// raises tensors above the base type). Used to skip estimates that
/// cannot fit; `None` for names that are not llama-quantize types.
pub fn weight_bytes_lower_bound(model: &Model, quant: &str) -> Option<u64> {
    let t = FileType::from_name(quant)?.default_type();
    Some((model.params as f64 * t.bits_per_weight() / 8.0) as u64)
}

/// Estimates `model` at `quant` with `inputs`' settings through the cache
/// (fit and speed only: the largest context is not searched). `all_on_gpu`
/// forces every layer onto the GPUs (llama.cpp `-ngl` all, no experts in
/// RAM), which is what "fits in VRAM" means.
pub fn estimate_cached(
    cache: &mut WeightCache,
    model: &'static Model,
    quant: &str,
    inputs: &Inputs,
    all_on_gpu: bool,
) -> Option<Estimate> {
    let mut i = inputs.clone();
    if all_on_gpu {
        i.ngl = Some(u32::MAX);
        i.n_cpu_moe = Some(0);
    }
    cache
        .sweep_for(&i)
        .estimate(model.id, quant, inputs.ctx, Detail::FitAndSpeed)
        .ok()
}

/// `inputs` with the hardware of `tier` (its representative device and
/// count; default RAM).
pub fn with_tier(inputs: &Inputs, tier: &HardwareTier) -> Inputs {
    let mut i = inputs.clone();
    i.hardware = HardwareInputs {
        gpus: alloc::vec![(String::from(tier.gpu), tier.count)],
        vram_gib: None,
        ram_gib: None,
        gpu_limit_gib: None,
    };
    i
}
