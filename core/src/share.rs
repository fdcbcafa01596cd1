//! Share links: one versioned codec between [`ShareState`] and a URL query
//! string.
//!
//! # Format (version 1)
//!
//! A link is a query string of short, human-readable `key=value` pairs.
//! Values equal to the defaults of [`Inputs::default`] are left out, so a
//! typical link reads
//! `?v=1&gpu=rtx-4090&model=qwen3-32b&q=Q4_K_M&ctx=32k&kv=q8_0&fa=on&np=2`.
//!
//! | key | meaning | example |
//! |---|---|---|
//! | `v` | codec version (always written) | `1` |
//! | `view` | screen: `calc`, `quants`, `tiers`, `recommend`, `compare`, `docs`, `import` | `quants` |
//! | `page` | docs: the page shown (its file name without `.md`) | `kv-cache` |
//! | `unit` | byte unit shown: `gb` or `gib` | `gib` |
//! | `gpu` | catalog devices, comma separated, each `[N x]id`; `none` = no GPU | `2xrtx-3090` |
//! | `vram` | custom VRAM per GPU in GiB (used when `gpu` is absent) | `24` |
//! | `ram` | system RAM in GiB | `64` |
//! | `limit` | unified-memory GPU working-set limit in GiB | `96` |
//! | `model` | catalog model id | `qwen3-32b` |
//! | `hf` | Hugging Face repo id (instead of `model`) | `Qwen/Qwen3-32B` |
//! | `hffile` | import: the GGUF file of the `hf` repo whose header is read | `Qwen3-8B-Q4_K_M.gguf` |
//! | `q` | quantization name | `Q4_K_M` |
//! | `ctx` | context length; `k` = ×1024, `m` = ×1048576 | `32k` |
//! | `kv` | KV-cache type, `K` or `K,V` when they differ | `q8_0` |
//! | `fa` | flash attention: `on`, `off`, `auto` | `on` |
//! | `np` | parallel sequences | `2` |
//! | `kvu` | one KV buffer shared by all slots: `1` / `0` | `0` |
//! | `ub` | physical batch (`-ub`) | `1024` |
//! | `rt` | runtime: `llamacpp`, `ollama`, `lmstudio`, `koboldcpp`, `vllm`, `sglang`, `mlx` | `vllm` |
//! | `ngl` | layers on the GPU(s) | `40` |
//! | `ncmoe` | MoE blocks whose experts stay in system RAM | `12` |
//! | `mm` | multimodal projector loaded: `1` / `0` | `1` |
//! | `gmu` | vLLM GPU memory utilization, in (0, 1] | `0.9` |
//! | `use` | recommendations: `chat`, `code`, `agent`, `long` | `code` |
//! | `minspeed` | recommendations: minimum decode speed in tokens/s | `20` |
//! | `cmp` | compare: number of columns, 2–4 | `3` |
//! | `cN.KEY` | compare: column N (2–4) differs from the main configuration in `KEY` (any configuration key above) | `c2.q=Q8_0` |
//!
//! The main configuration is the first column of the compare view; columns
//! 2 to `cmp` start as copies of it and carry only their differences, which
//! keeps compare links short.
//!
//! # Decoding never fails
//!
//! [`decode`] returns the state it could restore plus a list of
//! [`Ignored`] entries naming each key it skipped and why: unknown keys,
//! malformed values, out-of-range numbers, duplicates, unknown versions and
//! anything past the size limits ([`MAX_QUERY_LEN`], [`MAX_PARAMS`],
//! [`MAX_VALUE_LEN`]). Whether ids exist in the catalogs is not checked
//! here; resolving the inputs does that.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::inputs::{FlashAttn, Inputs, KvType, ModelRef, RuntimeId};
use crate::units::ByteUnit;

/// The codec version this module writes.
pub const VERSION: u32 = 1;
/// Longest query string read, in bytes; the rest is ignored.
pub const MAX_QUERY_LEN: usize = 4096;
/// Most `key=value` pairs read; the rest are ignored.
pub const MAX_PARAMS: usize = 96;
/// Longest value accepted, in bytes (after percent-decoding).
pub const MAX_VALUE_LEN: usize = 128;
/// Most distinct catalog devices in `gpu`.
pub const MAX_GPU_ENTRIES: usize = 8;
/// Most devices of one kind (`16xh100`).
pub const MAX_GPU_COUNT: u32 = 16;
/// Largest context length accepted (16 Mi tokens).
pub const MAX_CTX: u64 = 16 * 1024 * 1024;
/// Most columns in the compare view.
pub const MAX_COMPARE: usize = 4;

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// The calculator (home).
    #[default]
    Calc,
    /// Every published quant of one model.
    Quants,
    /// What fits on each hardware tier.
    Tiers,
    /// Ranked suggestions for the chosen hardware.
    Recommend,
    /// Two to four configurations side by side.
    Compare,
    /// The method pages and guides.
    Docs,
    /// A model imported from a GGUF file or a Hugging Face repo.
    Import,
}

impl View {
    /// Every view, in navigation order.
    pub const ALL: [View; 7] = [
        View::Calc,
        View::Quants,
        View::Tiers,
        View::Recommend,
        View::Compare,
        View::Import,
        View::Docs,
    ];

    /// The value used in links (`calc`, `quants`, …).
    pub fn key(self) -> &'static str {
        match self {
            View::Calc => "calc",
            View::Quants => "quants",
            View::Tiers => "tiers",
            View::Recommend => "recommend",
            View::Compare => "compare",
            View::Docs => "docs",
            View::Import => "import",
        }
    }

    /// Parses a link value.
    pub fn from_key(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == s)
    }
}

