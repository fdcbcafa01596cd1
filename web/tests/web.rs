//! Browser tests: mount the whole app, drive inputs like a user, and read
//! the DOM through `data-testid`.
//!
//! Expected figures are worked by hand in comments from the model's
//! published config.json, never read back from the engine.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Document, Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement,
};

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Sets the page query, then mounts the app into a fresh element.
fn mount_with(query: &str) -> (Element, Box<dyn std::any::Any>) {
    let w = web_sys::window().expect("a window");
    w.history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query))
        .expect("replaceState");
    let root = doc().create_element("div").expect("div");
    doc()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), headroom_web::App);
    (root, Box::new(handle))
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid='{id}']"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

fn text(root: &Element, id: &str) -> String {
    by_testid(root, id).text_content().unwrap_or_default()
}

fn fire(el: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let ev = Event::new_with_event_init_dict(kind, &init).expect("event");
    el.dispatch_event(&ev).expect("dispatch");
}

fn type_into(root: &Element, id: &str, value: &str) {
    let el = by_testid(root, id);
    el.clone()
        .unchecked_into::<HtmlInputElement>()
        .set_value(value);
    fire(&el, "input");
}

fn select(root: &Element, id: &str, value: &str) {
    let el = by_testid(root, id);
    el.clone()
        .unchecked_into::<HtmlSelectElement>()
        .set_value(value);
    fire(&el, "change");
}

fn click(root: &Element, id: &str) {
    by_testid(root, id).unchecked_into::<HtmlElement>().click();
}

fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Waits `ms` milliseconds.
async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .expect("timer");
}

/// The page query once it holds every string of `parts`, or what it holds
/// after 3 s: the app writes the URL shortly after the last change.
async fn search_with(parts: &[&str]) -> String {
    for _ in 0..150 {
        if parts.iter().all(|p| search().contains(p)) {
            break;
        }
        sleep_ms(20).await;
    }
    search()
}

#[wasm_bindgen_test]
async fn kv_cache_follows_the_context_field_and_unit_toggle() {
    // Qwen3-8B (config.json): 36 layers, 8 KV heads, head_dim 128.
    // f16 KV = 2 (K and V) × 36 × 8 × 128 × 2 bytes × tokens.
    let (root, _h) = mount_with("?v=1&model=qwen3-8b&ctx=16k");
    leptos::task::tick().await;
    // 16384 tokens: 2 × 36 × 8 × 128 × 2 × 16384 = 2,415,919,104 B = 2.42 GB.
    assert!(
        text(&root, "total-kv").contains("2.42 GB"),
        "{}",
        text(&root, "total-kv")
    );
    type_into(&root, "ctx", "32k");
    leptos::task::tick().await;
    // 32768 tokens: twice that, 4,831,838,208 B = 4.83 GB = 4.50 GiB (÷ 2^30).
    assert!(
        text(&root, "total-kv").contains("4.83 GB"),
        "{}",
        text(&root, "total-kv")
    );
    let q = search_with(&["ctx=32k"]).await;
    assert!(q.contains("ctx=32k"), "URL not updated: {q}");
    click(&root, "unit-gib");
    leptos::task::tick().await;
    assert!(
        text(&root, "total-kv").contains("4.50 GiB"),
        "{}",
        text(&root, "total-kv")
    );
    let q = search_with(&["unit=gib"]).await;
    assert!(q.contains("unit=gib"), "{q}");
}

#[wasm_bindgen_test]
async fn kv_type_select_quantizes_the_cache() {
    let (root, _h) = mount_with("?v=1&model=qwen3-8b&ctx=16k");
    leptos::task::tick().await;
    select(&root, "kv", "q8_0");
    leptos::task::tick().await;
    // q8_0 stores 32 values in 34 bytes: 2 × 36 × 8 × 128 × 16384 × 34/32
    // = 1,283,457,024 B = 1.28 GB.
    assert!(
        text(&root, "total-kv").contains("1.28 GB"),
        "{}",
        text(&root, "total-kv")
    );
    let q = search_with(&["kv=q8_0"]).await;
    assert!(q.contains("kv=q8_0"), "{q}");
}

