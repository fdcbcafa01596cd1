//! Refactoring guard for the engine's speed work: estimates over a grid of
//! catalog models × quantizations × contexts × hardware/runtime setups are
//! pinned by a hash of their full `Debug` text (every byte figure, float,
//! device, warning), so any change to any output shows up.
//!
//! The pinned hashes were recorded from the unoptimized engine at the
//! commit that introduced this file (before the sweep cache, layer-kind
//! grouping and placement shortcuts). They guard behaviour-preserving
//! optimization only; they are not accuracy claims — accuracy lives in
//! `memory.rs`, `weights.rs` and `headroom validate`. A deliberate change to
//! the estimate must re-record them (the failure message prints the new
//! table) and say why in the commit.

use headroom_core::estimate::estimate;
use headroom_core::inputs::{HardwareInputs, Inputs, KvType, ModelRef, RuntimeId};
use headroom_core::resolve_inputs::resolve;

const MODELS: &[&str] = &[
    "qwen3-32b",
    "qwen3-30b-a3b",
    "qwen3-next-80b-a3b",
    "qwen3.6-35b-a3b",
    "deepseek-v3",
    "deepseek-v4-flash",
    "gemma-3-27b",
    "gemma-3n-e4b",
    "gemma-4-31b",
    "gpt-oss-20b",
    "llama-4-scout",
    "lfm2-1.2b",
    "glm-4.5-air",
    "mixtral-8x7b",
    "phi-4",
];

const QUANTS: &[&str] = &["Q4_K_M", "Q8_0", "IQ2_XXS", "UD-Q4_K_XL", "FP8"];

const CTXS: &[u64] = &[4096, 32768, 131072];

/// The hardware/runtime setups of the grid.
fn setups() -> Vec<(&'static str, Inputs)> {
    let gpus = |id: &str, n: u32| HardwareInputs {
        gpus: vec![(id.into(), n)],
        ..HardwareInputs::default()
    };
    let base = Inputs::default();
    vec![
        ("4090", base.clone()),
        (
            "2x3090",
            Inputs {
                hardware: gpus("rtx-3090", 2),
                ..base.clone()
            },
        ),
        (
            "cpu64",
            Inputs {
                hardware: HardwareInputs {
                    ram_gib: Some(64.0),
                    ..HardwareInputs::default()
                },
                ..base.clone()
            },
        ),
        (
            "m4max64",
            Inputs {
                hardware: gpus("m4-max-64", 1),
                ..base.clone()
            },
        ),
        (
            "ollama-mm",
            Inputs {
                runtime: RuntimeId::Ollama,
                multimodal: true,
                ..base.clone()
            },
        ),
        (
            "vllm-2xh100",
            Inputs {
                runtime: RuntimeId::Vllm,
                hardware: gpus("h100-pcie", 2),
                ..base.clone()
            },
        ),
        (
            "mlx-m4max128",
            Inputs {
                runtime: RuntimeId::Mlx,
                hardware: gpus("m4-max-128", 1),
                ..base.clone()
            },
        ),
        (
            "manual",
            Inputs {
                ngl: Some(20),
                n_cpu_moe: Some(4),
                kv_type_k: KvType::Q8_0,
                kv_type_v: KvType::Q8_0,
                parallel: 4,
                kv_unified: false,
                hardware: HardwareInputs {
                    gpus: vec![("rtx-4090".into(), 1), ("rtx-3060".into(), 1)],
                    ram_gib: Some(128.0),
                    ..HardwareInputs::default()
                },
                ..base
            },
        ),
    ]
}

/// 64-bit FNV-1a.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Hash of every estimate (or resolve error) of one model on one setup.
fn grid_hash(model: &str, setup: &Inputs) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    for quant in QUANTS {
        for &ctx in CTXS {
            let inputs = Inputs {
                model: ModelRef::Catalog(model.into()),
                quant: (*quant).into(),
                ctx,
                ..setup.clone()
            };
            let text = match resolve(&inputs) {
                Ok(s) => format!("{:?}", estimate(&s)),
                Err(e) => format!("error: {e}"),
            };
            h = fnv(h, text.as_bytes());
        }
    }
    h
}

