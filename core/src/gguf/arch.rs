//! [`Arch::from_gguf`]: the architecture stated by a GGUF header.
//!
//! The GGUF keys are mapped back to config.json fields (the inverse of
//! llama.cpp's converter, sizing-facts §2.8, §4) and resolved by
//! [`Arch::from_hf`], so family rules live in one place.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::{GgufHeader, GgufValue};
use crate::arch::{Arch, LlamaArch};
use crate::hf_config::HfConfig;
use crate::resolve::ArchError;

/// A scalar key, or the first non-zero entry of a per-layer array.
fn scalar(h: &GgufHeader, suffix: &str) -> Option<u64> {
    match h.arch_key(suffix)? {
        GgufValue::Array { values, .. } => values
            .iter()
            .filter_map(GgufValue::as_u64)
            .find(|v| *v != 0),
        v => v.as_u64(),
    }
}

/// A per-layer array of integers, if the key holds one.
fn per_layer(h: &GgufHeader, suffix: &str) -> Option<Vec<u64>> {
    match h.arch_key(suffix)? {
        GgufValue::Array { values, .. } if !values.is_empty() => {
            Some(values.iter().map(|v| v.as_u64().unwrap_or(0)).collect())
        }
        _ => None,
    }
}

fn has_tensor(h: &GgufHeader, name: &str) -> bool {
    h.tensors.iter().any(|t| t.name == name)
}

