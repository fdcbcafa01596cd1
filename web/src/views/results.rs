//! Result blocks shared by the calculator and compare views: the command
//! with its Copy button, and the warnings list.

use headroom_core::views::{self as vm, Evaluated};
use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::use_app;

/// The ready-to-run command for the main configuration.
#[component]
pub fn CommandBox(ev: Evaluated) -> impl IntoView {
    let st = use_app();
    let cmd = Signal::derive(move || st.inputs.with(|i| vm::command(i, &ev)));
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
pub fn Warnings(items: Vec<String>) -> impl IntoView {
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
