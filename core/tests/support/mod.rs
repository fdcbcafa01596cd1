//! Helpers shared by the integration tests.

use headroom_core::estimate::{estimate, UseKind};
use headroom_core::scenario::Scenario;

/// What llama.cpp's `--fit` picks for `s` (sizing-facts §5.5), found by
/// trying placements one by one with `-ngl`/`--n-cpu-moe` set: every layer
/// if it fits; else, for MoE (`moe`), the fewest blocks with experts in RAM
/// at every layer; else the most layers (for MoE with every block's
/// experts in RAM). Returns `(ngl, n_cpu_moe)`.
pub fn exhaustive_fit(s: &Scenario, moe: bool) -> (u32, u32) {
    let margin = s.profile.fit_margin_bytes;
    let n_layer = s.arch.layers.len() as u32;
    let fits = |ngl: u32, n_cpu_moe: u32| {
        let mut t = s.clone();
        t.ngl = Some(ngl);
        t.n_cpu_moe = Some(n_cpu_moe);
        estimate(&t)
            .devices
            .iter()
            .filter(|d| d.kind == UseKind::Gpu && (d.used_bytes > 0 || d.n_layers > 0))
            .all(|d| d.used_bytes + margin <= d.capacity_bytes)
    };
    let all = n_layer + 1;
    if fits(all, 0) {
        (all, 0)
    } else if moe && fits(all, n_layer) {
        (
            all,
            (0..=n_layer).find(|&m| fits(all, m)).unwrap_or(n_layer),
        )
    } else {
        let m = if moe { n_layer } else { 0 };
        ((0..=all).rev().find(|&k| fits(k, m)).unwrap_or(0), m)
    }
}
