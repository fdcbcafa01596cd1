//! A labelled text/number field that validates on input and shows the
//! problem next to the field instead of failing.

use leptos::prelude::*;

/// A labelled input. `on_change` receives the text and returns an error
/// message to show (the value is then not applied) or `None`.
#[component]
pub fn Field(
    /// Visible label.
    #[prop(into)]
    label: String,
    /// Element id (also the `data-testid`).
    #[prop(into)]
    id: String,
    /// The current value as text.
    #[prop(into)]
    value: Signal<String>,
    /// Applies the text; returns an error message when it is not valid.
    #[prop(into)]
    on_change: Callback<String, Option<String>>,
    /// Placeholder shown when empty.
    #[prop(optional, into)]
    placeholder: String,
    /// Unit shown after the field (`GiB`, `tokens`).
    #[prop(optional, into)]
    suffix: String,
    /// `inputmode` hint for on-screen keyboards (`decimal`, `numeric`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let err_id = format!("{id}-err");
    let err_id2 = err_id.clone();
    let testid = id.clone();
    let err_testid = format!("{id}-error");
    let label_for = id.clone();
    view! {
        <div class="field" class:invalid=move || error.with(|e| e.is_some())>
            <label for=label_for>{label}</label>
            <div class="field-row">
                <input
                    id=id
                    type="text"
                    data-testid=testid
                    inputmode=inputmode
                    placeholder=placeholder
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    aria-describedby=err_id
                    prop:value=move || value.get()
                    on:input=move |ev| error.set(on_change.run(event_target_value(&ev)))
                />
                {(!suffix.is_empty()).then(|| view! { <span class="suffix">{suffix.clone()}</span> })}
            </div>
            <div class="field-err" id=err_id2 data-testid=err_testid aria-live="polite">
                {move || error.get().unwrap_or_default()}
            </div>
        </div>
    }
}
