//! A segmented control: a labelled group of radio buttons styled as
//! buttons. Native radios give keyboard support (arrow keys) for free.

use leptos::prelude::*;

/// One option of a [`Segmented`] control.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Value reported to `on_select`.
    pub value: String,
    /// Visible label.
    pub label: String,
}

impl Choice {
    /// A choice whose value and label are given.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A radio group shown as a row of buttons.
#[component]
pub fn Segmented(
    /// Group label (a `<legend>`).
    #[prop(into)]
    legend: String,
    /// Radio group name (unique on the page).
    #[prop(into)]
    name: String,
    /// The options.
    choices: Vec<Choice>,
    /// The selected value.
    #[prop(into)]
    selected: Signal<String>,
    /// Called with the chosen value.
    #[prop(into)]
    on_select: Callback<String>,
) -> impl IntoView {
    let buttons = choices
        .into_iter()
        .map(|c| {
            let v = c.value.clone();
            let v2 = c.value.clone();
            let testid = format!("{name}-{}", c.value);
            let name = name.clone();
            view! {
                <label class="seg-opt">
                    <input
                        type="radio"
                        name=name
                        value=c.value.clone()
                        data-testid=testid
                        prop:checked=move || selected.with(|s| *s == v)
                        on:change=move |_| on_select.run(v2.clone())
                    />
                    <span>{c.label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="seg">
            <legend>{legend}</legend>
            <div class="seg-row">{buttons}</div>
        </fieldset>
    }
}
