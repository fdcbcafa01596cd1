//! Criterion benchmarks of the core's budgets. `scripts/bench` runs them and
//! fails when a budget is exceeded: one estimate ≤ 20 µs, the full
//! recommendation sweep ≤ 5 ms (native).

use criterion::{criterion_group, criterion_main, Criterion};
use headroom_bench::{full_sweep, run, single_inputs, tiers_table};
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
    let base = headroom_core::inputs::Inputs::default();
    let (n, _) = full_sweep(&base);
    println!("full sweep: {n} estimates per iteration");
    c.bench_function("sweep_full_catalog", |b| b.iter(|| full_sweep(black_box(&base))));
    c.bench_function("tiers_table", |b| b.iter(tiers_table));
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2)).sample_size(20);
    targets = engine
}
criterion_main!(benches);
