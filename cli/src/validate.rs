//! `headroom validate`: the accuracy report.
//!
//! Reads `validation/file-sizes.json`, `validation/memory.json` and
//! `validation/speed.json`, predicts every published figure with the
//! engine and prints, per check, the number of rows, the median and the
//! worst absolute percentage error. Budgets (enforced only for checks with
//! at least [`MIN_ROWS_ENFORCED`] rows; exit code 1 when exceeded):
//!
//! * file size, standard llama-quantize types: median ≤ 1 %, worst ≤ 3 %;
//! * KV cache bytes: worst ≤ 0.5 %;
//! * total llama.cpp GPU memory: median ≤ 5 %, both for whole-GPU totals
//!   and for llama.cpp's own buffers on one GPU (`gpu_self_bytes`);
//! * decode tokens/s: median ≤ 15 %.
//!
//! Rows that cannot be predicted (model or device not in the catalog, a
//! configuration the engine does not model) are listed as skipped with the
//! reason, never dropped silently.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::args::{input_err, CliError, CliResult};

/// Checks with fewer rows than this are reported, not enforced.
pub const MIN_ROWS_ENFORCED: usize = 3;
/// Largest validation file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// One accuracy check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    /// GGUF file size, standard llama-quantize types.
    FileStd,
    /// GGUF file size, Unsloth dynamic (UD) mixes.
    FileUd,
    /// GGUF file size of Unsloth's 2026 uploads with standard names: Unsloth
    /// applies its dynamic per-tensor recipe to those too, so llama-quantize's
    /// rules do not describe them (reported, not budgeted).
    FileUnsloth,
    /// Weight bytes as llama.cpp prints them (`file size` in print_info).
    Weights,
    /// KV cache bytes.
    Kv,
    /// Recurrent state bytes.
    Recurrent,
    /// Host output buffer bytes.
    Output,
    /// Compute buffer bytes of one device.
    Compute,
    /// Total llama.cpp GPU memory.
    TotalGpu,
    /// llama.cpp's own buffers on one GPU: model + context (KV and recurrent
    /// state) + compute, the "self" column of `llama_memory_breakdown_print`
    /// (driver overhead excluded).
    GpuSelf,
    /// Decode tokens/s.
    Decode,
    /// Prefill tokens/s.
    Prefill,
}

impl Check {
    /// All checks, in report order.
    pub const ALL: [Check; 12] = [
        Check::FileStd,
        Check::FileUnsloth,
        Check::FileUd,
        Check::Weights,
        Check::Kv,
        Check::Recurrent,
        Check::Output,
        Check::Compute,
        Check::TotalGpu,
        Check::GpuSelf,
        Check::Decode,
        Check::Prefill,
    ];

    /// Report label.
    pub fn label(self) -> &'static str {
        match self {
            Check::FileStd => "file size, standard quants",
            Check::FileUnsloth => "file size, Unsloth 2026 std",
            Check::FileUd => "file size, UD quants",
            Check::Weights => "weights (llama.cpp file size)",
            Check::Kv => "KV cache bytes",
            Check::Recurrent => "recurrent state bytes",
            Check::Output => "output buffer bytes",
            Check::Compute => "compute buffer bytes",
            Check::TotalGpu => "total GPU memory",
            Check::GpuSelf => "llama.cpp GPU self",
            Check::Decode => "decode t/s",
            Check::Prefill => "prefill t/s",
        }
    }

    /// `(median budget %, worst budget %)`, `None` = not budgeted.
    pub fn budget(self) -> (Option<f64>, Option<f64>) {
        match self {
            Check::FileStd => (Some(1.0), Some(3.0)),
            Check::Kv => (None, Some(0.5)),
            Check::TotalGpu | Check::GpuSelf => (Some(5.0), None),
            Check::Decode => (Some(15.0), None),
            _ => (None, None),
        }
    }

    fn from_figure(figure: &str) -> Option<Check> {
        Some(match figure {
            "kv_bytes" => Check::Kv,
            "recurrent_state_bytes" => Check::Recurrent,
            "output_bytes" => Check::Output,
            "compute_bytes" => Check::Compute,
            "total_vram_bytes" | "total_gpu_bytes" => Check::TotalGpu,
            "gpu_self_bytes" => Check::GpuSelf,
            "weights_bytes" | "model_bytes" => Check::Weights,
            "decode_tps" => Check::Decode,
            "prefill_tps" => Check::Prefill,
            "file_bytes" => Check::FileStd,
            _ => return None,
        })
    }
}

