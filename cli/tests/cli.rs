//! End-to-end tests of the `headroom` binary: the JSON shape, known answers
//! worked by hand, and the one-line error + exit code 2 contract for every
//! kind of bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

fn headroom(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run headroom: {e}"),
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch directory unique to this test process and `name`.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("headroom-cli-test-{}-{name}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&d) {
        panic!("cannot create {}: {e}", d.display());
    }
    d
}

fn write(path: &PathBuf, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// Bad input: exit code 2, nothing on stdout, exactly one `error: …` line
/// on stderr that mentions `needle`.
fn assert_input_error(args: &[&str], needle: &str) {
    let o = headroom(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "args {args:?}: stderr {err:?}");
    assert!(
        stdout(&o).is_empty(),
        "args {args:?}: stdout {:?}",
        stdout(&o)
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "args {args:?}: stderr {err:?}");
    assert!(lines[0].starts_with("error: "), "args {args:?}: {err:?}");
    assert!(
        lines[0].to_lowercase().contains(&needle.to_lowercase()),
        "args {args:?}: {err:?} should mention {needle:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

fn estimate_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["estimate"];
    all.extend_from_slice(args);
    all.push("--json");
    let o = headroom(&all);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        text.trim().lines().count(),
        1,
        "one JSON object on one line: {text}"
    );
    match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {text}"),
    }
}

#[test]
fn json_has_every_key_with_its_type() {
    let v = estimate_json(&[
        "--model",
        "llama-3.1-8b",
        "--ctx",
        "8192",
        "--gpu",
        "rtx-4090",
    ]);
    let Some(obj) = v.as_object() else {
        panic!("not an object: {v}");
    };
    let ints = [
        "schema",
        "params",
        "active_params",
        "file_bytes",
        "weights_bytes",
        "kv_bytes",
        "recurrent_state_bytes",
        "compute_bytes",
        "output_bytes",
        "overhead_bytes",
        "total_bytes",
        "max_ctx_that_fits",
        "ngl",
        "n_cpu_moe",
    ];
    for k in ints {
        assert!(
            obj.get(k).is_some_and(|x| x.is_u64()),
            "{k} should be an integer: {v}"
        );
    }
    for k in ["decode_tokens_per_s", "prefill_tokens_per_s"] {
        assert!(
            obj.get(k).is_some_and(|x| x.is_number()),
            "{k} should be a number: {v}"
        );
    }
    assert_eq!(obj.get("schema").and_then(|x| x.as_u64()), Some(2));
    assert!(
        obj.get("tensor_split")
            .is_some_and(|x| x.as_array().is_some_and(|a| a.iter().all(|k| k.is_u64()))),
        "tensor_split should be an array of integers: {v}"
    );
    let fits = obj.get("fits").and_then(|x| x.as_str());
    assert!(matches!(fits, Some("fits" | "tight" | "no")), "{v}");
    let conf = obj.get("confidence").and_then(|x| x.as_str());
    assert!(
        matches!(conf, Some("exact" | "estimated" | "approximate")),
        "{v}"
    );
    assert!(obj.get("warnings").is_some_and(|w| w
        .as_array()
        .is_some_and(|a| a.iter().all(|s| s.is_string()))));
    let Some(devices) = obj.get("devices").and_then(|d| d.as_array()) else {
        panic!("devices should be an array: {v}");
    };
    assert!(!devices.is_empty());
    for d in devices {
        assert!(d.get("name").is_some_and(|x| x.is_string()), "{d}");
        assert!(
            matches!(d.get("kind").and_then(|x| x.as_str()), Some("gpu" | "cpu")),
            "{d}"
        );
        for k in [
            "capacity_bytes",
            "used_bytes",
            "weights_bytes",
            "kv_bytes",
            "compute_bytes",
            "n_layers",
        ] {
            assert!(d.get(k).is_some_and(|x| x.is_u64()), "{k}: {d}");
        }
    }
    assert_eq!(obj.len(), 21, "exactly the 21 documented keys: {v}");
    // The parts add up to the total.
    let part = |k: &str| obj.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
    let sum: u64 = [
        "weights_bytes",
        "kv_bytes",
        "recurrent_state_bytes",
        "compute_bytes",
        "output_bytes",
        "overhead_bytes",
    ]
    .iter()
    .map(|k| part(k))
    .sum();
    assert_eq!(sum, part("total_bytes"));
}

