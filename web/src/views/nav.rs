//! Navigation between views and the GB/GiB toggle.

use headroom_core::share::View;
use headroom_core::units::ByteUnit;
use leptos::prelude::*;

use crate::components::segmented::{Choice, Segmented};
use crate::use_app;

fn title(v: View) -> &'static str {
    match v {
        View::Calc => "Calculator",
        View::Quants => "Quant table",
        View::Tiers => "Hardware tiers",
        View::Recommend => "Recommendations",
        View::Compare => "Compare",
        View::Import => "Import",
        View::Docs => "Docs",
    }
}

/// Links to every view; each is a real link to the same state with
/// another `view=`, so it can be opened in a new tab.
#[component]
pub fn Nav() -> impl IntoView {
    let state = use_app();
    let links = View::ALL
        .into_iter()
        .map(|v| {
            let testid = format!("nav-{}", v.key());
            view! {
                <a
                    href=move || state.link_for(v)
                    data-testid=testid
                    aria-current=move || (state.view.get() == v).then_some("page")
                    on:click=move |ev| {
                        ev.prevent_default();
                        state.update(|s| s.view = v);
                    }
                >
                    {title(v)}
                </a>
            }
        })
        .collect_view();
    view! { <nav class="nav" aria-label="Views">{links}</nav> }
}

/// GB (10⁹) / GiB (2³⁰) switch.
#[component]
pub fn UnitToggle() -> impl IntoView {
    let state = use_app();
    let selected = Signal::derive(move || {
        match state.unit.get() {
            ByteUnit::Gb => "gb",
            ByteUnit::Gib => "gib",
        }
        .to_string()
    });
    view! {
        <Segmented
            legend="Units"
            name="unit"
            choices=vec![Choice::new("gb", "GB"), Choice::new("gib", "GiB")]
            selected=selected
            on_select=move |v: String| {
                state.update(|s| s.unit = if v == "gib" { ByteUnit::Gib } else { ByteUnit::Gb })
            }
        />
    }
}