impl Arch {
    /// Resolve the architecture a GGUF header describes.
    pub fn from_gguf(h: &GgufHeader) -> Result<Arch, ArchError> {
        let arch_name = h
            .architecture()
            .ok_or(ArchError::Missing("general.architecture"))?;
        let arch = LlamaArch::from_model_type(arch_name)
            .ok_or_else(|| ArchError::UnknownModelType(String::from(arch_name)))?;
        let n_nextn = scalar(h, "nextn_predict_layers").unwrap_or(0);
        let block_count = scalar(h, "block_count").ok_or(ArchError::Missing("block_count"))?;
        let n_vocab = scalar(h, "vocab_size").or_else(|| match h.get("tokenizer.ggml.tokens") {
            Some(GgufValue::Array { len, .. }) => Some(*len),
            _ => None,
        });
        let key_len = scalar(h, "attention.key_length");
        let key_len_swa = scalar(h, "attention.key_length_swa");
        let rope_dim = scalar(h, "rope.dimension_count");
        let mut cfg = HfConfig {
            model_type: Cow::Borrowed(arch.gguf_name()),
            hidden_size: scalar(h, "embedding_length"),
            num_hidden_layers: Some(block_count.saturating_sub(n_nextn)),
            num_attention_heads: scalar(h, "attention.head_count"),
            num_key_value_heads: scalar(h, "attention.head_count_kv"),
            head_dim: key_len_swa.or(key_len),
            intermediate_size: scalar(h, "feed_forward_length"),
            vocab_size: n_vocab,
            tie_word_embeddings: Some(!has_tensor(h, "output.weight")),
            max_position_embeddings: scalar(h, "context_length"),
            attention_bias: Some(has_tensor(h, "blk.0.attn_q.bias")),
            sliding_window: scalar(h, "attention.sliding_window"),
            num_kv_shared_layers: scalar(h, "attention.shared_kv_layers"),
            hidden_size_per_layer_input: scalar(h, "embedding_length_per_layer_input"),
            num_experts: scalar(h, "expert_count"),
            num_experts_per_tok: scalar(h, "expert_used_count"),
            moe_intermediate_size: scalar(h, "expert_feed_forward_length"),
            n_shared_experts: scalar(h, "expert_shared_count"),
            shared_expert_intermediate_size: scalar(h, "expert_shared_feed_forward_length"),
            first_k_dense_replace: scalar(h, "leading_dense_block_count"),
            moe_layer_step: scalar(h, "interleave_moe_layer_step"),
            kv_lora_rank: scalar(h, "attention.kv_lora_rank"),
            q_lora_rank: scalar(h, "attention.q_lora_rank"),
            full_attention_interval: scalar(h, "full_attention_interval"),
            conv_kernel: scalar(h, "ssm.conv_kernel").or_else(|| scalar(h, "shortconv.l_cache")),
            ssm_state_size: scalar(h, "ssm.state_size"),
            ssm_inner_size: scalar(h, "ssm.inner_size"),
            ssm_n_groups: scalar(h, "ssm.group_count"),
            ssm_n_heads: scalar(h, "ssm.time_step_rank"),
            num_nextn_predict_layers: Some(n_nextn),
            ..HfConfig::EMPTY
        };
        if cfg.hidden_size_per_layer_input.is_some() {
            cfg.vocab_size_per_layer_input = n_vocab;
        }
        match arch {
            LlamaArch::Deepseek2 => {
                let k_mla = scalar(h, "attention.key_length_mla");
                cfg.qk_rope_head_dim = rope_dim;
                cfg.qk_nope_head_dim = k_mla.zip(rope_dim).map(|(k, r)| k.saturating_sub(r));
                cfg.v_head_dim = scalar(h, "attention.value_length_mla");
            }
            LlamaArch::Gemma4 => {
                cfg.global_head_dim = key_len;
                cfg.attention_k_eq_v = Some(!has_tensor(h, "blk.5.attn_v.weight"));
            }
            LlamaArch::Qwen3Next | LlamaArch::Qwen35 | LlamaArch::Qwen35Moe => {
                // The converter stores the delta-net dims as ssm.* keys (§4.6).
                cfg.linear_key_head_dim = cfg.ssm_state_size;
                cfg.linear_num_key_heads = cfg.ssm_n_groups;
                cfg.linear_num_value_heads = cfg.ssm_n_heads;
                cfg.linear_value_head_dim = cfg
                    .ssm_inner_size
                    .zip(cfg.ssm_n_heads)
                    .and_then(|(i, n)| i.checked_div(n));
            }
            _ => {}
        }
        cfg.layer_types = Cow::Owned(layer_types(h, arch, block_count.saturating_sub(n_nextn)));
        if arch == LlamaArch::Gemma4 {
            if let Some(kv) = per_layer(h, "attention.head_count_kv") {
                // SWA layers carry the local KV heads, global layers the global ones.
                let swa = kv.iter().zip(cfg.layer_types.iter());
                cfg.num_key_value_heads = swa.clone().find(|(_, t)| **t == b'S').map(|(k, _)| *k);
                cfg.num_global_key_value_heads =
                    swa.clone().find(|(_, t)| **t == b'F').map(|(k, _)| *k);
            }
        }
        Arch::from_hf(&cfg)
    }
}

/// Layer kinds from per-layer GGUF arrays: `sliding_window_pattern` (bool
/// per layer), `head_count_kv` (0 = recurrent layer); empty when the file
/// uses the family default.
fn layer_types(h: &GgufHeader, arch: LlamaArch, n_layer: u64) -> Vec<u8> {
    let n = n_layer as usize;
    if let Some(GgufValue::Array { values, .. }) = h.arch_key("attention.sliding_window_pattern") {
        if values.len() >= n {
            return values
                .iter()
                .take(n)
                .map(|v| {
                    if v.as_bool() == Some(true) {
                        b'S'
                    } else {
                        b'F'
                    }
                })
                .collect();
        }
    }
    let recurrent = match arch {
        LlamaArch::Lfm2 => b'C',
        LlamaArch::Mamba2
        | LlamaArch::Jamba
        | LlamaArch::GraniteHybrid
        | LlamaArch::NemotronH
        | LlamaArch::FalconH1 => b'M',
        _ => return Vec::new(),
    };
    match per_layer(h, "attention.head_count_kv") {
        Some(kv) if kv.len() >= n => kv
            .iter()
            .take(n)
            .map(|k| if *k == 0 { recurrent } else { b'F' })
            .collect(),
        _ => Vec::new(),
    }
}
