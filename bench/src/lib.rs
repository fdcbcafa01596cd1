//! The workloads whose speed headroom budgets: one estimate, the full
//! catalog sweep behind the recommendation and tier views, and the tiers
//! table. The same functions run natively (criterion, `benches/engine.rs`)
//! and are mirrored in the browser, so both measure one definition.

use headroom_core::catalog;
use headroom_core::estimate::{estimate, Estimate};
use headroom_core::inputs::{Inputs, ModelRef};
use headroom_core::quant::FileType;
use headroom_core::resolve_inputs::resolve;

/// Contexts of the sweep grid (tokens).
pub const CTX_GRID: [u64; 4] = [4096, 16384, 32768, 131072];

/// The single-estimate workload: Qwen3-32B, Q4_K_M, 32K context, one RTX 4090.
pub fn single_inputs() -> Inputs {
    Inputs {
        model: ModelRef::Catalog("qwen3-32b".into()),
        quant: "Q4_K_M".into(),
        ctx: 32768,
        ..Inputs::default()
    }
}

/// Resolves and estimates one configuration; `None` when it does not resolve.
pub fn run(inputs: &Inputs) -> Option<Estimate> {
    resolve(inputs).ok().map(|s| estimate(&s))
}

/// Every catalog model × every llama-quantize file type × [`CTX_GRID`] on
/// the hardware of `base`. Returns how many estimates ran and how many fit.
pub fn full_sweep(base: &Inputs) -> (usize, usize) {
    let (mut n, mut fits) = (0, 0);
    let mut inputs = base.clone();
    for model in catalog::models() {
        inputs.model = ModelRef::Catalog(model.id.into());
        for ft in FileType::all() {
            inputs.quant = ft.name().into();
            for &ctx in &CTX_GRID {
                inputs.ctx = ctx;
                if let Some(e) = run(&inputs) {
                    n += 1;
                    fits += usize::from(e.fit != headroom_core::estimate::Fit::No);
                }
            }
        }
    }
    (n, fits)
}

/// The tiers table: every catalog model at Q4_K_M and 32K context on each
/// hardware tier's representative device. Returns the number of cells.
pub fn tiers_table() -> usize {
    let mut n = 0;
    for tier in catalog::tiers::tiers() {
        let mut inputs = Inputs {
            quant: "Q4_K_M".into(),
            ctx: 32768,
            ..Inputs::default()
        };
        inputs.hardware.gpus = vec![(tier.gpu.into(), tier.count)];
        for model in catalog::models() {
            inputs.model = ModelRef::Catalog(model.id.into());
            n += usize::from(run(&inputs).is_some());
        }
    }
    n
}