/// What the user wants the model for (recommendations).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UseCase {
    /// General chat.
    #[default]
    Chat,
    /// Coding assistant.
    Code,
    /// Agents and tool use.
    Agent,
    /// Long documents.
    Long,
}

impl UseCase {
    /// Every use case.
    pub const ALL: [UseCase; 4] = [UseCase::Chat, UseCase::Code, UseCase::Agent, UseCase::Long];

    /// The value used in links.
    pub fn key(self) -> &'static str {
        match self {
            UseCase::Chat => "chat",
            UseCase::Code => "code",
            UseCase::Agent => "agent",
            UseCase::Long => "long",
        }
    }

    /// Parses a link value.
    pub fn from_key(s: &str) -> Option<UseCase> {
        UseCase::ALL.into_iter().find(|v| v.key() == s)
    }
}

/// Recommendation preferences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecommendPrefs {
    /// The use case.
    pub use_case: UseCase,
    /// Minimum acceptable decode speed in tokens per second (0 = any).
    pub min_tokens_per_s: f64,
}

impl Default for RecommendPrefs {
    fn default() -> Self {
        RecommendPrefs {
            use_case: UseCase::Chat,
            min_tokens_per_s: 10.0,
        }
    }
}

/// Everything a link holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ShareState {
    /// The main configuration (and the compare view's first column).
    pub inputs: Inputs,
    /// The screen.
    pub view: View,
    /// Byte unit shown.
    pub unit: ByteUnit,
    /// Recommendation preferences.
    pub recommend: RecommendPrefs,
    /// Compare columns 2 to 4 (empty when the link has no `cmp`).
    pub compare: Vec<Inputs>,
    /// The docs page shown (`kv-cache`); empty for the docs home.
    pub docs_page: String,
    /// The GGUF file of the `hf` repo to import (`Qwen3-8B-Q4_K_M.gguf`).
    pub hf_file: Option<String>,
}

/// One part of a link that was not restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The key as written in the link (or a description of the part).
    pub key: String,
    /// Why it was ignored.
    pub reason: String,
}

/// The result of [`decode`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Decoded {
    /// What could be restored (defaults elsewhere).
    pub state: ShareState,
    /// What was skipped: size-limit and repeat notices first, then global
    /// keys, then configuration keys.
    pub ignored: Vec<Ignored>,
}

/// Encodes `state` as a query string without the leading `?`.
pub fn encode(state: &ShareState) -> String {
    let mut out: Vec<(String, String)> = Vec::new();
    out.push(("v".into(), VERSION.to_string()));
    if state.view != View::Calc {
        out.push(("view".into(), state.view.key().into()));
    }
    if state.unit == ByteUnit::Gib {
        out.push(("unit".into(), "gib".into()));
    }
    if !state.docs_page.is_empty() {
        out.push(("page".into(), state.docs_page.clone()));
    }
    if let Some(f) = &state.hf_file {
        out.push(("hffile".into(), f.clone()));
    }
    encode_inputs(&state.inputs, &Inputs::default(), "", &mut out);
    if state.recommend.use_case != UseCase::default() {
        out.push(("use".into(), state.recommend.use_case.key().into()));
    }
    if state.recommend.min_tokens_per_s != RecommendPrefs::default().min_tokens_per_s {
        out.push(("minspeed".into(), fmt_f64(state.recommend.min_tokens_per_s)));
    }
    if !state.compare.is_empty() {
        let n = (state.compare.len() + 1).min(MAX_COMPARE);
        out.push(("cmp".into(), n.to_string()));
        for (i, col) in state.compare.iter().take(MAX_COMPARE - 1).enumerate() {
            let prefix = format!("c{}.", i + 2);
            encode_inputs(col, &state.inputs, &prefix, &mut out);
        }
    }
    let mut s = String::new();
    for (i, (k, v)) in out.iter().enumerate() {
        if i > 0 {
            s.push('&');
        }
        s.push_str(k);
        s.push('=');
        s.push_str(&escape(v));
    }
    s
}

