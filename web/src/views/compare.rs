//! Compare: two to four configurations side by side. The first column is
//! the main configuration; the others are stored in the link as
//! differences from it.

use headroom_core::views as vm;
use leptos::prelude::*;

use crate::use_app;
use crate::views::controls::{HardwarePicker, ModelPicker, SettingsPanel, Target};

/// The compare view.
#[component]
pub fn Compare() -> impl IntoView {
    let st = use_app();
    // Opening compare with no columns starts with one copy to edit.
    if st.share.with_untracked(|s| s.compare.is_empty()) {
        st.update(|s| {
            let c = s.inputs.clone();
            s.compare.push(c);
        });
    }
    let n_cols = Memo::new(move |_| st.share.with(|s| s.compare.len() + 1));
    let add = move |_: leptos::ev::MouseEvent| {
        st.update(|s| {
            if s.compare.len() + 1 < headroom_core::share::MAX_COMPARE {
                let c = s
                    .compare
                    .last()
                    .cloned()
                    .unwrap_or_else(|| s.inputs.clone());
                s.compare.push(c);
            }
        })
    };
    view! {
        <section data-testid="view-compare" aria-labelledby="cmp-h">
            <h1 id="cmp-h" class="view-title">"Compare configurations"</h1>
            <p class="keyline">
                "Change any column; the link keeps all of them. "
                <button
                    type="button"
                    class="btn"
                    data-testid="cmp-add"
                    disabled={move || n_cols.get() >= headroom_core::share::MAX_COMPARE}
                    on:click=add
                >
                    "Add a column"
                </button>
            </p>
            <div class="cmp-grid">
                <For
                    each={move || (0..n_cols.get()).collect::<Vec<_>>()}
                    key=|i| *i
                    children={move |i| {
                        let target = if i == 0 { Target::Main } else { Target::Column(i - 1) };
                        view! { <Column target=target index=i /> }
                    }}
                />
            </div>
        </section>
    }
}

#[component]
fn Column(target: Target, index: usize) -> impl IntoView {
    let st = use_app();
    let col = Memo::new(move |_| {
        let inputs = target.get(st);
        vm::compare_column(&inputs, st.unit.get())
    });
    let remove = move |_: leptos::ev::MouseEvent| {
        if let Target::Column(i) = target {
            st.update(|s| {
                if i < s.compare.len() && s.compare.len() > 1 {
                    s.compare.remove(i);
                }
            });
        }
    };
    view! {
        <article class="panel cmp-col" data-testid=format!("cmp-col-{}", index + 1)>
            <h2>
                {format!("Configuration {}", index + 1)}
                {(index >= 2).then(|| view! { <button type="button" class="btn" on:click=remove>"Remove"</button> })}
            </h2>
            <p class="small muted" data-testid="cmp-title">{move || col.with(|c| c.title.clone())}</p>
            {move || {
                let c = col.get();
                match (c.verdict, c.error) {
                    (_, Some(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    (Some(v), None) => {
                        let figs = c
                            .figures
                            .into_iter()
                            .map(|(l, v)| view! { <tr><th scope="row">{l}</th><td>{v}</td></tr> })
                            .collect_view();
                        view! {
                            <div class=format!("verdict-line v-{}", v.key) data-testid="cmp-verdict" data-fit=v.key>
                                <span aria-hidden="true">{v.icon}" "</span>
                                <strong>{v.headline}</strong>
                            </div>
                            <table class="cmp-figs" data-testid="cmp-figs"><tbody>{figs}</tbody></table>
                        }
                            .into_any()
                    }
                    (None, None) => ().into_any(),
                }
            }}
            <details>
                <summary>"Edit"</summary>
                <HardwarePicker target=target />
                <ModelPicker target=target />
                <SettingsPanel target=target compact=true />
            </details>
        </article>
    }
}
