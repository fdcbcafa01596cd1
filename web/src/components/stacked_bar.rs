//! A horizontal stacked bar: parts of a whole against a capacity.
//!
//! Widths are fractions of the bar's scale (which may exceed the capacity,
//! so an overflow is visible); each part carries its own text so the bar is
//! readable without colour (the legend repeats every value).

use leptos::prelude::*;

/// One part of a [`StackedBar`].
#[derive(Clone, Debug, PartialEq)]
pub struct BarPart {
    /// Legend label ("Weights").
    pub label: String,
    /// Value text ("16.82 GB").
    pub value: String,
    /// Width as a fraction of the bar scale, 0..=1.
    pub frac: f64,
    /// CSS class choosing the fill and pattern (`part-weights`, …).
    pub class: &'static str,
}

/// A stacked bar with a capacity marker and a legend.
#[component]
pub fn StackedBar(
    /// Accessible name of the bar ("RTX 4090: 20.1 GB of 24 GB").
    #[prop(into)]
    title: Signal<String>,
    /// The parts, left to right.
    #[prop(into)]
    parts: Signal<Vec<BarPart>>,
    /// Capacity marker position as a fraction of the scale (`None` hides it).
    #[prop(into)]
    capacity_frac: Signal<Option<f64>>,
    /// `data-testid` of the wrapper.
    testid: String,
) -> impl IntoView {
    let pct = |f: f64| format!("{:.3}%", (f.clamp(0.0, 1.0)) * 100.0);
    view! {
        <div class="sbar" data-testid=testid>
            <div class="sbar-title">{move || title.get()}</div>
            <div class="sbar-track" role="img" aria-label=move || title.get()>
                {move || {
                    parts
                        .get()
                        .into_iter()
                        .filter(|p| p.frac > 0.0)
                        .map(|p| {
                            let tip = format!("{}: {}", p.label, p.value);
                            view! {
                                <div
                                    class=format!("sbar-part {}", p.class)
                                    style:width=pct(p.frac)
                                    title=tip
                                ></div>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    capacity_frac
                        .get()
                        .map(|f| {
                            view! {
                                <div class="sbar-cap" style:left=pct(f) aria-hidden="true"></div>
                            }
                        })
                }}
            </div>
            <ul class="legend">
                {move || {
                    parts
                        .get()
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li>
                                    <span class=format!("swatch {}", p.class) aria-hidden="true"></span>
                                    {p.label}
                                    " "
                                    <span class="num">{p.value}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
