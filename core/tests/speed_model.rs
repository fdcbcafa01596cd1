//! The speed model of `headroom_core::efficiency` against published
//! llama-bench figures.
//!
//! Two sets of rows are read: `validation/speed-calibration.json`, on which
//! the efficiency constants are fitted, and `validation/speed.json`, which is
//! never fitted on and serves as a held-out test. For every decode or
//! prefill row the engine resolves the model, quantization and device; the
//! bytes read per token (active weights, KV span, output matrix, one row of
//! the input embeddings), the FLOPs per token and the number of dense and
//! MoE blocks are taken from the resolved scenario, and the time per token
//! is recomputed with the efficiency functions:
//!
//! ```text
//! decode:  bytes / (decode_bandwidth_efficiency × bandwidth) + Σ_blocks overhead
//! prefill: FLOPs / (prefill_flops_efficiency × fp16_tflops)
//! ```
//!
//! Only rows whose model fits entirely on one device are used (all rows in
//! both files are full GPU offload). `SPEED_MODEL_DUMP=path` writes the
//! per-row features as tab-separated values (for refitting);
//! `cargo test -p headroom-core --test speed_model -- --nocapture` prints
//! the per-row table.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use headroom_core::arch::{Arch, Attn};
use headroom_core::catalog::{gpus, models};
use headroom_core::device::{Backend, DeviceSpec};
use headroom_core::efficiency::{
    decode_bandwidth_efficiency, decode_overhead_s_per_layer, prefill_flops_efficiency,
};
use headroom_core::estimate::estimate;
use headroom_core::inputs::{FlashAttn, Inputs, ModelRef};
use headroom_core::kv::{self, KvParams};
use headroom_core::resolve_inputs::{resolve, resolve_with_arch};
use headroom_core::scenario::Scenario;

/// One row of a speed file: the fields the harness needs.
#[derive(Debug, Default, Clone)]
struct Row {
    fields: BTreeMap<String, String>,
}

impl Row {
    fn get(&self, k: &str) -> Option<&str> {
        self.fields.get(k).map(String::as_str)
    }
    fn num(&self, k: &str) -> Option<f64> {
        self.get(k).and_then(|v| v.parse().ok())
    }
}

/// Reads the rows of a pretty-printed speed file (one `"key": value` per
/// line, rows as objects in the `rows` array). Strings are unescaped only
/// for `\"`, which is enough for the fields used here.
fn read_rows(name: &str) -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("validation")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut rows = Vec::new();
    let mut cur: Option<Row> = None;
    for line in text.lines() {
        let t = line.trim();
        if t == "{" {
            cur = Some(Row::default());
        } else if t == "}" || t == "}," {
            if let Some(r) = cur.take() {
                rows.push(r);
            }
        } else if let Some(r) = cur.as_mut() {
            let Some((k, v)) = t.split_once("\": ") else {
                continue;
            };
            let k = k.trim_start_matches('"').to_string();
            let v = v.trim_end_matches(',');
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            r.fields.insert(k, v.replace("\\\"", "\""));
        }
    }
    rows
}

/// LLaMA-2-7B (meta-llama/Llama-2-7b-hf config.json: hidden 4096, 32 layers,
/// 32 heads and KV heads, intermediate 11008, vocab 32000, 4096 context,
/// untied embeddings): the Llama 3.1 8B catalog row's config with those
/// shapes, since the catalog has no Llama 2 row.
fn llama2_7b() -> Arch {
    let m = models::model_by_hf("meta-llama/Llama-3.1-8B-Instruct").expect("llama 3.1 8b");
    let mut c = m.config.clone();
    c.hidden_size = Some(4096);
    c.num_hidden_layers = Some(32);
    c.num_attention_heads = Some(32);
    c.num_key_value_heads = Some(32);
    c.head_dim = Some(128);
    c.intermediate_size = Some(11008);
    c.vocab_size = Some(32000);
    c.max_position_embeddings = Some(4096);
    c.tie_word_embeddings = Some(false);
    Arch::from_hf(&c).expect("llama 2 arch")
}

/// Attention FLOPs per token over `span` tokens of context: QKᵀ and AV,
/// `4 × n_head × head_dim × span`, with each attention kind's span.
fn attn_flops(arch: &Arch, il: usize, span: u64) -> f64 {
    let Some(layer) = arch.layers.get(il) else {
        return 0.0;
    };
    let (heads_dim, span) = match layer.attn {
        Attn::Standard(a) => (
            a.n_head * a.head_dim_k,
            a.window.map_or(span, |w| span.min(w.n_tokens)),
        ),
        Attn::Mla(m) => (m.n_head * (m.kv_lora_rank + m.qk_rope_head_dim), span),
        Attn::Compressed(c) => (
            c.n_head * c.head_dim,
            span.min(c.window) + span / c.compress_ratio.max(4),
        ),
        Attn::Recurrent(r) => (r.d_inner, 1),
    };
    4.0 * heads_dim as f64 * span as f64
}

