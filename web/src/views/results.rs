//! Result blocks shared by the calculator and compare views: the command
//! with its Copy button, and the warnings list.

use leptos::prelude::*;

use crate::components::copy_button::CopyButton;

/// The ready-to-run command for the main configuration.
#[component]
pub fn CommandBox(#[prop(into)] cmd: Signal<String>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="cmd-h">
            <h2 id="cmd-h">"Run it"</h2>
            <pre class="cmd"><code data-testid="command">{move || cmd.get()}</code></pre>
            <CopyButton text=cmd label="Copy command" testid="copy-command" />
        </section>
    }
}

/// Things the user should know about the estimate.
#[component]
pub fn Warnings(#[prop(into)] items: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let items = items.get();
        (!items.is_empty()).then(|| {
            view! {
                <section class="panel warn" aria-labelledby="warn-h" data-testid="warnings">
                    <h2 id="warn-h">
                        <span aria-hidden="true">"⚠ "</span>
                        "Good to know"
                    </h2>
                    <ul>{items.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                </section>
            }
        })
    }
}
