//! Criterion benchmarks of the core's budgets. `scripts/bench` runs them and
//! fails when a budget is exceeded: one estimate ≤ 20 µs, the full
//! recommendation sweep ≤ 5 ms (native, warm sweep cache).

use criterion::{criterion_group, criterion_main, Criterion};
use headroom_bench::{
    cold_sweep, full_sweep, run, single_inputs, sweep_with, tiers_table, unshared_sweep, CTX_GRID,
};
use headroom_core::inputs::Inputs;
use headroom_core::sweep::{Detail, Sweep};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let single = single_inputs();
    c.bench_function("estimate_single", |b| b.iter(|| run(black_box(&single))));
    if let Ok(scenario) = headroom_core::resolve_inputs::resolve(&single) {
        c.bench_function("estimate_only", |b| {
            b.iter(|| headroom_core::estimate::estimate(black_box(&scenario)))
        });
    }
    c.bench_function("resolve_only", |b| {
        b.iter(|| headroom_core::resolve_inputs::resolve(black_box(&single)).is_ok())
    });

    let base = Inputs::default();
    let mut sweep = Sweep::new(&base);
    let (n, _) = full_sweep(&mut sweep, &CTX_GRID);
    println!("full sweep: {n} estimates per iteration");
    // Warm: plans cached, every point estimated again (what a new context
    // or a re-render on the same hardware costs).
    c.bench_function("sweep_full_catalog", |b| {
        b.iter(|| full_sweep(black_box(&mut sweep), &CTX_GRID))
    });
    c.bench_function("sweep_fit_and_speed", |b| {
        b.iter(|| sweep_with(black_box(&mut sweep), &CTX_GRID, Detail::FitAndSpeed))
    });
    c.bench_function("sweep_cold", |b| b.iter(cold_sweep));
    c.bench_function("sweep_unshared", |b| {
        b.iter(|| unshared_sweep(black_box(&base)))
    });
    let mut caches = Vec::new();
    c.bench_function("tiers_table_cold", |b| {
        b.iter(|| tiers_table(black_box(&mut Vec::new())))
    });
    c.bench_function("tiers_table", |b| {
        b.iter(|| tiers_table(black_box(&mut caches)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2)).sample_size(10);
    targets = engine
}
criterion_main!(benches);
