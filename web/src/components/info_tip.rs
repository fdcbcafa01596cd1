//! An info button that shows a short explanation (units, assumptions).
//!
//! The text is in the DOM at all times, linked with `aria-describedby`, so
//! screen readers announce it; the button toggles its visibility and Escape
//! hides it.

use leptos::prelude::*;

/// A small "i" button with an explanatory popover.
#[component]
pub fn InfoTip(
    /// Explanation shown in the popover.
    #[prop(into)]
    text: String,
    /// Unique id suffix (used for `aria-describedby`).
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let tip_id = format!("tip-{id}");
    let tip_id2 = tip_id.clone();
    view! {
        <span class="info">
            <button
                type="button"
                class="info-btn"
                aria-label="More information"
                aria-expanded=move || open.get().to_string()
                aria-describedby=tip_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }
                on:blur=move |_| open.set(false)
            >
                "i"
            </button>
            <span id=tip_id2 role="tooltip" class="info-pop" class:open=move || open.get()>
                {text}
            </span>
        </span>
    }
}
