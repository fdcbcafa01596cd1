//! The commands: each parses its flags, runs the engine and returns the
//! text to print.

use std::fmt::Write as _;
use std::path::PathBuf;

use headroom_core::catalog::gpus as gpu_catalog;
use headroom_core::catalog::models::{self, Model};
use headroom_core::catalog::{quality, runtimes, tiers};
use headroom_core::estimate::{estimate as run_estimate, Estimate, Fit, Warning};
use headroom_core::inputs::{Inputs, RuntimeId};
use headroom_core::share;
use headroom_core::units::{fmt_bytes, ByteUnit};

use crate::args::{input_err, CliResult};
use crate::engine::{self, Resolved};
use crate::json;
use crate::opts::{self, Accept, ModelSource, Opts};
use crate::predict;
use crate::render::{self, Heading};
use crate::validate;

/// Quantizations shown by `quants`, best first.
pub const QUANT_LADDER: &[&str] = &[
    "BF16",
    "Q8_0",
    "Q6_K",
    "Q5_K_M",
    "Q5_K_S",
    "Q4_K_M",
    "Q4_K_S",
    "IQ4_XS",
    "Q3_K_L",
    "Q3_K_M",
    "Q3_K_S",
    "IQ3_XXS",
    "Q2_K",
    "IQ2_M",
    "UD-Q4_K_XL",
    "UD-Q3_K_XL",
    "UD-Q2_K_XL",
];

/// Quantizations `fit` tries per model, best first.
pub const FIT_LADDER: &[&str] = &["Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M"];

/// Default quantization when none is given.
pub const DEFAULT_QUANT: &str = "Q4_K_M";

fn sizing() -> Accept {
    Accept {
        sizing: true,
        ..Accept::default()
    }
}

fn kv_label(i: &Inputs) -> String {
    if i.kv_type_k == i.kv_type_v {
        share::kv_key(i.kv_type_k).to_string()
    } else {
        format!(
            "{}/{}",
            share::kv_key(i.kv_type_k),
            share::kv_key(i.kv_type_v)
        )
    }
}

/// The ready-to-run command for the chosen runtime, when the model is in
/// the catalog (the catalog knows its repositories).
fn run_command(r: &Resolved, o: &Opts) -> Option<String> {
    let m = r.model.row?;
    let i = &o.inputs;
    let gguf_runtime = matches!(
        i.runtime,
        RuntimeId::LlamaCpp | RuntimeId::Ollama | RuntimeId::LmStudio | RuntimeId::Koboldcpp
    );
    let (repo, file) = if gguf_runtime {
        let g = m
            .ggufs
            .iter()
            .find(|g| g.quants.iter().any(|q| q.eq_ignore_ascii_case(&r.quant)))
            .or_else(|| m.ggufs.first())?;
        (g.repo, r.quant.as_str())
    } else {
        (m.hf_repo, "")
    };
    let tp = if matches!(i.runtime, RuntimeId::Vllm | RuntimeId::Sglang) {
        r.scenario.gpus.len().max(1) as u32
    } else {
        1
    };
    let p = runtimes::CommandParams {
        runtime: i.runtime,
        repo,
        file,
        ollama_tag: "",
        ctx: i.ctx,
        ngl: i.ngl,
        tensor_split: &[],
        kv_k: i.kv_type_k,
        kv_v: i.kv_type_v,
        flash_attn: i.flash_attn,
        parallel: i.parallel,
        kv_unified: i.kv_unified,
        n_cpu_moe: i.n_cpu_moe,
        ubatch: i.ubatch,
        tp,
        mem_fraction: i.gpu_memory_utilization,
    };
    Some(runtimes::command(&p))
}

fn text_of(r: &Resolved, o: &Opts, e: &Estimate) -> String {
    let h = Heading {
        model: &r.model.name,
        quant: &r.quant,
        ctx: o.inputs.ctx,
        parallel: o.inputs.parallel,
        kv: kv_label(&o.inputs),
        runtime: share::runtime_key(o.inputs.runtime),
    };
    let cmd = run_command(r, o);
    render::estimate_text(&h, e, o.unit, cmd.as_deref())
}

