//! The model picker: search the catalog or enter a Hugging Face repo id.

use headroom_core::inputs::ModelRef;
use headroom_core::views as vm;
use leptos::prelude::*;

use super::{idf, Target};
use crate::use_app;

/// A searchable model picker: type to filter the catalog, or enter a
/// Hugging Face repo id.
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
    let choose = move |m: ModelRef| {
        target.edit(st, |i| {
            i.model = m;
        });
        query.set(String::new());
        open.set(false);
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
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }
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
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            role="option"
                                            class="opt"
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