/// What the speed model needs to know about one row.
#[derive(Debug, Clone)]
struct Features {
    decode: bool,
    measured: f64,
    device: DeviceSpec,
    bytes: f64,
    n_dense: u32,
    n_moe: u32,
    flops: f64,
    float_weights: bool,
    label: String,
}

fn features(r: &Row) -> Option<Features> {
    let figure = r.get("figure")?;
    let decode = match figure {
        "decode_tps" => true,
        "prefill_tps" => false,
        _ => return None,
    };
    let dev_id = r.get("device")?;
    gpus::gpu(dev_id)?;
    let quant = match r.get("quant")? {
        q if q.eq_ignore_ascii_case("MXFP4") => "MXFP4_MOE".to_string(),
        q => q.to_string(),
    };
    let test = r.get("test").unwrap_or("decode");
    let n: Option<u64> = test.get(2..).and_then(|n| n.parse().ok());
    let (ctx, depth, ubatch) = match (test.get(..2), n) {
        (Some("tg"), Some(n)) => (r.num("ctx").map_or(n, |c| c as u64), n / 2, 512),
        (Some("pp"), Some(n)) => (
            r.num("ctx").map_or(n, |c| c as u64),
            n / 2,
            r.num("ubatch").map_or(512, |u| u as u32),
        ),
        _ => (r.num("ctx").map_or(4096, |c| c as u64), 256, 512),
    };
    let model = r.get("model_hf")?;
    let mut inputs = Inputs {
        model: ModelRef::HfRepo(model.to_string()),
        quant,
        ctx,
        ubatch,
        flash_attn: match r.get("flash_attn") {
            Some("true") => FlashAttn::On,
            Some("false") => FlashAttn::Off,
            _ => FlashAttn::Auto,
        },
        ..Inputs::default()
    };
    inputs.hardware.gpus.clear();
    inputs.hardware.gpus.push((dev_id.to_string(), 1));
    let mut s: Scenario = if model == "meta-llama/Llama-2-7b-hf" {
        resolve_with_arch(&inputs, llama2_7b(), 0).ok()?
    } else {
        resolve(&inputs).ok()?
    };
    s.decode_depth = Some(depth.max(1));
    let e = estimate(&s);
    // Full offload only: every block and the output on the one GPU.
    let n_layers = s.arch.layers.len() as u32;
    if e.ngl < n_layers + 1 || e.n_cpu_moe > 0 {
        return None;
    }
    let mut device = s.gpus.first()?.clone();
    // The row's backend when it is not the catalog default (Vulkan on an
    // NVIDIA or AMD card).
    device.backend = match r.get("backend") {
        Some("Vulkan") => Backend::Vulkan,
        Some("ROCm") => Backend::Rocm,
        Some("SYCL") => Backend::Sycl,
        Some("CUDA") => Backend::Cuda,
        Some("Metal") => Backend::Metal,
        _ => device.backend,
    };
    let p = KvParams::new(&s, depth.max(1));
    let mut bytes = 0.0;
    let (mut n_dense, mut n_moe) = (0, 0);
    for (il, lw) in s.weights.layers.iter().enumerate() {
        bytes += lw.active_bytes as f64;
        bytes += kv::layer_read_bytes(&s.arch, il, &p, depth.max(1)) as f64;
        if lw.expert_bytes > 0 {
            n_moe += 1;
        } else {
            n_dense += 1;
        }
    }
    let w = &s.weights;
    bytes += (w.output_bytes + w.other_bytes) as f64;
    bytes += w.token_embd_bytes as f64 / s.arch.n_vocab.max(1) as f64;
    let params: u64 = w.layers.iter().map(|l| l.params).sum();
    let float_weights = w.block_bytes() as f64 * 8.0 / params.max(1) as f64 >= 15.0;
    // FLOPs per prompt token (sizing-facts §9.2): the matmuls of the active
    // weights, attention over the prompt's mean span, and the output matrix.
    let span = depth / 2;
    let mut flops = 2.0 * (s.arch.n_embd as f64) * (s.arch.n_vocab as f64);
    for (il, lw) in w.layers.iter().enumerate() {
        flops += 2.0 * lw.active_params as f64 + attn_flops(&s.arch, il, span);
    }
    let label = format!(
        "{} {} {} {} {}",
        model.rsplit('/').next().unwrap_or(model),
        r.get("quant").unwrap_or(""),
        dev_id,
        test,
        r.get("source").unwrap_or("")
    );
    Some(Features {
        decode,
        measured: r.num("value")?,
        device,
        bytes,
        n_dense,
        n_moe,
        flops,
        float_weights,
        label,
    })
}

