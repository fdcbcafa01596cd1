//! Weight-planning accuracy and known-answer tests.
//!
//! Architectures below are written from `shared/reference/architectures.json`
//! (config.json values with their sources there); expected file sizes come
//! from `validation/file-sizes.json` (published Hugging Face listings).

use std::borrow::Cow;

use headroom_core::arch::Arch;
use headroom_core::hf_config::HfConfig;
use headroom_core::quant::{plan_weights, FileType, GgufOptions, QuantChoice, RulesEra};

fn cfg(model_type: &'static str) -> HfConfig {
    HfConfig {
        model_type: Cow::Borrowed(model_type),
        ..HfConfig::EMPTY
    }
}

#[allow(clippy::too_many_arguments)]
fn dense(
    model_type: &'static str,
    hidden: u64,
    layers: u64,
    heads: u64,
    kv: u64,
    head_dim: u64,
    ff: u64,
    vocab: u64,
    tied: bool,
) -> HfConfig {
    HfConfig {
        hidden_size: Some(hidden),
        num_hidden_layers: Some(layers),
        num_attention_heads: Some(heads),
        num_key_value_heads: Some(kv),
        head_dim: Some(head_dim),
        intermediate_size: Some(ff),
        vocab_size: Some(vocab),
        tie_word_embeddings: Some(tied),
        ..cfg(model_type)
    }
}

