//! Catalog integrity: unique ids, sorted tables, required fields, sane
//! hardware figures, the seed documents' models and GPUs, every model
//! resolvable, and published parameter counts matching the architecture.

use std::collections::HashSet;

use headroom_core::arch::Arch;
use headroom_core::catalog::gpus::{self, Gpu};
use headroom_core::catalog::models::{self, Model, ParamScope, SeedTier};
use headroom_core::catalog::{gpu, model, quality, runtimes, tiers};
use headroom_core::device::{Backend, DeviceKind};
use headroom_core::inputs::RuntimeId;
use headroom_core::tensors::param_counts;

const GIB: u64 = 1 << 30;

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.')
}

#[test]
fn model_ids_are_unique_kebab_case_and_sorted_per_table() {
    let mut seen = HashSet::new();
    for table in models::tables() {
        let ids: Vec<&str> = table.iter().map(|m| m.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "model table not sorted by id");
        for id in ids {
            assert!(is_kebab(id), "model id `{id}` is not kebab-case");
            assert!(seen.insert(id), "duplicate model id `{id}`");
        }
    }
    let mut repos = HashSet::new();
    for m in models::models() {
        assert!(
            repos.insert(m.hf_repo.to_ascii_lowercase()),
            "duplicate hf repo {}",
            m.hf_repo
        );
    }
}

#[test]
fn model_rows_have_required_fields() {
    let mut n = 0;
    for m in models::models() {
        n += 1;
        let id = m.id;
        assert!(
            !m.name.is_empty() && !m.family.is_empty(),
            "{id}: name/family"
        );
        assert!(m.hf_repo.contains('/'), "{id}: hf_repo");
        assert!(
            !m.source.is_empty() && !m.uses_source.is_empty(),
            "{id}: sources"
        );
        assert!(!m.license.is_empty(), "{id}: license");
        let r = m.released.as_bytes();
        assert!(
            r.len() == 7
                && r[4] == b'-'
                && r.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || c.is_ascii_digit()),
            "{id}: released `{}` is not YYYY-MM",
            m.released
        );
        assert!(
            m.params > 0 && m.params_active > 0 && m.params_active <= m.params,
            "{id}: params"
        );
        assert!(
            m.ctx_native > 0 && m.ctx_extended >= m.ctx_native,
            "{id}: context"
        );
        assert!(!m.uses.is_empty(), "{id}: uses");
        assert!(!m.config.model_type.is_empty(), "{id}: model_type");
        for g in m.ggufs {
            assert!(g.repo.contains('/'), "{id}: gguf repo {}", g.repo);
        }
        if m.modalities.vision {
            assert!(
                m.params_scope == ParamScope::WithEncoders || m.family == "Llama 4",
                "{id}: multimodal scope"
            );
        }
    }
    assert!(n >= 55, "only {n} models");
}

#[test]
fn seed_tiers_follow_the_seed_ranges() {
    // Seed 001 "Model Size Tiers": Micro 125M-3B (examples up to Phi-3-mini
    // at 3.8B), Editor 7B-14B, Architect 70B+.
    for m in models::models() {
        let p = m.params as f64 / 1e9;
        let ok = match m.tier {
            SeedTier::Micro => p <= 8.1,
            SeedTier::Editor => (6.0..=16.0).contains(&p),
            SeedTier::Workstation => (16.0..70.0).contains(&p),
            SeedTier::Architect => p >= 70.0,
        };
        assert!(ok, "{}: tier {:?} for {p}B", m.id, m.tier);
    }
}

#[test]
fn every_model_resolves() {
    for m in models::models() {
        let arch = Arch::from_hf(&m.config);
        assert!(arch.is_ok(), "{}: {:?}", m.id, arch.err());
    }
}

