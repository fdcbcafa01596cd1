//! Drift check between the documentation pages (`docs/*.md`) and the core.
//!
//! Every figure in the docs that the core also computes carries a check
//! comment right after it. This test finds each one, recomputes the figure
//! with the core's public API and compares it with the number printed just
//! before the comment. It also checks that every page starts with a `# `
//! title line and that every relative link between pages resolves.
//!
//! # Check comment syntax
//!
//! ```text
//! <figure><!-- check: METRIC key=value key=value ... -->
//! figure := NUMBER [" "] [UNIT]       (optionally wrapped in ** for bold)
//! NUMBER := digits with optional "," thousands separators and "." decimals
//! UNIT   := bytes | B | KB | MB | GB | TB | KiB | MiB | GiB | billion
//!           | tokens | t/s
//! ```
//!
//! Example: `1,073,741,824 bytes<!-- check: kv_bytes model=llama-3.1-8b ctx=8192 kv=f16 -->`.
//!
//! Units scale the number: KB/MB/GB/TB are 10^3/10^6/10^9/10^12 bytes,
//! KiB/MiB/GiB are 2^10/2^20/2^30 bytes, `billion` is 10^9 (parameters);
//! `bytes`, `B`, `tokens`, `t/s` and no unit leave it as written.
//!
//! **Rounding rule.** An integer written in `bytes`, `B`, `tokens` or with
//! no unit must equal the core's figure exactly. A figure with a decimal
//! point or a scaled unit (KB…TB, KiB…GiB, billion, t/s) is a rounded value:
//! it must lie within ±0.5 % of the core's figure.
//!
//! # Metrics
//!
//! Scenario metrics resolve a scenario from catalog ids through
//! [`headroom_core::resolve_inputs::resolve`] and run
//! [`headroom_core::estimate::estimate`]:
//!
//! | metric | value |
//! | --- | --- |
//! | `kv_bytes` | `Estimate::kv_bytes` (attention KV cache) |
//! | `state_bytes` | `Estimate::recurrent_state_bytes` |
//! | `file_bytes` | `Estimate::file_bytes` (predicted GGUF file size) |
//! | `token_embd_bytes` | `WeightPlan::token_embd_bytes` |
//! | `expert_bytes` | Σ `LayerWeights::expert_bytes` (routed experts) |
//! | `params`, `active_params` | `Estimate::params`, `Estimate::active_params` |
//! | `output_bytes` | `Estimate::output_bytes` (host logits buffer) |
//! | `n_ctx` | `Estimate::n_ctx` (cells after padding) |
//! | `decode_tps` | `Estimate::decode_tokens_per_s` |
//! | `ngl` | `Estimate::ngl` (layers offloaded, output layer included) |
//! | `ts` | `Estimate::tensor_split[i]` (key `i` [0]: layers `--fit` gives GPU `i`) |
//!
//! Scenario keys (defaults in brackets): `model` (catalog id, required),
//! `quant` [Q4_K_M], `ctx` [8192], `kv` (both K and V) / `kvk` / `kvv`
//! [f16], `np` [1], `unified` [1], `fa` on/off/auto [auto], `ub` [512],
//! `runtime` [llama.cpp], `gpu` (catalog id or `none`) [rtx-4090], `ngpu`
//! [1], `ram` (GiB), `limit` (unified GPU limit, GiB), `ngl`, `ncpumoe`,
//! `depth` (decode depth in tokens) [ctx / 2], `swa_full` [0].
//!
//! Direct metrics call one core function:
//!
//! | metric | keys | value |
//! | --- | --- | --- |
//! | `bpw` | `type` | `GgmlType::bits_per_weight` |
//! | `block_bytes` | `type` | `GgmlType::block_bytes` |
//! | `ollama_ctx` | `vram` (GiB) | `runtime::ollama_default_ctx` |
//! | `sglang_reserved` | `gpu` (GiB), `tp` [1] | `runtime::sglang_reserved_bytes` |
//! | `unified_limit` | `ram` (GiB) | `catalog::gpus::default_unified_gpu_limit` |

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use headroom_core::catalog::gpus::default_unified_gpu_limit;
use headroom_core::estimate::estimate;
use headroom_core::ggml::GgmlType;
use headroom_core::inputs::{FlashAttn, HardwareInputs, Inputs, KvType, ModelRef, RuntimeId};
use headroom_core::resolve_inputs::resolve;
use headroom_core::runtime;
use headroom_core::units::GIB;

