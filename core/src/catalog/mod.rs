//! The catalogs compiled into the core: models, hardware, runtimes and
//! quantization quality. Every row carries a `source`.
//!
//! # Format
//!
//! Catalogs are Rust `static` tables of plain structs, one row per entry,
//! written as `#[rustfmt::skip]` rows and compiled into the core:
//!
//! * **No runtime parsing.** The web bundle ships no JSON/TOML parser and no
//!   serde for catalog data; a row cannot fail to load, so the estimator
//!   stays infallible.
//! * **Type-checked.** A missing field, a misspelt enum or a string where a
//!   number belongs is a compile error, not a silent `null` at run time.
//!   Model architectures are written as [`crate::hf_config::HfConfig`] rows
//!   with config.json field names (`..HfConfig::EMPTY` for the rest), the
//!   same shape the config.json importer produces.
//! * **Sourced.** Every row has a `source: &'static str` (a config.json URL,
//!   model card, vendor spec page or TechPowerUp entry). Values that could
//!   not be confirmed say `UNVERIFIED` in the row's `note`.
//! * **One row per addition.** Adding a model or a GPU is one row in one
//!   file (see CONTRIBUTING.md); tests check ids are unique, tables are
//!   sorted, required fields are present and figures are in sane ranges.
//!
//! # Tables
//!
//! * [`models`](mod@models): models with their architecture, published parameter count,
//!   GGUF repositories and capability hints ([`models()`], [`model`],
//!   [`model_by_hf`], [`search_models`]).
//! * [`gpus`](mod@gpus): GPUs, unified-memory machines and CPU memory presets
//!   ([`gpus()`], [`gpu`]); [`gpus::Gpu::device_specs`] turns a row into
//!   [`crate::device::DeviceSpec`]s.
//! * [`tiers`](mod@tiers): the hardware tiers the seed documents speak in ([`tiers()`]).
//! * [`runtimes`]: runtime defaults that change memory, and ready-to-run
//!   commands ([`runtime`], [`runtimes::command`]).
//! * [`quality`](mod@quality): published quality loss per quantization type ([`quality()`]).

pub mod gpus;
pub mod models;
pub mod quality;
pub mod runtimes;
pub mod tiers;

pub use gpus::{gpu, gpus, Gpu};
pub use models::{model, model_by_hf, models, search_models, Model};
pub use quality::{quality, QualityRow};
pub use runtimes::{runtime, RuntimeProfile};
pub use tiers::{tiers, HardwareTier};