/// `headroom estimate`.
pub fn estimate(args: Vec<String>) -> CliResult<String> {
    let o = opts::parse("estimate", args, sizing())?;
    let r = engine::resolve(&o, DEFAULT_QUANT)?;
    let e = run_estimate(&r.scenario);
    if o.json {
        let v = json::estimate_json(&e);
        return Ok(format!("{v}\n"));
    }
    Ok(text_of(&r, &o, &e))
}

fn model_row(o: &Opts) -> CliResult<&'static Model> {
    match &o.model {
        Some(ModelSource::Id(id)) => engine::find_model(id),
        Some(_) => Err(input_err(
            "this command takes a catalog model: --model <id or HF repo>",
        )),
        None => Err(input_err("no model given: use --model <id or HF repo>")),
    }
}

fn with_quant(o: &Opts, quant: &str) -> Opts {
    let mut o = o.clone();
    o.inputs.quant = quant.to_string();
    o.quant_given = true;
    o
}

/// `headroom quants --model …`: file size and memory per quantization, and
/// whether it fits the chosen hardware.
pub fn quants(args: Vec<String>) -> CliResult<String> {
    let o = opts::parse("quants", args, sizing())?;
    let m = model_row(&o)?;
    let base = engine::resolve_model(o.model.as_ref())?;
    let ctxs: Vec<u64> = [4096u64, 32768, 131072]
        .into_iter()
        .filter(|c| m.ctx_extended == 0 || *c <= m.ctx_extended.max(4096))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}) · fit column: {} at ctx {} · {}",
        m.name,
        m.hf_repo,
        hardware_label(&o.inputs)?,
        render::tokens(o.inputs.ctx),
        share::runtime_key(o.inputs.runtime)
    );
    let mut head = format!("  {:<12} {:>11}", "quant", "file");
    for c in &ctxs {
        let _ = write!(head, " {:>12}", format!("mem @{}", render::tokens(*c)));
    }
    let _ = write!(head, "  {:<6} {:>10}", "fit", "decode");
    let _ = writeln!(out, "{head}");
    for q in QUANT_LADDER {
        let qo = with_quant(&o, q);
        let fit_r = match engine::resolve_with(clone_model(&base), &qo, q) {
            Ok(r) => r,
            Err(_) => continue,
        };
        let fit_e = run_estimate(&fit_r.scenario);
        let mut line = format!("  {:<12} {:>11}", q, fmt_bytes(fit_e.file_bytes, o.unit));
        for c in &ctxs {
            let mut co = qo.clone();
            co.inputs.ctx = *c;
            co.inputs.hardware.gpus.clear();
            co.inputs.hardware.vram_gib = Some(4096.0);
            let total = engine::resolve_with(clone_model(&base), &co, q)
                .map(|r| run_estimate(&r.scenario).total_bytes)
                .unwrap_or(0);
            let _ = write!(line, " {:>12}", fmt_bytes(total, o.unit));
        }
        let mark = match fit_e.fit {
            Fit::No => "no",
            _ if !fit_r.scenario.gpus.is_empty() && !on_gpus(&fit_e) => "RAM",
            Fit::Fits => "yes",
            Fit::Tight => "tight",
        };
        let _ = write!(
            line,
            "  {:<6} {:>10}",
            mark,
            render::speed(fit_e.decode_tokens_per_s)
        );
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "\nmemory columns: everything on one device (weights + KV + buffers), {}",
        unit_name(o.unit)
    );
    // Fit per hardware tier at the chosen context.
    let _ = writeln!(
        out,
        "\nfits per hardware tier at ctx {} (+ fits on the GPUs, ~ tight, o only with layers or experts in system RAM, . does not fit):",
        render::tokens(o.inputs.ctx)
    );
    let mut head = format!("  {:<12}", "quant");
    for t in tiers::tiers() {
        let _ = write!(head, " {:>5}", tier_short(t.id));
    }
    let _ = writeln!(out, "{head}");
    for q in QUANT_LADDER {
        let mut line = format!("  {:<12}", q);
        let mut any = false;
        for t in tiers::tiers() {
            let mut to = with_quant(&o, q);
            to.inputs.hardware.gpus = vec![(t.gpu.to_string(), t.count)];
            to.inputs.hardware.vram_gib = None;
            let mark = match engine::resolve_with(clone_model(&base), &to, q) {
                Ok(r) => {
                    any = true;
                    let e = run_estimate(&r.scenario);
                    match e.fit {
                        Fit::No => ".",
                        _ if !on_gpus(&e) => "o",
                        Fit::Fits => "+",
                        Fit::Tight => "~",
                    }
                }
                Err(_) => "?",
            };
            let _ = write!(line, " {:>5}", mark);
        }
        if any {
            let _ = writeln!(out, "{line}");
        }
    }
    let labels: Vec<String> = tiers::tiers()
        .iter()
        .map(|t| format!("{} = {}", tier_short(t.id), t.label))
        .collect();
    let _ = writeln!(out, "tiers: {}", labels.join("; "));
    Ok(out)
}