/// Decodes a query string (with or without the leading `?`). Never fails:
/// see the module documentation.
pub fn decode(query: &str) -> Decoded {
    let mut d = Decoded::default();
    let mut q = query.strip_prefix('?').unwrap_or(query);
    if q.len() > MAX_QUERY_LEN {
        let mut cut = MAX_QUERY_LEN;
        while !q.is_char_boundary(cut) {
            cut -= 1;
        }
        q = &q[..cut];
        // The pair cut in the middle is dropped too.
        if let Some(amp) = q.rfind('&') {
            q = &q[..amp];
        }
        d.ignored.push(ignored(
            "(link)",
            format!("longer than {MAX_QUERY_LEN} bytes; the rest was not read"),
        ));
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (n, part) in q.split('&').filter(|p| !p.is_empty()).enumerate() {
        if n >= MAX_PARAMS {
            d.ignored.push(ignored(
                "(link)",
                format!("more than {MAX_PARAMS} parameters; the rest were not read"),
            ));
            break;
        }
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let key = unescape(k);
        let value = unescape(v);
        if key.len() > 32 {
            d.ignored
                .push(ignored("(key)", "key longer than 32 bytes".into()));
            continue;
        }
        if value.len() > MAX_VALUE_LEN {
            d.ignored.push(ignored(
                &key,
                format!("value longer than {MAX_VALUE_LEN} bytes"),
            ));
            continue;
        }
        if pairs.iter().any(|(k2, _)| *k2 == key) {
            d.ignored
                .push(ignored(&key, "repeated; the first value was used".into()));
            continue;
        }
        pairs.push((key, value));
    }

    // Version first: an unknown one is read as version 1.
    if let Some((_, v)) = pairs.iter().find(|(k, _)| k == "v") {
        if v.parse::<u32>().ok() != Some(VERSION) {
            d.ignored.push(ignored(
                "v",
                format!("unknown version \"{v}\"; read as version {VERSION}"),
            ));
        }
    }

    // Global keys.
    let mut n_compare = 0usize;
    for (k, v) in pairs.iter() {
        let res = match k.as_str() {
            "view" => View::from_key(v).map(|x| d.state.view = x).ok_or_else(|| {
                let keys: Vec<&str> = View::ALL.iter().map(|v| v.key()).collect();
                one_of(&keys)
            }),
            "page" => check_slug(v).map(|()| d.state.docs_page = v.clone()),
            "hffile" => check_hf_file(v).map(|()| d.state.hf_file = Some(v.clone())),
            "unit" => match v.as_str() {
                "gb" => {
                    d.state.unit = ByteUnit::Gb;
                    Ok(())
                }
                "gib" => {
                    d.state.unit = ByteUnit::Gib;
                    Ok(())
                }
                _ => Err(one_of(&["gb", "gib"])),
            },
            "use" => UseCase::from_key(v)
                .map(|x| d.state.recommend.use_case = x)
                .ok_or_else(|| one_of(&["chat", "code", "agent", "long"])),
            "minspeed" => {
                parse_f64(v, 0.0, 10_000.0, true).map(|x| d.state.recommend.min_tokens_per_s = x)
            }
            "cmp" => match v.parse::<usize>() {
                Ok(n) if (2..=MAX_COMPARE).contains(&n) => {
                    n_compare = n;
                    Ok(())
                }
                _ => Err(format!("must be a whole number from 2 to {MAX_COMPARE}")),
            },
            _ => Ok(()),
        };
        if let Err(reason) = res {
            d.ignored.push(ignored(k, reason));
        }
    }

    // The main configuration, then each compare column over a copy of it.
    let main = pairs
        .iter()
        .filter(|(k, _)| !is_global(k) && column_of(k).is_none())
        .map(|(k, v)| (k.as_str(), k.as_str(), v.as_str()));
    apply_config(&mut d.state.inputs, main, &mut d.ignored);
    for col in 2..=n_compare {
        let mut inputs = d.state.inputs.clone();
        let keys = pairs.iter().filter_map(|(k, v)| match column_of(k) {
            Some((c, sub)) if c == col => Some((k.as_str(), sub, v.as_str())),
            _ => None,
        });
        apply_config(&mut inputs, keys, &mut d.ignored);
        d.state.compare.push(inputs);
    }
    for (k, _) in pairs.iter() {
        if let Some((col, _)) = column_of(k) {
            if col < 2 || col > n_compare {
                d.ignored.push(ignored(
                    k,
                    format!("no compare column {col} (cmp = {n_compare})"),
                ));
            }
        }
    }
    d
}

fn is_global(k: &str) -> bool {
    matches!(
        k,
        "v" | "view" | "unit" | "use" | "minspeed" | "cmp" | "page" | "hffile"
    )
}

/// `c3.q` → `(3, "q")`; a malformed column number gives column 0.
fn column_of(k: &str) -> Option<(usize, &str)> {
    let rest = k.strip_prefix('c')?;
    let (num, sub) = rest.split_once('.')?;
    Some((num.parse::<usize>().unwrap_or(0), sub))
}

/// Applies configuration keys `(as written, key, value)` to `inputs`.
fn apply_config<'a>(
    inputs: &mut Inputs,
    keys: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    out: &mut Vec<Ignored>,
) {
    let mut gpu_seen = false;
    let mut model_seen = None;
    let mut hf_seen = false;
    let mut vram_set = false;
    for (written, k, v) in keys {
        match apply_input_key(inputs, k, v) {
            Ok(()) => {
                gpu_seen |= k == "gpu";
                hf_seen |= k == "hf";
                vram_set |= k == "vram" && inputs.hardware.vram_gib.is_some();
                if k == "model" {
                    model_seen = Some(written);
                }
            }
            Err(reason) => out.push(ignored(written, reason)),
        }
    }
    if let (true, Some(written)) = (hf_seen, model_seen) {
        out.push(ignored(
            written,
            "both model and hf given; hf was used".into(),
        ));
    }
    if vram_set && !gpu_seen {
        // Custom VRAM without catalog devices replaces them.
        inputs.hardware.gpus.clear();
    }
}

fn ignored(key: &str, reason: String) -> Ignored {
    Ignored {
        key: key.into(),
        reason,
    }
}

fn one_of(options: &[&str]) -> String {
    let mut s = String::from("must be one of ");
    for (i, o) in options.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(o);
    }
    s
}

