//! Input panels shared by several views: hardware, model, quantization,
//! context and runtime settings.
//!
//! Every control edits one configuration, the main one or a compare column,
//! chosen by [`Target`]; option lists come from `headroom_core::views`.

mod hardware;
mod model;
mod settings;

pub use hardware::HardwarePicker;
pub use model::ModelPicker;
pub use settings::SettingsPanel;

use headroom_core::inputs::Inputs;
use leptos::prelude::*;

use crate::AppState;

/// Which configuration a control edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The main configuration.
    Main,
    /// Compare column `i + 2` (index into `ShareState::compare`).
    Column(usize),
}

impl Target {
    /// The configuration, tracked.
    pub fn get(self, st: AppState) -> Inputs {
        match self {
            Target::Main => st.inputs.get(),
            Target::Column(i) => st
                .share
                .with(|s| s.compare.get(i).cloned())
                .unwrap_or_else(|| st.inputs.get()),
        }
    }

    /// Edits the configuration.
    pub fn edit(self, st: AppState, f: impl FnOnce(&mut Inputs)) {
        st.update(|s| match self {
            Target::Main => f(&mut s.inputs),
            Target::Column(i) => {
                if let Some(c) = s.compare.get_mut(i) {
                    f(c)
                }
            }
        });
    }

    /// A suffix making element ids unique per column.
    pub fn suffix(self) -> String {
        match self {
            Target::Main => String::new(),
            Target::Column(i) => format!("-c{}", i + 2),
        }
    }
}

/// Parses a positive size in GiB; empty = `None` (automatic).
pub(crate) fn parse_gib(s: &str) -> Result<Option<f64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 65_536.0 => Ok(Some(x)),
        _ => Err("Enter a size in GiB, for example 24 (or leave empty for the default).".into()),
    }
}

pub(crate) fn fmt_opt_f64(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

/// An element id unique per target (`quant`, `quant-c2`).
pub fn idf(base: &str, t: Target) -> String {
    format!("{base}{}", t.suffix())
}
