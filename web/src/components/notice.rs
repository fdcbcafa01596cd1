//! A dismissible notice listing items (for example, parts of a link that
//! were not restored).

use leptos::prelude::*;

/// A dismissible notice with a title and a list of `(name, reason)` items.
#[component]
pub fn Notice(
    /// Heading line.
    #[prop(into)]
    title: String,
    /// Items shown as "name: reason".
    #[prop(into)]
    items: Signal<Vec<(String, String)>>,
    /// Called when the user dismisses the notice.
    #[prop(into)]
    on_dismiss: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || items.with(|i| !i.is_empty())>
            <div class="notice" role="status" data-testid="notice">
                <div class="notice-body">
                    <strong>
                        <span aria-hidden="true">"⚠ "</span>
                        {title.clone()}
                    </strong>
                    <ul>
                        {move || {
                            items
                                .get()
                                .into_iter()
                                .map(|(k, r)| {
                                    view! {
                                        <li data-testid="notice-item">
                                            <code>{k}</code>
                                            ": "
                                            {r}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <button
                    type="button"
                    class="btn"
                    data-testid="notice-dismiss"
                    on:click=move |_| on_dismiss.run(())
                >
                    "Dismiss"
                </button>
            </div>
        </Show>
    }
}