#[test]
fn kv_of_llama_3_1_8b_worked_by_hand() {
    // meta-llama/Llama-3.1-8B-Instruct config.json: 32 layers, 8 KV heads,
    // head dim 4096/32 = 128. f16 K and V at 8192 cells:
    // 32 layers × 8192 cells × 2 (K,V) × (8 × 128) × 2 bytes = 1,073,741,824.
    let v = estimate_json(&[
        "--model",
        "meta-llama/Llama-3.1-8B-Instruct",
        "--ctx",
        "8k",
        "--kv-type",
        "f16",
    ]);
    assert_eq!(
        v.get("kv_bytes").and_then(|x| x.as_u64()),
        Some(1_073_741_824)
    );
    // q8_0 stores 32 values in 34 bytes: 32 × 8192 × 2 × 1024 × 34/32 = 570,425,344.
    let v = estimate_json(&[
        "--model",
        "llama-3.1-8b",
        "--ctx",
        "8192",
        "--kv-type",
        "q8_0",
        "--fa",
        "on",
    ]);
    assert_eq!(
        v.get("kv_bytes").and_then(|x| x.as_u64()),
        Some(570_425_344)
    );
}

#[test]
fn kv_of_gpt_oss_120b_matches_a_published_log() {
    // ollama/ollama#16480: gpt-oss-120b, n_ctx 262144, 2 slots (not unified),
    // n_ubatch 1024: "llama_kv_cache: size = 9216.00 MiB (131072 cells, 18
    // layers, 2/2 seqs)" plus the SWA cache "ROCm0 KV buffer size = 90.00 MiB".
    let v = estimate_json(&[
        "--model",
        "gpt-oss-120b",
        "--ctx",
        "262144",
        "--parallel",
        "2",
        "--no-kv-unified",
        "--ubatch",
        "1024",
        "--fa",
        "on",
        "--vram",
        "4096",
    ]);
    assert_eq!(
        v.get("kv_bytes").and_then(|x| x.as_u64()),
        Some((9216 + 90) << 20)
    );
}

#[test]
fn human_output_has_the_table_and_verdict() {
    let o = headroom(&[
        "estimate", "--model", "qwen3-8b", "--gpu", "rtx-3060", "--gib",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    for needle in ["weights", "KV cache", "total", "verdict:", "decode", "GiB"] {
        assert!(t.contains(needle), "missing {needle:?} in:\n{t}");
    }
}

#[test]
fn bad_flags_and_values() {
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--ctx", "0"],
        "--ctx",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--vram", "-3"],
        "--vram",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--frobnicate"],
        "--frobnicate",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--ctx"],
        "needs a value",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--kv-type", "q3"],
        "--kv-type",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--fa", "maybe"],
        "--fa",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--quant", "Q9_Z"],
        "quant",
    );
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--json=yes"],
        "takes no value",
    );
    assert_input_error(&["estimate"], "no model");
    assert_input_error(&["frobnicate"], "unknown command");
}

#[test]
fn unknown_ids_suggest_close_ones() {
    assert_input_error(&["estimate", "--model", "llama-3.1-8"], "did you mean");
    assert_input_error(
        &["estimate", "--model", "llama-3.1-8b", "--gpu", "rtx-4909"],
        "rtx-4090",
    );
    assert_input_error(
        &["quants", "--model", "no-such-model-at-all"],
        "unknown model",
    );
}