#[rustfmt::skip]
const PINNED: &[(&str, &str, u64)] = &[
    ("qwen3-32b", "4090", 0xfee3dfba8c031aeb),
    ("qwen3-32b", "2x3090", 0x9a74ae7d8f4bd818),
    ("qwen3-32b", "cpu64", 0x22c557e690aec0d9),
    ("qwen3-32b", "m4max64", 0x90a6f075935ea1b3),
    ("qwen3-32b", "ollama-mm", 0xfee3dfba8c031aeb),
    ("qwen3-32b", "vllm-2xh100", 0x9aa6311e2e857fb0),
    ("qwen3-32b", "mlx-m4max128", 0x22d40c5f3dd37e4a),
    ("qwen3-32b", "manual", 0x5e31e5c6e236981c),
    ("qwen3-30b-a3b", "4090", 0x839310f81b4cf361),
    ("qwen3-30b-a3b", "2x3090", 0x1d67f74c52db086b),
    ("qwen3-30b-a3b", "cpu64", 0x305632e6310e4794),
    ("qwen3-30b-a3b", "m4max64", 0x44ef0b9a73221519),
    ("qwen3-30b-a3b", "ollama-mm", 0x839310f81b4cf361),
    ("qwen3-30b-a3b", "vllm-2xh100", 0xb33521c5b119d40f),
    ("qwen3-30b-a3b", "mlx-m4max128", 0xf0c51e455cbb7931),
    ("qwen3-30b-a3b", "manual", 0xccbaea4259fff511),
    ("qwen3-next-80b-a3b", "4090", 0x9afd5eb6fe50468d),
    ("qwen3-next-80b-a3b", "2x3090", 0x3462cd0e8c284368),
    ("qwen3-next-80b-a3b", "cpu64", 0x23cdfba758424c7f),
    ("qwen3-next-80b-a3b", "m4max64", 0x0365030675e02553),
    ("qwen3-next-80b-a3b", "ollama-mm", 0x9afd5eb6fe50468d),
    ("qwen3-next-80b-a3b", "vllm-2xh100", 0x6af16fc3c1936fbc),
    ("qwen3-next-80b-a3b", "mlx-m4max128", 0x6745240dd58286c1),
    ("qwen3-next-80b-a3b", "manual", 0x8a6044217c93e893),
    ("qwen3.6-35b-a3b", "4090", 0x7923864e4c56c68b),
    ("qwen3.6-35b-a3b", "2x3090", 0x0ba95e9a6174aee2),
    ("qwen3.6-35b-a3b", "cpu64", 0xb8dee72544340374),
    ("qwen3.6-35b-a3b", "m4max64", 0xfd08de429c062032),
    ("qwen3.6-35b-a3b", "ollama-mm", 0x7923864e4c56c68b),
    ("qwen3.6-35b-a3b", "vllm-2xh100", 0x7c398ef3c56573b6),
    ("qwen3.6-35b-a3b", "mlx-m4max128", 0x956c6795da69aed3),
    ("qwen3.6-35b-a3b", "manual", 0xd6ec13dcd8f211c2),
    ("deepseek-v3", "4090", 0xbdaba789880c6025),
    ("deepseek-v3", "2x3090", 0x446bbc0bc73f2533),
    ("deepseek-v3", "cpu64", 0x0ed6cb402243b12f),
    ("deepseek-v3", "m4max64", 0x1d1d344215430c5f),
    ("deepseek-v3", "ollama-mm", 0xbdaba789880c6025),
    ("deepseek-v3", "vllm-2xh100", 0x12f38a75859f0133),
    ("deepseek-v3", "mlx-m4max128", 0x0164f942fa016b43),
    ("deepseek-v3", "manual", 0x169adb6b674ddf0b),
    ("deepseek-v4-flash", "4090", 0xcfd2c6001707df4f),
    ("deepseek-v4-flash", "2x3090", 0x77fbaa87a4c0c1c7),
    ("deepseek-v4-flash", "cpu64", 0xf6e3b0de407aa2d9),
    ("deepseek-v4-flash", "m4max64", 0xc28f567a37f89265),
    ("deepseek-v4-flash", "ollama-mm", 0xcfd2c6001707df4f),
    ("deepseek-v4-flash", "vllm-2xh100", 0x5d6222f849af3976),
    ("deepseek-v4-flash", "mlx-m4max128", 0x93f80434207a6010),
    ("deepseek-v4-flash", "manual", 0x7bb4a5c321696272),
    ("gemma-3-27b", "4090", 0x5b9f3d5016cd40c7),
    ("gemma-3-27b", "2x3090", 0xda9d1f769a3fb99b),
    ("gemma-3-27b", "cpu64", 0x4ff5888072f5345d),
    ("gemma-3-27b", "m4max64", 0x7e50e4909023f19b),
    ("gemma-3-27b", "ollama-mm", 0x4e1ffd5e3f9f95d4),
    ("gemma-3-27b", "vllm-2xh100", 0xea17bd70ec95b715),
    ("gemma-3-27b", "mlx-m4max128", 0x0ff0a8c3af3a7b15),
    ("gemma-3-27b", "manual", 0x65597e8f80bad2b6),
    ("gemma-3n-e4b", "4090", 0x71604f98190d85a3),
    ("gemma-3n-e4b", "2x3090", 0x6a4e116ae9de45c9),
    ("gemma-3n-e4b", "cpu64", 0xc1c914b07c8dc3f2),
    ("gemma-3n-e4b", "m4max64", 0x560e0fc90bc32b1f),
    ("gemma-3n-e4b", "ollama-mm", 0x71604f98190d85a3),
    ("gemma-3n-e4b", "vllm-2xh100", 0x2148c1bc043f63a7),
    ("gemma-3n-e4b", "mlx-m4max128", 0xa38b15d1e927c1ea),
    ("gemma-3n-e4b", "manual", 0xe2f5de0bd74c476f),
    ("gemma-4-31b", "4090", 0xcea5dc0d28f47877),
    ("gemma-4-31b", "2x3090", 0x270127f95c767f70),
    ("gemma-4-31b", "cpu64", 0x80f3bc4109d21787),
    ("gemma-4-31b", "m4max64", 0x9db71f32792df897),
    ("gemma-4-31b", "ollama-mm", 0xcea5dc0d28f47877),
    ("gemma-4-31b", "vllm-2xh100", 0xcae8c8932e2b6999),
    ("gemma-4-31b", "mlx-m4max128", 0x26981417160bff5c),
    ("gemma-4-31b", "manual", 0xfe329b2f9a28167c),
    ("gpt-oss-20b", "4090", 0x5c7bde854a68e114),
    ("gpt-oss-20b", "2x3090", 0x699954fd62802688),
    ("gpt-oss-20b", "cpu64", 0x0addc1c53964c777),
    ("gpt-oss-20b", "m4max64", 0x55b3cd09ab4c5858),
    ("gpt-oss-20b", "ollama-mm", 0x5c7bde854a68e114),
    ("gpt-oss-20b", "vllm-2xh100", 0xd3061847e34926b8),
    ("gpt-oss-20b", "mlx-m4max128", 0x6cb1bde8abfe8ade),
    ("gpt-oss-20b", "manual", 0xfc77061f1ed07aee),
    ("llama-4-scout", "4090", 0xbf3440433d1f10ff),
    ("llama-4-scout", "2x3090", 0x0061cbadddd60e6a),
    ("llama-4-scout", "cpu64", 0x0cc8b870ddec783e),
    ("llama-4-scout", "m4max64", 0x75bd69aad483e150),
    ("llama-4-scout", "ollama-mm", 0xbf3440433d1f10ff),
    ("llama-4-scout", "vllm-2xh100", 0xa139a0fec2f8e302),
    ("llama-4-scout", "mlx-m4max128", 0x2a51faae0981f525),
    ("llama-4-scout", "manual", 0x2e04dad731783c1d),
    ("lfm2-1.2b", "4090", 0x1c2d03e0e148e505),
    ("lfm2-1.2b", "2x3090", 0x2e639c2d03e5cddc),
    ("lfm2-1.2b", "cpu64", 0x78000f9839b009a1),
    ("lfm2-1.2b", "m4max64", 0xb49bc8d497f9617d),
    ("lfm2-1.2b", "ollama-mm", 0x1c2d03e0e148e505),
    ("lfm2-1.2b", "vllm-2xh100", 0x451d4930bb71d236),
    ("lfm2-1.2b", "mlx-m4max128", 0x4e263f23ebf1e4b3),
    ("lfm2-1.2b", "manual", 0x0b6883517816bbc0),
    ("glm-4.5-air", "4090", 0xe47d7d78849a8985),
    ("glm-4.5-air", "2x3090", 0x97c784a4e69f57b8),
    ("glm-4.5-air", "cpu64", 0x7d0c0581fb07fa8e),
    ("glm-4.5-air", "m4max64", 0x32b3759cde2841e8),
    ("glm-4.5-air", "ollama-mm", 0xe47d7d78849a8985),
    ("glm-4.5-air", "vllm-2xh100", 0x8d77723917196b67),
    ("glm-4.5-air", "mlx-m4max128", 0xd6a16b18c025190b),
    ("glm-4.5-air", "manual", 0xe0f5d66031a30290),
    ("mixtral-8x7b", "4090", 0x83eb24ee2f761f8f),
    ("mixtral-8x7b", "2x3090", 0xefa485d4835bc327),
    ("mixtral-8x7b", "cpu64", 0x55d344089c394014),
    ("mixtral-8x7b", "m4max64", 0xef2dd328fb453dad),
    ("mixtral-8x7b", "ollama-mm", 0x83eb24ee2f761f8f),
    ("mixtral-8x7b", "vllm-2xh100", 0x9c475223c389f6c3),
    ("mixtral-8x7b", "mlx-m4max128", 0xf73c25d9440f893c),
    ("mixtral-8x7b", "manual", 0xaa567ba8411a7445),
    ("phi-4", "4090", 0xbe99d1323e9b317b),
    ("phi-4", "2x3090", 0x055cedffdc675467),
    ("phi-4", "cpu64", 0x3f50e1505aeef7c6),
    ("phi-4", "m4max64", 0xe92a85965304b278),
    ("phi-4", "ollama-mm", 0xbe99d1323e9b317b),
    ("phi-4", "vllm-2xh100", 0x5081f7524c81f880),
    ("phi-4", "mlx-m4max128", 0x4b912945efcbc91f),
    ("phi-4", "manual", 0xec9ed863e198870b),
];

#[test]
fn estimates_match_the_recorded_engine() {
    let mut actual = Vec::new();
    for model in MODELS {
        for (name, setup) in setups() {
            actual.push((*model, name, grid_hash(model, &setup)));
        }
    }
    let table: String = actual
        .iter()
        .map(|(m, s, h)| format!("    (\"{m}\", \"{s}\", {h:#018x}),\n"))
        .collect();
    assert!(
        actual.len() == PINNED.len()
            && actual
                .iter()
                .zip(PINNED)
                .all(|(a, p)| a.0 == p.0 && a.1 == p.1 && a.2 == p.2),
        "estimates changed; the current table is:\n{table}"
    );
}