/// Applies one configuration key to `inputs`.
fn apply_input_key(inputs: &mut Inputs, key: &str, v: &str) -> Result<(), String> {
    let hw = &mut inputs.hardware;
    match key {
        "gpu" => {
            hw.gpus = parse_gpus(v)?;
        }
        "vram" => hw.vram_gib = parse_auto(v, |v| parse_f64(v, 0.0, 65_536.0, false))?,
        "ram" => hw.ram_gib = parse_auto(v, |v| parse_f64(v, 0.0, 65_536.0, false))?,
        "limit" => hw.gpu_limit_gib = parse_auto(v, |v| parse_f64(v, 0.0, 65_536.0, false))?,
        "model" => {
            check_id(v, 64)?;
            if !matches!(inputs.model, ModelRef::HfRepo(_)) {
                inputs.model = ModelRef::Catalog(v.into());
            }
        }
        "hf" => {
            let ok = v.len() <= 96
                && matches!(v.split_once('/'), Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('/'))
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
            if !ok {
                return Err("must be a Hugging Face repo id like Qwen/Qwen3-32B".into());
            }
            inputs.model = ModelRef::HfRepo(v.into());
        }
        "q" => {
            let ok = !v.is_empty()
                && v.len() <= 32
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !ok {
                return Err("must be a quantization name like Q4_K_M".into());
            }
            inputs.quant = v.into();
        }
        "ctx" => inputs.ctx = parse_ctx(v)?,
        "kv" => {
            let (k, vv) = match v.split_once(',') {
                Some((a, b)) => (parse_kv(a)?, parse_kv(b)?),
                None => {
                    let t = parse_kv(v)?;
                    (t, t)
                }
            };
            inputs.kv_type_k = k;
            inputs.kv_type_v = vv;
        }
        "fa" => {
            inputs.flash_attn = match v {
                "on" => FlashAttn::On,
                "off" => FlashAttn::Off,
                "auto" => FlashAttn::Auto,
                _ => return Err(one_of(&["on", "off", "auto"])),
            }
        }
        "np" => inputs.parallel = parse_u32(v, 1, 256)?,
        "kvu" => inputs.kv_unified = parse_bool(v)?,
        "ub" => inputs.ubatch = parse_u32(v, 1, 65_536)?,
        "rt" => {
            inputs.runtime = RUNTIMES
                .iter()
                .find(|(_, k)| *k == v)
                .map(|(r, _)| *r)
                .ok_or_else(|| {
                    let keys: Vec<&str> = RUNTIMES.iter().map(|(_, k)| *k).collect();
                    one_of(&keys)
                })?
        }
        "ngl" => inputs.ngl = parse_auto(v, |v| parse_u32(v, 0, 10_000))?,
        "ncmoe" => inputs.n_cpu_moe = parse_auto(v, |v| parse_u32(v, 0, 10_000))?,
        "mm" => inputs.multimodal = parse_bool(v)?,
        "gmu" => inputs.gpu_memory_utilization = parse_auto(v, |v| parse_f64(v, 0.0, 1.0, false))?,
        _ => return Err("unknown key".into()),
    }
    Ok(())
}

/// Appends the keys where `inputs` differs from `base`, each prefixed.
fn encode_inputs(inputs: &Inputs, base: &Inputs, prefix: &str, out: &mut Vec<(String, String)>) {
    let mut push = |k: &str, v: String| out.push((format!("{prefix}{k}"), v));
    let hw = &inputs.hardware;
    let bhw = &base.hardware;
    let gpus_changed = hw.gpus != bhw.gpus;
    let vram_changed = hw.vram_gib != bhw.vram_gib;
    if hw.gpus.is_empty() {
        // `vram` alone clears the devices when decoding.
        match hw.vram_gib {
            Some(x) if gpus_changed || vram_changed => push("vram", fmt_f64(x)),
            Some(_) => {}
            None => {
                if gpus_changed || vram_changed {
                    push("gpu", "none".into());
                }
                if vram_changed {
                    push("vram", "auto".into());
                }
            }
        }
    } else {
        if gpus_changed || (vram_changed && hw.vram_gib.is_some()) {
            push("gpu", fmt_gpus(&hw.gpus));
        }
        if vram_changed {
            push("vram", opt(hw.vram_gib, fmt_f64));
        }
    }
    if hw.ram_gib != bhw.ram_gib {
        push("ram", opt(hw.ram_gib, fmt_f64));
    }
    if hw.gpu_limit_gib != bhw.gpu_limit_gib {
        push("limit", opt(hw.gpu_limit_gib, fmt_f64));
    }
    if inputs.model != base.model {
        match &inputs.model {
            ModelRef::Catalog(id) => push("model", id.clone()),
            ModelRef::HfRepo(id) => push("hf", id.clone()),
        }
    }
    if inputs.quant != base.quant {
        push("q", inputs.quant.clone());
    }
    if inputs.ctx != base.ctx {
        push("ctx", fmt_ctx(inputs.ctx));
    }
    if inputs.kv_type_k != base.kv_type_k || inputs.kv_type_v != base.kv_type_v {
        if inputs.kv_type_k == inputs.kv_type_v {
            push("kv", kv_key(inputs.kv_type_k).into());
        } else {
            push(
                "kv",
                format!("{},{}", kv_key(inputs.kv_type_k), kv_key(inputs.kv_type_v)),
            );
        }
    }
    if inputs.flash_attn != base.flash_attn {
        let s = match inputs.flash_attn {
            FlashAttn::On => "on",
            FlashAttn::Off => "off",
            FlashAttn::Auto => "auto",
        };
        push("fa", s.into());
    }
    if inputs.parallel != base.parallel {
        push("np", inputs.parallel.to_string());
    }
    if inputs.kv_unified != base.kv_unified {
        push("kvu", if inputs.kv_unified { "1" } else { "0" }.into());
    }
    if inputs.ubatch != base.ubatch {
        push("ub", inputs.ubatch.to_string());
    }
    if inputs.runtime != base.runtime {
        push("rt", runtime_key(inputs.runtime).into());
    }
    if inputs.ngl != base.ngl {
        push("ngl", opt(inputs.ngl, u32s));
    }
    if inputs.n_cpu_moe != base.n_cpu_moe {
        push("ncmoe", opt(inputs.n_cpu_moe, u32s));
    }
    if inputs.multimodal != base.multimodal {
        push("mm", if inputs.multimodal { "1" } else { "0" }.into());
    }
    if inputs.gpu_memory_utilization != base.gpu_memory_utilization {
        push("gmu", opt(inputs.gpu_memory_utilization, fmt_f64));
    }
}

fn opt<T: Copy>(x: Option<T>, f: fn(T) -> String) -> String {
    x.map_or_else(|| "auto".into(), f)
}

fn u32s(n: u32) -> String {
    n.to_string()
}