#[test]
fn malformed_config_json() {
    let d = scratch("config");
    let p = d.join("config.json");
    write(&p, b"{\"model_type\": \"llama\", \"hidden_size\": ");
    assert_input_error(
        &["estimate", "--config", p.to_str().unwrap_or_default()],
        "config.json",
    );
    write(&p, b"[1, 2, 3]");
    assert_input_error(
        &["estimate", "--config", p.to_str().unwrap_or_default()],
        "config.json",
    );
    write(
        &p,
        b"{\"model_type\": \"no-such-architecture\", \"hidden_size\": 4096}",
    );
    assert_input_error(
        &["estimate", "--config", p.to_str().unwrap_or_default()],
        "config.json",
    );
    let missing = d.join("missing.json");
    assert_input_error(
        &["estimate", "--config", missing.to_str().unwrap_or_default()],
        "cannot read",
    );
}

#[test]
fn truncated_and_hostile_gguf() {
    let d = scratch("gguf");
    // Truncated: the magic and version only.
    let p = d.join("truncated.gguf");
    let mut b = b"GGUF".to_vec();
    b.extend_from_slice(&3u32.to_le_bytes());
    write(&p, &b);
    assert_input_error(
        &["estimate", "--gguf", p.to_str().unwrap_or_default()],
        "truncated.gguf",
    );
    // Hostile: a sane header whose first key claims a 2^60-byte string.
    let p = d.join("hostile.gguf");
    let mut b = b"GGUF".to_vec();
    b.extend_from_slice(&3u32.to_le_bytes());
    b.extend_from_slice(&1u64.to_le_bytes()); // tensor count
    b.extend_from_slice(&1u64.to_le_bytes()); // kv count
    b.extend_from_slice(&(1u64 << 60).to_le_bytes()); // key length
    b.extend_from_slice(b"general.architecture");
    write(&p, &b);
    assert_input_error(
        &["estimate", "--gguf", p.to_str().unwrap_or_default()],
        "hostile.gguf",
    );
    // Not a GGUF at all.
    let p = d.join("not.gguf");
    write(&p, b"PK\x03\x04 this is a zip file, not a model");
    assert_input_error(
        &["estimate", "--gguf", p.to_str().unwrap_or_default()],
        "not.gguf",
    );
}

#[test]
fn catalog_counts_match_the_listings() {
    for cmd in ["models", "gpus"] {
        let o = headroom(&[cmd, "--count"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let n: usize = match stdout(&o).trim().parse() {
            Ok(n) => n,
            Err(e) => panic!("{cmd} --count: {e}"),
        };
        assert!(n > 0);
        let list = headroom(&[cmd]);
        // One header line, then one line per row.
        assert_eq!(stdout(&list).lines().count(), n + 1, "{cmd}");
    }
}

#[test]
fn validate_reports_and_refuses_a_missing_directory() {
    let d = scratch("validate-empty");
    let missing = d.join("nothing-here");
    assert_input_error(
        &["validate", "--dir", missing.to_str().unwrap_or_default()],
        "no validation files",
    );
    // A KV row worked by hand (Llama 3.1 8B, 8192 cells, f16 = 1024 MiB)
    // is predicted exactly; one row is below the enforcement threshold.
    let d = scratch("validate-one");
    write(
        &d.join("memory.json"),
        br#"{"rows": [{"model_hf": "meta-llama/Llama-3.1-8B-Instruct", "quant": "Q4_K_M", "ctx": 8192,
            "parallel": 1, "kv_type": "f16", "figure": "kv_bytes", "value": 1024.0, "unit": "MiB",
            "source": "32 x 8192 x 2 x 1024 x 2 bytes, worked by hand"},
           {"model_hf": "example/not-in-catalog", "quant": "Q4_K_M", "ctx": 8192, "figure": "kv_bytes",
            "value": 1.0, "unit": "MiB", "source": "x"}]}"#,
    );
    let o = headroom(&[
        "validate",
        "--dir",
        d.to_str().unwrap_or_default(),
        "--verbose",
    ]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(t.contains("KV cache bytes"), "{t}");
    assert!(t.contains("+0.00%"), "{t}");
    assert!(t.contains("model not in the catalog"), "{t}");
}