/// One published figure and the configuration it was measured under.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Which check it belongs to.
    pub check: Check,
    /// Hugging Face repo id of the model (or its architecture twin).
    pub model_hf: String,
    /// Quantization name as published.
    pub quant: String,
    /// Context (`-c`), if known.
    pub ctx: Option<u64>,
    /// Parallel sequences.
    pub parallel: u32,
    /// Unified KV.
    pub kv_unified: bool,
    /// KV type name.
    pub kv_type: String,
    /// Flash attention, if known.
    pub flash_attn: Option<bool>,
    /// Physical batch, if known.
    pub ubatch: Option<u32>,
    /// Speculative rollback snapshots (0 normally).
    pub n_rs_seq: u32,
    /// Catalog device id, if any.
    pub device: Option<String>,
    /// llama-bench test name (`tg128`, `pp512`) or `decode`.
    pub test: Option<String>,
    /// The file was quantized before llama-quantize's March 2026 rule
    /// change (`"llama_cpp_era": "old"`), so the older rules apply.
    pub rules_pre_2026_03: bool,
    /// The file was quantized with an importance matrix (`"imatrix": true`).
    pub imatrix: bool,
    /// The published figure in base units (bytes or tokens/s).
    pub expected: f64,
    /// Where it was published.
    pub source: String,
}

/// Prediction outcome of one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Predicted value in base units.
    Predicted(f64),
    /// Not predicted, with the reason.
    Skipped(String),
}

/// Reads and parses one validation file. A missing file is `Ok(None)`.
pub fn read_json(path: &Path) -> CliResult<Option<Value>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(input_err(format!("cannot read {}: {e}", path.display()))),
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(input_err(format!(
            "{} is larger than {} MiB; not a validation file",
            path.display(),
            MAX_FILE_BYTES >> 20
        )));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| input_err(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| input_err(format!("{} is not valid JSON: {e}", path.display())))
}