/// Runtime ids and their link values.
pub const RUNTIMES: [(RuntimeId, &str); 7] = [
    (RuntimeId::LlamaCpp, "llamacpp"),
    (RuntimeId::Ollama, "ollama"),
    (RuntimeId::LmStudio, "lmstudio"),
    (RuntimeId::Koboldcpp, "koboldcpp"),
    (RuntimeId::Vllm, "vllm"),
    (RuntimeId::Sglang, "sglang"),
    (RuntimeId::Mlx, "mlx"),
];

/// The link value of a runtime (`llamacpp`, …).
pub fn runtime_key(r: RuntimeId) -> &'static str {
    match r {
        RuntimeId::LlamaCpp => "llamacpp",
        RuntimeId::Ollama => "ollama",
        RuntimeId::LmStudio => "lmstudio",
        RuntimeId::Koboldcpp => "koboldcpp",
        RuntimeId::Vllm => "vllm",
        RuntimeId::Sglang => "sglang",
        RuntimeId::Mlx => "mlx",
    }
}

/// KV-cache types and their link values (llama.cpp `--cache-type-k` names).
pub const KV_TYPES: [(KvType, &str); 9] = [
    (KvType::F32, "f32"),
    (KvType::F16, "f16"),
    (KvType::Bf16, "bf16"),
    (KvType::Q8_0, "q8_0"),
    (KvType::Q5_1, "q5_1"),
    (KvType::Q5_0, "q5_0"),
    (KvType::Q4_1, "q4_1"),
    (KvType::Q4_0, "q4_0"),
    (KvType::Iq4Nl, "iq4_nl"),
];

/// The link value of a KV-cache type (`q8_0`, …).
pub fn kv_key(t: KvType) -> &'static str {
    KV_TYPES
        .iter()
        .find(|(k, _)| *k == t)
        .map(|(_, s)| *s)
        .unwrap_or("f16")
}

fn parse_kv(s: &str) -> Result<KvType, String> {
    let lower = s.to_ascii_lowercase();
    KV_TYPES
        .iter()
        .find(|(_, k)| *k == lower)
        .map(|(t, _)| *t)
        .ok_or_else(|| {
            let keys: Vec<&str> = KV_TYPES.iter().map(|(_, k)| *k).collect();
            one_of(&keys)
        })
}

/// Formats a context length as written in links: `32k` for multiples of
/// 1024, `1m` for multiples of 1048576, digits otherwise.
pub fn fmt_ctx(ctx: u64) -> String {
    if ctx >= 1 << 20 && ctx.is_multiple_of(1 << 20) {
        format!("{}m", ctx >> 20)
    } else if ctx >= 1024 && ctx.is_multiple_of(1024) {
        format!("{}k", ctx >> 10)
    } else {
        ctx.to_string()
    }
}

/// Parses a context length: digits with an optional `k` (×1024) or `m`
/// (×1048576) suffix, from 1 to [`MAX_CTX`].
pub fn parse_ctx(s: &str) -> Result<u64, String> {
    let err = || {
        format!(
            "must be a token count like 8192, 32k or 1m (at most {})",
            fmt_ctx(MAX_CTX)
        )
    };
    let t = s.trim();
    let (digits, mult) = match t.as_bytes().last() {
        Some(b'k' | b'K') => (&t[..t.len() - 1], 1024u64),
        Some(b'm' | b'M') => (&t[..t.len() - 1], 1 << 20),
        _ => (t, 1),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let n: u64 = digits.parse().map_err(|_| err())?;
    let ctx = n.checked_mul(mult).ok_or_else(err)?;
    if ctx == 0 || ctx > MAX_CTX {
        return Err(err());
    }
    Ok(ctx)
}

fn parse_gpus(v: &str) -> Result<Vec<(String, u32)>, String> {
    if v == "none" {
        return Ok(Vec::new());
    }
    let mut out: Vec<(String, u32)> = Vec::new();
    for part in v.split(',') {
        if out.len() >= MAX_GPU_ENTRIES {
            return Err(format!("at most {MAX_GPU_ENTRIES} device kinds"));
        }
        let (n, id) = match part.split_once('x') {
            Some((n, id)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                let n = parse_u32(n, 1, MAX_GPU_COUNT)
                    .map_err(|_| format!("device count must be 1 to {MAX_GPU_COUNT}"))?;
                (n, id)
            }
            _ => (1, part),
        };
        check_id(id, 64).map_err(|_| {
            String::from("must be device ids like rtx-4090, optionally with a count: 2xrtx-3090")
        })?;
        out.push((id.into(), n));
    }
    Ok(out)
}

fn fmt_gpus(g: &[(String, u32)]) -> String {
    let mut s = String::new();
    for (i, (id, n)) in g.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        // The count is implicit when it is 1, unless the id itself would
        // read as a count prefix (`4x3-` must be written `1x4x3-`).
        let id_looks_counted = id
            .split_once('x')
            .is_some_and(|(d, _)| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if *n != 1 || id_looks_counted {
            s.push_str(&format!("{n}x"));
        }
        s.push_str(id);
    }
    s
}

/// Catalog ids: lowercase letters, digits, `-`, `_`, `.`.
fn check_id(v: &str, max: usize) -> Result<(), String> {
    let ok = !v.is_empty()
        && v.len() <= max
        && v.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        });
    if ok {
        Ok(())
    } else {
        Err("must be a catalog id like qwen3-32b".into())
    }
}

/// Docs page slugs: lowercase letters, digits and `-`, at most 64 bytes.
fn check_slug(v: &str) -> Result<(), String> {
    let ok = !v.is_empty()
        && v.len() <= 64
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err("must be a docs page name like kv-cache".into())
    }
}