/// GGUF metadata value writers (little endian, GGUF v3).
fn gguf_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn gguf_kv_u32(out: &mut Vec<u8>, key: &str, v: u32) {
    gguf_str(out, key);
    out.extend_from_slice(&4u32.to_le_bytes()); // GGUF_TYPE_UINT32
    out.extend_from_slice(&v.to_le_bytes());
}

fn gguf_kv_string(out: &mut Vec<u8>, key: &str, v: &str) {
    gguf_str(out, key);
    out.extend_from_slice(&8u32.to_le_bytes()); // GGUF_TYPE_STRING
    gguf_str(out, v);
}

#[test]
fn a_small_valid_gguf_is_read_from_its_header() {
    // A 2-block llama: n_embd 256, 4 heads (head dim 64), 2 KV heads,
    // vocab 1000, one F16 token_embd tensor. KV at -c 4096, f16, worked by
    // hand: 2 layers × 4096 cells × 2 (K,V) × (2 × 64) × 2 bytes = 4,194,304.
    let mut b = b"GGUF".to_vec();
    b.extend_from_slice(&3u32.to_le_bytes());
    b.extend_from_slice(&1u64.to_le_bytes()); // tensors
    b.extend_from_slice(&9u64.to_le_bytes()); // kvs
    gguf_kv_string(&mut b, "general.architecture", "llama");
    gguf_kv_string(&mut b, "general.name", "tiny test llama");
    gguf_kv_u32(&mut b, "llama.block_count", 2);
    gguf_kv_u32(&mut b, "llama.embedding_length", 256);
    gguf_kv_u32(&mut b, "llama.attention.head_count", 4);
    gguf_kv_u32(&mut b, "llama.attention.head_count_kv", 2);
    gguf_kv_u32(&mut b, "llama.feed_forward_length", 512);
    gguf_kv_u32(&mut b, "llama.context_length", 4096);
    gguf_kv_u32(&mut b, "llama.vocab_size", 1000);
    gguf_str(&mut b, "token_embd.weight");
    b.extend_from_slice(&2u32.to_le_bytes()); // n_dims
    b.extend_from_slice(&256u64.to_le_bytes());
    b.extend_from_slice(&1000u64.to_le_bytes());
    b.extend_from_slice(&1u32.to_le_bytes()); // F16
    b.extend_from_slice(&0u64.to_le_bytes()); // offset
    while !b.len().is_multiple_of(32) {
        b.push(0);
    }
    b.resize(b.len() + 256 * 1000 * 2, 0);
    let d = scratch("gguf-ok");
    let p = d.join("tiny.gguf");
    write(&p, &b);
    let v = estimate_json(&[
        "--gguf",
        p.to_str().unwrap_or_default(),
        "--ctx",
        "4096",
        "--kv-type",
        "f16",
    ]);
    assert_eq!(
        v.get("kv_bytes").and_then(|x| x.as_u64()),
        Some(4_194_304),
        "{v}"
    );
    let o = headroom(&[
        "estimate",
        "--gguf",
        p.to_str().unwrap_or_default(),
        "--ctx",
        "4096",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("tiny test llama"), "{}", stdout(&o));
}

#[test]
fn a_config_json_is_imported() {
    // The fields of meta-llama/Llama-3.1-8B-Instruct's published config.json
    // that decide memory; KV at 8192 cells, f16, worked by hand:
    // 32 layers × 8192 × 2 × (8 KV heads × 128) × 2 bytes = 1,073,741,824.
    let d = scratch("config-ok");
    let p = d.join("config.json");
    write(
        &p,
        br#"{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
            "intermediate_size": 14336, "num_attention_heads": 32, "num_hidden_layers": 32,
            "num_key_value_heads": 8, "vocab_size": 128256, "max_position_embeddings": 131072,
            "rope_theta": 500000.0, "tie_word_embeddings": false, "torch_dtype": "bfloat16"}"#,
    );
    let v = estimate_json(&[
        "--config",
        p.to_str().unwrap_or_default(),
        "--ctx",
        "8192",
        "--kv-type",
        "f16",
    ]);
    assert_eq!(
        v.get("kv_bytes").and_then(|x| x.as_u64()),
        Some(1_073_741_824),
        "{v}"
    );
}

