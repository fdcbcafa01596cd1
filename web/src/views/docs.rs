//! The docs view: the method pages and guides rendered at build time, a
//! page list, and search across pages that works offline.
//!
//! Page HTML is our own build-time output (`headroom-docgen`), never user
//! input, so it is set with `inner_html`. Links between pages are deep links
//! (`?v=1&view=docs&page=kv-cache`); clicks on them switch the page in
//! place and keep the rest of the configuration.

use headroom_core::share::{self, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::docs::{self, DocPage, Hit};
use crate::{use_app, AppState};

/// Prefix of the deep links `headroom-docgen` writes for relative `.md` links.
const DOC_LINK: &str = "?v=1&view=docs&page=";

/// The link to docs page `slug` with the rest of the current state.
fn page_href(st: AppState, slug: &str) -> String {
    let mut s = st.share.get_untracked();
    s.view = View::Docs;
    s.docs_page = if slug == "index" {
        String::new()
    } else {
        slug.to_string()
    };
    format!("?{}", share::encode(&s))
}

/// Shows docs page `slug` and scrolls to the top.
fn open_page(st: AppState, slug: &str) {
    let slug = if slug == "index" { "" } else { slug };
    st.update(|s| {
        s.view = View::Docs;
        s.docs_page = slug.to_string();
    });
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The docs screen.
#[component]
pub fn Docs() -> impl IntoView {
    let st = use_app();
    let slug = Memo::new(move |_| st.share.with(|s| s.docs_page.clone()));
    let index = LocalResource::new(docs::load_index);
    let pages = Memo::new(move |_| match index.get() {
        Some(Ok(p)) => p,
        _ => Vec::<DocPage>::new(),
    });
    let page = Memo::new(move |_| {
        pages.with(|ps| slug.with(|s| docs::page(ps, s).map(|p| p.slug.clone())))
    });
    let html = LocalResource::new(move || {
        let slug = page.get();
        async move {
            match slug {
                Some(s) => docs::load_page(s).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| query.with(|q| pages.with(|ps| docs::search(ps, q))));
    let searching =
        Signal::derive(move || query.with(|q| q.trim().chars().count() >= docs::MIN_QUERY));
    let on_content_click = move |ev: web_sys::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(Some(a)) = el.closest("a") else { return };
        let Some(href) = a.get_attribute("href") else {
            return;
        };
        if let Some(rest) = href.strip_prefix(DOC_LINK) {
            ev.prevent_default();
            open_page(st, rest.split('#').next().unwrap_or(""));
        }
    };
    let on_search_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            if let Some(h) = hits.with_untracked(|h| h.first().map(|h| h.slug.clone())) {
                query.set(String::new());
                open_page(st, &h);
            }
        }
        "Escape" => query.set(String::new()),
        "ArrowDown" => {
            ev.prevent_default();
            focus_first_hit();
        }
        _ => {}
    };
    let page_list = move || {
        pages
            .get()
            .into_iter()
            .map(|p| {
                let slug = p.slug;
                let (s1, s2, s3, s4) = (slug.clone(), slug.clone(), slug.clone(), slug);
                view! {
                    <li>
                        <a
                            href=move || page_href(st, &s1)
                            data-testid=format!("doc-link-{s2}")
                            aria-current=move || (page.get().as_deref() == Some(s3.as_str())).then_some("page")
                            on:click=move |ev| {
                                ev.prevent_default();
                                query.set(String::new());
                                open_page(st, &s4);
                            }
                        >
                            {p.title}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="calc docs" data-testid="view-docs" aria-labelledby="docs-h">
            <h1 id="docs-h" class="sr-only">"Documentation"</h1>
            <aside class="panel inputs docs-side">
                <div class="field">
                    <label for="doc-search">"Search the docs"</label>
                    <input
                        id="doc-search"
                        data-testid="doc-search"
                        type="search"
                        autocomplete="off"
                        placeholder="e.g. flash attention"
                        aria-controls="doc-hits"
                        aria-describedby="doc-search-status"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=on_search_key
                    />
                    <p id="doc-search-status" class="muted small" aria-live="polite" data-testid="doc-search-status">
                        {move || search_status(searching.get(), hits.with(Vec::len))}
                    </p>
                </div>
                <Show when=move || searching.get()>
                    <ul id="doc-hits" class="doc-hits" data-testid="doc-hits">
                        <For
                            each=move || hits.get()
                            key=|h| (h.slug.clone(), h.snippet.clone())
                                            children=move |h: Hit| {
                                let slug = h.slug;
                                let href = page_href(st, &slug);
                                let testid = format!("doc-hit-{slug}");
                                view! {
                                    <li data-testid=testid>
                                        <a
                                            href=href
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                query.set(String::new());
                                                open_page(st, &slug);
                                            }
                                        >
                                            <span class="opt-name">{h.title}</span>
                                        </a>
                                        <p class="muted small">{h.snippet}</p>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </Show>
                <nav aria-label="Docs pages">
                    <ul class="doc-pages">{page_list}</ul>
                </nav>
            </aside>
            <div class="panel docs-main">
                {move || match (index.get(), html.get()) {
                    (None, _) | (Some(Ok(_)), None) => view! {
                        <p class="muted" data-testid="doc-loading">"Loading the docs…"</p>
                    }
                        .into_any(),
                    (Some(Err(e)), _) | (_, Some(Err(e))) => view! {
                        <p role="alert" data-testid="doc-missing">{e}</p>
                    }
                        .into_any(),
                    (Some(Ok(_)), Some(Ok(Some(body)))) => view! {
                        <article
                            class="doc"
                            data-testid="doc-content"
                            data-page=page.get().unwrap_or_default()
                            inner_html=body
                            on:click=on_content_click
                        ></article>
                    }
                        .into_any(),
                    (Some(Ok(ps)), Some(Ok(None))) if ps.is_empty() => view! {
                        <p data-testid="doc-missing">"This copy of headroom was built without its docs pages."</p>
                    }
                        .into_any(),
                    (Some(Ok(_)), Some(Ok(None))) => view! {
                        <p data-testid="doc-missing">
                            {format!("There is no docs page named \"{}\". ", slug.get())}
                            <a href=page_href(st, "index") on:click=move |ev| {
                                ev.prevent_default();
                                open_page(st, "index");
                            }>"Go to the docs home"</a>
                        </p>
                    }
                        .into_any(),
                }}
            </div>
        </section>
    }
}

fn search_status(searching: bool, n: usize) -> String {
    match (searching, n) {
        (false, _) => String::from("Works offline. Type two or more characters."),
        (true, 0) => String::from("No page matches."),
        (true, 1) => String::from("1 page matches. Enter opens it."),
        (true, n) => format!("{n} pages match. Enter opens the first."),
    }
}

/// Moves keyboard focus to the first search result.
fn focus_first_hit() {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#doc-hits a").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}
