//! An inline SVG line chart in normalised coordinates.
//!
//! Callers give points, ticks and horizontal reference lines as fractions
//! of the plot area (x: 0 = left, 1 = right; y: 0 = bottom, 1 = top); the
//! chart only maps them to pixels. No chart library.

use leptos::prelude::*;

/// Everything a [`LineChart`] draws.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartSpec {
    /// The line, left to right.
    pub points: Vec<(f64, f64)>,
    /// X-axis ticks: position and label.
    pub x_ticks: Vec<(f64, String)>,
    /// Y-axis ticks: position and label.
    pub y_ticks: Vec<(f64, String)>,
    /// Horizontal reference lines: position, label, CSS class.
    pub hlines: Vec<(f64, String, &'static str)>,
    /// A highlighted point (the current setting) and its label.
    pub marker: Option<(f64, f64, String)>,
    /// X-axis title.
    pub x_title: String,
    /// Y-axis title.
    pub y_title: String,
    /// Text alternative describing the chart.
    pub summary: String,
}

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

fn px(x: f64) -> f64 {
    LEFT + x.clamp(0.0, 1.0) * (W - LEFT - RIGHT)
}

fn py(y: f64) -> f64 {
    TOP + (1.0 - y.clamp(0.0, 1.0)) * (H - TOP - BOTTOM)
}

fn polyline(points: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (x, y) in points {
        s.push_str(&format!("{:.1},{:.1} ", px(*x), py(*y)));
    }
    s
}

/// The chart.
#[component]
pub fn LineChart(
    /// What to draw.
    #[prop(into)]
    spec: Signal<ChartSpec>,
    /// `data-testid` of the `<svg>`.
    testid: &'static str,
) -> impl IntoView {
    view! {
        <figure class="chart">
            <svg
                data-testid=testid
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-label=move || spec.with(|s| s.summary.clone())
                preserveAspectRatio="xMidYMid meet"
            >
                {move || {
                    let s = spec.get();
                    let grid = s
                        .y_ticks
                        .iter()
                        .map(|(y, label)| {
                            let yy = py(*y);
                            view! {
                                <g class="tick">
                                    <line x1=LEFT x2=W - RIGHT y1=yy y2=yy class="grid"></line>
                                    <text x=LEFT - 6.0 y=yy + 4.0 text-anchor="end">{label.clone()}</text>
                                </g>
                            }
                        })
                        .collect_view();
                    let xt = s
                        .x_ticks
                        .iter()
                        .map(|(x, label)| {
                            let xx = px(*x);
                            view! {
                                <g class="tick">
                                    <line x1=xx x2=xx y1=H - BOTTOM y2=H - BOTTOM + 4.0 class="axis"></line>
                                    <text x=xx y=H - BOTTOM + 16.0 text-anchor="middle">{label.clone()}</text>
                                </g>
                            }
                        })
                        .collect_view();
                    let hl = s
                        .hlines
                        .iter()
                        .map(|(y, label, class)| {
                            let yy = py(*y);
                            view! {
                                <g class=format!("hline {class}")>
                                    <line x1=LEFT x2=W - RIGHT y1=yy y2=yy></line>
                                    <text x=LEFT + 6.0 y=yy - 5.0 text-anchor="start">{label.clone()}</text>
                                </g>
                            }
                        })
                        .collect_view();
                    let marker = s
                        .marker
                        .as_ref()
                        .map(|(x, y, label)| {
                            let (xx, yy) = (px(*x), py(*y));
                            let anchor = if *x > 0.7 { "end" } else { "start" };
                            let dx = if *x > 0.7 { -8.0 } else { 8.0 };
                            view! {
                                <g class="marker">
                                    <circle cx=xx cy=yy r="5"></circle>
                                    <text x=xx + dx y=yy - 8.0 text-anchor=anchor>{label.clone()}</text>
                                </g>
                            }
                        });
                    view! {
                        <g>
                            {grid}
                            <line x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM class="axis"></line>
                            <line x1=LEFT x2=LEFT y1=TOP y2=H - BOTTOM class="axis"></line>
                            {xt}
                            {hl}
                            <polyline class="series" points=polyline(&s.points)></polyline>
                            {marker}
                            <text class="axis-title" x=(LEFT + W - RIGHT) / 2.0 y=H - 6.0 text-anchor="middle">
                                {s.x_title.clone()}
                            </text>
                            <text
                                class="axis-title"
                                transform=format!("translate(14 {}) rotate(-90)", (TOP + H - BOTTOM) / 2.0)
                                text-anchor="middle"
                            >
                                {s.y_title.clone()}
                            </text>
                        </g>
                    }
                }}
            </svg>
            <figcaption class="sr-only">{move || spec.with(|s| s.summary.clone())}</figcaption>
        </figure>
    }
}