/// Architectures by Hugging Face repo id (values: architectures.json).
fn model(hf: &str) -> Option<HfConfig> {
    let c = match hf {
        "meta-llama/Llama-3.1-8B-Instruct" => {
            dense("llama", 4096, 32, 32, 8, 128, 14336, 128256, false)
        }
        "meta-llama/Llama-3.3-70B-Instruct" => {
            dense("llama", 8192, 80, 64, 8, 128, 28672, 128256, false)
        }
        "Qwen/Qwen3-8B" => dense("qwen3", 4096, 36, 32, 8, 128, 12288, 151936, false),
        "Qwen/Qwen3-14B" => dense("qwen3", 5120, 40, 40, 8, 128, 17408, 151936, false),
        "Qwen/Qwen3-32B" => dense("qwen3", 5120, 64, 64, 8, 128, 25600, 151936, false),
        "Qwen/Qwen2.5-7B-Instruct" => dense("qwen2", 3584, 28, 28, 4, 128, 18944, 152064, false),
        "Qwen/Qwen2.5-14B-Instruct" => dense("qwen2", 5120, 48, 40, 8, 128, 13824, 152064, false),
        "Qwen/Qwen2.5-32B-Instruct" => dense("qwen2", 5120, 64, 40, 8, 128, 27648, 152064, false),
        "Qwen/Qwen2.5-72B-Instruct" => dense("qwen2", 8192, 80, 64, 8, 128, 29568, 152064, false),
        "Qwen/Qwen2.5-Coder-14B-Instruct" => {
            dense("qwen2", 5120, 48, 40, 8, 128, 13824, 152064, false)
        }
        "Qwen/Qwen2.5-Coder-32B-Instruct" => {
            dense("qwen2", 5120, 64, 40, 8, 128, 27648, 152064, false)
        }
        "microsoft/phi-4" => dense("phi3", 5120, 40, 40, 10, 128, 17920, 100352, false),
        "mistralai/Mistral-Small-24B-Instruct-2501" => {
            dense("mistral", 5120, 40, 32, 8, 128, 32768, 131072, false)
        }
        // Not in architectures.json: mistralai/Mistral-7B-Instruct-v0.3 config.json.
        "mistralai/Mistral-7B-Instruct-v0.3" => {
            dense("mistral", 4096, 32, 32, 8, 128, 14336, 32768, false)
        }
        "mistralai/Ministral-8B-Instruct-2410" => {
            dense("mistral", 4096, 36, 32, 8, 128, 12288, 131072, false)
        }
        "google/gemma-3-27b-it" => HfConfig {
            sliding_window: Some(1024),
            sliding_window_pattern: Some(6),
            ..dense("gemma3_text", 5376, 62, 32, 16, 128, 21504, 262208, true)
        },
        "google/gemma-3-12b-it" => HfConfig {
            sliding_window: Some(1024),
            sliding_window_pattern: Some(6),
            ..dense("gemma3_text", 3840, 48, 16, 8, 256, 15360, 262208, true)
        },
        "google/gemma-3-4b-it" => HfConfig {
            sliding_window: Some(1024),
            sliding_window_pattern: Some(6),
            ..dense("gemma3_text", 2560, 34, 8, 4, 256, 10240, 262208, true)
        },
        "Qwen/Qwen3-30B-A3B" => HfConfig {
            max_position_embeddings: Some(40960),
            num_experts: Some(128),
            num_experts_per_tok: Some(8),
            moe_intermediate_size: Some(768),
            ..dense("qwen3_moe", 2048, 48, 32, 4, 128, 6144, 151936, false)
        },
        "Qwen/Qwen3-235B-A22B" => HfConfig {
            num_experts: Some(128),
            num_experts_per_tok: Some(8),
            moe_intermediate_size: Some(1536),
            ..dense("qwen3_moe", 4096, 94, 64, 4, 128, 12288, 151936, false)
        },
        "mistralai/Mixtral-8x7B-Instruct-v0.1" => HfConfig {
            num_experts: Some(8),
            num_experts_per_tok: Some(2),
            ..dense("mixtral", 4096, 32, 32, 8, 128, 14336, 32000, false)
        },
        "openai/gpt-oss-20b" => HfConfig {
            sliding_window: Some(128),
            num_experts: Some(32),
            num_experts_per_tok: Some(4),
            attention_bias: Some(true),
            ..dense("gpt_oss", 2880, 24, 64, 8, 64, 2880, 201088, false)
        },
        "openai/gpt-oss-120b" => HfConfig {
            sliding_window: Some(128),
            num_experts: Some(128),
            num_experts_per_tok: Some(4),
            attention_bias: Some(true),
            ..dense("gpt_oss", 2880, 36, 64, 8, 64, 2880, 201088, false)
        },
        "zai-org/GLM-4.5-Air" => HfConfig {
            num_experts: Some(128),
            num_experts_per_tok: Some(8),
            moe_intermediate_size: Some(1408),
            n_shared_experts: Some(1),
            first_k_dense_replace: Some(1),
            num_nextn_predict_layers: Some(1),
            attention_bias: Some(true),
            ..dense("glm4_moe", 4096, 46, 96, 8, 128, 10944, 151552, false)
        },
        "deepseek-ai/DeepSeek-V3" => HfConfig {
            hidden_size: Some(7168),
            num_hidden_layers: Some(61),
            num_attention_heads: Some(128),
            num_key_value_heads: Some(128),
            intermediate_size: Some(18432),
            vocab_size: Some(129280),
            num_experts: Some(256),
            num_experts_per_tok: Some(8),
            moe_intermediate_size: Some(2048),
            n_shared_experts: Some(1),
            first_k_dense_replace: Some(3),
            kv_lora_rank: Some(512),
            q_lora_rank: Some(1536),
            qk_rope_head_dim: Some(64),
            qk_nope_head_dim: Some(128),
            v_head_dim: Some(128),
            ..cfg("deepseek_v3")
        },
        "Qwen/Qwen3.6-27B" => HfConfig {
            full_attention_interval: Some(4),
            linear_num_key_heads: Some(16),
            linear_num_value_heads: Some(48),
            linear_key_head_dim: Some(128),
            linear_value_head_dim: Some(128),
            conv_kernel: Some(4),
            num_nextn_predict_layers: Some(1),
            ..dense("qwen3_5_text", 5120, 64, 24, 4, 256, 17408, 248320, false)
        },
        "Qwen/Qwen3.6-35B-A3B" => HfConfig {
            full_attention_interval: Some(4),
            linear_num_key_heads: Some(16),
            linear_num_value_heads: Some(32),
            linear_key_head_dim: Some(128),
            linear_value_head_dim: Some(128),
            conv_kernel: Some(4),
            num_nextn_predict_layers: Some(1),
            num_experts: Some(256),
            num_experts_per_tok: Some(8),
            moe_intermediate_size: Some(512),
            shared_expert_intermediate_size: Some(512),
            hidden_size: Some(2048),
            num_hidden_layers: Some(40),
            num_attention_heads: Some(16),
            num_key_value_heads: Some(2),
            head_dim: Some(256),
            vocab_size: Some(248320),
            tie_word_embeddings: Some(false),
            ..cfg("qwen3_5_moe_text")
        },
        "Qwen/Qwen3-Next-80B-A3B-Instruct" => HfConfig {
            full_attention_interval: Some(4),
            linear_num_key_heads: Some(16),
            linear_num_value_heads: Some(32),
            linear_key_head_dim: Some(128),
            linear_value_head_dim: Some(128),
            conv_kernel: Some(4),
            num_experts: Some(512),
            num_experts_per_tok: Some(10),
            moe_intermediate_size: Some(512),
            shared_expert_intermediate_size: Some(512),
            ..dense("qwen3_next", 2048, 48, 16, 2, 256, 5120, 151936, false)
        },
        "google/gemma-4-E2B-it" => HfConfig {
            sliding_window: Some(512),
            sliding_window_pattern: Some(5),
            global_head_dim: Some(512),
            num_kv_shared_layers: Some(20),
            hidden_size_per_layer_input: Some(256),
            vocab_size_per_layer_input: Some(262144),
            use_double_wide_mlp: Some(true),
            attention_k_eq_v: Some(false),
            ..dense("gemma4_text", 1536, 35, 8, 1, 256, 6144, 262144, true)
        },
        "google/gemma-4-E4B-it" => HfConfig {
            sliding_window: Some(512),
            sliding_window_pattern: Some(6),
            global_head_dim: Some(512),
            num_kv_shared_layers: Some(18),
            hidden_size_per_layer_input: Some(256),
            vocab_size_per_layer_input: Some(262144),
            attention_k_eq_v: Some(false),
            ..dense("gemma4_text", 2560, 42, 8, 2, 256, 10240, 262144, true)
        },
        "google/gemma-4-26B-A4B-it" => HfConfig {
            sliding_window: Some(1024),
            sliding_window_pattern: Some(6),
            global_head_dim: Some(512),
            num_global_key_value_heads: Some(2),
            attention_k_eq_v: Some(true),
            num_experts: Some(128),
            num_experts_per_tok: Some(8),
            moe_intermediate_size: Some(704),
            ..dense("gemma4_text", 2816, 30, 16, 8, 256, 2112, 262144, true)
        },
        "google/gemma-4-31B-it" => HfConfig {
            sliding_window: Some(1024),
            sliding_window_pattern: Some(6),
            global_head_dim: Some(512),
            num_global_key_value_heads: Some(4),
            attention_k_eq_v: Some(true),
            ..dense("gemma4_text", 5376, 60, 32, 16, 256, 21504, 262144, true)
        },
        _ => return None,
    };
    Some(c)
}