/// The model's prediction in tokens/s.
fn predict(f: &Features) -> f64 {
    if f.decode {
        let b = f.device.backend;
        let secs = f.bytes
            / (decode_bandwidth_efficiency(&f.device) * f.device.bandwidth_gb_per_s * 1e9)
            + f64::from(f.n_dense) * decode_overhead_s_per_layer(b, false)
            + f64::from(f.n_moe) * decode_overhead_s_per_layer(b, true);
        1.0 / secs
    } else {
        prefill_flops_efficiency(&f.device, f.float_weights, f.n_moe > 0)
            * f.device.fp16_tflops
            * 1e12
            / f.flops
    }
}

/// Median and worst absolute relative error, in percent.
fn stats(errs: &[f64]) -> (f64, f64) {
    let mut a: Vec<f64> = errs.iter().map(|e| e.abs()).collect();
    a.sort_by(f64::total_cmp);
    if a.is_empty() {
        return (0.0, 0.0);
    }
    let n = a.len();
    let med = if n % 2 == 1 {
        a[n / 2]
    } else {
        (a[n / 2 - 1] + a[n / 2]) / 2.0
    };
    (med, a[n - 1])
}

struct Report {
    decode: Vec<f64>,
    prefill: Vec<f64>,
    table: String,
}

fn evaluate(file: &str, dump: &mut String) -> Report {
    let mut rep = Report {
        decode: Vec::new(),
        prefill: Vec::new(),
        table: String::new(),
    };
    for r in read_rows(file) {
        let Some(f) = features(&r) else {
            continue;
        };
        let p = predict(&f);
        let err = (p / f.measured - 1.0) * 100.0;
        if f.decode {
            rep.decode.push(err);
        } else {
            rep.prefill.push(err);
        }
        let _ = writeln!(
            rep.table,
            "  {:7} {:8.1} vs {:8.1} ({:+6.1}%)  {}",
            if f.decode { "decode" } else { "prefill" },
            p,
            f.measured,
            err,
            f.label
        );
        let _ = writeln!(
            dump,
            "{file}\t{}\t{}\t{}\t{:?}\t{:?}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            if f.decode { "decode" } else { "prefill" },
            f.measured,
            f.device.name,
            f.device.backend,
            f.device.kind,
            f.device.bandwidth_gb_per_s,
            f.device.fp16_tflops,
            f.bytes,
            f.n_dense,
            f.n_moe,
            f.flops,
            f.float_weights,
            f.label
        );
    }
    rep
}

fn summary(name: &str, rep: &Report) -> String {
    let (dm, dw) = stats(&rep.decode);
    let (pm, pw) = stats(&rep.prefill);
    format!(
        "{name}: decode {} rows median {dm:.1}% worst {dw:.1}%; prefill {} rows median {pm:.1}% worst {pw:.1}%\n{}",
        rep.decode.len(),
        rep.prefill.len(),
        rep.table
    )
}

#[test]
fn calibration_fit_and_held_out_errors() {
    let mut dump = String::new();
    let cal = evaluate("speed-calibration.json", &mut dump);
    let held = evaluate("speed.json", &mut dump);
    println!("{}", summary("calibration", &cal));
    println!("{}", summary("held out (speed.json)", &held));
    if let Ok(p) = std::env::var("SPEED_MODEL_DUMP") {
        std::fs::write(p, dump).expect("dump");
    }
    // Every calibration row resolves (the file is written for this harness).
    assert!(
        cal.decode.len() >= 60,
        "calibration decode rows: {}",
        cal.decode.len()
    );
    assert!(
        cal.prefill.len() >= 50,
        "calibration prefill rows: {}",
        cal.prefill.len()
    );
    let (cal_dm, _) = stats(&cal.decode);
    let (held_dm, _) = stats(&held.decode);
    assert!(cal_dm <= 10.0, "calibration decode median {cal_dm:.1}%");
    // The held-out budget of `headroom validate`.
    assert!(held_dm <= 15.0, "held-out decode median {held_dm:.1}%");
}