const DOCS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs");
const CHECK_OPEN: &str = "<!-- check:";
const CHECK_CLOSE: &str = "-->";
/// Relative tolerance for rounded figures.
const TOLERANCE: f64 = 0.005;
/// The docs must carry at least this many checked figures.
const MIN_CHECKS: usize = 12;

/// Units a figure may carry, longest first so that `GiB` wins over `B`.
const UNITS: &[(&str, f64)] = &[
    ("billion", 1e9),
    ("tokens", 1.0),
    ("bytes", 1.0),
    ("t/s", 1.0),
    ("KiB", 1024.0),
    ("MiB", 1_048_576.0),
    ("GiB", 1_073_741_824.0),
    ("KB", 1e3),
    ("MB", 1e6),
    ("GB", 1e9),
    ("TB", 1e12),
    ("B", 1.0),
];

/// A number printed in the docs, with its unit.
#[derive(Debug)]
struct Figure {
    text: String,
    value: f64,
    exact: bool,
}

/// One check comment with the figure before it.
#[derive(Debug)]
struct Check {
    page: String,
    line: usize,
    metric: String,
    keys: BTreeMap<String, String>,
    figure: Figure,
}

fn pages() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match fs::read_dir(DOCS_DIR) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect(),
        Err(e) => panic!("cannot read {DOCS_DIR}: {e}"),
    };
    v.sort();
    v
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn page_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The figure at the end of `before` (the text preceding a check comment).
fn figure_before(before: &str) -> Option<Figure> {
    let t = before.trim_end().trim_end_matches('*').trim_end();
    let (rest, unit) = UNITS
        .iter()
        .find_map(|&(u, scale)| t.strip_suffix(u).map(|r| (r, Some((u, scale)))))
        .unwrap_or((t, None));
    let rest = rest.trim_end().trim_end_matches('*');
    let start = rest
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == ',' || c == '.')
        .last()
        .map(|(i, _)| i)?;
    let num = rest[start..].trim_start_matches([',', '.']);
    if !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = num.chars().filter(|&c| c != ',').collect();
    let value: f64 = digits.parse().ok()?;
    let (unit_text, scale) = unit.unwrap_or(("", 1.0));
    let exact = !digits.contains('.') && matches!(unit_text, "" | "bytes" | "B" | "tokens");
    Some(Figure {
        text: format!("{num} {unit_text}").trim_end().to_string(),
        value: value * scale,
        exact,
    })
}

fn checks_in(page: &str, text: &str) -> Vec<Check> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(off) = text[from..].find(CHECK_OPEN) {
        let at = from + off;
        let body_start = at + CHECK_OPEN.len();
        let Some(len) = text[body_start..].find(CHECK_CLOSE) else {
            panic!("{page}: unclosed check comment");
        };
        let body = &text[body_start..body_start + len];
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let Some(figure) = figure_before(&text[line_start..at]) else {
            panic!("{page}:{line}: no number right before the check comment");
        };
        let mut words = body.split_whitespace();
        let Some(metric) = words.next() else {
            panic!("{page}:{line}: empty check comment");
        };
        let keys = words
            .map(|w| match w.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => panic!("{page}:{line}: `{w}` is not key=value"),
            })
            .collect();
        out.push(Check {
            page: page.to_string(),
            line,
            metric: metric.to_string(),
            keys,
            figure,
        });
        from = body_start + len + CHECK_CLOSE.len();
    }
    out
}

fn kv_type(s: &str) -> KvType {
    match s.to_ascii_lowercase().as_str() {
        "f32" => KvType::F32,
        "f16" => KvType::F16,
        "bf16" => KvType::Bf16,
        "q8_0" => KvType::Q8_0,
        "q5_1" => KvType::Q5_1,
        "q5_0" => KvType::Q5_0,
        "q4_1" => KvType::Q4_1,
        "q4_0" => KvType::Q4_0,
        "iq4_nl" => KvType::Iq4Nl,
        other => panic!("unknown KV type `{other}`"),
    }
}

