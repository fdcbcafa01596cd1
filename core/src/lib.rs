//! headroom-core: exact memory and speed estimates for running large
//! language models locally.
//!
//! The pipeline has three stages (see ARCHITECTURE.md):
//! `Inputs` (what the user chose, URL-serializable) → `Scenario` (resolved
//! against the catalogs: an [`arch::Arch`], a quantization, devices, a
//! runtime) → `Estimate` (bytes per part and per device, fit verdict,
//! speed, warnings). Estimation never fails; only input parsing returns
//! errors.
//!
//! The crate is `no_std` + `alloc` without the default `std` feature, does
//! no I/O, reads no clock and has no global state.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod arch;
pub mod catalog;
pub mod compute;
pub mod device;
pub mod efficiency;
pub mod estimate;
pub mod formats;
pub mod ggml;
pub mod gguf;
pub mod hf_config;
#[cfg(feature = "json")]
pub mod hf_json;
pub mod inputs;
pub mod kv;
pub mod placement;
pub mod quant;
pub mod resolve;
pub mod resolve_inputs;
pub mod runtime;
pub mod scenario;
pub mod share;
pub mod small;
pub mod speed;
pub mod sweep;
pub mod tensors;
pub mod units;
pub mod views;
pub mod weights;
