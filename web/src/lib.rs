//! The headroom calculator: Leptos components over headroom-core.
use leptos::prelude::*;

/// The application root.
#[component]
pub fn App() -> impl IntoView {
    view! { <main><h1>"headroom"</h1></main> }
}
