//! A button that copies text to the clipboard and says so.

use leptos::prelude::*;

/// Copies `text()` to the clipboard on click; the label turns into
/// "Copied" (announced politely) for two seconds.
#[component]
pub fn CopyButton(
    /// What to copy, read at click time.
    #[prop(into)]
    text: Signal<String>,
    /// Button label.
    #[prop(into)]
    label: String,
    /// `data-testid` of the button.
    testid: &'static str,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let on_click = move |_| {
        let ok = copy_to_clipboard(&text.get_untracked());
        status.set(if ok {
            "Copied".into()
        } else {
            "Copy failed: select the text and press Ctrl+C".into()
        });
        set_timeout(
            move || status.set(String::new()),
            std::time::Duration::from_millis(2000),
        );
    };
    view! {
        <span class="copy">
            <button type="button" class="btn" data-testid=testid on:click=on_click>
                {label}
            </button>
            <span class="copy-status" role="status" aria-live="polite">
                {move || status.get()}
            </span>
        </span>
    }
}

/// Starts an asynchronous clipboard write; false when the API is missing.
fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    // The promise is dropped: a rejection (permissions) only loses the copy.
    let _ = clipboard.write_text(text);
    true
}
