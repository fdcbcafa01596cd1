//! llama.cpp's `--fit` emulation on the catalog's real models picks what an
//! exhaustive search over `-ngl`/`--n-cpu-moe` picks (sizing-facts §5.5):
//! every layer if it fits; else, for MoE, the fewest blocks with experts in
//! RAM at every layer; else the most layers (for MoE with every block's
//! experts in RAM). The sweep's searches start from the previous context's
//! answer, so contexts go up as the web app asks them.

use headroom_core::catalog;
use headroom_core::inputs::{HardwareInputs, Inputs, ModelRef};
use headroom_core::resolve_inputs::resolve;
use headroom_core::sweep::{Detail, Sweep};

mod support;

/// The fit the reference picks for `inputs` ([`support::exhaustive_fit`]),
/// and whether that is a partial offload (not every layer with its experts).
fn exhaustive(inputs: &Inputs) -> Option<((u32, u32), bool)> {
    let s = resolve(inputs).ok()?;
    let pick = support::exhaustive_fit(&s, s.arch.n_expert() > 1);
    Some((pick, pick != (s.arch.layers.len() as u32 + 1, 0)))
}

#[test]
fn fit_search_on_catalog_models_matches_exhaustive_search() {
    let on = |gpu: &str, n: u32| Inputs {
        hardware: HardwareInputs {
            gpus: vec![(gpu.into(), n)],
            ..HardwareInputs::default()
        },
        ..Inputs::default()
    };
    let setups = [Inputs::default(), on("rtx-3060", 1), on("rtx-3090", 2)];
    let mut partial = 0;
    for base in &setups {
        let mut sweep = Sweep::new(base);
        for model in catalog::models() {
            for quant in ["Q4_K_M", "Q8_0", "IQ2_XXS"] {
                for ctx in [4096, 32768, 131072] {
                    let inputs = Inputs {
                        model: ModelRef::Catalog(model.id.into()),
                        quant: quant.into(),
                        ctx,
                        ..base.clone()
                    };
                    let Some((want, part)) = exhaustive(&inputs) else {
                        continue;
                    };
                    let got = sweep
                        .estimate(model.id, quant, ctx, Detail::FitAndSpeed)
                        .map(|e| (e.ngl, e.n_cpu_moe));
                    let what = format!("{} {quant} ctx {ctx} on {:?}", model.id, base.hardware);
                    assert_eq!(got.ok(), Some(want), "{what}");
                    partial += usize::from(part);
                }
            }
        }
    }
    // The searches were exercised: many points offload only part.
    assert!(partial > 100, "{partial} partial offloads");
}
