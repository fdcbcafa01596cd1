//! Helpers shared by the integration tests.

use headroom_core::estimate::{estimate, Estimate, UseKind};
use headroom_core::inputs::RuntimeId;
use headroom_core::placement::FILL_MAX_GPUS;
use headroom_core::scenario::{Scenario, SplitMode};

/// A placement: `-ngl`, `--n-cpu-moe` and the main blocks on each GPU.
pub type Fit = (u32, u32, Vec<u32>);

/// The placement of an estimate, as [`exhaustive_fit`] gives it.
pub fn fit_of(e: &Estimate) -> Fit {
    let per_gpu = e
        .devices
        .iter()
        .filter(|d| d.kind == UseKind::Gpu)
        .map(|d| d.n_layers)
        .collect();
    (e.ngl, e.n_cpu_moe, per_gpu)
}

/// What llama.cpp's `--fit` picks for `s` (sizing-facts §5.5), found by
/// trying placements one by one with `-ngl`/`--n-cpu-moe` (and
/// `--tensor-split`) set: every layer if it fits; else, for MoE (`moe`),
/// the fewest blocks with experts in RAM at every layer; else the most
/// layers (for MoE with every block's experts in RAM) — on several GPUs,
/// filled one GPU at a time from the last, each with the most of the
/// layers left that keep it within the margin.
pub fn exhaustive_fit(s: &Scenario, moe: bool) -> Fit {
    let margin = s.profile.fit_margin_bytes;
    let n_layer = s.arch.layers.len() as u32;
    // The estimate with `-ngl ngl --n-cpu-moe m` and layers per GPU
    // `split` (empty: in proportion to free memory).
    let run = |ngl: u32, m: u32, split: &[u32]| {
        let mut t = s.clone();
        t.ngl = Some(ngl);
        t.n_cpu_moe = Some(m);
        t.tensor_split = split.iter().map(|&k| u64::from(k)).collect();
        estimate(&t)
    };
    let gpu_fits = |e: &Estimate, only: Option<usize>| {
        e.devices
            .iter()
            .filter(|d| d.kind == UseKind::Gpu)
            .enumerate()
            .filter(|&(i, d)| only.map_or(d.used_bytes > 0 || d.n_layers > 0, |id| i == id))
            .all(|(_, d)| d.used_bytes + margin <= d.capacity_bytes)
    };
    let fits = |ngl: u32, m: u32| gpu_fits(&run(ngl, m, &[]), None);
    let all = n_layer + 1;
    let (ngl, m, split) = if fits(all, 0) {
        (all, 0, Vec::new())
    } else if moe && fits(all, n_layer) {
        let m = (0..=n_layer).find(|&m| fits(all, m)).unwrap_or(n_layer);
        (all, m, Vec::new())
    } else {
        let m = if moe { n_layer } else { 0 };
        let nd = s.gpus.len();
        // llama-server's own `--fit` (the other runtimes choose layers
        // themselves: a split in proportion to free memory).
        if nd > 1
            && nd <= FILL_MAX_GPUS
            && s.split == SplitMode::Layer
            && s.runtime == RuntimeId::LlamaCpp
        {
            let mut split = vec![0u32; nd];
            let mut left = all;
            for id in (0..nd).rev() {
                let k = (0..=left)
                    .rev()
                    .find(|&k| {
                        let mut c = split.clone();
                        c[id] = k;
                        gpu_fits(&run(c.iter().sum(), m, &c), Some(id))
                    })
                    .unwrap_or(0);
                split[id] = k;
                left -= k;
            }
            (all - left, m, split)
        } else {
            (
                (0..=all).rev().find(|&k| fits(k, m)).unwrap_or(0),
                m,
                Vec::new(),
            )
        }
    };
    fit_of(&run(ngl, m, &split))
}