/// A unit factor to base units (bytes or tokens/s).
fn unit_factor(unit: &str) -> Option<f64> {
    Some(match unit {
        "B" | "bytes" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1048576.0,
        "GiB" => 1073741824.0,
        "KB" | "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "t/s" | "tok/s" => 1.0,
        _ => return None,
    })
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn u(v: &Value, k: &str) -> Option<u64> {
    v.get(k).and_then(Value::as_u64)
}

/// A row's expected value in base units, from `value`+`unit`, `bytes`,
/// `size_bytes`, `file_bytes` or `gguf_file_gb`.
fn expected_value(r: &Value) -> Option<f64> {
    for k in ["bytes", "size_bytes", "file_bytes"] {
        if let Some(b) = r.get(k).and_then(Value::as_f64) {
            return Some(b);
        }
    }
    if let (Some(v), Some(unit)) = (r.get("value").and_then(Value::as_f64), s(r, "unit")) {
        return unit_factor(&unit).map(|f| v * f);
    }
    if let Some(gb) = r.get("gguf_file_gb").and_then(Value::as_f64) {
        return Some(gb * 1e9);
    }
    None
}

/// Whether a quant name is an Unsloth dynamic mix.
pub fn is_ud(quant: &str) -> bool {
    let q = quant.to_ascii_uppercase();
    q.starts_with("UD-") || q.starts_with("UD ") || q.contains("_XL")
}

/// Rows of one validation file; `file_sizes` marks file-sizes.json, whose
/// rows are all file-size checks.
pub fn rows_of(doc: &Value, file_sizes: bool) -> (Vec<Row>, Vec<String>) {
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    let Some(list) = doc.get("rows").and_then(Value::as_array) else {
        bad.push("no \"rows\" array".to_string());
        return (rows, bad);
    };
    for (i, r) in list.iter().enumerate() {
        let model = s(r, "model_hf")
            .or_else(|| s(r, "hf_id"))
            .or_else(|| s(r, "repo"))
            .or_else(|| s(r, "model"));
        let quant = s(r, "quant").unwrap_or_default();
        let source = s(r, "source").or_else(|| s(r, "url")).unwrap_or_default();
        let check = if file_sizes {
            Some(if is_ud(&quant) {
                Check::FileUd
            } else if s(r, "publisher").as_deref() == Some("unsloth") {
                Check::FileUnsloth
            } else {
                Check::FileStd
            })
        } else {
            s(r, "figure").and_then(|f| Check::from_figure(&f))
        };
        let (Some(model), Some(check), Some(expected)) = (model, check, expected_value(r)) else {
            bad.push(format!("row {i}: missing model, figure or value"));
            continue;
        };
        if !(expected.is_finite() && expected > 0.0) {
            bad.push(format!("row {i}: value must be positive"));
            continue;
        }
        rows.push(Row {
            check,
            model_hf: model,
            quant,
            ctx: u(r, "ctx"),
            parallel: u(r, "parallel").map_or(1, |p| p.clamp(1, 4096) as u32),
            kv_unified: r.get("kv_unified").and_then(Value::as_bool).unwrap_or(true),
            kv_type: s(r, "kv_type").unwrap_or_else(|| "f16".to_string()),
            flash_attn: r.get("flash_attn").and_then(Value::as_bool),
            ubatch: u(r, "ubatch").map(|x| x.clamp(1, 65536) as u32),
            n_rs_seq: u(r, "n_rs_seq").map_or(0, |x| x.min(64) as u32),
            device: s(r, "device"),
            test: s(r, "test"),
            rules_pre_2026_03: s(r, "llama_cpp_era").as_deref() == Some("old"),
            imatrix: r.get("imatrix").and_then(Value::as_bool).unwrap_or(false),
            expected,
            source,
        });
    }
    (rows, bad)
}

/// Median of sorted-able values (empty = 0).
pub fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// Absolute percentage error of `predicted` against `expected`.
pub fn pct_err(predicted: f64, expected: f64) -> f64 {
    ((predicted - expected) / expected).abs() * 100.0
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// Which check.
    pub check: Check,
    /// Errors (%) of the predicted rows.
    pub errors: Vec<f64>,
    /// Skipped rows.
    pub skipped: usize,
    /// Budget verdict: `None` = not enforced.
    pub passed: Option<bool>,
}

/// Validation files, relative to `dir`.
pub fn files(dir: &Path) -> [(PathBuf, bool); 3] {
    [
        (dir.join("file-sizes.json"), true),
        (dir.join("memory.json"), false),
        (dir.join("speed.json"), false),
    ]
}

fn fmt_value(check: Check, x: f64) -> String {
    match check {
        Check::Decode | Check::Prefill => format!("{x:.1} t/s"),
        _ if x >= 1e9 => format!("{:.3} GB", x / 1e9),
        _ => format!("{:.2} MiB", x / 1048576.0),
    }
}

/// One row's outcome, for the per-row listings.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult {
    /// Which check.
    pub check: Check,
    /// Model repo id.
    pub model_hf: String,
    /// Quantization name.
    pub quant: String,
    /// The published figure.
    pub expected: f64,
    /// The prediction, or why the row was skipped.
    pub outcome: Outcome,
    /// Where the figure was published.
    pub source: String,
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Per check, in [`Check::ALL`] order.
    pub checks: Vec<CheckReport>,
    /// Per row, in check order.
    pub rows: Vec<RowResult>,
    /// Notes about the files (missing file, malformed rows).
    pub notes: Vec<String>,
}

impl Report {
    /// Whether every enforced budget held.
    pub fn all_ok(&self) -> bool {
        self.checks.iter().all(|c| c.passed != Some(false))
    }
}

