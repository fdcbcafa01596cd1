//! View models: pure functions that turn [`Estimate`]s and catalog rows
//! into the rows, bars and chart points the front ends draw.
//!
//! Nothing here renders markup; everything here is host-testable. Byte
//! figures are formatted with [`fmt_bytes`] in the unit the user chose;
//! chart and bar geometry is given as fractions (0..=1) of the drawing
//! area.

mod cache;
mod calculator;
mod format;
mod pickers;
mod tables;

pub use cache::*;
pub use calculator::*;
pub use format::*;
pub use pickers::*;
pub use tables::*;

#[cfg(test)]
mod tests {
    use super::*;

    use crate::estimate::{DeviceUse, Estimate, Fit, UseKind};

    use crate::units::ByteUnit;
    use crate::weights::Confidence;
    use tables::first_passing;

    use alloc::vec;
    use alloc::vec::Vec;

    fn dev(name: &str, kind: UseKind, cap: u64, parts: [u64; 4]) -> DeviceUse {
        DeviceUse {
            name: String::from(name).into(),
            kind,
            capacity_bytes: cap,
            used_bytes: parts.iter().sum(),
            weights_bytes: parts[0],
            kv_bytes: parts[1],
            compute_bytes: parts[2],
            overhead_bytes: parts[3],
            n_layers: 0,
        }
    }

    fn est(fit: Fit, devices: Vec<DeviceUse>) -> Estimate {
        Estimate {
            params: 0,
            active_params: 0,
            file_bytes: 0,
            weights_bytes: 0,
            kv_bytes: 0,
            recurrent_state_bytes: 0,
            compute_bytes: 0,
            output_bytes: 0,
            overhead_bytes: 0,
            total_bytes: 0,
            devices,
            fit,
            max_ctx_that_fits: 0,
            decode_tokens_per_s: 0.0,
            prefill_tokens_per_s: 0.0,
            n_ctx: 0,
            ngl: 0,
            n_cpu_moe: 0,
            tensor_split: vec![],
            split_across_gpus: false,
            warnings: vec![],
            confidence: Confidence::Exact,
        }
    }

    const G: u64 = crate::units::GB;

    #[test]
    fn slider_stops_are_log_spaced() {
        assert_eq!(ctx_stop_index(2048), 0);
        assert_eq!(ctx_stop_index(32_768), 4);
        // 40000 is log2 15.29; 32K is 15, 64K is 16: nearer to 32K.
        assert_eq!(ctx_stop_index(40_000), 4);
        // 50000 is log2 15.61: nearer to 64K.
        assert_eq!(ctx_stop_index(50_000), 5);
        assert_eq!(ctx_stop_index(1), 0);
        assert_eq!(ctx_stop_index(u64::MAX), 9);
        assert_eq!(ctx_at_stop(99), 1_048_576);
    }

    #[test]
    fn context_labels() {
        assert_eq!(fmt_ctx(2048), "2K");
        assert_eq!(fmt_ctx(131_072), "128K");
        assert_eq!(fmt_ctx(1_048_576), "1M");
        assert_eq!(fmt_ctx(1_010_000), "1.01M");
        assert_eq!(fmt_ctx(1000), "1000");
    }

