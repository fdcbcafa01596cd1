//! llama.cpp's `--fit` emulation on the catalog's real models picks what an
//! exhaustive search over `-ngl`/`--n-cpu-moe` picks (sizing-facts §5.5):
//! every layer if it fits; else, for MoE, the fewest blocks with experts in
//! RAM at every layer; else the most layers (for MoE with every block's
//! experts in RAM). The sweep's searches start from the previous context's
//! answer, so contexts go up as the web app asks them.

use headroom_core::catalog;
use headroom_core::estimate::estimate;
use headroom_core::inputs::{HardwareInputs, Inputs, ModelRef, RuntimeId};
use headroom_core::resolve_inputs::resolve;
use headroom_core::sweep::{Detail, Sweep};
use headroom_core::views::{command, evaluate, placement_text, Evaluated};

mod support;

/// Default inputs on the GPUs `gpus` (catalog id, count).
fn on_gpus(gpus: &[(&str, u32)]) -> Inputs {
    Inputs {
        hardware: HardwareInputs {
            gpus: gpus.iter().map(|&(g, n)| (g.into(), n)).collect(),
            ..HardwareInputs::default()
        },
        ..Inputs::default()
    }
}

/// Catalog model `model` at `quant` and `ctx` on `gpus`.
fn model_on(model: &str, quant: &str, ctx: u64, gpus: &[(&str, u32)]) -> Inputs {
    Inputs {
        model: ModelRef::Catalog(model.into()),
        quant: quant.into(),
        ctx,
        ..on_gpus(gpus)
    }
}

/// What the calculator shows for `inputs`.
fn evaluated(inputs: &Inputs) -> Evaluated {
    match evaluate(inputs) {
        Ok(ev) => ev,
        Err(m) => panic!("{m}"),
    }
}

/// The fit the reference picks for `inputs` ([`support::exhaustive_fit`]),
/// and whether that is a partial offload (not every layer with its experts).
fn exhaustive(inputs: &Inputs) -> Option<(support::Fit, bool)> {
    let s = resolve(inputs).ok()?;
    let pick = support::exhaustive_fit(&s, s.arch.n_expert() > 1);
    let part = (pick.0, pick.1) != (s.arch.layers.len() as u32 + 1, 0);
    Some((pick, part))
}

#[test]
fn fit_search_on_catalog_models_matches_exhaustive_search() {
    let setups = [
        Inputs::default(),
        on_gpus(&[("rtx-3060", 1)]),
        on_gpus(&[("rtx-3090", 2)]),
        // Two cards of different sizes, the larger first.
        on_gpus(&[("rtx-4090", 1), ("rtx-3060", 1)]),
    ];
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
                        .map(|e| support::fit_of(&e));
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

/// On two GPUs the calculator states the layers `--fit` gives each GPU,
/// and its command line (`-ngl`, `-ts`) reproduces that placement when
/// llama.cpp is told it instead of fitting.
#[test]
fn two_gpu_fit_is_stated_and_its_command_reproduces_it() {
    // Qwen3 32B Q8_0 (34.8 GB of weights) at 32K on two 12 GB cards: about
    // half the layers fit.
    let inputs = model_on("qwen3-32b", "Q8_0", 32768, &[("rtx-3060", 2)]);
    let ev = evaluated(&inputs);
    let e = &ev.estimate;
    let n_layer = ev.scenario.arch.layers.len() as u32;
    assert!(e.ngl > 1 && e.ngl <= n_layer, "-ngl {}", e.ngl);
    let (ngl, _, blocks) = support::fit_of(e);
    // Layers per GPU: the blocks on each, and the output layer on the last.
    assert_eq!(e.tensor_split, vec![blocks[0], blocks[1] + 1]);
    assert_eq!(e.tensor_split.iter().sum::<u32>(), ngl);
    let cmd = command(&inputs, &ev);
    let flags = format!("-ngl {ngl} -ts {},{}", e.tensor_split[0], e.tensor_split[1]);
    assert!(cmd.contains(&flags), "{cmd}");
    let text = placement_text(e);
    let each = format!("the GPUs ({} + {})", blocks[0], blocks[1]);
    assert!(text.contains(&each), "{text}");
    // The same flags set by hand: the same placement and bytes per device.
    let mut s = ev.scenario.clone();
    s.ngl = Some(ngl);
    s.tensor_split = e.tensor_split.iter().map(|&k| u64::from(k)).collect();
    let by_hand = estimate(&s);
    assert_eq!(support::fit_of(&by_hand), support::fit_of(e));
    assert_eq!(by_hand.devices, e.devices);
}

/// With tensor parallelism every GPU holds a share of every layer: the
/// placement sentence counts the model's layers once, not once per GPU.
#[test]
fn tensor_parallel_placement_counts_each_layer_once() {
    // Llama 3.1 8B has 32 blocks (`num_hidden_layers` in its config.json).
    let ev = evaluated(&Inputs {
        runtime: RuntimeId::Vllm,
        ..model_on("llama-3.1-8b", "Q4_K_M", 8192, &[("rtx-3090", 2)])
    });
    let text = placement_text(&ev.estimate);
    assert!(
        text.starts_with("All 32 layers on the GPUs, each divided across all 2"),
        "{text}"
    );
}

/// Ollama, LM Studio and koboldcpp choose the layers themselves and take
/// only a layer count: their estimate keeps the split in proportion to
/// free memory, so the count in their command reproduces it.
#[test]
fn other_runtimes_keep_the_proportional_split() {
    for runtime in [RuntimeId::Ollama, RuntimeId::LmStudio, RuntimeId::Koboldcpp] {
        // Gemma 3 27B at 128K on two 12 GB cards: part stays in RAM.
        let ev = evaluated(&Inputs {
            runtime,
            ..model_on("gemma-3-27b", "Q4_K_M", 131072, &[("rtx-3060", 2)])
        });
        let e = &ev.estimate;
        let n_layer = ev.scenario.arch.layers.len() as u32;
        assert!(e.ngl > 0 && e.ngl <= n_layer, "{runtime:?}: -ngl {}", e.ngl);
        assert!(e.tensor_split.is_empty(), "{runtime:?}");
        let mut s = ev.scenario.clone();
        s.ngl = Some(e.ngl);
        assert_eq!(estimate(&s).devices, e.devices, "{runtime:?}");
    }
}

/// An MoE model whose layers all fit once their experts are in RAM: the
/// command carries `--n-cpu-moe`, with which llama.cpp does not fit, so it
/// pins the layers per GPU too.
#[test]
fn moe_split_with_every_layer_is_pinned_in_the_command() {
    let gpus = [("rtx-3060", 1), ("rtx-4090", 1)];
    let inputs = model_on("qwen3-235b-a22b", "Q8_0", 131072, &gpus);
    let ev = evaluated(&inputs);
    let e = &ev.estimate;
    assert!(e.n_cpu_moe > 0 && e.tensor_split.len() == 2, "{e:?}");
    let cmd = command(&inputs, &ev);
    let split = format!(
        "-ngl {} -ts {},{}",
        e.ngl, e.tensor_split[0], e.tensor_split[1]
    );
    assert!(cmd.contains(&split), "{cmd}");
    assert!(
        cmd.contains(&format!("--n-cpu-moe {}", e.n_cpu_moe)),
        "{cmd}"
    );
}