fn arch(hf: &str) -> Arch {
    let c = model(hf).unwrap_or_else(|| panic!("no test config for {hf}"));
    Arch::from_hf(&c).unwrap_or_else(|e| panic!("{hf}: {e}"))
}

fn gguf(ftype: &str, era: RulesEra) -> QuantChoice {
    let ftype = FileType::from_name(ftype).unwrap_or_else(|| panic!("ftype {ftype}"));
    QuantChoice::Gguf {
        ftype,
        options: GgufOptions { era, imatrix: true },
    }
}

struct Row {
    model_hf: String,
    quant: String,
    bytes: u64,
    era: String,
    publisher: String,
    imatrix: bool,
}

/// The string or number after `"key":` in a one-line JSON object.
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let pat = format!("\"{key}\":");
    let rest = line[line.find(&pat)? + pat.len()..].trim_start();
    if let Some(s) = rest.strip_prefix('"') {
        return s.find('"').map(|end| &s[..end]);
    }
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// Rows of `validation/file-sizes.json` (written one row per line).
fn validation_rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../validation/file-sizes.json");
    let text = std::fs::read_to_string(path).expect("validation/file-sizes.json");
    text.lines()
        .filter(|l| l.contains("\"model_hf\""))
        .map(|l| Row {
            model_hf: field(l, "model_hf").unwrap_or("").to_string(),
            quant: field(l, "quant").unwrap_or("").to_string(),
            bytes: field(l, "bytes").and_then(|b| b.parse().ok()).unwrap_or(0),
            era: field(l, "llama_cpp_era").unwrap_or("unknown").to_string(),
            publisher: field(l, "publisher").unwrap_or("").to_string(),
            imatrix: field(l, "imatrix") == Some("true"),
        })
        .collect()
}

/// Predicted file bytes for a validation row, `None` when the model has no
/// test config here.
fn predict(row: &Row) -> Option<(u64, bool)> {
    let c = model(&row.model_hf)?;
    let a = Arch::from_hf(&c).ok()?;
    let choice = QuantChoice::parse(&row.quant).ok()?;
    let era = if row.era == "old" {
        RulesEra::Pre2026_03
    } else {
        RulesEra::Current
    };
    let (choice, standard) = match choice {
        QuantChoice::Gguf { ftype, .. } => (
            QuantChoice::Gguf {
                ftype,
                options: GgufOptions {
                    era,
                    imatrix: row.imatrix,
                },
            },
            true,
        ),
        other => (other, false),
    };
    Some((plan_weights(&a, &choice).file_bytes, standard))
}