/// The hardware as the user chose it: `2x GeForce RTX 3090`, `custom GPU 24 GiB`, `CPU only`.
fn hardware_label(i: &Inputs) -> CliResult<String> {
    engine::check_gpus(i)?;
    let mut parts = Vec::new();
    for (id, n) in &i.hardware.gpus {
        let name = gpu_catalog::gpu(id).map_or(id.as_str(), |g| g.name);
        parts.push(if *n > 1 {
            format!("{n}x {name}")
        } else {
            name.to_string()
        });
    }
    if parts.is_empty() {
        parts.push(match i.hardware.vram_gib {
            Some(v) => format!("custom GPU {v} GiB"),
            None => "CPU only".to_string(),
        });
    }
    Ok(parts.join(" + "))
}

/// The whole model runs on the GPUs: no layers or experts left in system RAM.
fn on_gpus(e: &Estimate) -> bool {
    !e.warnings.iter().any(|w| {
        matches!(
            w,
            Warning::PartialOffloadSlow { .. } | Warning::ExpertsInRam { .. } | Warning::CpuOnly
        )
    })
}

/// A tier id shortened for a column header: `128gb-unified` → `128u`.
fn tier_short(id: &str) -> String {
    id.replace("gb-unified", "u").replace("gb", "")
}

fn unit_name(u: ByteUnit) -> &'static str {
    match u {
        ByteUnit::Gb => "GB = 10^9 bytes",
        ByteUnit::Gib => "GiB = 2^30 bytes",
    }
}

fn clone_model(m: &engine::ResolvedModel) -> engine::ResolvedModel {
    engine::ResolvedModel {
        name: m.name.clone(),
        arch: m.arch.clone(),
        row: m.row,
        gguf_quant: m.gguf_quant.clone(),
        plan: m.plan.clone(),
    }
}

/// `headroom fit`: catalog models × quantizations that fit the hardware,
/// best first (more parameters, then more bits per weight, then faster).
pub fn fit(args: Vec<String>) -> CliResult<String> {
    let o = opts::parse(
        "fit",
        args,
        Accept {
            sizing: true,
            listing: true,
            ..Accept::default()
        },
    )?;
    if o.model.is_some() {
        return Err(input_err(
            "fit ranks the whole catalog; use `headroom estimate` for one model",
        ));
    }
    let hw_name = hardware_label(&o.inputs)?;
    struct Hit {
        id: &'static str,
        quant: &'static str,
        params: u64,
        rank: usize,
        e: Estimate,
    }
    let mut hits = Vec::new();
    for m in models::models() {
        let Ok(arch) = headroom_core::arch::Arch::from_hf(&m.config) else {
            continue;
        };
        let base = engine::ResolvedModel {
            name: m.name.to_string(),
            arch,
            row: Some(m),
            gguf_quant: None,
            plan: None,
        };
        for (rank, q) in FIT_LADDER.iter().enumerate() {
            let qo = with_quant(&o, q);
            let Ok(r) = engine::resolve_with(clone_model(&base), &qo, q) else {
                continue;
            };
            let e = run_estimate(&r.scenario);
            let placed = r.scenario.gpus.is_empty() || on_gpus(&e);
            if e.fit != Fit::No && placed {
                hits.push(Hit {
                    id: m.id,
                    quant: q,
                    params: m.params.max(r.scenario.weights.params),
                    rank,
                    e,
                });
                break;
            }
        }
    }
    hits.sort_by(|a, b| {
        b.params
            .cmp(&a.params)
            .then(a.rank.cmp(&b.rank))
            .then(b.e.decode_tokens_per_s.total_cmp(&a.e.decode_tokens_per_s))
    });
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} models fit {hw_name} at ctx {} ({}), best quantization each; ranked by parameters, then bits, then speed\n(KLD: mean KL divergence of the quant type vs FP16 on LLaMA 3 8B, llama.cpp perplexity scoreboard)",
        hits.len(),
        render::tokens(o.inputs.ctx),
        share::runtime_key(o.inputs.runtime)
    );
    let _ = writeln!(
        out,
        "  {:<28} {:<8} {:>9} {:>8} {:>11} {:>6} {:>10} {:>10}",
        "model", "quant", "params", "KLD", "total", "fit", "decode", "prefill"
    );
    for h in &hits {
        let _ = writeln!(
            out,
            "  {:<28} {:<8} {:>8.1}B {:>8} {:>11} {:>6} {:>10} {:>10}",
            render::truncate(h.id, 28),
            h.quant,
            h.params as f64 / 1e9,
            quality::quality(h.quant)
                .and_then(|q| q.kld)
                .map_or_else(|| "-".to_string(), |k| format!("{k:.4}")),
            fmt_bytes(h.e.total_bytes, o.unit),
            h.e.fit.as_str(),
            render::speed(h.e.decode_tokens_per_s),
            render::speed(h.e.prefill_tokens_per_s)
        );
    }
    Ok(out)
}