fn runtime_id(s: &str) -> RuntimeId {
    match s.to_ascii_lowercase().as_str() {
        "llama.cpp" | "llamacpp" => RuntimeId::LlamaCpp,
        "ollama" => RuntimeId::Ollama,
        "lmstudio" => RuntimeId::LmStudio,
        "koboldcpp" => RuntimeId::Koboldcpp,
        "vllm" => RuntimeId::Vllm,
        "sglang" => RuntimeId::Sglang,
        "mlx" => RuntimeId::Mlx,
        other => panic!("unknown runtime `{other}`"),
    }
}

fn num<T: std::str::FromStr>(c: &Check, key: &str) -> Option<T> {
    c.keys.get(key).map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{}:{}: bad value for `{key}`", c.page, c.line))
    })
}

fn gib(c: &Check, key: &str) -> u64 {
    let g: f64 = num(c, key).unwrap_or_else(|| panic!("{}:{}: `{key}` missing", c.page, c.line));
    (g * GIB as f64) as u64
}

fn ggml_type(c: &Check) -> GgmlType {
    let name = c
        .keys
        .get("type")
        .unwrap_or_else(|| panic!("{}:{}: `type` missing", c.page, c.line));
    GgmlType::from_name(name).unwrap_or_else(|| panic!("unknown ggml type `{name}`"))
}

/// The core's value for a scenario metric.
fn scenario_value(c: &Check) -> f64 {
    let k = |key: &str| c.keys.get(key).map(String::as_str);
    let Some(model) = k("model") else {
        panic!("{}:{}: `model` missing", c.page, c.line);
    };
    let mut inputs = Inputs {
        model: ModelRef::Catalog(model.to_string()),
        quant: k("quant").unwrap_or("Q4_K_M").to_string(),
        ctx: num(c, "ctx").unwrap_or(8192),
        parallel: num(c, "np").unwrap_or(1),
        kv_unified: num::<u8>(c, "unified").unwrap_or(1) == 1,
        ubatch: num(c, "ub").unwrap_or(512),
        runtime: k("runtime").map_or(RuntimeId::LlamaCpp, runtime_id),
        ngl: num(c, "ngl"),
        n_cpu_moe: num(c, "ncpumoe"),
        ..Inputs::default()
    };
    if let Some(t) = k("kv") {
        inputs.kv_type_k = kv_type(t);
        inputs.kv_type_v = kv_type(t);
    }
    if let Some(t) = k("kvk") {
        inputs.kv_type_k = kv_type(t);
    }
    if let Some(t) = k("kvv") {
        inputs.kv_type_v = kv_type(t);
    }
    inputs.flash_attn = match k("fa") {
        None | Some("auto") => FlashAttn::Auto,
        Some("on") => FlashAttn::On,
        Some("off") => FlashAttn::Off,
        Some(o) => panic!("{}:{}: bad fa `{o}`", c.page, c.line),
    };
    let gpu = k("gpu").unwrap_or("rtx-4090");
    inputs.hardware = HardwareInputs {
        gpus: if gpu == "none" {
            Vec::new()
        } else {
            vec![(gpu.to_string(), num(c, "ngpu").unwrap_or(1))]
        },
        vram_gib: None,
        ram_gib: num(c, "ram"),
        gpu_limit_gib: num(c, "limit"),
    };
    let mut s =
        resolve(&inputs).unwrap_or_else(|e| panic!("{}:{}: cannot resolve: {e}", c.page, c.line));
    s.decode_depth = num(c, "depth");
    s.swa_full = num::<u8>(c, "swa_full").unwrap_or(0) == 1;
    let e = estimate(&s);
    match c.metric.as_str() {
        "kv_bytes" => e.kv_bytes as f64,
        "state_bytes" => e.recurrent_state_bytes as f64,
        "file_bytes" => e.file_bytes as f64,
        "token_embd_bytes" => s.weights.token_embd_bytes as f64,
        "expert_bytes" => s.weights.layers.iter().map(|l| l.expert_bytes).sum::<u64>() as f64,
        "params" => e.params as f64,
        "active_params" => e.active_params as f64,
        "output_bytes" => e.output_bytes as f64,
        "n_ctx" => e.n_ctx as f64,
        "decode_tps" => e.decode_tokens_per_s,
        "ngl" => f64::from(e.ngl),
        // Layers `--fit` gives GPU `i` (its `--tensor-split`).
        "ts" => {
            let i: usize = num(c, "i").unwrap_or(0);
            match e.tensor_split.get(i) {
                Some(&k) => f64::from(k),
                None => panic!("{}:{}: no tensor split for GPU {i}", c.page, c.line),
            }
        }
        other => panic!("{}:{}: unknown metric `{other}`", c.page, c.line),
    }
}

