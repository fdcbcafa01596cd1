//! Recommendations: for the chosen hardware, context, use case and minimum
//! speed, a ranked list of model + quant with a one-line reason, and what
//! changes with more RAM, another GPU or a shorter context.

use headroom_core::share::{RecommendPrefs, UseCase};
use headroom_core::views as vm;
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::segmented::{Choice, Segmented};
use crate::use_app;
use crate::views::controls::{HardwarePicker, SettingsPanel, Target};

/// The recommendations view.
#[component]
pub fn Recommend() -> impl IntoView {
    let st = use_app();
    let prefs = Memo::new(move |_| st.share.with(|s| s.recommend));
    let list = Memo::new(move |_| {
        let inputs = st.inputs.get();
        let p = prefs.get();
        let unit = st.unit.get();
        st.with_cache(|c| vm::recommend(&inputs, &p, unit, 8, c))
            .unwrap_or_default()
    });
    let show_what_if = RwSignal::new(false);
    let what_ifs = Memo::new(move |_| {
        if !show_what_if.get() {
            return Vec::new();
        }
        let inputs = st.inputs.get();
        let p = prefs.get();
        let unit = st.unit.get();
        vm::what_ifs(&inputs)
            .into_iter()
            .map(|(label, alt)| {
                let top = st
                    .with_cache(|c| vm::recommend(&alt, &p, unit, 1, c))
                    .unwrap_or_default();
                let text = match top.first() {
                    Some(r) => format!("{} ({})", r.title, r.figures),
                    None => "nothing fits at this speed".to_string(),
                };
                (label, text)
            })
            .collect::<Vec<_>>()
    });
    let use_case = Signal::derive(move || prefs.get().use_case.key().to_string());
    let min_speed = Signal::derive(move || format!("{}", prefs.get().min_tokens_per_s));
    view! {
        <section data-testid="view-recommend" aria-labelledby="rec-h">
            <h1 id="rec-h" class="view-title">"Recommendations for your hardware"</h1>
            <form class="panel view-controls" aria-label="Hardware and needs" on:submit=|ev| ev.prevent_default()>
                <HardwarePicker target=Target::Main />
                <div class="group">
                    <Segmented
                        legend="Use case"
                        name="use"
                        choices=vec![
                            Choice::new("chat", "Chat"),
                            Choice::new("code", "Coding"),
                            Choice::new("agent", "Agents/tools"),
                            Choice::new("long", "Long documents"),
                        ]
                        selected=use_case
                        on_select={move |v: String| {
                            let u = UseCase::from_key(&v).unwrap_or_default();
                            st.update(|s| s.recommend.use_case = u);
                        }}
                    />
                    <Field
                        label="Minimum generation speed"
                        id="minspeed"
                        value=min_speed
                        suffix="tok/s"
                        inputmode="decimal"
                        on_change={move |s: String| match s.trim().parse::<f64>() {
                            Ok(x) if x.is_finite() && (0.0..=10_000.0).contains(&x) => {
                                st.update(|sh| sh.recommend = RecommendPrefs { min_tokens_per_s: x, ..sh.recommend });
                                None
                            }
                            _ => Some("Enter tokens per second, 0 to 10000.".into()),
                        }}
                    />
                </div>
                <SettingsPanel target=Target::Main compact=true no_quant=true />
            </form>
            <div class="panel">
                <h2>"Best picks"</h2>
                <Show
                    when=move || list.with(|l| !l.is_empty())
                    fallback=|| view! { <p data-testid="rec-empty">"Nothing in the catalog fits this hardware at this context and speed. Lower the context or the minimum speed, or add memory."</p> }
                >
                    <ol class="rec-list" data-testid="rec-list">
                        <For
                            each={move || list.get().into_iter().enumerate().collect::<Vec<_>>()}
                            key=|(i, r)| (*i, r.title.clone(), r.figures.clone())
                            children={move |(i, r)| {
                                let model = r.model_id;
                                let quant = r.quant;
                                view! {
                                    <li class="rec" data-testid=format!("rec-{i}")>
                                        <span class="rec-rank" aria-hidden="true">{i + 1}</span>
                                        <div>
                                            <div class="rec-title">{r.title}</div>
                                            <div class="rec-why">{r.reason}</div>
                                        </div>
                                        <div class="rec-figs">
                                            <div class="num">{r.figures}</div>
                                            <button
                                                type="button"
                                                class="btn"
                                                on:click=move |_| {
                                                    st.update(|s| {
                                                        s.inputs.model = headroom_core::inputs::ModelRef::Catalog(model.to_string());
                                                        s.inputs.quant = quant.to_string();
                                                        s.view = headroom_core::share::View::Calc;
                                                    })
                                                }
                                            >
                                                "Open in calculator"
                                            </button>
                                        </div>
                                    </li>
                                }
                            }}
                        />
                    </ol>
                </Show>
            </div>
            <details class="panel" on:toggle=move |_| show_what_if.update(|v| *v = !*v)>
                <summary data-testid="what-if-toggle">"What changes if…"</summary>
                <ul data-testid="what-ifs">
                    {move || {
                        what_ifs
                            .get()
                            .into_iter()
                            .map(|(l, t)| view! { <li><strong>{l}</strong>": top pick "{t}</li> })
                            .collect_view()
                    }}
                </ul>
            </details>
        </section>
    }
}