/// `headroom models [words] [--count]`.
pub fn models(args: Vec<String>) -> CliResult<String> {
    let o = opts::parse(
        "models",
        args,
        Accept {
            listing: true,
            ..Accept::default()
        },
    )?;
    let list = models::search_models(&o.words.join(" "));
    if o.count {
        return Ok(format!("{}\n", list.len()));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<30} {:<34} {:>9} {:>9} {:>6}  hugging face",
        "id", "name", "params", "active", "ctx"
    );
    for m in list {
        let _ = writeln!(
            out,
            "{:<30} {:<34} {:>8.1}B {:>8.1}B {:>6}  {}",
            m.id,
            render::truncate(m.name, 34),
            m.params as f64 / 1e9,
            m.params_active as f64 / 1e9,
            render::tokens(m.ctx_native),
            m.hf_repo
        );
    }
    Ok(out)
}

/// `headroom gpus [words] [--count]`.
pub fn gpus(args: Vec<String>) -> CliResult<String> {
    let o = opts::parse(
        "gpus",
        args,
        Accept {
            listing: true,
            ..Accept::default()
        },
    )?;
    let words: Vec<String> = o.words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let list: Vec<_> = gpu_catalog::gpus()
        .filter(|g| {
            words.iter().all(|w| {
                g.id.contains(w.as_str()) || g.name.to_ascii_lowercase().contains(w.as_str())
            })
        })
        .collect();
    if o.count {
        return Ok(format!("{}\n", list.len()));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<22} {:<34} {:>10} {:>10} {:>9}  kind",
        "id", "name", "memory", "GB/s", "TFLOPS"
    );
    for g in list {
        let _ = writeln!(
            out,
            "{:<22} {:<34} {:>10} {:>10.0} {:>9.1}  {:?}",
            g.id,
            render::truncate(g.name, 34),
            fmt_bytes(g.memory_bytes, ByteUnit::Gib),
            g.bandwidth_gb_per_s,
            g.fp16_tflops,
            g.kind
        );
    }
    Ok(out)
}

/// `headroom validate [--dir D] [--verbose] [--markdown]`.
pub fn validate(args: Vec<String>) -> CliResult<String> {
    let o = opts::parse(
        "validate",
        args,
        Accept {
            validate: true,
            ..Accept::default()
        },
    )?;
    let dir = o.dir.clone().unwrap_or_else(|| PathBuf::from("validation"));
    let report = validate::evaluate(&dir, &predict::predict)?;
    let ok = report.all_ok();
    let text = if o.markdown {
        validate::render_markdown(&report)
    } else {
        validate::render_text(&report, o.verbose)
    };
    if ok {
        Ok(text)
    } else {
        print!("{text}");
        Err(validate::exceeded())
    }
}
