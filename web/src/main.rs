//! Mounts the app; everything else lives in the library so tests can mount it too.

fn main() {
    console_error_panic_hook::set_once();
    // Marks read by `tests/perf/browser.mjs` (time to first render).
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark("headroom:start");
    }
    leptos::mount::mount_to_body(headroom_web::App);
    if let Some(p) = &perf {
        let _ = p.mark("headroom:mounted");
    }
}