/// Median and worst absolute relative error.
fn stats(errs: &mut [f64]) -> (f64, f64) {
    errs.sort_by(f64::total_cmp);
    (errs[errs.len() / 2], errs[errs.len() - 1])
}

/// Published GGUF sizes vs `plan_weights`. Rows from standard llama-quantize
/// runs (bartowski) must meet the accuracy target (median ≤ 1%, worst ≤ 3%);
/// files from Unsloth repositories carry Unsloth's per-tensor tweaks even
/// under standard names, so they and the UD mixes are reported separately.
#[test]
fn standard_quants_match_published_file_sizes() {
    let rows = validation_rows();
    let (mut standard, mut unsloth_named, mut ud) = (Vec::new(), Vec::new(), Vec::new());
    for row in &rows {
        let Some((pred, is_gguf)) = predict(row) else {
            continue;
        };
        let err = (pred as f64 - row.bytes as f64) / row.bytes as f64;
        println!(
            "{:10} {:40} {:12} published {:>15} predicted {:>15} err {:+.2}%",
            row.publisher,
            row.model_hf,
            row.quant,
            row.bytes,
            pred,
            err * 100.0
        );
        match (is_gguf, row.publisher == "unsloth") {
            (true, false) => standard.push(err.abs()),
            (true, true) => unsloth_named.push(err.abs()),
            (false, _) => ud.push(err.abs()),
        }
    }
    for (name, errs) in [
        ("unsloth standard names", &mut unsloth_named),
        ("unsloth UD", &mut ud),
    ] {
        if !errs.is_empty() {
            let (median, worst) = stats(errs);
            println!(
                "{name}: n={} median {:.2}% worst {:.2}%",
                errs.len(),
                median * 100.0,
                worst * 100.0
            );
        }
    }
    assert!(
        standard.len() >= 40,
        "only {} standard rows",
        standard.len()
    );
    let (median, worst) = stats(&mut standard);
    println!(
        "standard: n={} median {:.2}% worst {:.2}%",
        standard.len(),
        median * 100.0,
        worst * 100.0
    );
    assert!(median <= 0.01, "median error {:.2}%", median * 100.0);
    assert!(worst <= 0.03, "worst error {:.2}%", worst * 100.0);
}

// ---------------------------------------------------------------------------
// Known answers worked by hand.

use headroom_core::ggml::GgmlType;
use headroom_core::quant::for_each_tensor_type;
use headroom_core::tensors::TensorKind;

#[test]
fn q8_0_square_tensor_by_hand() {
    // 4096 × 4096 weights in blocks of 32, 34 bytes each (2-byte scale +
    // 32 int8): 16,777,216 / 32 = 524,288 blocks × 34 = 17,825,792 bytes.
    assert_eq!(GgmlType::Q8_0.tensor_bytes(4096, 4096), 17_825_792);
    // Q4_K: 4096 / 256 = 16 super-blocks of 144 bytes per row = 2,304 bytes.
    assert_eq!(GgmlType::Q4_K.row_bytes(4096), 2_304);
}

#[test]
fn q4_k_m_attn_v_follows_use_more_bits_for_32_layers() {
    // Llama 3.1 8B has 32 layers, one attn_v each. use_more_bits(i, 32) is
    // true for i < 4, i >= 28 and (i - 4) % 3 == 2, i.e. layers
    // 0-3, 6, 9, 12, 15, 18, 21, 24, 27, 28-31 → Q6_K; all others Q4_K.
    let expected_q6: [u32; 16] = [0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31];
    let a = arch("meta-llama/Llama-3.1-8B-Instruct");
    let mut seen = Vec::new();
    for_each_tensor_type(&a, FileType::Q4_K_M, GgufOptions::default(), |t, ty| {
        if t.kind == TensorKind::AttnV {
            seen.push((t.block, ty));
        }
    });
    assert_eq!(seen.len(), 32);
    for (block, ty) in seen {
        let want = if expected_q6.contains(&block) {
            GgmlType::Q6_K
        } else {
            GgmlType::Q4_K
        };
        assert_eq!(ty, want, "blk.{block}.attn_v");
    }
}