/// A `.gguf` path inside a repo: letters, digits, `-`, `_`, `.`, `/`; no
/// empty or `..` segments.
fn check_hf_file(v: &str) -> Result<(), String> {
    let ok = v.len() <= MAX_VALUE_LEN
        && v.ends_with(".gguf")
        && v.split('/').all(|seg| !seg.is_empty() && seg != "..")
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if ok {
        Ok(())
    } else {
        Err("must be a .gguf file name like Qwen3-8B-Q4_K_M.gguf".into())
    }
}

fn parse_u32(v: &str, min: u32, max: u32) -> Result<u32, String> {
    match v.parse::<u32>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(format!("must be a whole number from {min} to {max}")),
    }
}

/// A finite number in `(min, max]`, or `[min, max]` when `min_inclusive`.
fn parse_f64(v: &str, min: f64, max: f64, min_inclusive: bool) -> Result<f64, String> {
    let bad = || {
        if min_inclusive {
            format!("must be a number from {} to {}", fmt_f64(min), fmt_f64(max))
        } else {
            format!(
                "must be a number above {} and at most {}",
                fmt_f64(min),
                fmt_f64(max)
            )
        }
    };
    if v.len() > 24 {
        return Err(bad());
    }
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && x <= max && (x > min || (min_inclusive && x == min)) => Ok(x),
        _ => Err(bad()),
    }
}

/// `auto` is `None` (the default); anything else goes through `f`.
fn parse_auto<T>(v: &str, f: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    if v == "auto" {
        Ok(None)
    } else {
        f(v).map(Some).map_err(|e| format!("{e}, or auto"))
    }
}

fn parse_bool(v: &str) -> Result<bool, String> {
    match v {
        "1" | "on" | "true" => Ok(true),
        "0" | "off" | "false" => Ok(false),
        _ => Err("must be 1 or 0".into()),
    }
}

/// Shortest decimal that reads back to the same `f64`, in exponent form
/// when the plain one would be longer than [`parse_f64`] reads (`1e-90`).
fn fmt_f64(x: f64) -> String {
    let plain = format!("{x}");
    if plain.len() <= 24 {
        plain
    } else {
        format!("{x:e}")
    }
}

