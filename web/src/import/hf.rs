//! Importing from Hugging Face by repo id: `config.json`, the repo's file
//! list, and GGUF headers through HTTP range requests.
//!
//! Every request has a [`TIMEOUT_MS`] timeout (an `AbortController`), every
//! body is read through its stream up to a byte limit and then cancelled,
//! and no Hugging Face login is ever sent, so gated and private repos
//! cannot be read.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, ReadableStreamDefaultReader, RequestInit, Response};

use super::{from_config, from_gguf, read_gguf, Imported};

/// Where repos are read from.
pub const BASE: &str = "https://huggingface.co";
/// Timeout of one request, in milliseconds.
pub const TIMEOUT_MS: i32 = 15_000;
/// Largest file listing read.
pub const MAX_LISTING_BYTES: usize = 8 << 20;
/// Most GGUF files offered from one repo.
pub const MAX_FILES: usize = 400;

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The browser says it is offline, or the request did not reach the server.
    Offline,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// An HTTP error status, with Hugging Face's `X-Error-Code` when given.
    Status(u16, Option<String>),
    /// The answer is larger than allowed.
    TooLarge,
}

/// What importing a repo gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A model, ready to size.
    Model(Imported),
    /// A GGUF repo: the user picks one of these files.
    PickFile(Vec<String>),
}

/// Checks a repo id: `owner/name`, each part letters, digits, `-`, `_`,
/// `.`, not starting or ending with `-` or `.`, no `--` or `..`, at most 96
/// characters in all (Hugging Face's rules).
pub fn validate_repo(s: &str) -> Result<String, String> {
    let t = s.trim();
    let bad = || {
        String::from(
            "Enter a Hugging Face repo id like Qwen/Qwen3-8B (owner/name: letters, digits, -, _ and .).",
        )
    };
    let (owner, name) = t.split_once('/').ok_or_else(bad)?;
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !p.starts_with(['-', '.'])
            && !p.ends_with(['-', '.'])
            && !p.contains("--")
            && !p.contains("..")
    };
    if t.len() > 96 || !part_ok(owner) || !part_ok(name) {
        return Err(bad());
    }
    Ok(String::from(t))
}

/// Whether a repo file name is a safe relative `.gguf` path to offer.
pub fn is_gguf_path(f: &str) -> bool {
    f.len() <= 128
        && f.to_ascii_lowercase().ends_with(".gguf")
        && f.split('/').all(|seg| !seg.is_empty() && seg != "..")
        && f.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// Imports `repo`: the header of `file` when given; otherwise its
/// `config.json`, or, for a GGUF repo (`…-GGUF`, or no `config.json`), its
/// list of GGUF files. `progress` is told what is being read.
pub async fn import_repo(
    repo: &str,
    file: Option<&str>,
    progress: &dyn Fn(String),
) -> Result<Outcome, String> {
    let repo = validate_repo(repo)?;
    if let Some(file) = file {
        if !is_gguf_path(file) {
            return Err(String::from("That is not a .gguf file name."));
        }
        return import_gguf(&repo, file, progress).await.map(Outcome::Model);
    }
    if !repo.to_ascii_lowercase().ends_with("-gguf") {
        progress(format!("Reading {repo}/config.json from Hugging Face…"));
        let url = format!("{BASE}/{repo}/resolve/main/config.json");
        match fetch_bytes(&url, None, headroom_core::hf_json::MAX_CONFIG_BYTES).await {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let cfg = headroom_core::hf_json::parse_config_json(&text)
                    .map_err(|e| format!("{repo}: {e}."))?;
                return from_config(&repo, &cfg).map(Outcome::Model);
            }
            Err(FetchError::Status(404, _)) => {}
            Err(e) => return Err(describe(&repo, &e)),
        }
    }
    progress(format!("Listing the files of {repo}…"));
    let files = list_gguf_files(&repo).await?;
    if files.is_empty() {
        return Err(format!(
            "{repo} has neither a config.json nor a .gguf file headroom can read."
        ));
    }
    Ok(Outcome::PickFile(files))
}

/// The `.gguf` files of a repo (first shards of split models only), sorted.
async fn list_gguf_files(repo: &str) -> Result<Vec<String>, String> {
    let url = format!("{BASE}/api/models/{repo}");
    let bytes = fetch_bytes(&url, None, MAX_LISTING_BYTES)
        .await
        .map_err(|e| describe(repo, &e))?;
    let unexpected = || format!("Hugging Face sent an unexpected file list for {repo}.");
    let text = String::from_utf8_lossy(&bytes);
    let json = js_sys::JSON::parse(&text).map_err(|_| unexpected())?;
    let siblings = Reflect::get(&json, &JsValue::from_str("siblings")).map_err(|_| unexpected())?;
    if !Array::is_array(&siblings) {
        return Err(unexpected());
    }
    let mut files: Vec<String> = Array::from(&siblings)
        .iter()
        .filter_map(|s| {
            Reflect::get(&s, &JsValue::from_str("rfilename"))
                .ok()?
                .as_string()
        })
        .filter(|f| is_gguf_path(f))
        .filter(|f| super::split_of_name(f).is_none_or(|(i, _)| i == 1))
        .take(MAX_FILES)
        .collect();
    files.sort();
    Ok(files)
}

