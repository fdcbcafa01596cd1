//! `headroom estimate --json`: one JSON object per run.
//!
//! # Schema (version 2)
//!
//! The object has exactly these keys; byte counts are integers (bytes),
//! speeds are numbers (tokens per second):
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `schema` | integer | always `2` for this shape (2 added the placement: `ngl`, `n_cpu_moe`, `tensor_split`, device `n_layers`) |
//! | `params` | integer | total parameters |
//! | `active_params` | integer | parameters used per token (MoE: fewer than `params`) |
//! | `file_bytes` | integer | predicted model file size |
//! | `weights_bytes` | integer | weights held in memory on all devices (tied-output copy and projector included) |
//! | `kv_bytes` | integer | attention KV cache |
//! | `recurrent_state_bytes` | integer | recurrent / linear-attention state |
//! | `compute_bytes` | integer | compute buffers of all devices (estimated) |
//! | `output_bytes` | integer | host logits buffer |
//! | `overhead_bytes` | integer | backend/driver overhead and runtime reserves |
//! | `total_bytes` | integer | sum of the parts above |
//! | `devices` | array | per device, GPUs first then system RAM: objects `{name: string, kind: "gpu" \| "cpu", capacity_bytes, used_bytes, weights_bytes, kv_bytes, compute_bytes, n_layers}` (integers; `n_layers`: main blocks there, counted on every GPU when each block is divided across them) |
//! | `ngl` | integer | layers offloaded as llama.cpp's `-ngl` counts them (output layer included) |
//! | `n_cpu_moe` | integer | MoE blocks whose routed experts stay in RAM (`--n-cpu-moe`) |
//! | `tensor_split` | array of integers | layers per GPU (output layer included) when llama.cpp's `--fit` filled several GPUs one by one (its `-ts`); empty otherwise |
//! | `fits` | string | `"fits"`, `"tight"` (a device keeps under 10 % free) or `"no"` |
//! | `max_ctx_that_fits` | integer | largest context (tokens) that fits with the same placement; 0 if none |
//! | `decode_tokens_per_s` | number | generation speed |
//! | `prefill_tokens_per_s` | number | prompt-processing speed |
//! | `warnings` | array of strings | one sentence each |
//! | `confidence` | string | `"exact"`, `"estimated"` or `"approximate"` |
//!
//! Example: the output of
//! `headroom estimate --model llama-3.1-8b --ctx 8192 --gpu rtx-4090 --json`
//! from one engine version (keys are printed in alphabetical order; the
//! figures change as the engine is refined):
//!
//! ```json
//! {"active_params":8030261248,"compute_bytes":125829120,"confidence":"estimated",
//!  "decode_tokens_per_s":142.54,"devices":[{"capacity_bytes":25769803776,
//!  "compute_bytes":100663296,"kind":"gpu","kv_bytes":1073741824,"n_layers":32,
//!  "name":"GeForce RTX 4090","used_bytes":6271000576,"weights_bytes":4617396224},
//!  {"capacity_bytes":34359738368,"compute_bytes":25678848,"kind":"cpu","kv_bytes":0,
//!  "n_layers":0,"name":"System RAM","used_bytes":321180672,"weights_bytes":295501824}],
//!  "file_bytes":4917053440,"fits":"fits","kv_bytes":1073741824,"max_ctx_that_fits":131072,
//!  "n_cpu_moe":0,"ngl":33,"output_bytes":513024,"overhead_bytes":479199232,
//!  "params":8030261248,"prefill_tokens_per_s":9857.51,"recurrent_state_bytes":0,
//!  "schema":2,"tensor_split":[],"total_bytes":6592181248,"warnings":[],
//!  "weights_bytes":4912898048}
//! ```

use headroom_core::estimate::Estimate;
use serde_json::{json, Value};

/// The schema version written in `schema`.
pub const SCHEMA: u32 = headroom_core::estimate::SCHEMA;

/// The JSON object of an estimate.
pub fn estimate_json(e: &Estimate) -> Value {
    let devices: Vec<Value> = e
        .devices
        .iter()
        .map(|d| {
            json!({
                "name": &*d.name,
                "kind": d.kind.as_str(),
                "capacity_bytes": d.capacity_bytes,
                "used_bytes": d.used_bytes,
                "weights_bytes": d.weights_bytes,
                "kv_bytes": d.kv_bytes,
                "compute_bytes": d.compute_bytes,
                "n_layers": d.n_layers,
            })
        })
        .collect();
    let warnings: Vec<String> = e.warnings.iter().map(|w| w.to_string()).collect();
    json!({
        "schema": SCHEMA,
        "params": e.params,
        "active_params": e.active_params,
        "file_bytes": e.file_bytes,
        "weights_bytes": e.weights_bytes,
        "kv_bytes": e.kv_bytes,
        "recurrent_state_bytes": e.recurrent_state_bytes,
        "compute_bytes": e.compute_bytes,
        "output_bytes": e.output_bytes,
        "overhead_bytes": e.overhead_bytes,
        "total_bytes": e.total_bytes,
        "devices": devices,
        "ngl": e.ngl,
        "n_cpu_moe": e.n_cpu_moe,
        "tensor_split": &e.tensor_split,
        "fits": e.fit.as_str(),
        "max_ctx_that_fits": e.max_ctx_that_fits,
        "decode_tokens_per_s": finite(e.decode_tokens_per_s),
        "prefill_tokens_per_s": finite(e.prefill_tokens_per_s),
        "warnings": warnings,
        "confidence": e.confidence.as_str(),
    })
}

/// JSON has no NaN/∞: such speeds are written as 0.
fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}
