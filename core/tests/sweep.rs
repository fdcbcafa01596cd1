//! The sweep cache gives exactly what resolving and estimating each point
//! gives: same estimates, same errors, across models, quantizations,
//! contexts and changes of hardware and runtime settings.

use headroom_core::catalog;
use headroom_core::estimate::{estimate, Estimate};
use headroom_core::inputs::{HardwareInputs, Inputs, ModelRef, RuntimeId};
use headroom_core::quant::FileType;
use headroom_core::resolve_inputs::{resolve, ResolveError};
use headroom_core::sweep::{Detail, Sweep};

fn direct(base: &Inputs, model: &str, quant: &str, ctx: u64) -> Result<Estimate, ResolveError> {
    let inputs = Inputs {
        model: ModelRef::Catalog(model.into()),
        quant: quant.into(),
        ctx,
        ..base.clone()
    };
    resolve(&inputs).map(|s| estimate(&s))
}

fn check(sweep: &mut Sweep, base: &Inputs, model: &str, quant: &str, ctx: u64) {
    let want = direct(base, model, quant, ctx);
    let got = sweep.estimate(model, quant, ctx, Detail::Full);
    assert_eq!(got, want, "{model} {quant} ctx {ctx}");
    let quick = sweep.estimate(model, quant, ctx, Detail::FitAndSpeed);
    match (quick, want) {
        (Ok(q), Ok(w)) => assert_eq!(
            q,
            Estimate {
                max_ctx_that_fits: 0,
                ..w
            },
            "{model} {quant} ctx {ctx} (fit and speed)"
        ),
        (q, w) => assert_eq!(q, w, "{model} {quant} ctx {ctx} (fit and speed)"),
    }
}

fn on(gpu: &str, n: u32) -> Inputs {
    Inputs {
        hardware: HardwareInputs {
            gpus: vec![(gpu.into(), n)],
            ..HardwareInputs::default()
        },
        ..Inputs::default()
    }
}

#[test]
fn every_model_and_file_type_matches_resolve_and_estimate() {
    let base = Inputs::default();
    let mut sweep = Sweep::new(&base);
    for model in catalog::models() {
        for ft in FileType::all() {
            check(&mut sweep, &base, model.id, ft.name(), 32768);
        }
    }
    // Warm: a new context on the same plans.
    for model in catalog::models() {
        for quant in ["Q4_K_M", "Q8_0", "IQ1_S"] {
            check(&mut sweep, &base, model.id, quant, 4096);
        }
    }
}

#[test]
fn settings_changes_keep_plans_and_match() {
    let models = [
        "qwen3-30b-a3b",
        "gemma-3-27b",
        "deepseek-v3",
        "llama-3.1-8b",
        // Multimodal with no known projector size: the estimate warns.
        "gemma-3n-e4b",
    ];
    let quants = ["Q4_K_M", "UD-Q2_K_XL", "FP8", "MLX-4bit", "BF16"];
    let setups = [
        Inputs::default(),
        on("rtx-3090", 2),
        Inputs {
            runtime: RuntimeId::Vllm,
            ..on("h100-pcie", 4)
        },
        Inputs {
            runtime: RuntimeId::Ollama,
            multimodal: true,
            parallel: 4,
            ..on("m4-max-64", 1)
        },
        Inputs {
            hardware: HardwareInputs {
                ram_gib: Some(96.0),
                ..HardwareInputs::default()
            },
            ngl: Some(10),
            ..Inputs::default()
        },
    ];
    let mut sweep = Sweep::new(&setups[0]);
    for base in setups.iter().chain(setups.iter().rev()) {
        sweep.set_inputs(base);
        for model in models {
            for quant in quants {
                for ctx in [2048, 65536] {
                    check(&mut sweep, base, model, quant, ctx);
                }
            }
        }
    }
    assert_eq!(sweep.n_plans(), models.len() * quants.len());
}

#[test]
fn errors_match_resolve() {
    let base = Inputs::default();
    let mut sweep = Sweep::new(&base);
    check(&mut sweep, &base, "no-such-model", "Q4_K_M", 4096);
    check(&mut sweep, &base, "qwen3-8b", "Q9_Z", 4096);
    check(&mut sweep, &base, "qwen3-8b", "Q4_K_M", 0);
    check(&mut sweep, &base, "qwen3-8b", "Q4_K_M", u64::MAX);
    // Settings that do not resolve, then do again.
    let bad = on("no-such-gpu", 1);
    sweep.set_inputs(&bad);
    check(&mut sweep, &bad, "qwen3-8b", "Q4_K_M", 4096);
    check(&mut sweep, &bad, "qwen3-8b", "Q5_K_M", 4096);
    check(&mut sweep, &bad, "qwen3-8b", "Q5_K_M", 0);
    check(&mut sweep, &bad, "no-such-model", "Q5_K_M", 4096);
    sweep.set_inputs(&base);
    check(&mut sweep, &base, "qwen3-8b", "Q4_K_M", 4096);
    check(&mut sweep, &base, "qwen3-8b", "Q5_K_M", 4096);
}

#[test]
fn many_contexts_on_one_model_match() {
    // More contexts than a model keeps costs for, asked twice in a
    // different order, on two quantizations (the costs are shared by plans).
    // Also on two 12 GB cards, where Q8_0 (8.5 bits × 27 B parameters ≈
    // 29 GB) leaves layers in RAM and `--fit` fills the cards one by one:
    // the remembered placements then carry the layers per GPU.
    for base in [Inputs::default(), on("rtx-3060", 2)] {
        let mut sweep = Sweep::new(&base);
        let ctxs: Vec<u64> = (0..13).map(|i| 1024 + 3000 * i).collect();
        for round in 0..2 {
            for (i, &ctx) in ctxs.iter().enumerate() {
                let ctx = if round == 0 {
                    ctx
                } else {
                    ctxs[(i * 5) % ctxs.len()]
                };
                for quant in ["Q4_K_M", "Q8_0"] {
                    check(&mut sweep, &base, "gemma-3-27b", quant, ctx);
                }
            }
        }
    }
}
