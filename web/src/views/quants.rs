//! The quant table: every published quant of one model with file size,
//! memory at the chosen context, published quality loss and a fit mark per
//! VRAM tier — the seed documents' tables, computed.

use headroom_core::views::{self as vm, QuantTable};
use leptos::prelude::*;

use crate::components::info_tip::InfoTip;
use crate::use_app;
use crate::views::controls::{ModelPicker, SettingsPanel, Target};

/// The quant table view.
#[component]
pub fn Quants() -> impl IntoView {
    let st = use_app();
    let table = Memo::new(move |_| {
        let inputs = st.inputs.get();
        let unit = st.unit.get();
        st.with_cache(|c| vm::quant_table(&inputs, unit, c))
            .unwrap_or_default()
    });
    let set_quant = move |q: String| st.set_inputs(|i| i.quant = q);
    view! {
        <section data-testid="view-quants" aria-labelledby="quants-h">
            <h1 id="quants-h" class="view-title">
                {move || format!("Quant table: {}", table.with(|t| t.model.clone()))}
            </h1>
            <form class="panel view-controls" aria-label="Model and context" on:submit=|ev| ev.prevent_default()>
                <ModelPicker target=Target::Main />
                <SettingsPanel target=Target::Main compact=true />
            </form>
            <div class="panel">
                <p class="keyline" data-testid="quants-assumption">{move || table.with(|t| t.assumption.clone())}</p>
                <p class="keyline">
                    "Marks: "
                    <span class="mark fits">"✓"</span>
                    " fits in VRAM · "
                    <span class="mark tight">"!"</span>
                    " fits with under 10 % free · "
                    <span class="mark no">"✗"</span>
                    " does not fit fully in VRAM"
                    <InfoTip id="quality" text="Quality: perplexity increase and KL divergence versus 16-bit, measured by llama.cpp on LLaMA 3 8B (Wikitext-2). Other models lose roughly as much; Unsloth UD mixes and non-GGUF formats have no comparable published figure." />
                </p>
                {move || {
                    let t = table.get();
                    match t.error.clone() {
                        Some(e) => view! { <p class="error" data-testid="quants-error">{e}</p> }.into_any(),
                        None => view! { <QuantRows t=t on_pick=set_quant /> }.into_any(),
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn QuantRows(t: QuantTable, #[prop(into)] on_pick: Callback<String>) -> impl IntoView {
    let heads = t
        .tiers
        .iter()
        .map(|l| view! { <th scope="col" class="num">{l.split(" (").next().unwrap_or(l).to_string()}</th> })
        .collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|r| {
            let q = r.quant.clone();
            let marks = r
                .marks
                .iter()
                .map(|m| {
                    view! {
                        <td class="num">
                            <span class=format!("mark {}", m.key) title=m.words aria-label=m.words>{m.icon}</span>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr class:current=r.current data-testid=format!("quant-row-{}", r.quant)>
                    <th scope="row">
                        <button type="button" class="linkish" title="Use this quant" on:click=move |_| on_pick.run(q.clone())>
                            {r.quant.clone()}
                        </button>
                        {r.published.then(|| view! { <span class="badge" title="A GGUF repository in the catalog publishes this file">"published"</span> })}
                    </th>
                    <td class="num" data-testid="q-file">{r.file}</td>
                    <td class="num" data-testid="q-mem">{r.memory}</td>
                    <td>{r.quality}</td>
                    {marks}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="quant-table">
                <thead>
                    <tr>
                        <th scope="col">"Quant"</th>
                        <th scope="col" class="num">"File"</th>
                        <th scope="col" class="num">"Memory"</th>
                        <th scope="col">"Quality loss"</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
