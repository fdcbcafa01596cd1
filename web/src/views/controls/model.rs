//! The model picker: search the catalog or enter a Hugging Face repo id.

use headroom_core::inputs::ModelRef;
use headroom_core::views as vm;
use leptos::prelude::*;

use super::{idf, Target};
use crate::use_app;

/// A searchable model picker: type to filter the catalog, or enter a
/// Hugging Face repo id. Keyboard: the arrow keys move through the
/// options (announced through `aria-activedescendant`), Enter picks the
/// active one, Escape closes the list (a second Escape clears the field).
#[component]
pub fn ModelPicker(target: Target) -> impl IntoView {
    let st = use_app();
    let inputs = Memo::new(move |_| target.get(st));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let current = Signal::derive(move || inputs.with(|i| vm::model_label(&i.model)));
    let results = Memo::new(move |_| query.with(|q| vm::model_search(q, 12)));
    let hf_guess = Signal::derive(move || query.with(|q| vm::looks_like_hf_repo(q)));
    let search_id = idf("model-search", target);
    let list_id = idf("model-list", target);
    // Index of the option the arrow keys reached: the Hugging Face guess
    // (when there is one) comes first, then the catalog results.
    let active = RwSignal::new(None::<usize>);
    let n_options = move || usize::from(hf_guess.with(|h| h.is_some())) + results.with(|r| r.len());
    let option_at = move |k: usize| -> Option<ModelRef> {
        let guess = hf_guess.get();
        match (&guess, k) {
            (Some(repo), 0) => Some(ModelRef::HfRepo(repo.clone())),
            _ => {
                let k = k - usize::from(guess.is_some());
                results.with(|r| r.get(k).map(|m| ModelRef::Catalog(m.id.to_string())))
            }
        }
    };
    let opt_id = {
        let list_id = list_id.clone();
        move |k: usize| format!("{list_id}-opt-{k}")
    };
    let choose = move |m: ModelRef| {
        target.edit(st, |i| {
            i.model = m;
        });
        query.set(String::new());
        open.set(false);
        active.set(None);
    };
    let on_key = {
        let opt_id = opt_id.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let n = n_options();
            let step = |k: Option<usize>, down: bool| match (k, down) {
                _ if n == 0 => None,
                (None, true) => Some(0),
                (None, false) => Some(n - 1),
                (Some(k), true) => Some((k + 1).min(n - 1)),
                (Some(k), false) => Some(k.saturating_sub(1)),
            };
            match ev.key().as_str() {
                "ArrowDown" | "ArrowUp" => {
                    ev.prevent_default();
                    open.set(true);
                    let next = step(active.get_untracked(), ev.key() == "ArrowDown");
                    active.set(next);
                    if let Some(el) = next
                        .and_then(|k| web_sys::window()?.document()?.get_element_by_id(&opt_id(k)))
                    {
                        el.scroll_into_view_with_bool(false);
                    }
                }
                "Enter" => {
                    if let Some(m) = active.get_untracked().and_then(option_at) {
                        ev.prevent_default();
                        choose(m);
                    }
                }
                "Escape" => {
                    // First Escape closes the list; with it closed, the
                    // browser's own Escape clears the search field.
                    if open.get_untracked() {
                        ev.prevent_default();
                    }
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        }
    };
    let active_descendant = {
        let opt_id = opt_id.clone();
        move || active.get().filter(|_| open.get()).map(&opt_id)
    };
    let guess_id = StoredValue::new(opt_id(0));
    let opt_id = StoredValue::new(opt_id);
    let result_id = move |id: &'static str| {
        let offset = usize::from(hf_guess.with(|h| h.is_some()));
        results
            .with(|r| r.iter().position(|m| m.id == id))
            .map(|k| k + offset)
    };
    view! {
        <fieldset class="group">
            <legend>"Model"</legend>
            <div class="field picker">
                <label for=search_id.clone()>"Search models"</label>
                <div class="current" data-testid=idf("model-current", target)>
                    {move || current.get()}
                </div>
                <input
                    id=search_id.clone()
                    data-testid=search_id.clone()
                    type="search"
                    autocomplete="off"
                    placeholder="name, family, or Hugging Face id (Qwen/Qwen3-32B)"
                    role="combobox"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=list_id.clone()
                    aria-autocomplete="list"
                    aria-activedescendant=active_descendant
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        open.set(true);
                        active.set(None);
                    }
                    on:focus=move |_| open.set(true)
                    on:keydown=on_key
                />
                <Show when=move || open.get()>
                    <ul class="model-results" id=list_id.clone() role="listbox" data-testid=list_id.clone()>
                        {move || {
                            hf_guess
                                .get()
                                .map(|repo| {
                                    let r2 = repo.clone();
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                role="option"
                                                class="opt"
                                                id=guess_id.get_value()
                                                class:active=move || active.get() == Some(0)
                                                aria-selected=move || (active.get() == Some(0)).to_string()
                                                on:click=move |_| choose(ModelRef::HfRepo(r2.clone()))
                                            >
                                                "Use Hugging Face repo "
                                                <code>{repo}</code>
                                            </button>
                                        </li>
                                    }
                                })
                        }}
                        <For
                            each=move || results.get()
                            key=|r| r.id
                            children={move |r| {
                                let id = r.id;
                                let at = move || result_id(id);
                                let is_active = move || at().is_some() && at() == active.get();
                                let dom_id = move || at().map(|k| opt_id.with_value(|f| f(k)));
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            role="option"
                                            class="opt"
                                            id=dom_id
                                            class:active=is_active
                                            aria-selected=move || is_active().to_string()
                                            data-testid=format!("model-opt-{id}")
                                            on:click=move |_| choose(ModelRef::Catalog(id.to_string()))
                                        >
                                            <span class="opt-name">{r.name}</span>
                                            <span class="opt-meta">{r.meta}</span>
                                        </button>
                                    </li>
                                }
                            }}
                        />
                        <Show when=move || results.with(|r| r.is_empty()) && hf_guess.with(|h| h.is_none())>
                            <li class="empty">"No model matches. Try a family name like qwen or gemma."</li>
                        </Show>
                    </ul>
                </Show>
            </div>
        </fieldset>
    }
}