    #[test]
    fn digit_groups() {
        assert_eq!(group_digits(37_632), "37,632");
        assert_eq!(group_digits(1_048_575), "1,048,575");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(0), "0");
    }

    #[test]
    fn speed_labels() {
        assert_eq!(fmt_tps(142.4), "142 tok/s");
        assert_eq!(fmt_tps(42.44), "42.4 tok/s");
        assert_eq!(fmt_tps(3.456), "3.46 tok/s");
        assert_eq!(fmt_tps(0.0), "—");
        assert_eq!(fmt_tps(f64::NAN), "—");
    }

    #[test]
    fn verdict_names_the_fullest_device() {
        // GPU: 20 of 24 GB used (83 %); RAM: 2 of 64 GB. 24 − 20 = 4 GB free.
        let e = est(
            Fit::Fits,
            vec![
                dev("RTX 4090", UseKind::Gpu, 24 * G, [18 * G, G, G / 2, G / 2]),
                dev("RAM", UseKind::Cpu, 64 * G, [2 * G, 0, 0, 0]),
            ],
        );
        let v = verdict(&e, ByteUnit::Gb);
        assert_eq!(v.icon, "✓");
        assert_eq!(
            v.reason,
            "Needs 20.00 GB of 24.00 GB on RTX 4090 (the fullest device); 4.00 GB stays free."
        );
        // 30 GB on a 24 GB card: 6 GB too much.
        let e = est(
            Fit::No,
            vec![dev("RTX 3090", UseKind::Gpu, 24 * G, [28 * G, 2 * G, 0, 0])],
        );
        let v = verdict(&e, ByteUnit::Gb);
        assert_eq!(v.headline, "Does not fit");
        assert_eq!(
            v.reason,
            "Needs 30.00 GB on RTX 3090, which has 24.00 GB: 6.00 GB too much."
        );
    }

    #[test]
    fn bars_scale_to_the_larger_of_capacity_and_use() {
        // 30 GB used on 24 GB: the scale is 30, capacity at 24/30 = 0.8,
        // weights 15/30 = 0.5.
        let e = est(
            Fit::No,
            vec![dev(
                "GPU",
                UseKind::Gpu,
                24 * G,
                [15 * G, 10 * G, 3 * G, 2 * G],
            )],
        );
        let b = &device_bars(&e, ByteUnit::Gb)[0];
        assert!((b.capacity_frac - 0.8).abs() < 1e-12);
        assert!((b.segments[0].frac - 0.5).abs() < 1e-12);
        assert!(b.over);
        assert_eq!(b.summary, "30.00 GB of 24.00 GB, over by 6.00 GB");
        // An unused RAM device gets no bar; an unused GPU does.
        let e = est(
            Fit::Fits,
            vec![
                dev("GPU", UseKind::Gpu, 24 * G, [0; 4]),
                dev("RAM", UseKind::Cpu, 8 * G, [0; 4]),
            ],
        );
        assert_eq!(device_bars(&e, ByteUnit::Gb).len(), 1);
    }

    #[test]
    fn first_passing_finds_the_boundary() {
        // Indices 3.. pass; every probe is counted.
        let mut probes = 0;
        let r = first_passing(0, 6, |i| {
            probes += 1;
            (i >= 3).then_some(i * 10)
        });
        assert_eq!(r, Some((3, 30)));
        // hi, then mids 3, 1, 2: four probes instead of up to seven.
        assert_eq!(probes, 4);
        assert_eq!(first_passing(0, 6, |_| None::<u8>), None);
        assert_eq!(first_passing(2, 6, Some), Some((2, 2)));
        assert_eq!(first_passing(5, 4, Some), None);
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(24.0), 5.0);
        assert_eq!(nice_step(9.0), 2.0);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn chart_maps_log_context_and_linear_memory() {
        let p = |ctx, gb| CtxPoint {
            ctx,
            total_bytes: gb * G,
            fit: Fit::Fits,
        };
        let pts = [p(2048, 10), p(8192, 12), p(32_768, 20)];
        let c = ctx_chart(&pts, &[(24 * G, "GPU")], Some((8192, 12 * G)), ByteUnit::Gb);
        // x: log2 from 11 to 15; 8192 = 2^13 is half way.
        assert!((c.points[1].0 - 0.5).abs() < 1e-12);
        // y: max is 24 × 1.05 = 25.2 GB, step 10 → top 30; 12 GB is 0.4.
        assert!((c.points[1].1 - 0.4).abs() < 1e-12);
        assert!((c.capacities[0].0 - 0.8).abs() < 1e-12);
        assert_eq!(c.y_ticks.last().map(|t| t.1.as_str()), Some("30 GB"));
        assert_eq!(
            c.marker.as_ref().map(|m| m.2.as_str()),
            Some("8K: 12.00 GB")
        );
    }
}
