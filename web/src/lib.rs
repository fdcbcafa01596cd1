//! The headroom calculator: Leptos components over headroom-core.
//!
//! The whole shareable state is one [`ShareState`] held in [`AppState`] and
//! mirrored into the page URL (`history.replaceState`) on every change; the
//! URL is read once at start-up. Screens live in [`views`], generic widgets
//! in [`components`]; figures come from headroom-core only.

pub mod bench;
pub mod components;
pub mod docs;
pub mod import;
pub mod views;

use headroom_core::inputs::Inputs;
use headroom_core::share::{self, Decoded, Ignored, ShareState, View};
use headroom_core::units::ByteUnit;
use headroom_core::views::WeightCache;
use leptos::prelude::*;

use components::notice::Notice;

/// The application state, provided once by [`App`] through context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Everything a share link holds.
    pub share: RwSignal<ShareState>,
    /// Parts of the opening link that were not restored (the notice).
    pub ignored: RwSignal<Vec<Ignored>>,
    /// The main configuration.
    pub inputs: Memo<Inputs>,
    /// The byte unit shown.
    pub unit: Memo<ByteUnit>,
    /// The screen shown.
    pub view: Memo<View>,
    /// Architectures and weight plans reused by the sweeps.
    pub cache: StoredValue<WeightCache, LocalStorage>,
}

impl AppState {
    /// State restored from a decoded link.
    pub fn new(decoded: Decoded) -> Self {
        let share = RwSignal::new(decoded.state);
        AppState {
            share,
            ignored: RwSignal::new(decoded.ignored),
            inputs: Memo::new(move |_| share.with(|s| s.inputs.clone())),
            unit: Memo::new(move |_| share.with(|s| s.unit)),
            view: Memo::new(move |_| share.with(|s| s.view)),
            cache: StoredValue::new_local(WeightCache::new()),
        }
    }

    /// Runs `f` with the weight cache.
    pub fn with_cache<T>(&self, f: impl FnOnce(&mut WeightCache) -> T) -> Option<T> {
        self.cache.try_update_value(f)
    }

    /// Changes the main configuration.
    pub fn set_inputs(&self, f: impl FnOnce(&mut Inputs)) {
        self.share.update(|s| f(&mut s.inputs));
    }

    /// Changes anything in the shareable state.
    pub fn update(&self, f: impl FnOnce(&mut ShareState)) {
        self.share.update(f);
    }

    /// The link to the current state with another view.
    pub fn link_for(&self, view: View) -> String {
        let mut s = self.share.get();
        s.view = view;
        format!("?{}", share::encode(&s))
    }
}

/// The state provided by [`App`]; a detached default state when called
/// outside it (a component mounted alone in a test).
pub fn use_app() -> AppState {
    use_context::<AppState>().unwrap_or_else(|| {
        let s = AppState::new(Decoded::default());
        provide_context(s);
        s
    })
}

/// How long the URL waits for more changes before it is rewritten.
const URL_SYNC_DELAY_MS: u64 = 150;

/// The query string of the page (`?…`), empty when unavailable.
fn location_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The absolute URL of the page without its query, for share links.
pub fn page_base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// Replaces the page URL's query without a navigation.
fn replace_query(query: &str) {
    let Some(w) = web_sys::window() else { return };
    let Ok(history) = w.history() else { return };
    let url = format!("?{query}");
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// The application root: reads the link, provides [`AppState`], keeps the
/// URL in sync and shows the current view.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(share::decode(&location_query()));
    provide_context(state);
    provide_context(views::import::ImportState::new());
    // Sync the outside world only: the URL mirrors the state. The browser
    // takes milliseconds per `history.replaceState`, so a burst of changes
    // (a slider drag) writes the URL once, shortly after the last one.
    let pending_query = StoredValue::new_local(None::<String>);
    Effect::new(move |_| {
        let q = state.share.with(share::encode);
        let first = pending_query.with_value(|p| p.is_none());
        pending_query.set_value(Some(q));
        if first {
            set_timeout(
                move || {
                    if let Some(q) = pending_query.try_update_value(|p| p.take()).flatten() {
                        replace_query(&q);
                    }
                },
                std::time::Duration::from_millis(URL_SYNC_DELAY_MS),
            );
        }
    });
    let share_url =
        Signal::derive(move || format!("{}?{}", page_base_url(), state.share.with(share::encode)));
    let notice_items = Signal::derive(move || {
        state
            .ignored
            .get()
            .into_iter()
            .map(|i| (i.key, i.reason))
            .collect::<Vec<_>>()
    });
    view! {
        <div class="app" data-testid="app">
            <header class="top">
                <div class="brand">
                    <a href="?v=1" class="logo" aria-label="headroom home">
                        "headroom"
                    </a>
                    <span class="tagline">"Will this model fit, and how fast will it run?"</span>
                </div>
                <views::nav::Nav />
                <div class="top-tools">
                    <views::nav::UnitToggle />
                    <components::copy_button::CopyButton
                        text=share_url
                        label="Copy link"
                        testid="copy-link"
                    />
                </div>
            </header>
            <Notice
                title="Some parts of this link were not understood and were ignored:"
                items=notice_items
                on_dismiss=move |_| state.ignored.set(Vec::new())
            />
            <main id="main" data-testid="main">
                {move || match state.view.get() {
                    View::Calc => view! { <views::calculator::Calculator /> }.into_any(),
                    View::Quants => view! { <views::quants::Quants /> }.into_any(),
                    View::Tiers => view! { <views::tiers::Tiers /> }.into_any(),
                    View::Recommend => view! { <views::recommend::Recommend /> }.into_any(),
                    View::Compare => view! { <views::compare::Compare /> }.into_any(),
                    View::Docs => view! { <views::docs::Docs /> }.into_any(),
                    View::Import => view! { <views::import::Import /> }.into_any(),
                }}
            </main>
            <footer class="foot">
                <p>
                    "Figures are computed in your browser from published architectures and "
                    "llama.cpp/vLLM/MLX memory rules; nothing is uploaded. "
                    "GB = 10⁹ bytes, GiB = 2³⁰ bytes."
                </p>
            </footer>
        </div>
    }
}
