//! [`plan_from_gguf`]: the exact weight plan of a GGUF file's tensor table.

use alloc::string::String;
use alloc::vec;

use crate::gguf::{GgufHeader, GgufValue};
use crate::weights::{Confidence, LayerWeights, WeightPlan};

fn arch_u64(h: &GgufHeader, suffix: &str) -> Option<u64> {
    h.arch_key(suffix).and_then(GgufValue::as_u64)
}

/// The block index of `blk.N.*`, `None` for non-block tensors.
fn block_of(name: &str) -> Option<u64> {
    let rest = name.strip_prefix("blk.")?;
    let end = rest.find('.')?;
    rest.get(..end)?.parse().ok()
}

/// Plan from a GGUF header: every tensor's bytes come from its stored type
/// and shape, so byte figures are exact ([`Confidence::Exact`]). For the
/// first shard of a split model only its own tensors are counted and a note
/// says so.
pub fn plan_from_gguf(h: &GgufHeader) -> WeightPlan {
    let block_count = arch_u64(h, "block_count").unwrap_or(0).min(1 << 12);
    let n_nextn = arch_u64(h, "nextn_predict_layers").unwrap_or(0);
    let n_layer = block_count.saturating_sub(n_nextn);
    let n_expert = arch_u64(h, "expert_count").unwrap_or(0);
    let n_used = arch_u64(h, "expert_used_count").unwrap_or(0).min(n_expert);
    let mut plan = WeightPlan {
        layers: vec![LayerWeights::default(); n_layer as usize],
        confidence: Confidence::Exact,
        ..WeightPlan::default()
    };
    let mut has_output = false;
    for t in &h.tensors {
        let bytes = t.n_bytes();
        let params = t.n_elements();
        plan.params = plan.params.saturating_add(params);
        let block = block_of(&t.name);
        let Some(b) = block else {
            match t.name.as_str() {
                "token_embd.weight" => plan.token_embd_bytes += bytes,
                "per_layer_token_embd.weight" => plan.per_layer_embd_bytes += bytes,
                "output.weight" => {
                    has_output = true;
                    plan.output_bytes += bytes;
                }
                _ => plan.other_bytes += bytes,
            }
            plan.active_params = plan.active_params.saturating_add(params);
            continue;
        };
        let Some(lw) = plan.layers.get_mut(b as usize) else {
            plan.nextn_bytes = plan.nextn_bytes.saturating_add(bytes);
            continue;
        };
        let expert = t.name.contains("_exps");
        let (mut act_b, mut act_p) = (bytes, params);
        if expert {
            lw.expert_bytes += bytes;
            if n_expert > 0 {
                act_b = (u128::from(bytes) * u128::from(n_used) / u128::from(n_expert)) as u64;
                act_p = (u128::from(params) * u128::from(n_used) / u128::from(n_expert)) as u64;
            }
        }
        lw.bytes += bytes;
        lw.params += params;
        lw.active_bytes += act_b;
        lw.active_params += act_p;
        plan.active_params = plan.active_params.saturating_add(act_p);
    }
    if !has_output {
        plan.output_bytes = plan.token_embd_bytes;
    }
    plan.file_bytes = h.file_bytes();
    if h.split_count() > 1 {
        plan.notes.push(alloc::format!(
            "split model: this header lists only its own shard's tensors (1 of {})",
            h.split_count()
        ));
        plan.notes
            .push(String::from("weights of the other shards are not included"));
    }
    plan
}