/// Reads the validation files of `dir` and predicts every row with `predict`.
pub fn evaluate(dir: &Path, predict: &dyn Fn(&Row) -> Outcome) -> CliResult<Report> {
    let mut all_rows = Vec::new();
    let mut notes = Vec::new();
    let mut n_files = 0;
    for (path, file_sizes) in files(dir) {
        let Some(doc) = read_json(&path)? else {
            notes.push(format!(
                "{} not found; its checks are empty",
                path.display()
            ));
            continue;
        };
        n_files += 1;
        let (rows, bad) = rows_of(&doc, file_sizes);
        notes.extend(bad.into_iter().map(|b| format!("{}: {b}", path.display())));
        all_rows.extend(rows);
    }
    if n_files == 0 {
        return Err(input_err(format!(
            "no validation files in {} (expected file-sizes.json, memory.json, speed.json; use --dir)",
            dir.display()
        )));
    }
    let mut checks = Vec::new();
    let mut results = Vec::new();
    for check in Check::ALL {
        let mut rep = CheckReport {
            check,
            errors: Vec::new(),
            skipped: 0,
            passed: None,
        };
        for r in all_rows.iter().filter(|r| r.check == check) {
            let outcome = predict(r);
            match &outcome {
                Outcome::Predicted(p) => rep.errors.push(pct_err(*p, r.expected)),
                Outcome::Skipped(_) => rep.skipped += 1,
            }
            results.push(RowResult {
                check,
                model_hf: r.model_hf.clone(),
                quant: r.quant.clone(),
                expected: r.expected,
                outcome,
                source: r.source.clone(),
            });
        }
        let (bm, bw) = check.budget();
        if rep.errors.len() >= MIN_ROWS_ENFORCED && (bm.is_some() || bw.is_some()) {
            let med_ok = bm.is_none_or(|b| median(&rep.errors) <= b);
            let worst = rep.errors.iter().copied().fold(0.0, f64::max);
            let worst_ok = bw.is_none_or(|b| worst <= b);
            rep.passed = Some(med_ok && worst_ok);
        }
        checks.push(rep);
    }
    Ok(Report {
        checks,
        rows: results,
        notes,
    })
}

/// The summary row of a check: label, rows, skipped, median, worst, budget
/// and verdict, as the text and Markdown reports show them.
fn summary_cells(rep: &CheckReport) -> [String; 7] {
    let (med, worst) = med_worst(rep);
    [
        rep.check.label().to_string(),
        rep.errors.len().to_string(),
        rep.skipped.to_string(),
        med,
        worst,
        budget_text(rep.check),
        verdict_text(rep).to_string(),
    ]
}

/// Median and worst error of a check as text (`-` when it has no rows).
fn med_worst(rep: &CheckReport) -> (String, String) {
    if rep.errors.is_empty() {
        return ("-".to_string(), "-".to_string());
    }
    let worst = rep.errors.iter().copied().fold(0.0, f64::max);
    (
        format!("{:.2}%", median(&rep.errors)),
        format!("{worst:.2}%"),
    )
}

fn budget_text(check: Check) -> String {
    match check.budget() {
        (Some(m), Some(w)) => format!("median <= {m}%, worst <= {w}%"),
        (Some(m), None) => format!("median <= {m}%"),
        (None, Some(w)) => format!("worst <= {w}%"),
        (None, None) => "reported".to_string(),
    }
}

fn verdict_text(rep: &CheckReport) -> &'static str {
    match rep.passed {
        Some(true) => "ok",
        Some(false) => "EXCEEDED",
        None if rep.check.budget() != (None, None) => "not enforced (< 3 rows)",
        None => "",
    }
}