#[test]
fn gpt_oss_rows_fall_back_when_not_multiples_of_256() {
    // n_embd 2880 = 90 × 32 is not a multiple of 256 (sizing-facts §2.5):
    // in a Q4_K_M file attn_q (ne0 = 2880) cannot be Q4_K and becomes Q5_0,
    // and the output matrix becomes Q8_0 by rule R1.
    let a = arch("openai/gpt-oss-20b");
    let mut q = None;
    let mut out = None;
    for_each_tensor_type(&a, FileType::Q4_K_M, GgufOptions::default(), |t, ty| {
        if t.kind == TensorKind::AttnQ && t.block == 0 {
            q = Some(ty);
        }
        if t.kind == TensorKind::Output {
            out = Some(ty);
        }
    });
    assert_eq!(q, Some(GgmlType::Q5_0));
    assert_eq!(out, Some(GgmlType::Q8_0));
}

#[test]
fn llama_3_1_8b_parameter_count_by_hand() {
    // Per layer: q 4096², k and v 4096×1024 each, o 4096², gate/up/down
    // 3 × 4096 × 14336, two norms of 4096:
    // 16,777,216×2 + 4,194,304×2 + 176,160,768 + 8,192 = 218,112,000.
    // 32 layers = 6,979,584,000; embeddings and output 2 × 128,256 × 4096 =
    // 1,050,673,152; output norm 4,096. Total 8,030,261,248.
    let plan = plan_weights(
        &arch("meta-llama/Llama-3.1-8B-Instruct"),
        &gguf("Q8_0", RulesEra::Current),
    );
    assert_eq!(plan.params, 8_030_261_248);
}

#[test]
fn moe_active_bytes_scale_with_experts_used() {
    // Qwen3-30B-A3B: 8 of 128 experts per token, so a layer's active bytes are
    // its non-expert bytes plus 1/16 of its expert bytes.
    let plan = plan_weights(
        &arch("Qwen/Qwen3-30B-A3B"),
        &gguf("Q8_0", RulesEra::Current),
    );
    let l = plan.layers[0];
    assert!(l.expert_bytes > 0);
    assert_eq!(
        l.active_bytes,
        l.bytes - l.expert_bytes + l.expert_bytes / 16
    );
}

#[test]
fn quant_names_parse_and_unknown_names_fail() {
    for name in [
        "Q4_K_M",
        "q4_k_m",
        "UD-Q4_K_XL",
        "UD-IQ2_M",
        "FP8",
        "AWQ",
        "GPTQ",
        "NF4",
        "MLX-4bit",
        "MLX-8bit",
        "EXL2-4.5",
        "EXL3-4.0",
        "BF16",
        "MXFP4_MOE",
        "IQ1_S",
        "TQ2_0",
    ] {
        assert!(QuantChoice::parse(name).is_ok(), "{name}");
    }
    for bad in [
        "",
        "Q4_K_Z",
        "UD-Q7_K_XL",
        "EXL2-x",
        "MLX-7bit",
        "Q4_K_M_MAX_EXTRA_LONG_NAME_123456",
    ] {
        let err = QuantChoice::parse(bad);
        assert!(err.is_err(), "{bad}");
    }
    let msg = QuantChoice::parse("Q9")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(msg.starts_with("unknown quantization `Q9`"), "{msg}");
}