#[test]
fn validate_exits_1_when_an_enforced_budget_is_exceeded() {
    // Three KV rows whose "published" value is deliberately 10 % above the
    // hand-worked figure (1024 MiB for Llama 3.1 8B at 8192 cells, f16):
    // the KV budget (worst <= 0.5 %) is enforced from three rows and fails.
    let d = scratch("validate-fail");
    let row = r#"{"model_hf": "meta-llama/Llama-3.1-8B-Instruct", "quant": "Q4_K_M", "ctx": 8192,
        "kv_type": "f16", "figure": "kv_bytes", "value": 1126.4, "unit": "MiB", "source": "test: 10 % off"}"#;
    let doc = format!(r#"{{"rows": [{row}, {row}, {row}]}}"#);
    write(&d.join("memory.json"), doc.as_bytes());
    let o = headroom(&["validate", "--dir", d.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("EXCEEDED"), "{}", stdout(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn quants_and_fit_run() {
    let o = headroom(&["quants", "--model", "qwen3-8b", "--ctx", "16k"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    for needle in ["Q4_K_M", "Q8_0", "UD-Q4_K_XL", "fits per hardware tier"] {
        assert!(t.contains(needle), "missing {needle:?}:\n{t}");
    }
    let o = headroom(&["fit", "--gpu", "rtx-3060", "--ctx", "8k"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.contains("models fit"), "{t}");
    // A 12 GB card cannot hold a 70B model on the GPU at any listed quant.
    assert!(!t.contains("llama-3.3-70b"), "{t}");
    assert_input_error(&["fit", "--model", "qwen3-8b"], "whole catalog");
}

#[test]
fn json_states_the_placement_llama_cpp_picks_on_two_gpus() {
    // Qwen3-32B Q8_0: 8.5 bits per weight × 32.8 B parameters ≈ 34.8 GB,
    // more than two 12 GB cards hold, so --fit fills them one by one.
    let v = estimate_json(&[
        "--model",
        "qwen3-32b",
        "--quant",
        "Q8_0",
        "--ctx",
        "32768",
        "--gpus",
        "2xrtx-3060",
    ]);
    let int = |x: &serde_json::Value| x.as_u64().unwrap_or(u64::MAX);
    let ngl = v.get("ngl").map_or(u64::MAX, int);
    let split: Vec<u64> = v
        .get("tensor_split")
        .and_then(|x| x.as_array())
        .map(|a| a.iter().map(int).collect())
        .unwrap_or_default();
    assert_eq!(split.len(), 2, "{v}");
    assert_eq!(split.iter().sum::<u64>(), ngl, "{v}");
    // Qwen3-32B has 64 blocks (config.json `num_hidden_layers`): some stay
    // in RAM.
    assert!(ngl < 65, "{v}");
    let blocks: Vec<u64> = v
        .get("devices")
        .and_then(|x| x.as_array())
        .map(|a| {
            a.iter()
                .map(|d| d.get("n_layers").map_or(u64::MAX, int))
                .collect()
        })
        .unwrap_or_default();
    // GPU 0, GPU 1 (with the output layer), then system RAM.
    assert_eq!(blocks, vec![split[0], split[1] - 1, 64 - (ngl - 1)], "{v}");
}
