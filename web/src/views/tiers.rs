//! Hardware tiers: for each memory tier, what fits well and what to avoid
//! across the catalog — the seed documents' "Quick Summary" tables,
//! computed at the stated context.

use headroom_core::views as vm;
use leptos::prelude::*;

use crate::use_app;
use crate::views::controls::{SettingsPanel, Target};

/// Tiers shown, smallest first (the seed summaries' rows).
const TIERS: [&str; 9] = [
    "8gb",
    "12gb",
    "16gb",
    "24gb",
    "32gb",
    "2x24gb",
    "48gb",
    "80gb",
    "128gb-unified",
];

/// The tiers view.
#[component]
pub fn Tiers() -> impl IntoView {
    let st = use_app();
    let summaries = Memo::new(move |_| {
        let inputs = st.inputs.get();
        let unit = st.unit.get();
        st.with_cache(|c| vm::tier_summaries(&inputs, &TIERS, unit, c))
            .unwrap_or_default()
    });
    let assumption = Memo::new(move |_| {
        st.inputs.with(|i| {
            format!(
                "Assumes {} context, {} KV cache, {} sequence(s), {}, every layer in VRAM on the tier's representative card with default system RAM. \"Fits well\" = Q4_K_M or better with the best quant that fits; \"avoid\" = the next size or quant up.",
                vm::fmt_ctx(i.ctx),
                headroom_core::share::kv_key(i.kv_type_k),
                i.parallel,
                vm::runtime_label(i.runtime)
            )
        })
    });
    view! {
        <section data-testid="view-tiers" aria-labelledby="tiers-h">
            <h1 id="tiers-h" class="view-title">"What fits each hardware tier"</h1>
            <form class="panel" aria-label="Context and runtime" on:submit=|ev| ev.prevent_default()>
                <SettingsPanel target=Target::Main compact=true no_quant=true />
            </form>
            <p class="keyline" data-testid="tiers-assumption">{move || assumption.get()}</p>
            <div class="tiers-grid">
                <For
                    each=move || summaries.get()
                    key=|t| (t.id, t.good.clone(), t.avoid.clone())
                    children={|t| {
                        let good = t.good.into_iter().map(|g| view! { <li><strong>{g.label}</strong>" — "<span class="muted">{g.detail}</span></li> }).collect_view();
                        let avoid = t.avoid.into_iter().map(|g| view! { <li>{g.label}" — "<span class="muted">{g.detail}</span></li> }).collect_view();
                        view! {
                            <article class="panel tier" data-testid=format!("tier-{}", t.id)>
                                <h2>{t.label}</h2>
                                <div class="lbl good"><span aria-hidden="true">"✓ "</span>"Fits well"</div>
                                <ul data-testid="tier-good">{good}</ul>
                                <div class="lbl avoid"><span aria-hidden="true">"✗ "</span>"Avoid"</div>
                                <ul data-testid="tier-avoid">{avoid}</ul>
                                <p class="small muted">"Tier from " {t.source}</p>
                            </article>
                        }
                    }}
                />
            </div>
        </section>
    }
}