/// Published parameter counts agree with the count derived from the
/// architecture within 1 % (rows with a precise, text-only published figure).
#[test]
fn published_parameter_counts_match_the_architecture() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for m in models::models() {
        let Ok(arch) = Arch::from_hf(&m.config) else {
            continue;
        };
        let pc = param_counts(&arch);
        let derived = pc.total as f64;
        let published = m.params as f64;
        match (m.params_scope, m.params_precise) {
            (ParamScope::Text, true) => {
                checked += 1;
                let err = (derived - published).abs() / published;
                if err > 0.01 {
                    failures.push(format!(
                        "{}: derived {:.3}B vs published {:.3}B ({:.2} %)",
                        m.id,
                        derived / 1e9,
                        published / 1e9,
                        err * 100.0
                    ));
                }
            }
            (ParamScope::WithEncoders, _) => {
                // Encoders only add: the text model cannot be much larger than the published total.
                if derived > published * 1.05 {
                    failures.push(format!(
                        "{}: text model {:.3}B exceeds the published total {:.3}B",
                        m.id,
                        derived / 1e9,
                        published / 1e9
                    ));
                }
            }
            (ParamScope::Text, false) => {
                // Published as a rounded figure ("21B", "1T"): within 10 %.
                let err = (derived - published).abs() / published;
                if err > 0.10 {
                    failures.push(format!(
                        "{}: derived {:.2}B vs rounded published {:.2}B",
                        m.id,
                        derived / 1e9,
                        published / 1e9
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 25, "only {checked} precise rows checked");
}

/// Every model the seed documents name is in the catalog.
#[test]
fn seed_models_are_present() {
    let seeds: &[(&str, &str)] = &[
        // seed 000_28d83f6e23430608.txt (27 GB VRAM comparison)
        ("000", "gemma-3-27b"),
        ("000", "qwen3-32b"),
        ("000", "deepseek-r1-distill-qwen-32b"),
        ("000", "qwen3-30b-a3b"),
        ("000", "phi-4"),
        // seed 001_537fab2fe48de0c9.txt (model size tiers)
        ("001", "ministral-8b"),
        ("001", "phi-3-mini"),
        ("001", "qwen2.5-coder-14b"),
        ("001", "deepseek-v3"),
        ("001", "deepseek-r1"),
        // seed 002_70c130b410314b4f.txt (RTX 4090 plan)
        ("002", "qwen2.5-32b"),
        ("002", "qwen2.5-14b"),
        ("002", "llama-3.3-70b"),
        // seed 003 (knightli articles)
        ("003", "qwen3.6-27b"),
        ("003", "qwen3.6-35b-a3b"),
        ("003", "qwen3.5-35b-a3b"),
        ("003", "deepseek-v4-flash"),
        ("003", "deepseek-v4-pro"),
        ("003", "deepseek-v4-flash-base"),
        ("003", "deepseek-v4-pro-base"),
        ("003", "gemma-4-e2b"),
        ("003", "gemma-4-e4b"),
        ("003", "gemma-4-26b-a4b"),
        ("003", "gemma-4-31b"),
        // seed 004_66ebd29fc7077c25.txt (hardware recommendations)
        ("004", "qwen2.5-coder-32b"),
        ("004", "deepseek-r1-distill-qwen-14b"),
        // named in the catalog brief alongside the seeds
        ("brief", "gemma-3-12b"),
        ("brief", "gemma-3-4b"),
        ("brief", "gemma-3-1b"),
        ("brief", "qwen3-14b"),
        ("brief", "qwen3-8b"),
        ("brief", "qwen3-4b"),
        ("brief", "qwen3-235b-a22b"),
        ("brief", "deepseek-r1-distill-qwen-7b"),
        ("brief", "qwen2.5-7b"),
        ("brief", "qwen2.5-72b"),
        ("brief", "qwen2.5-coder-7b"),
        ("brief", "llama-3.1-8b"),
        ("brief", "llama-3.1-405b"),
        ("brief", "mistral-small-24b"),
        ("brief", "mixtral-8x7b"),
        ("brief", "gpt-oss-20b"),
        ("brief", "gpt-oss-120b"),
        ("brief", "qwen3-next-80b-a3b"),
        ("brief", "gemma-3n-e2b"),
        ("brief", "gemma-3n-e4b"),
        ("brief", "glm-4.5-air"),
        ("brief", "llama-4-scout"),
    ];
    for (seed, id) in seeds {
        assert!(model(id).is_some(), "seed {seed} model `{id}` missing");
    }
}

#[test]
fn gpu_ids_are_unique_kebab_case_and_sorted_per_table() {
    let mut seen = HashSet::new();
    for table in gpus::tables() {
        let ids: Vec<&str> = table.iter().map(|g| g.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "gpu table not sorted by id");
        for id in ids {
            assert!(is_kebab(id), "gpu id `{id}` is not kebab-case");
            assert!(seen.insert(id), "duplicate gpu id `{id}`");
        }
    }
    assert!(seen.len() >= 70, "only {} hardware rows", seen.len());
}

#[test]
fn gpu_figures_are_in_sane_ranges() {
    for g in gpus::gpus() {
        let Gpu { id, .. } = *g;
        assert!(
            !g.name.is_empty() && !g.source.is_empty(),
            "{id}: name/source"
        );
        assert!(
            (20.0..=10_000.0).contains(&g.bandwidth_gb_per_s),
            "{id}: bandwidth {}",
            g.bandwidth_gb_per_s
        );
        assert!(
            (2 * GIB..=1024 * GIB).contains(&g.memory_bytes),
            "{id}: memory"
        );
        assert!(
            (0.5..=5_000.0).contains(&g.fp16_tflops),
            "{id}: tflops {}",
            g.fp16_tflops
        );
        let backend_fits = match g.kind {
            DeviceKind::Cpu => g.backend == Backend::Cpu,
            DeviceKind::Unified => matches!(
                g.backend,
                Backend::Metal | Backend::Vulkan | Backend::Cuda | Backend::Rocm
            ),
            DeviceKind::Gpu => matches!(
                g.backend,
                Backend::Cuda | Backend::Rocm | Backend::Sycl | Backend::Vulkan
            ),
        };
        assert!(
            backend_fits,
            "{id}: backend {:?} for {:?}",
            g.backend, g.kind
        );
        let spec = g.device_spec();
        assert!(
            spec.gpu_limit_bytes <= spec.capacity_bytes,
            "{id}: gpu limit"
        );
        if g.kind == DeviceKind::Unified {
            assert!(
                spec.gpu_limit_bytes < spec.capacity_bytes,
                "{id}: unified limit should leave room for the OS"
            );
        }
    }
}

#[test]
fn published_bandwidths_reproduce_from_bus_width_and_data_rate() {
    // Bus width (bits) / 8 × data rate (Gbps) = GB/s, worked by hand from the
    // vendors' memory specs.
    let cases: &[(&str, f64)] = &[
        ("rtx-4090", 384.0 / 8.0 * 21.0),                   // 1008
        ("rtx-3090", 384.0 / 8.0 * 19.5),                   // 936
        ("rtx-5090", 512.0 / 8.0 * 28.0),                   // 1792
        ("rtx-4060-ti-16gb", 128.0 / 8.0 * 18.0),           // 288
        ("rtx-3060", 192.0 / 8.0 * 15.0),                   // 360
        ("rx-7900-xtx", 384.0 / 8.0 * 20.0),                // 960
        ("arc-b580", 192.0 / 8.0 * 19.0),                   // 456
        ("cpu-ddr5-5600-2ch", 2.0 * 5600.0 * 8.0 / 1000.0), // 89.6
        ("cpu-ddr4-3200-2ch", 2.0 * 3200.0 * 8.0 / 1000.0), // 51.2
    ];
    for (id, bw) in cases {
        let Some(g) = gpu(id) else {
            panic!("{id} missing")
        };
        assert!(
            (g.bandwidth_gb_per_s - bw).abs() < 0.5,
            "{id}: {} vs {bw}",
            g.bandwidth_gb_per_s
        );
    }
}

/// Every GPU and machine the seed documents name is in the catalog.
#[test]
fn seed_gpus_are_present() {
    let seeds: &[(&str, &str)] = &[
        ("000", "rtx-4090"),
        ("002", "rtx-4090"),
        // seed 004: RTX 3060/4060/4070, RTX 3090/4090, RTX 6000 Ada, RTX 4090 Mobile 16GB,
        // MacBook Pro M3/M4 Max with 64 GB+, Mac Studio 96/128 GB.
        ("004", "rtx-3060"),
        ("004", "rtx-4060"),
        ("004", "rtx-4070"),
        ("004", "rtx-3090"),
        ("004", "rtx-6000-ada"),
        ("004", "rtx-4090-laptop"),
        ("004", "m3-max-64"),
        ("004", "m4-max-64"),
        ("004", "m4-max-128"),
        ("004", "m2-max-96"),
        // seed 003: "a 4090, 5090, or RTX PRO single-GPU"; 16 GB GPUs
        ("003", "rtx-5090"),
        ("003", "rtx-pro-6000"),
        ("003", "rtx-4060-ti-16gb"),
        // catalog brief
        ("brief", "m3-ultra-512"),
        ("brief", "ryzen-ai-max-395-128"),
        ("brief", "dgx-spark"),
        ("brief", "h100-sxm"),
        ("brief", "mi300x"),
        ("brief", "b200"),
        ("brief", "rtx-5090-laptop"),
        ("brief", "radeon-ai-pro-r9700"),
    ];
    for (seed, id) in seeds {
        assert!(gpu(id).is_some(), "seed {seed} hardware `{id}` missing");
    }
}

#[test]
fn tiers_point_at_catalog_devices_with_the_right_memory() {
    let mut ids = HashSet::new();
    let mut last = 0;
    for t in tiers() {
        assert!(ids.insert(t.id), "duplicate tier {}", t.id);
        assert!(t.memory_bytes >= last, "tiers not sorted: {}", t.id);
        last = t.memory_bytes;
        let Some(g) = gpu(t.gpu) else {
            panic!("tier {}: unknown gpu {}", t.id, t.gpu)
        };
        assert_eq!(
            g.memory_bytes * u64::from(t.count),
            t.memory_bytes,
            "tier {}",
            t.id
        );
        assert!(!t.source.is_empty());
    }
    for gb in [4, 6, 8, 12, 16, 24, 32, 48, 80, 96, 128, 192] {
        assert!(
            tiers().iter().any(|t| t.memory_bytes == gb * GIB),
            "no {gb} GB tier"
        );
    }
    assert!(tiers().iter().any(|t| t.count > 1), "no multi-GPU tier");
}

#[test]
fn runtimes_and_quality_are_complete() {
    for id in RuntimeId::ALL {
        let p = runtimes::runtime(id);
        assert_eq!(p.id, id);
        assert!(!p.source.is_empty());
    }
    for q in [
        "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q4_0", "Q3_K_M", "Q2_K", "IQ4_XS",
    ] {
        let Some(r) = quality(q) else {
            panic!("{q} missing")
        };
        assert!(r.kld.is_some() && r.source.starts_with("https://"), "{q}");
    }
}

#[test]
fn lookups_work_across_tables() {
    let m: &Model = model("gemma-3-27b").unwrap_or_else(|| panic!("gemma-3-27b"));
    assert_eq!(
        models::model_by_hf("GOOGLE/GEMMA-3-27B-IT").map(|x| x.id),
        Some(m.id)
    );
    assert!(models::search_models("deepseek v4").len() >= 4);
    assert!(models::search_models("").len() >= 55);
}

#[test]
fn projector_sizes_are_cited_and_sane() {
    let mut known = 0;
    for m in models::models() {
        let id = m.id;
        let multimodal = m.modalities.vision || m.modalities.audio;
        match m.mmproj_bytes {
            Some(bytes) => {
                known += 1;
                assert!(multimodal, "{id}: projector size on a text-only model");
                assert!(
                    (50_000_000..=3_000_000_000).contains(&bytes),
                    "{id}: mmproj {bytes} bytes outside 50 MB-3 GB"
                );
                assert!(
                    m.mmproj_source.starts_with("https://huggingface.co/")
                        && m.mmproj_source.contains("mmproj"),
                    "{id}: mmproj_source must name the projector file"
                );
            }
            None => {
                assert!(m.mmproj_source.is_empty(), "{id}: source without a size");
                if multimodal {
                    assert!(
                        m.note.contains("Projector size unknown"),
                        "{id}: multimodal model without a projector size must say so"
                    );
                }
            }
        }
    }
    assert!(known >= 8, "only {known} projector sizes");
}

#[test]
fn published_quant_lists_are_cited() {
    let mut listed = 0;
    for m in models::models() {
        for g in m.ggufs {
            let (id, repo) = (m.id, g.repo);
            assert_eq!(
                g.quants.is_empty(),
                g.quants_source.is_empty(),
                "{id} {repo}: quants and quants_source go together"
            );
            if g.quants.is_empty() {
                continue;
            }
            listed += 1;
            assert!(
                g.quants_source.contains(repo) || g.quants_source.contains("seed 003"),
                "{id} {repo}: quants_source must name the repository or the seed table"
            );
            let mut seen = HashSet::new();
            for q in g.quants {
                assert!(
                    !q.is_empty()
                        && q.bytes().all(|c| c.is_ascii_uppercase()
                            || c.is_ascii_digit()
                            || c == b'_'
                            || c == b'-'),
                    "{id} {repo}: quant name `{q}`"
                );
                assert!(seen.insert(*q), "{id} {repo}: duplicate quant `{q}`");
            }
        }
    }
    assert!(listed >= 30, "only {listed} repositories with a quant list");
}
