//! The in-page timing hook of `scripts/bench` (`tests/perf/browser.mjs`):
//! the full catalog sweep of `headroom-bench`, timed with
//! `performance.now()` in the browser, so the native and WASM figures
//! measure one workload.

use headroom_bench::timed_sweep_workload;
use headroom_core::inputs::Inputs;
use headroom_core::sweep::Sweep;
use wasm_bindgen::prelude::*;

/// Runs the sweep once to fill the plan cache (untimed), then `iterations`
/// warm sweeps, and returns `[milliseconds per warm sweep, estimates per
/// sweep, milliseconds of the cold sweep]`.
#[wasm_bindgen]
pub fn bench_sweep(iterations: u32) -> Vec<f64> {
    let now = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    };
    let mut sweep = Sweep::new(&Inputs::default());
    let t0 = now();
    let n = timed_sweep_workload(&mut sweep);
    let cold = now() - t0;
    let iterations = iterations.clamp(1, 100);
    let t1 = now();
    for _ in 0..iterations {
        timed_sweep_workload(&mut sweep);
    }
    let warm = (now() - t1) / f64::from(iterations);
    vec![warm, n as f64, cold]
}
