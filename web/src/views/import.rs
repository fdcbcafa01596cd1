//! The import view: size a real model from a local GGUF file (only its
//! header is read, in the browser) or from a Hugging Face repo id
//! (`config.json`, or a GGUF file's header by range request), with the
//! user's hardware and settings.
//!
//! The repo id and the chosen GGUF file are in the link (`hf=`, `hffile=`),
//! so the result can be shared; opening the link fetches again. Fetched
//! data and local files never go into the link.

use headroom_core::inputs::{Inputs, ModelRef};
use headroom_core::units::fmt_bytes;
use headroom_core::views as vm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::import::hf::{self, Outcome};
use crate::import::{self, file, Imported};
use crate::use_app;
use crate::views::controls::{HardwarePicker, SettingsPanel, Target};
use crate::views::results::Warnings;

/// What the import panel shows besides the model.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Nothing under way.
    Idle,
    /// Reading; the text says what.
    Loading(String),
    /// The last import failed; the text says why.
    Error(String),
    /// A GGUF repo: pick one of its files.
    PickFile {
        /// The repo.
        repo: String,
        /// Its `.gguf` files.
        files: Vec<String>,
    },
}

/// Import state, provided once by the app so an imported model survives
/// switching views.
#[derive(Clone, Copy)]
pub struct ImportState {
    /// The imported model.
    pub model: RwSignal<Option<Imported>>,
    /// Loading, error or file choice.
    pub status: RwSignal<Status>,
    /// The `(repo, file)` last fetched, so a link is fetched once.
    requested: RwSignal<Option<(String, Option<String>)>>,
    /// Increases with every import; late answers of older ones are dropped.
    generation: RwSignal<u32>,
}