/// Percent-escapes everything but unreserved characters, `/`, `,` and `:`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/' | b',' | b':')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes `s` (`+` is a space); bad escapes stay as written,
/// invalid UTF-8 becomes U+FFFD.
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn round_trip(state: &ShareState) {
        let q = encode(state);
        let d = decode(&q);
        assert_eq!(d.ignored, vec![], "link {q}");
        assert_eq!(&d.state, state, "link {q}");
    }

    fn with(f: impl FnOnce(&mut Inputs)) -> ShareState {
        let mut s = ShareState::default();
        f(&mut s.inputs);
        s
    }

    fn check_ignored(query: &str, keys: &[&str]) -> Decoded {
        let d = decode(query);
        let got: Vec<&str> = d.ignored.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(got, keys, "query {query}: {:?}", d.ignored);
        d
    }

    #[test]
    fn default_state_is_just_the_version() {
        assert_eq!(encode(&ShareState::default()), "v=1");
        round_trip(&ShareState::default());
    }

    #[test]
    fn the_documented_example_decodes() {
        let d = check_ignored(
            "?v=1&gpu=rtx-4090&model=qwen3-32b&q=Q4_K_M&ctx=32k&kv=q8_0&fa=on&np=2&rt=llamacpp",
            &[],
        );
        let i = &d.state.inputs;
        assert_eq!(i.model, ModelRef::Catalog("qwen3-32b".into()));
        assert_eq!(i.quant, "Q4_K_M");
        // 32k = 32 × 1024 = 32768 tokens.
        assert_eq!(i.ctx, 32_768);
        assert_eq!((i.kv_type_k, i.kv_type_v), (KvType::Q8_0, KvType::Q8_0));
        assert_eq!(i.flash_attn, FlashAttn::On);
        assert_eq!(i.parallel, 2);
        assert_eq!(i.hardware.gpus, vec![("rtx-4090".into(), 1)]);
    }

    /// Found by the share-link fuzzer (CI, 2026-11-23): `gmu=1e-90` is
    /// accepted, but its plain decimal form is 92 characters, longer than a
    /// number may be, so the re-encoded link lost it.
    #[test]
    fn tiny_and_huge_numbers_round_trip() {
        let d = decode("gmu=1e-90");
        assert_eq!(d.ignored, vec![]);
        assert_eq!(d.state.inputs.gpu_memory_utilization, Some(1e-90));
        round_trip(&d.state);
        round_trip(&with(|i| {
            i.gpu_memory_utilization = Some(f64::MIN_POSITIVE)
        }));
        round_trip(&with(|i| i.hardware.ram_gib = Some(1e-300)));
        round_trip(&with(|i| i.gpu_memory_utilization = Some(0.9)));
        assert_eq!(fmt_f64(0.9), "0.9");
        assert_eq!(fmt_f64(1e-90), "1e-90");
    }

    #[test]
    fn every_field_round_trips() {
        round_trip(&with(|i| i.model = ModelRef::Catalog("gemma-3-27b".into())));
        round_trip(&with(|i| {
            i.model = ModelRef::HfRepo("Qwen/Qwen3-32B".into())
        }));
        round_trip(&with(|i| i.quant = "UD-Q4_K_XL".into()));
        round_trip(&with(|i| i.quant = "EXL2-4.5".into()));
        round_trip(&with(|i| i.ctx = 32_768));
        round_trip(&with(|i| i.ctx = 1 << 20));
        round_trip(&with(|i| i.ctx = 1_010_000));
        round_trip(&with(|i| i.ctx = 1));
        round_trip(&with(|i| i.parallel = 4));
        round_trip(&with(|i| i.kv_unified = false));
        for (t, _) in KV_TYPES {
            round_trip(&with(|i| {
                i.kv_type_k = t;
                i.kv_type_v = t;
            }));
        }
        round_trip(&with(|i| {
            i.kv_type_k = KvType::Q8_0;
            i.kv_type_v = KvType::Q4_0;
        }));
        round_trip(&with(|i| i.flash_attn = FlashAttn::On));
        round_trip(&with(|i| i.flash_attn = FlashAttn::Off));
        round_trip(&with(|i| i.ubatch = 2048));
        for (r, _) in RUNTIMES {
            round_trip(&with(|i| i.runtime = r));
        }
        round_trip(&with(|i| i.hardware.gpus = vec![("rtx-3090".into(), 2)]));
        round_trip(&with(|i| {
            i.hardware.gpus = vec![("rtx-4090".into(), 1), ("rtx-3060-12gb".into(), 3)]
        }));
        round_trip(&with(|i| i.hardware.gpus = vec![]));
        round_trip(&with(|i| {
            i.hardware.gpus = vec![];
            i.hardware.vram_gib = Some(23.5);
        }));
        round_trip(&with(|i| {
            i.hardware.gpus = vec![("m4-max-128".into(), 1)];
            i.hardware.vram_gib = Some(10.0);
        }));
        round_trip(&with(|i| i.hardware.ram_gib = Some(64.0)));
        round_trip(&with(|i| i.hardware.gpu_limit_gib = Some(96.25)));
        round_trip(&with(|i| i.ngl = Some(0)));
        round_trip(&with(|i| i.ngl = Some(40)));
        round_trip(&with(|i| i.n_cpu_moe = Some(12)));
        round_trip(&with(|i| i.multimodal = true));
        round_trip(&with(|i| i.gpu_memory_utilization = Some(0.9)));
        round_trip(&with(|i| i.gpu_memory_utilization = Some(1.0)));
    }

    #[test]
    fn view_unit_and_preferences_round_trip() {
        for v in View::ALL {
            round_trip(&ShareState {
                view: v,
                ..ShareState::default()
            });
        }
        round_trip(&ShareState {
            unit: ByteUnit::Gib,
            ..ShareState::default()
        });
        for u in UseCase::ALL {
            round_trip(&ShareState {
                recommend: RecommendPrefs {
                    use_case: u,
                    min_tokens_per_s: 0.0,
                },
                ..ShareState::default()
            });
        }
        round_trip(&ShareState {
            recommend: RecommendPrefs {
                use_case: UseCase::Code,
                min_tokens_per_s: 42.5,
            },
            ..ShareState::default()
        });
    }

    #[test]
    fn compare_columns_carry_only_differences() {
        let mut s = ShareState {
            view: View::Compare,
            ..ShareState::default()
        };
        s.inputs.model = ModelRef::Catalog("qwen3-32b".into());
        let mut c2 = s.inputs.clone();
        c2.quant = "Q8_0".into();
        let mut c3 = s.inputs.clone();
        c3.model = ModelRef::HfRepo("google/gemma-3-27b-it".into());
        c3.hardware.gpus = vec![];
        c3.hardware.vram_gib = Some(48.0);
        let c4 = s.inputs.clone();
        s.compare = vec![c2, c3, c4];
        let q = encode(&s);
        assert_eq!(
            q,
            "v=1&view=compare&model=qwen3-32b&cmp=4&c2.q=Q8_0\
             &c3.vram=48&c3.hf=google/gemma-3-27b-it"
        );
        round_trip(&s);
    }

    #[test]
    fn compare_columns_can_clear_optional_fields() {
        let mut s = ShareState::default();
        s.inputs.hardware.gpus = vec![];
        s.inputs.hardware.vram_gib = Some(24.0);
        s.inputs.hardware.ram_gib = Some(64.0);
        s.inputs.ngl = Some(20);
        s.inputs.gpu_memory_utilization = Some(0.8);
        let mut c2 = s.inputs.clone();
        c2.hardware.vram_gib = None;
        c2.hardware.ram_gib = None;
        c2.ngl = None;
        c2.gpu_memory_utilization = None;
        let mut c3 = s.inputs.clone();
        c3.hardware.gpus = vec![("rtx-3090".into(), 2)];
        c3.hardware.vram_gib = None;
        s.compare = vec![c2, c3];
        let q = encode(&s);
        assert!(q.contains("c2.gpu=none&c2.vram=auto&c2.ram=auto"), "{q}");
        round_trip(&s);
    }

    #[test]
    fn custom_vram_alone_replaces_the_default_gpu() {
        let d = check_ignored("v=1&vram=16", &[]);
        assert!(d.state.inputs.hardware.gpus.is_empty());
        assert_eq!(d.state.inputs.hardware.vram_gib, Some(16.0));
    }

    #[test]
    fn context_forms() {
        assert_eq!(parse_ctx("8192"), Ok(8192));
        assert_eq!(parse_ctx("128K"), Ok(131_072));
        assert_eq!(parse_ctx("1m"), Ok(1_048_576));
        for bad in [
            "",
            "k",
            "0",
            "-5",
            "1.5k",
            "99999999999",
            "17m",
            "12q",
            "ⅷk",
        ] {
            assert!(parse_ctx(bad).is_err(), "{bad}");
        }
        assert_eq!(fmt_ctx(131_072), "128k");
        assert_eq!(fmt_ctx(1000), "1000");
    }

    #[test]
    fn bad_values_are_ignored_and_the_rest_restored() {
        let d = check_ignored(
            "v=1&model=Bad%20Id&q=Q4_K_M%3Cscript%3E&ctx=lots&kv=q3&fa=maybe&np=0\
             &rt=tgi&ngl=-1&mm=yes&gmu=1.5&vram=-3&ram=NaN&limit=inf&view=home\
             &unit=kb&use=poetry&minspeed=fast&cmp=9&gpu=2xRTX&ub=0&kvu=2&hf=noslash\
             &q=Q5_K_M",
            &[
                "q", "view", "unit", "use", "minspeed", "cmp", "model", "q", "ctx", "kv", "fa",
                "np", "rt", "ngl", "mm", "gmu", "vram", "ram", "limit", "gpu", "ub", "kvu", "hf",
            ],
        );
        assert_eq!(d.state, ShareState::default());
        assert!(d.ignored[0].reason.contains("repeated"));
        assert!(d.ignored[6].reason.contains("catalog id"));
    }

    #[test]
    fn good_values_survive_next_to_bad_ones() {
        let d = check_ignored("v=1&model=qwen3-32b&ctx=bogus&np=3&zzz=1", &["ctx", "zzz"]);
        assert_eq!(d.state.inputs.model, ModelRef::Catalog("qwen3-32b".into()));
        assert_eq!(d.state.inputs.parallel, 3);
        assert_eq!(d.state.inputs.ctx, Inputs::default().ctx);
        assert_eq!(d.ignored[1].reason, "unknown key");
    }

    #[test]
    fn unknown_version_is_read_as_version_one() {
        let d = check_ignored("v=7&np=2", &["v"]);
        assert_eq!(d.state.inputs.parallel, 2);
        // No version at all is accepted silently (hand-typed links).
        check_ignored("np=2", &[]);
    }

    #[test]
    fn model_and_hf_together_prefer_hf() {
        let d = check_ignored("model=qwen3-32b&hf=Qwen/Qwen3-32B", &["model"]);
        assert_eq!(
            d.state.inputs.model,
            ModelRef::HfRepo("Qwen/Qwen3-32B".into())
        );
    }

    #[test]
    fn compare_keys_outside_the_columns_are_ignored() {
        let d = check_ignored("cmp=2&c2.np=4&c3.np=2&c2.bogus=1", &["c2.bogus", "c3.np"]);
        assert_eq!(d.state.compare.len(), 1);
        assert_eq!(d.state.compare[0].parallel, 4);
        check_ignored("c2.np=4", &["c2.np"]);
    }

    #[test]
    fn size_limits_hold() {
        let mut long = String::from("v=1&np=2");
        while long.len() < MAX_QUERY_LEN + 100 {
            long.push_str("&x=1");
        }
        let d = decode(&long);
        assert_eq!(d.state.inputs.parallel, 2);
        assert!(d.ignored.iter().any(|i| i.key == "(link)"));
        // Every parameter past MAX_PARAMS is dropped with one notice.
        let mut many = String::new();
        for i in 0..200 {
            many.push_str(&format!("k{i}=1&"));
        }
        many.push_str("np=5");
        let d = decode(&many);
        assert_eq!(d.state.inputs.parallel, 1);
        assert_eq!(d.ignored.len(), MAX_PARAMS + 1);
        let big = format!("hf=a/{}", "b".repeat(200));
        check_ignored(&big, &["hf"]);
    }

    #[test]
    fn garbage_never_panics() {
        for q in [
            "",
            "?",
            "&&&",
            "=",
            "==",
            "%",
            "%G1",
            "%e2%82",
            "a=%",
            "?v",
            "gpu=,",
            "gpu=x",
            "gpu=0xa",
            "gpu=99xa",
            "kv=,",
            "kv=q8_0,",
            "c.=1",
            "c2.=1",
            "cmp=2&c2.gpu=none",
            "\u{1F600}=\u{1F600}",
        ] {
            let _ = decode(q);
        }
        let d = decode("%G1=%zz");
        assert_eq!(d.ignored[0].key, "%G1");
    }

    #[test]
    fn docs_page_and_gguf_file_round_trip() {
        let s = ShareState {
            view: View::Docs,
            docs_page: "kv-cache".into(),
            ..ShareState::default()
        };
        assert_eq!(encode(&s), "v=1&view=docs&page=kv-cache");
        round_trip(&s);
        let mut s = ShareState {
            view: View::Import,
            hf_file: Some("Q4_K_M/Qwen3-8B-Q4_K_M-00001-of-00002.gguf".into()),
            ..ShareState::default()
        };
        s.inputs.model = ModelRef::HfRepo("unsloth/Qwen3-8B-GGUF".into());
        assert_eq!(
            encode(&s),
            "v=1&view=import&hffile=Q4_K_M/Qwen3-8B-Q4_K_M-00001-of-00002.gguf\
             &hf=unsloth/Qwen3-8B-GGUF"
        );
        round_trip(&s);
    }

    #[test]
    fn bad_docs_pages_and_gguf_files_are_ignored() {
        let d = check_ignored(
            "view=docs&page=../etc&hffile=../../x.gguf",
            &["page", "hffile"],
        );
        assert_eq!(d.state.view, View::Docs);
        assert_eq!(d.state.docs_page, "");
        assert_eq!(d.state.hf_file, None);
        check_ignored("page=KV%20Cache&hffile=model.bin", &["page", "hffile"]);
        check_ignored("hffile=a//b.gguf", &["hffile"]);
        check_ignored("hffile=%2Fa.gguf", &["hffile"]);
    }

    #[test]
    fn escaping_round_trips_odd_characters() {
        assert_eq!(unescape(&escape("a b&c=d%é")), "a b&c=d%é");
        assert_eq!(unescape("Qwen%2FQwen3-32B"), "Qwen/Qwen3-32B");
    }
}