/// The terminal report.
pub fn render_text(report: &Report, verbose: bool) -> String {
    let mut out = String::new();
    for n in &report.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let _ = writeln!(
        out,
        "{:<30} {:>5} {:>8} {:>9} {:>9}  budget",
        "check", "rows", "skipped", "median", "worst"
    );
    for rep in &report.checks {
        let [label, rows, skipped, med, worst, budget, verdict] = summary_cells(rep);
        let _ = writeln!(
            out,
            "{label:<30} {rows:>5} {skipped:>8} {med:>9} {worst:>9}  {budget} {verdict}"
        );
    }
    if verbose {
        let _ = writeln!(out, "\npredictions:");
        for r in &report.rows {
            if let Outcome::Predicted(p) = r.outcome {
                let _ = writeln!(
                    out,
                    "  [{}] {} {}: predicted {} vs published {} ({:+.2}%)  {}",
                    r.check.label(),
                    r.model_hf,
                    r.quant,
                    fmt_value(r.check, p),
                    fmt_value(r.check, r.expected),
                    (p - r.expected) / r.expected * 100.0,
                    r.source
                );
            }
        }
    }
    let skipped: Vec<&RowResult> = report
        .rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Skipped(_)))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nskipped rows:");
        for r in skipped {
            if let Outcome::Skipped(why) = &r.outcome {
                let _ = writeln!(
                    out,
                    "  [{}] {} {}: {why}  {}",
                    r.check.label(),
                    r.model_hf,
                    r.quant,
                    r.source
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if report.all_ok() {
            "all enforced budgets hold"
        } else {
            "some budgets are exceeded"
        }
    );
    out
}

/// Escapes a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as the site's accuracy page (`docs/accuracy.md`).
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::from(
        "# Accuracy\n\n\
         How close headroom's predictions are to figures published by others: GGUF file sizes on \
         Hugging Face, llama.cpp log lines, and llama-bench speeds. Every published figure below \
         links its source. This page is generated by `headroom validate --markdown` \
         (`scripts/gen-docs`) from the files in `validation/`, and CI fails when a budget is \
         exceeded. Speed constants are fitted on a separate calibration set \
         (`validation/speed-calibration.json`), never on these rows.\n\n\
         ## Summary\n\n\
         | check | rows | skipped | median error | worst error | budget | verdict |\n\
         | --- | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    for rep in &report.checks {
        let _ = writeln!(out, "| {} |", summary_cells(rep).join(" | "));
    }
    for check in Check::ALL {
        let rows: Vec<&RowResult> = report.rows.iter().filter(|r| r.check == check).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n## {}\n\n| model | quant | predicted | published | error | source |\n| --- | --- | ---: | ---: | ---: | --- |",
            check.label()
        );
        for r in rows {
            let (pred, err) = match &r.outcome {
                Outcome::Predicted(p) => (
                    fmt_value(check, *p),
                    format!("{:+.2}%", (p - r.expected) / r.expected * 100.0),
                ),
                Outcome::Skipped(why) => ("skipped".to_string(), cell(why)),
            };
            let source = r.source.split_whitespace().next().unwrap_or("");
            let link = if source.starts_with("http") {
                format!("[link]({source})")
            } else {
                cell(source)
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&r.model_hf),
                cell(&r.quant),
                pred,
                fmt_value(check, r.expected),
                err,
                link
            );
        }
    }
    out
}

/// The error returned when a budget is exceeded.
pub fn exceeded() -> CliError {
    CliError::Failed("accuracy budget exceeded (see the report above)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn median_and_error() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        // 1 % off: 101 vs 100.
        assert!((pct_err(101.0, 100.0) - 1.0).abs() < 1e-12);
        assert!((pct_err(99.0, 100.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn rows_convert_units() {
        let doc = json!({"rows": [
            {"model_hf": "a/b", "quant": "Q4_K_M", "figure": "kv_bytes", "value": 1024.0,
             "unit": "MiB", "ctx": 8192, "source": "x"},
            {"model_hf": "a/b", "quant": "Q4_K_M", "figure": "nonsense", "value": 1.0, "unit": "MiB"}
        ]});
        let (rows, bad) = rows_of(&doc, false);
        assert_eq!(rows.len(), 1);
        assert_eq!(bad.len(), 1);
        assert_eq!(rows[0].expected, 1024.0 * 1048576.0);
        assert_eq!(rows[0].check, Check::Kv);
    }

    #[test]
    fn gpu_self_is_its_own_budgeted_check() {
        let doc = json!({"rows": [
            {"model_hf": "a/b", "quant": "Q4_K_M", "figure": "gpu_self_bytes", "value": 22000.0,
             "unit": "MiB", "ctx": 4096, "device": "rtx-4090", "source": "x"}
        ]});
        let (rows, bad) = rows_of(&doc, false);
        assert!(bad.is_empty());
        assert_eq!(rows[0].check, Check::GpuSelf);
        assert_eq!(rows[0].expected, 22000.0 * 1048576.0);
        assert_eq!(Check::GpuSelf.budget(), (Some(5.0), None));
        assert!(Check::ALL.contains(&Check::GpuSelf));
    }

    #[test]
    fn ud_quants_are_separated() {
        assert!(is_ud("UD-Q4_K_XL"));
        assert!(!is_ud("Q4_K_M"));
        let doc = json!({"rows": [{"hf_id": "a/b", "quant": "UD-Q2_K_XL", "bytes": 5.0}]});
        let (rows, _) = rows_of(&doc, true);
        assert_eq!(rows[0].check, Check::FileUd);
    }
}