impl ImportState {
    /// Empty state.
    pub fn new() -> Self {
        ImportState {
            model: RwSignal::new(None),
            status: RwSignal::new(Status::Idle),
            requested: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    /// Starts a new import; returns its generation.
    fn begin(&self, what: String) -> u32 {
        let g = self.generation.get_untracked().wrapping_add(1);
        self.generation.set(g);
        self.status.set(Status::Loading(what));
        g
    }

    /// Whether import `g` is still the latest.
    fn current(&self, g: u32) -> bool {
        self.generation.get_untracked() == g
    }
}

impl Default for ImportState {
    fn default() -> Self {
        Self::new()
    }
}

/// The state provided by the app, or a new one (a view mounted alone).
pub fn use_import() -> ImportState {
    use_context::<ImportState>().unwrap_or_else(|| {
        let s = ImportState::new();
        provide_context(s);
        s
    })
}

/// The repo and file the link asks for.
fn link_target(s: &headroom_core::share::ShareState) -> Option<(String, Option<String>)> {
    match &s.inputs.model {
        ModelRef::HfRepo(r) => Some((r.clone(), s.hf_file.clone())),
        ModelRef::Catalog(_) => None,
    }
}

/// Fetches `repo` (and `file`) from Hugging Face into `imp`.
fn start_hf(imp: ImportState, repo: String, file: Option<String>) {
    let g = imp.begin(format!("Contacting Hugging Face for {repo}…"));
    spawn_local(async move {
        let progress = move |m: String| {
            if imp.current(g) {
                imp.status.set(Status::Loading(m));
            }
        };
        let res = hf::import_repo(&repo, file.as_deref(), &progress).await;
        if !imp.current(g) {
            return;
        }
        match res {
            Ok(Outcome::Model(m)) => {
                imp.model.set(Some(m));
                imp.status.set(Status::Idle);
            }
            Ok(Outcome::PickFile(files)) => imp.status.set(Status::PickFile { repo, files }),
            Err(e) => imp.status.set(Status::Error(e)),
        }
    });
}

/// Reads a local GGUF file's header into `imp`.
fn start_file(imp: ImportState, f: web_sys::File) {
    let g = imp.begin(format!(
        "Reading the header of {}…",
        import::clip(&f.name(), 120)
    ));
    spawn_local(async move {
        let res = file::import_file(f).await;
        if !imp.current(g) {
            return;
        }
        match res {
            Ok(m) => {
                imp.model.set(Some(m));
                imp.status.set(Status::Idle);
            }
            Err(e) => imp.status.set(Status::Error(e)),
        }
    });
}

/// The import screen.
#[component]
pub fn Import() -> impl IntoView {
    let st = use_app();
    let imp = use_import();
    // Sync with the outside world: a link naming a repo is fetched once.
    Effect::new(move |_| {
        let Some(key) = st.share.with(link_target) else {
            return;
        };
        if imp.requested.get_untracked().as_ref() == Some(&key) {
            return;
        }
        imp.requested.set(Some(key.clone()));
        start_hf(imp, key.0, key.1);
    });
    let draft = RwSignal::new(
        st.share
            .with_untracked(|s| link_target(s).map(|k| k.0).unwrap_or_default()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match hf::validate_repo(&draft.get_untracked()) {
            Err(e) => imp.status.set(Status::Error(e)),
            Ok(repo) => {
                // Importing the same repo again fetches again.
                imp.requested.set(None);
                st.update(|s| {
                    s.inputs.model = ModelRef::HfRepo(repo);
                    s.hf_file = None;
                });
            }
        }
    };
    let on_local = move |f: web_sys::File| {
        imp.requested.set(None);
        // A local file cannot be shared: the link must not name a repo.
        st.update(|s| {
            s.hf_file = None;
            if matches!(s.inputs.model, ModelRef::HfRepo(_)) {
                s.inputs.model = Inputs::default().model;
            }
        });
        start_file(imp, f);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let f = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|l| l.get(0));
        if let Some(f) = f {
            on_local(f);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let f = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0));
        match f {
            Some(f) => on_local(f),
            None => imp
                .status
                .set(Status::Error(String::from("Drop a .gguf file here."))),
        }
    };
    view! {
        <section class="import" data-testid="view-import" aria-labelledby="import-h">
            <h1 id="import-h">"Import a model"</h1>
            <p class="muted">
                "Size a model that is not in the catalog from its real description. "
                <strong>"Your file never leaves this computer:"</strong>
                " headroom reads only the GGUF header (a few MiB, even for a 100 GB file) in your browser and uploads nothing."
            </p>
            <div class="import-sources">
                <form class="panel" aria-labelledby="import-file-h" on:submit=|ev| ev.prevent_default()>
                    <h2 id="import-file-h">"A GGUF file on this computer"</h2>
                    <div
                        class="dropzone"
                        style="border: 2px dashed var(--line); border-radius: 8px; padding: 16px;"
                        data-testid="gguf-drop"
                        on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                        on:drop=on_drop
                    >
                        <label for="gguf-input">"Drop a .gguf file here, or choose one:"</label>
                        <input
                            id="gguf-input"
                            data-testid="gguf-input"
                            type="file"
                            accept=".gguf"
                            on:change=on_pick
                        />
                    </div>
                    <p class="muted small">
                        "For a split model (…-00001-of-00003.gguf) choose the first file; its tensors are counted, the other files' are not."
                    </p>
                </form>
                <form class="panel" aria-labelledby="import-hf-h" on:submit=submit>
                    <h2 id="import-hf-h">"A Hugging Face repo"</h2>
                    <div class="field">
                        <label for="hf-repo">"Repo id"</label>
                        <input
                            id="hf-repo"
                            data-testid="hf-repo"
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            placeholder="Qwen/Qwen3-32B or unsloth/Qwen3-32B-GGUF"
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="btn" data-testid="hf-import">"Import"</button>
                    <p class="muted small">
                        "Reads config.json, or for a GGUF repo the header of the file you pick. Needs a connection; gated repos cannot be read."
                    </p>
                </form>
            </div>
            <StatusPanel />
            {move || imp.model.get().map(|m| view! { <ImportedModel m=m /> })}
        </section>
    }
}

/// Loading, error and file-choice messages.
#[component]
fn StatusPanel() -> impl IntoView {
    let st = use_app();
    let imp = use_import();
    move || match imp.status.get() {
        Status::Idle => ().into_any(),
        Status::Loading(what) => view! {
            <div class="panel" role="status" data-testid="import-loading">
                <progress aria-label="Loading"></progress>
                " "
                {what}
            </div>
        }
        .into_any(),
        Status::Error(msg) => view! {
            <div class="panel error" role="alert" data-testid="import-error">
                <strong>
                    <span aria-hidden="true">"✗ "</span>
                    {msg}
                </strong>
                <p>"The rest of the page keeps working."</p>
            </div>
        }
        .into_any(),
        Status::PickFile { repo, files } => {
            let items = files
                .into_iter()
                .map(|f| {
                    let f2 = f.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="opt"
                                data-testid="hf-file"
                                on:click=move |_| st.update(|s| s.hf_file = Some(f2.clone()))
                            >
                                {f}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="panel" data-testid="hf-files">
                    <h2>{format!("{repo}: choose a GGUF file")}</h2>
                    <p class="muted small">"Only the header of the file you choose is downloaded."</p>
                    <ul class="file-list">{items}</ul>
                </div>
            }
                .into_any()
        }
    }
}

/// What was read, the settings, and the estimate.
#[component]
fn ImportedModel(m: Imported) -> impl IntoView {
    let st = use_app();
    let is_gguf = m.is_gguf();
    let facts = m
        .facts
        .iter()
        .map(|(key, label, value)| {
            view! {
                <tr data-testid=format!("fact-{key}")>
                    <th scope="row">{*label}</th>
                    <td>{value.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let eval = Memo::new(move |_| st.inputs.with(|i| import::evaluate(i, &m)));
    view! {
        <section class="panel" aria-labelledby="imported-h" data-testid="import-summary">
            <h2 id="imported-h">"What was read"</h2>
            <table class="totals" data-testid="import-facts">
                <tbody>{facts}</tbody>
            </table>
            <p class="muted small">
                {if is_gguf {
                    "Weights are exact: every tensor's bytes come from its stored type and shape. The quantization setting below does not apply to a GGUF file."
                } else {
                    "Weights follow the quantization chosen below, by llama-quantize's rules."
                }}
            </p>
        </section>
        <div class="calc">
            <form class="panel inputs" aria-label="Configuration" on:submit=|ev| ev.prevent_default()>
                <HardwarePicker target=Target::Main />
                <SettingsPanel target=Target::Main />
            </form>
            <div class="results" aria-live="polite">
                {move || match (st.unit.track(), eval.get()).1 {
                    Err(msg) => view! {
                        <div class="panel error" role="alert" data-testid="import-calc-error">
                            <strong>{msg}</strong>
                        </div>
                    }
                        .into_any(),
                    Ok(ev) => view! { <ImportResults ev=ev /> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// The verdict, key figures and memory by part.
#[component]
fn ImportResults(ev: vm::Evaluated) -> impl IntoView {
    let st = use_app();
    let unit = st.unit;
    let e = ev.estimate;
    let verdict = vm::verdict(&e, unit.get_untracked());
    let rows = vm::total_rows(&e, unit.get_untracked());
    let total = fmt_bytes(e.total_bytes, unit.get_untracked());
    let warnings = e.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let rows = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr data-testid=format!("import-total-{}", r.key)>
                    <th scope="row">{r.label}</th>
                    <td class="num">{r.text}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class=format!("panel verdict v-{}", verdict.key) data-testid="import-verdict" data-fit=verdict.key>
            <div class="v-icon" aria-hidden="true">{verdict.icon}</div>
            <div>
                <div class="v-head">{verdict.headline}</div>
                <div class="v-reason">{verdict.reason}</div>
            </div>
        </div>
        <div class="kpis">
            <div class="kpi">
                <div class="kpi-label">"Total memory"</div>
                <div class="kpi-value" data-testid="import-total-mem">{total}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">"Largest context that fits"</div>
                <div class="kpi-value">{vm::max_ctx_text(&e)}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">"Generation"</div>
                <div class="kpi-value" data-testid="import-decode">{vm::fmt_tps(e.decode_tokens_per_s)}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">"Prompt processing"</div>
                <div class="kpi-value">{vm::fmt_tps(e.prefill_tokens_per_s)}</div>
            </div>
        </div>
        <section class="panel" aria-labelledby="imp-mem-h">
            <h2 id="imp-mem-h">"Memory by part"</h2>
            <p class="muted">{vm::placement_text(&e)}</p>
            <table class="totals" data-testid="import-totals">
                <tbody>{rows}</tbody>
            </table>
            <p class="muted small">{vm::confidence_text(&e)}</p>
        </section>
        <Warnings items=warnings />
    }
}