#[test]
fn arch_errors_name_the_field() {
    let mut c = model("Qwen/Qwen3-8B").unwrap_or_else(|| cfg("qwen3"));
    c.num_hidden_layers = Some(5000);
    let e = Arch::from_hf(&c)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(e, "`num_hidden_layers` = 5000 is out of range (1..=1024)");
    c.num_hidden_layers = None;
    let e = Arch::from_hf(&c)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(e, "missing `num_hidden_layers`");
    let e = Arch::from_hf(&cfg("gpt2"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(e, "unknown model_type `gpt2`");
}

#[test]
fn hybrid_and_kv_sharing_layouts() {
    use headroom_core::arch::{Attn, KvSource};
    // Qwen3.6-27B: layer i is full attention iff (i + 1) % 4 == 0 → 16 of 64.
    let a = arch("Qwen/Qwen3.6-27B");
    let full: Vec<usize> = a
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.attn, Attn::Standard(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(full.len(), 16);
    assert_eq!(full[0], 3);
    // Gemma 4 E2B: 35 − 20 = 15 KV layers; layer 15 (SWA) reads layer 13,
    // layer 19 (global, 19 % 5 == 4) reads layer 14 (sizing-facts §4.5).
    let g = arch("google/gemma-4-E2B-it");
    let kv = |i: usize| match g.layers[i].attn {
        Attn::Standard(s) => s.kv,
        _ => KvSource::Own,
    };
    assert_eq!(kv(14), KvSource::Own);
    assert_eq!(kv(15), KvSource::SharedWith(13));
    assert_eq!(kv(19), KvSource::SharedWith(14));
}

#[test]
fn planning_is_fast() {
    // A 64-layer plan runs in a sweep over the whole catalog; it must not
    // allocate per tensor. Release builds measure well under 20 µs; this
    // loose bound only catches pathological regressions in debug builds.
    let a = arch("Qwen/Qwen3-32B");
    let choice = gguf("Q4_K_M", RulesEra::Current);
    let n = 200;
    let start = std::time::Instant::now();
    let mut total = 0u64;
    for _ in 0..n {
        total = total.wrapping_add(plan_weights(&a, &choice).file_bytes);
    }
    let per = start.elapsed() / n;
    println!("plan_weights(Qwen3-32B, Q4_K_M): {per:?} per plan ({total})");
    assert!(per < std::time::Duration::from_millis(5), "{per:?}");
}

// ---------------------------------------------------------------------------
// GGUF reader: a writer for small valid headers, round trips, hostile input.

use headroom_core::gguf::{read_header, GgufError};
use headroom_core::quant::plan_from_gguf;
use headroom_core::weights::Confidence;

/// Builds GGUF v3 headers (no tensor data).
#[derive(Default)]
struct GgufWriter {
    kvs: Vec<u8>,
    n_kv: u64,
    infos: Vec<u8>,
    n_tensors: u64,
    offset: u64,
}

impl GgufWriter {
    fn str_bytes(out: &mut Vec<u8>, s: &str) {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    fn kv_str(&mut self, k: &str, v: &str) -> &mut Self {
        Self::str_bytes(&mut self.kvs, k);
        self.kvs.extend_from_slice(&8u32.to_le_bytes());
        Self::str_bytes(&mut self.kvs, v);
        self.n_kv += 1;
        self
    }
    fn kv_u32(&mut self, k: &str, v: u32) -> &mut Self {
        Self::str_bytes(&mut self.kvs, k);
        self.kvs.extend_from_slice(&4u32.to_le_bytes());
        self.kvs.extend_from_slice(&v.to_le_bytes());
        self.n_kv += 1;
        self
    }
    fn kv_f32(&mut self, k: &str, v: f32) -> &mut Self {
        Self::str_bytes(&mut self.kvs, k);
        self.kvs.extend_from_slice(&6u32.to_le_bytes());
        self.kvs.extend_from_slice(&v.to_le_bytes());
        self.n_kv += 1;
        self
    }
    fn kv_str_array(&mut self, k: &str, items: &[&str]) -> &mut Self {
        Self::str_bytes(&mut self.kvs, k);
        self.kvs.extend_from_slice(&9u32.to_le_bytes());
        self.kvs.extend_from_slice(&8u32.to_le_bytes());
        self.kvs
            .extend_from_slice(&(items.len() as u64).to_le_bytes());
        for s in items {
            Self::str_bytes(&mut self.kvs, s);
        }
        self.n_kv += 1;
        self
    }
    fn kv_i32_array(&mut self, k: &str, items: &[i32]) -> &mut Self {
        Self::str_bytes(&mut self.kvs, k);
        self.kvs.extend_from_slice(&9u32.to_le_bytes());
        self.kvs.extend_from_slice(&5u32.to_le_bytes());
        self.kvs
            .extend_from_slice(&(items.len() as u64).to_le_bytes());
        for v in items {
            self.kvs.extend_from_slice(&v.to_le_bytes());
        }
        self.n_kv += 1;
        self
    }
    fn tensor(&mut self, name: &str, ne: &[u64], ty: GgmlType) -> &mut Self {
        Self::str_bytes(&mut self.infos, name);
        self.infos
            .extend_from_slice(&(ne.len() as u32).to_le_bytes());
        for d in ne {
            self.infos.extend_from_slice(&d.to_le_bytes());
        }
        self.infos.extend_from_slice(&ty.id().to_le_bytes());
        self.infos.extend_from_slice(&self.offset.to_le_bytes());
        let rows: u64 = ne[1..].iter().product();
        self.offset += ty.tensor_bytes(ne[0], rows).div_ceil(32) * 32;
        self.n_tensors += 1;
        self
    }
    fn finish(&self) -> Vec<u8> {
        let mut out = b"GGUF".to_vec();
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&self.n_tensors.to_le_bytes());
        out.extend_from_slice(&self.n_kv.to_le_bytes());
        out.extend_from_slice(&self.kvs);
        out.extend_from_slice(&self.infos);
        out
    }
}

/// A two-layer llama-style model: n_embd 256, 4 heads of 64, 2 KV heads,
/// n_ff 512, vocab 1000, Q4_K_M-like types.
fn tiny_llama() -> Vec<u8> {
    let mut w = GgufWriter::default();
    w.kv_str("general.architecture", "llama")
        .kv_u32("general.file_type", 15)
        .kv_u32("llama.block_count", 2)
        .kv_u32("llama.embedding_length", 256)
        .kv_u32("llama.feed_forward_length", 512)
        .kv_u32("llama.attention.head_count", 4)
        .kv_u32("llama.attention.head_count_kv", 2)
        .kv_u32("llama.context_length", 4096)
        .kv_f32("llama.rope.freq_base", 500000.0)
        .kv_i32_array("tokenizer.ggml.token_type", &[1; 1000])
        .kv_str_array("tokenizer.ggml.tokens", &["a"; 1000]);
    w.tensor("output.weight", &[256, 1000], GgmlType::Q6_K)
        .tensor("output_norm.weight", &[256], GgmlType::F32)
        .tensor("token_embd.weight", &[256, 1000], GgmlType::Q4_K);
    for b in 0..2 {
        let n = |s: &str| format!("blk.{b}.{s}");
        w.tensor(&n("attn_k.weight"), &[256, 128], GgmlType::Q4_K)
            .tensor(&n("attn_norm.weight"), &[256], GgmlType::F32)
            .tensor(&n("attn_output.weight"), &[256, 256], GgmlType::Q4_K)
            .tensor(&n("attn_q.weight"), &[256, 256], GgmlType::Q4_K)
            .tensor(&n("attn_v.weight"), &[256, 128], GgmlType::Q6_K)
            .tensor(&n("ffn_down.weight"), &[512, 256], GgmlType::Q6_K)
            .tensor(&n("ffn_gate.weight"), &[256, 512], GgmlType::Q4_K)
            .tensor(&n("ffn_norm.weight"), &[256], GgmlType::F32)
            .tensor(&n("ffn_up.weight"), &[256, 512], GgmlType::Q4_K);
    }
    w.finish()
}

#[test]
fn gguf_header_round_trip() {
    let bytes = tiny_llama();
    let h = read_header(&bytes).expect("valid header");
    assert_eq!(h.version, 3);
    assert_eq!(h.tensors.len(), 21);
    assert_eq!(h.architecture(), Some("llama"));
    assert_eq!(h.file_type(), Some(15));
    assert_eq!(h.data_offset, (bytes.len() as u64).div_ceil(32) * 32);
    let a = Arch::from_gguf(&h).expect("arch");
    assert_eq!((a.n_embd, a.n_layer(), a.n_vocab), (256, 2, 1000));
    assert!(!a.tied_embeddings);
    let plan = plan_from_gguf(&h);
    assert_eq!(plan.confidence, Confidence::Exact);
    // Hand count per block: attn_k 128 rows × 144 = 18,432; attn_output and
    // attn_q 256 × 144 = 36,864 each; attn_v 128 × 210 = 26,880; ffn_down
    // 256 rows × 2 blocks × 210 = 107,520; ffn_gate/up 512 × 144 = 73,728
    // each; two norms 1,024 each. Sum 376,064.
    assert_eq!(plan.layers[1].bytes, 376_064);
    // token_embd 1000 × 144; output 1000 × 210.
    assert_eq!(plan.token_embd_bytes, 144_000);
    assert_eq!(plan.output_bytes, 210_000);
    // Parameters: 2 × (2×32,768 + 2×65,536 + 3×131,072 + 512) + 2×256,000 + 256.
    assert_eq!(
        plan.params,
        2 * (65_536 + 131_072 + 393_216 + 512) + 512_000 + 256
    );
}

#[test]
fn gguf_truncated_at_every_offset_asks_for_more() {
    let bytes = tiny_llama();
    for cut in 0..bytes.len() {
        match read_header(&bytes[..cut]) {
            Err(GgufError::NeedMoreBytes { at_least }) => {
                assert!(at_least > cut as u64, "cut {cut}: at_least {at_least}");
            }
            other => panic!("cut {cut}: {other:?}"),
        }
    }
}

#[test]
fn gguf_hostile_inputs_are_typed_errors() {
    let good = tiny_llama();
    let mut bad_magic = good.clone();
    bad_magic[0] = b'X';
    assert_eq!(read_header(&bad_magic), Err(GgufError::BadMagic));

    let mut v9 = good.clone();
    v9[4..8].copy_from_slice(&9u32.to_le_bytes());
    assert_eq!(read_header(&v9), Err(GgufError::UnsupportedVersion(9)));

    let mut many_tensors = good.clone();
    many_tensors[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(
        read_header(&many_tensors),
        Err(GgufError::TooMany {
            what: "tensors",
            ..
        })
    ));

    let mut many_kv = good.clone();
    many_kv[16..24].copy_from_slice(&(1u64 << 40).to_le_bytes());
    assert!(matches!(
        read_header(&many_kv),
        Err(GgufError::TooMany { .. })
    ));

    // First key length set absurdly large.
    let mut huge_key = good.clone();
    huge_key[24..32].copy_from_slice(&(u64::MAX - 3).to_le_bytes());
    assert!(matches!(
        read_header(&huge_key),
        Err(GgufError::TooMany { .. })
    ));

    // A header that declares one KV whose string value claims 1 GiB.
    let mut w = GgufWriter::default();
    w.kv_str("general.name", "x");
    let mut huge_str = w.finish();
    let at = huge_str.len() - 9;
    huge_str[at..at + 8].copy_from_slice(&(1u64 << 30).to_le_bytes());
    assert!(matches!(
        read_header(&huge_str),
        Err(GgufError::TooMany { .. })
    ));

    // An array of 2^31 u32 elements with no bytes behind it.
    let mut w = GgufWriter::default();
    w.kv_i32_array("a", &[]);
    let mut big_arr = w.finish();
    let at = big_arr.len() - 8;
    big_arr[at..].copy_from_slice(&(1u64 << 31).to_le_bytes());
    assert!(matches!(
        read_header(&big_arr),
        Err(GgufError::NeedMoreBytes { .. })
    ));

    // Unknown value type.
    let mut w = GgufWriter::default();
    w.kv_u32("k", 1);
    let mut bad_type = w.finish();
    let at = bad_type.len() - 8;
    bad_type[at..at + 4].copy_from_slice(&77u32.to_le_bytes());
    assert_eq!(read_header(&bad_type), Err(GgufError::BadValueType(77)));

    // Unknown tensor type and too many dimensions.
    let mut w = GgufWriter::default();
    w.tensor("t", &[32, 2], GgmlType::Q8_0);
    let mut bad_tt = w.finish();
    let at = bad_tt.len() - 12;
    bad_tt[at..at + 4].copy_from_slice(&4u32.to_le_bytes());
    assert!(matches!(
        read_header(&bad_tt),
        Err(GgufError::BadTensorType { type_id: 4, .. })
    ));
    let mut w = GgufWriter::default();
    w.tensor("t", &[1, 1, 1, 1, 1], GgmlType::F32);
    assert!(matches!(
        read_header(&w.finish()),
        Err(GgufError::Malformed(_))
    ));

    // Random garbage after a valid magic never panics.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..2000 {
        let mut buf = good.clone();
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = 4 + (seed as usize) % (buf.len() - 4);
            buf[i] = (seed >> 32) as u8;
        }
        let _ = read_header(&buf);
    }
}

#[test]
fn gguf_arch_matches_the_config_path() {
    // A header describing Qwen3-30B-A3B (keys as llama.cpp's converter
    // writes them) resolves to the same Arch as the config.json path.
    let mut w = GgufWriter::default();
    w.kv_str("general.architecture", "qwen3moe")
        .kv_u32("qwen3moe.block_count", 48)
        .kv_u32("qwen3moe.context_length", 40960)
        .kv_u32("qwen3moe.embedding_length", 2048)
        .kv_u32("qwen3moe.feed_forward_length", 6144)
        .kv_u32("qwen3moe.attention.head_count", 32)
        .kv_u32("qwen3moe.attention.head_count_kv", 4)
        .kv_u32("qwen3moe.attention.key_length", 128)
        .kv_u32("qwen3moe.attention.value_length", 128)
        .kv_u32("qwen3moe.expert_count", 128)
        .kv_u32("qwen3moe.expert_used_count", 8)
        .kv_u32("qwen3moe.expert_feed_forward_length", 768)
        .kv_u32("qwen3moe.vocab_size", 151936);
    w.tensor("output.weight", &[2048, 151936], GgmlType::Q6_K);
    let h = read_header(&w.finish()).expect("header");
    let from_gguf = Arch::from_gguf(&h).expect("arch");
    let from_hf = arch("Qwen/Qwen3-30B-A3B");
    assert_eq!(from_gguf.n_ctx_train, from_hf.n_ctx_train);
    assert_eq!(from_gguf.layers.first(), from_hf.layers.first());
    assert!(from_gguf == from_hf, "GGUF and config.json paths disagree");
}