/// Imports one GGUF file of a repo from its header (range requests).
async fn import_gguf(
    repo: &str,
    file: &str,
    progress: &dyn Fn(String),
) -> Result<Imported, String> {
    let url = format!("{BASE}/{repo}/resolve/main/{file}");
    let header = read_gguf(None, |n| {
        progress(format!(
            "Reading the first {} MiB of {file} (the header only)…",
            n >> 20
        ));
        let url = url.clone();
        async move {
            let limit = usize::try_from(n).unwrap_or(usize::MAX);
            fetch_bytes(&url, Some(n), limit)
                .await
                .map_err(|e| describe(repo, &e))
        }
    })
    .await?;
    let name = file.rsplit('/').next().unwrap_or(file);
    from_gguf(&format!("{repo}/{file} (header only)"), name, &header)
}

/// The message shown for a failed request about `repo`.
pub fn describe(repo: &str, e: &FetchError) -> String {
    match e {
        FetchError::Offline => String::from(
            "Hugging Face cannot be reached: you seem to be offline. Everything else on this page works offline; \
             importing from Hugging Face needs a connection.",
        ),
        FetchError::Timeout => format!(
            "Hugging Face did not answer within {} seconds; try again later.",
            TIMEOUT_MS / 1000
        ),
        FetchError::Status(401 | 403, code) if code.as_deref() == Some("RepoNotFound") => {
            format!("{repo} was not found on Hugging Face (or it is private).")
        }
        FetchError::Status(401 | 403, _) => format!(
            "{repo} is gated or private: accept the license on Hugging Face; headroom cannot read \
             gated repos (it never uses your Hugging Face login)."
        ),
        FetchError::Status(404, _) => format!("{repo} was not found on Hugging Face."),
        FetchError::Status(429, _) => {
            String::from("Hugging Face is rate limiting requests; try again in a minute.")
        }
        FetchError::Status(s, _) => format!("Hugging Face answered with HTTP {s}."),
        FetchError::TooLarge => String::from("Hugging Face sent more data than expected."),
    }
}

/// Cancels the request's timeout when dropped.
struct TimeoutGuard(i32);

impl Drop for TimeoutGuard {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.0);
        }
    }
}

/// GETs `url` (the first `range` bytes when given) and reads at most
/// `max` bytes of the body. With a range, a longer body is cut to `max`;
/// without one it is [`FetchError::TooLarge`].
pub async fn fetch_bytes(url: &str, range: Option<u64>, max: usize) -> Result<Vec<u8>, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Offline)?;
    // Remote hosts are unreachable offline; same-origin files (the docs
    // pages) may still come from the service worker's cache.
    let remote = url.starts_with("http://") || url.starts_with("https://");
    if remote && !window.navigator().on_line() {
        return Err(FetchError::Offline);
    }
    let controller = AbortController::new().map_err(|_| FetchError::Offline)?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    let handle = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS)
        .map_err(|_| FetchError::Offline)?;
    let _guard = TimeoutGuard(handle);
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(&signal));
    if let Some(n) = range {
        let headers = Headers::new().map_err(|_| FetchError::Offline)?;
        headers
            .append("Range", &format!("bytes=0-{}", n.saturating_sub(1)))
            .map_err(|_| FetchError::Offline)?;
        init.set_headers(&headers);
    }
    let failed = |signal: &web_sys::AbortSignal| {
        if signal.aborted() {
            FetchError::Timeout
        } else {
            FetchError::Offline
        }
    };
    let resp: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| failed(&signal))?
        .dyn_into()
        .map_err(|_| FetchError::Offline)?;
    let status = resp.status();
    if !(200..300).contains(&status) {
        let code = resp.headers().get("x-error-code").ok().flatten();
        return Err(FetchError::Status(status, code));
    }
    let Some(body) = resp.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| failed(&signal))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).unwrap_or(JsValue::NULL);
        if !value.is_instance_of::<Uint8Array>() {
            return Err(FetchError::Offline);
        }
        let arr = Uint8Array::new(&value);
        let len = arr.length() as usize;
        let room = max.saturating_sub(out.len());
        if len <= room {
            out.extend(arr.to_vec());
            if range.is_none() || len < room {
                continue;
            }
        } else if range.is_none() {
            let _ = reader.cancel();
            return Err(FetchError::TooLarge);
        } else {
            out.extend(arr.subarray(0, room as u32).to_vec());
        }
        // A range read has all it asked for; stop the download.
        let _ = reader.cancel();
        return Ok(out);
    }
}
