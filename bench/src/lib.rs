//! The workloads whose speed headroom budgets: one estimate, the full
//! catalog sweep behind the recommendation and tier views, and the tiers
//! table. The same functions run natively (criterion, `benches/engine.rs`)
//! and in the browser (the web crate's `bench_sweep` times
//! [`timed_sweep_workload`]), so both measure one definition.
//!
//! Sweeps go through [`headroom_core::sweep::Sweep`] as the web app does:
//! each (model, quantization) is resolved once per sweep cache ("cold"),
//! and later sweeps on the same hardware — a new context grid, say — only
//! estimate ("warm").

use headroom_core::catalog;
use headroom_core::estimate::{estimate, Estimate, Fit};
use headroom_core::inputs::{HardwareInputs, Inputs, ModelRef};
use headroom_core::quant::FileType;
use headroom_core::resolve_inputs::resolve;
use headroom_core::sweep::{Detail, Sweep};

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

/// Every catalog model × every llama-quantize file type × `ctxs` through
/// `sweep` (on its hardware), full estimates. Returns how many estimates
/// ran and how many fit.
pub fn full_sweep(sweep: &mut Sweep, ctxs: &[u64]) -> (usize, usize) {
    sweep_with(sweep, ctxs, Detail::Full)
}

/// [`full_sweep`] at a chosen [`Detail`].
pub fn sweep_with(sweep: &mut Sweep, ctxs: &[u64], detail: Detail) -> (usize, usize) {
    let (mut n, mut fits) = (0, 0);
    for model in catalog::models() {
        for ft in FileType::all() {
            for &ctx in ctxs {
                if let Ok(e) = sweep.estimate(model.id, ft.name(), ctx, detail) {
                    n += 1;
                    fits += usize::from(e.fit != Fit::No);
                }
            }
        }
    }
    (n, fits)
}

/// The full sweep from an empty cache: resolves every (model, file type)
/// once, then estimates [`CTX_GRID`] on the default hardware.
pub fn cold_sweep() -> (usize, usize) {
    full_sweep(&mut Sweep::new(&Inputs::default()), &CTX_GRID)
}

/// The full sweep as it ran before the sweep cache: every point resolved
/// from scratch (for comparison).
pub fn unshared_sweep(base: &Inputs) -> (usize, usize) {
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
                    fits += usize::from(e.fit != Fit::No);
                }
            }
        }
    }
    (n, fits)
}

/// The tiers table: every catalog model at Q4_K_M and 32K context on each
/// hardware tier's representative device, through one sweep cache per tier
/// that `caches` keeps between calls (empty on the first call: cold).
/// Returns the number of cells.
pub fn tiers_table(caches: &mut Vec<Sweep>) -> usize {
    let tiers = catalog::tiers::tiers();
    if caches.len() != tiers.len() {
        *caches = tiers
            .iter()
            .map(|tier| {
                Sweep::new(&Inputs {
                    hardware: HardwareInputs {
                        gpus: vec![(tier.gpu.into(), tier.count)],
                        ..HardwareInputs::default()
                    },
                    ..Inputs::default()
                })
            })
            .collect();
    }
    let mut n = 0;
    for sweep in caches.iter_mut() {
        for model in catalog::models() {
            n += usize::from(
                sweep
                    .estimate(model.id, "Q4_K_M", 32768, Detail::Full)
                    .is_ok(),
            );
        }
    }
    n
}

/// The browser's sweep workload: one warm full sweep. Builds the cache
/// (not timed by the caller when it passes the same `sweep` again), and
/// returns the number of estimates. Pure: the caller times it (the web
/// crate with `performance.now()`).
pub fn timed_sweep_workload(sweep: &mut Sweep) -> usize {
    full_sweep(sweep, &CTX_GRID).0
}