#[wasm_bindgen_test]
async fn bad_field_input_shows_a_message_and_keeps_the_figures() {
    let (root, _h) = mount_with("?v=1&model=qwen3-8b&ctx=16k");
    leptos::task::tick().await;
    type_into(&root, "ctx", "lots");
    leptos::task::tick().await;
    assert!(!text(&root, "ctx-error").is_empty(), "no field error shown");
    // The last valid context (16K) still drives the figures.
    assert!(
        text(&root, "total-kv").contains("2.42 GB"),
        "{}",
        text(&root, "total-kv")
    );
    type_into(&root, "np", "0");
    leptos::task::tick().await;
    assert!(
        !text(&root, "np-error").is_empty(),
        "no field error for np=0"
    );
}

#[wasm_bindgen_test]
async fn malformed_link_shows_a_dismissible_notice_and_a_working_page() {
    let (root, _h) = mount_with("?v=1&model=qwen3-8b&ctx=lots&np=2&zzz=1");
    leptos::task::tick().await;
    let items = root
        .query_selector_all("[data-testid='notice-item']")
        .expect("query");
    assert_eq!(items.length(), 2, "ctx and zzz are listed");
    assert!(text(&root, "notice").contains("zzz"));
    // The rest of the link was restored and the calculator works.
    assert_eq!(
        by_testid(&root, "np")
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "2"
    );
    assert!(!text(&root, "verdict-headline").is_empty());
    click(&root, "notice-dismiss");
    leptos::task::tick().await;
    assert!(root
        .query_selector("[data-testid='notice']")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn navigation_switches_views_and_keeps_the_configuration() {
    let (root, _h) = mount_with("?v=1&model=qwen3-8b&ctx=16k");
    leptos::task::tick().await;
    click(&root, "nav-quants");
    leptos::task::tick().await;
    assert!(root
        .query_selector("[data-testid='view-quants']")
        .ok()
        .flatten()
        .is_some());
    let q = search_with(&["view=quants", "ctx=16k"]).await;
    assert!(q.contains("view=quants") && q.contains("ctx=16k"), "{q}");
    let rows = root
        .query_selector_all("[data-testid='quant-table'] tbody tr")
        .expect("rows");
    assert!(rows.length() >= 5, "only {} quant rows", rows.length());
    click(&root, "nav-calc");
    leptos::task::tick().await;
    assert!(root
        .query_selector("[data-testid='view-calc']")
        .ok()
        .flatten()
        .is_some());
}

#[wasm_bindgen_test]
async fn unknown_model_shows_an_error_not_a_blank_page() {
    let (root, _h) = mount_with("?v=1&model=no-such-model");
    leptos::task::tick().await;
    assert!(text(&root, "calc-error").contains("no-such-model"));
    // Inputs still work: pick a catalog model from the search.
    type_into(&root, "model-search", "qwen3 8b");
    leptos::task::tick().await;
    click(&root, "model-opt-qwen3-8b");
    leptos::task::tick().await;
    assert!(!text(&root, "verdict-headline").is_empty());
}

#[wasm_bindgen_test]
async fn hugging_face_repo_outside_the_catalog_points_to_import() {
    let (root, _h) = mount_with("?v=1&hf=someone/not-in-catalog");
    leptos::task::tick().await;
    assert!(text(&root, "calc-error").contains("someone/not-in-catalog"));
    assert!(root
        .query_selector("[data-testid='open-import']")
        .ok()
        .flatten()
        .is_some());
}

#[wasm_bindgen_test]
async fn projector_of_unknown_size_is_flagged_not_silently_dropped() {
    // Gemma 3n: llama.cpp publishes no projector for it, so with vision on
    // the warnings say the projector is not counted.
    let (root, _h) = mount_with("?v=1&model=gemma-3n-e4b&mm=1");
    leptos::task::tick().await;
    let warnings = text(&root, "warnings");
    assert!(warnings.contains("projector size is unknown"), "{warnings}");
    // Gemma 3 27B's projector size is known: no such warning.
    let (root, _h) = mount_with("?v=1&model=gemma-3-27b&mm=1");
    leptos::task::tick().await;
    let warnings = root
        .query_selector("[data-testid='warnings']")
        .ok()
        .flatten()
        .and_then(|w| w.text_content())
        .unwrap_or_default();
    assert!(
        !warnings.contains("projector size is unknown"),
        "{warnings}"
    );
}