/// The core's value for a check.
fn core_value(c: &Check) -> f64 {
    match c.metric.as_str() {
        "bpw" => ggml_type(c).bits_per_weight(),
        "block_bytes" => ggml_type(c).block_bytes() as f64,
        "ollama_ctx" => runtime::ollama_default_ctx(gib(c, "vram")) as f64,
        "sglang_reserved" => {
            runtime::sglang_reserved_bytes(gib(c, "gpu"), num(c, "tp").unwrap_or(1)) as f64
        }
        "unified_limit" => default_unified_gpu_limit(gib(c, "ram")) as f64,
        _ => scenario_value(c),
    }
}

fn agrees(f: &Figure, core: f64) -> bool {
    if f.exact {
        f.value == core.round()
    } else {
        core != 0.0 && ((f.value - core) / core).abs() <= TOLERANCE
    }
}

#[test]
fn every_page_has_a_title_and_summary() {
    let pages = pages();
    assert!(!pages.is_empty(), "no pages in {DOCS_DIR}");
    for p in &pages {
        let text = read(p);
        let mut lines = text.lines();
        let first = lines.next().unwrap_or_default();
        assert!(
            first.starts_with("# "),
            "{}: first line must be `# Title`",
            page_name(p)
        );
        let summary = lines.find(|l| !l.trim().is_empty()).unwrap_or_default();
        assert!(
            !summary.starts_with('#') && !summary.starts_with('|'),
            "{}: a one-paragraph summary must follow the title",
            page_name(p)
        );
    }
}

#[test]
fn relative_links_resolve() {
    let dir = Path::new(DOCS_DIR);
    let mut bad = Vec::new();
    for p in pages() {
        let text = read(&p);
        let mut rest = text.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            rest = &rest[end..];
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap_or_default();
            if !file.ends_with(".md") || file.contains('/') || !dir.join(file).is_file() {
                bad.push(format!("{} → {target}", page_name(&p)));
            }
        }
    }
    assert!(bad.is_empty(), "broken relative links:\n{}", bad.join("\n"));
}

#[test]
fn checked_figures_match_the_core() {
    let mut all = Vec::new();
    for p in pages() {
        all.extend(checks_in(&page_name(&p), &read(&p)));
    }
    let mut failures = Vec::new();
    for c in &all {
        let core = core_value(c);
        // Shown with `--nocapture`, for updating the docs.
        eprintln!(
            "{}:{}: {} = {core} (docs: {})",
            c.page, c.line, c.metric, c.figure.text
        );
        if !agrees(&c.figure, core) {
            failures.push(format!(
                "{}:{}: docs say {} ({}), core computes {core} for `{}` {:?}",
                c.page, c.line, c.figure.text, c.figure.value, c.metric, c.keys
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} checked figures disagree:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
    assert!(
        all.len() >= MIN_CHECKS,
        "only {} checked figures in the docs (want ≥ {MIN_CHECKS})",
        all.len()
    );
}

#[test]
fn figure_parser() {
    let f = figure_before("cache is 1,073,741,824 bytes");
    assert!(matches!(f, Some(Figure { value, exact: true, .. }) if value == 1_073_741_824.0));
    let f = figure_before("about **4.92 GB**");
    assert!(matches!(f, Some(Figure { value, exact: false, .. }) if (value - 4.92e9).abs() < 1.0));
    let f = figure_before("| 8.5");
    assert!(matches!(f, Some(Figure { value, exact: false, .. }) if value == 8.5));
    let f = figure_before("limit 10.67 GiB");
    assert!(
        matches!(f, Some(Figure { value, .. }) if (value - 10.67 * 1_073_741_824.0).abs() < 1.0)
    );
    assert!(figure_before("no number here").is_none());
}
