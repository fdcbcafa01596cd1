//! The Hugging Face `config.json` importer (feature `json`).
//!
//! [`parse_config_json`] reads a config.json into an [`HfConfig`]: a
//! multimodal model's `text_config` is flattened over the top level, field
//! aliases used by different families are folded into one field
//! (`num_local_experts`/`n_routed_experts` → `num_experts`, `mamba_*` →
//! `ssm_*`, ...), and `layer_types` strings become the compact byte form.
//! Resolution and range checks happen later in [`crate::arch::Arch::from_hf`].

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{Map, Value};

use crate::hf_config::HfConfig;

/// Largest config.json accepted, in bytes.
pub const MAX_CONFIG_BYTES: usize = 4 << 20;

/// Why a config.json could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The input is larger than [`MAX_CONFIG_BYTES`].
    TooLarge {
        /// Input length.
        bytes: usize,
    },
    /// Not valid JSON (serde_json's message, with line and column).
    Json(String),
    /// The top level is not a JSON object.
    NotAnObject,
    /// A required field is absent.
    Missing(&'static str),
    /// A field has the wrong type or an impossible value.
    BadField {
        /// config.json field name.
        field: String,
        /// What was expected.
        expected: &'static str,
    },
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ConfigError::TooLarge { bytes } => write!(
                f,
                "config.json is {bytes} bytes, larger than the {MAX_CONFIG_BYTES}-byte limit"
            ),
            ConfigError::Json(msg) => write!(f, "config.json is not valid JSON: {msg}"),
            ConfigError::NotAnObject => f.write_str("config.json is not a JSON object"),
            ConfigError::Missing(field) => write!(f, "config.json has no `{field}`"),
            ConfigError::BadField { field, expected } => {
                write!(f, "config.json field `{field}` should be {expected}")
            }
        }
    }
}

impl core::error::Error for ConfigError {}

/// The merged view: `text_config` fields first, then the top level.
struct Fields<'a> {
    text: Option<&'a Map<String, Value>>,
    top: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn raw(&self, key: &str) -> Option<&'a Value> {
        self.text
            .and_then(|t| t.get(key))
            .or_else(|| self.top.get(key))
            .filter(|v| !v.is_null())
    }

    /// First present key of `keys`, as a non-negative integer.
    fn u64(&self, keys: &[&str]) -> Result<Option<u64>, ConfigError> {
        for key in keys {
            if let Some(v) = self.raw(key) {
                return as_u64(key, v).map(Some);
            }
        }
        Ok(None)
    }

    fn bool(&self, keys: &[&str]) -> Result<Option<bool>, ConfigError> {
        for key in keys {
            if let Some(v) = self.raw(key) {
                return v
                    .as_bool()
                    .map(Some)
                    .ok_or_else(|| bad(key, "true or false"));
            }
        }
        Ok(None)
    }
}

fn bad(field: &str, expected: &'static str) -> ConfigError {
    ConfigError::BadField {
        field: field.to_string(),
        expected,
    }
}

fn as_u64(key: &str, v: &Value) -> Result<u64, ConfigError> {
    if let Some(n) = v.as_u64() {
        return Ok(n);
    }
    // Some configs write integers as floats (`4096.0`).
    match v.as_f64() {
        Some(x) if (0.0..=9.0e15).contains(&x) && libm::floor(x) == x => Ok(x as u64),
        _ => Err(bad(key, "a non-negative integer")),
    }
}

/// `layer_types` strings → `b'S'`/`b'F'`/`b'L'`/`b'M'`/`b'C'`.
fn layer_type_byte(s: &str) -> Option<u8> {
    match s {
        "sliding_attention" | "sliding" | "local" | "chunked_attention" => Some(b'S'),
        "full_attention" | "attention" | "global" | "full" => Some(b'F'),
        "linear_attention" => Some(b'L'),
        "mamba" | "mamba2" | "ssm" => Some(b'M'),
        "conv" | "short_conv" => Some(b'C'),
        _ => None,
    }
}

fn layer_types(f: &Fields<'_>) -> Result<Vec<u8>, ConfigError> {
    if let Some(v) = f.raw("layer_types") {
        let arr = v
            .as_array()
            .ok_or_else(|| bad("layer_types", "a list of layer kinds"))?;
        if arr.len() > 4096 {
            return Err(bad("layer_types", "at most 4096 entries"));
        }
        return arr
            .iter()
            .map(|e| {
                e.as_str()
                    .and_then(layer_type_byte)
                    .ok_or_else(|| bad("layer_types", "known layer kinds"))
            })
            .collect();
    }
    // Nemotron-H: `M` mamba, `*` attention, `-` MLP-only (kept as attention
    // here is wrong, so it is rejected).
    if let Some(v) = f.raw("hybrid_override_pattern") {
        let s = v
            .as_str()
            .ok_or_else(|| bad("hybrid_override_pattern", "a string"))?;
        if s.len() > 4096 {
            return Err(bad("hybrid_override_pattern", "at most 4096 layers"));
        }
        return s
            .bytes()
            .map(|b| match b {
                b'M' => Ok(b'M'),
                b'*' => Ok(b'F'),
                _ => Err(bad("hybrid_override_pattern", "only `M` and `*` layers")),
            })
            .collect();
    }
    // Jamba: attention every `attn_layer_period` layers from `attn_layer_offset`.
    if let (Some(period), Some(n)) = (
        f.u64(&["attn_layer_period"])?,
        f.u64(&["num_hidden_layers"])?,
    ) {
        if period == 0 || n > 4096 {
            return Err(bad("attn_layer_period", "a positive period"));
        }
        let offset = f.u64(&["attn_layer_offset"])?.unwrap_or(0);
        return Ok((0..n)
            .map(|i| if i % period == offset { b'F' } else { b'M' })
            .collect());
    }
    Ok(Vec::new())
}

/// Parse a Hugging Face `config.json`.
pub fn parse_config_json(text: &str) -> Result<HfConfig, ConfigError> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(ConfigError::TooLarge { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ConfigError::Json(e.to_string()))?;
    let top = value.as_object().ok_or(ConfigError::NotAnObject)?;
    let text_cfg = match top.get("text_config") {
        Some(Value::Object(m)) => Some(m),
        Some(Value::Null) | None => None,
        Some(_) => return Err(bad("text_config", "an object")),
    };
    let f = Fields {
        text: text_cfg,
        top,
    };
    let model_type = f
        .raw("model_type")
        .ok_or(ConfigError::Missing("model_type"))?
        .as_str()
        .ok_or_else(|| bad("model_type", "a string"))?;

    let hidden = f.u64(&["hidden_size", "d_model", "n_embd"])?;
    let n_experts = f.u64(&[
        "num_experts",
        "num_local_experts",
        "n_routed_experts",
        "moe_num_experts",
    ])?;
    let shared_width = f.u64(&[
        "shared_expert_intermediate_size",
        "shared_intermediate_size",
    ])?;
    let n_shared = match f.u64(&["n_shared_experts", "num_shared_experts"])? {
        Some(n) => Some(n),
        None => shared_width.filter(|w| *w > 0).map(|_| 1),
    };
    let ssm_inner = match f.u64(&["mamba_d_inner", "ssm_inner_size", "d_inner"])? {
        Some(v) => Some(v),
        None => f
            .u64(&["mamba_expand", "expand"])?
            .zip(hidden)
            .map(|(e, h)| e.saturating_mul(h)),
    };
    let use_swa = f.bool(&["use_sliding_window"])?;
    let sliding_window = f
        .u64(&["sliding_window", "attention_window"])?
        .filter(|_| use_swa != Some(false));
    let compress_ratios = match f.raw("compress_ratios") {
        Some(Value::Array(a)) if a.len() <= 4096 => a
            .iter()
            .map(|v| {
                v.as_u64()
                    .and_then(|n| u16::try_from(n).ok())
                    .ok_or_else(|| bad("compress_ratios", "small non-negative integers"))
            })
            .collect::<Result<Vec<u16>, _>>()?,
        Some(_) => return Err(bad("compress_ratios", "a list of at most 4096 integers")),
        None => Vec::new(),
    };

    Ok(HfConfig {
        model_type: Cow::Owned(String::from(model_type)),
        hidden_size: hidden,
        num_hidden_layers: f.u64(&["num_hidden_layers", "n_layer", "num_layers"])?,
        num_attention_heads: f.u64(&["num_attention_heads", "n_head"])?,
        num_key_value_heads: f.u64(&["num_key_value_heads", "num_kv_heads"])?,
        head_dim: f.u64(&["head_dim"])?,
        intermediate_size: f.u64(&["intermediate_size", "block_ff_dim", "ffn_hidden_size"])?,
        vocab_size: f.u64(&["vocab_size"])?,
        tie_word_embeddings: f.bool(&["tie_word_embeddings"])?,
        max_position_embeddings: f.u64(&["max_position_embeddings", "max_seq_len"])?,
        attention_bias: f.bool(&["attention_bias", "qkv_bias"])?,
        sliding_window,
        sliding_window_pattern: f.u64(&["sliding_window_pattern"])?,
        layer_types: Cow::Owned(layer_types(&f)?),
        attention_chunk_size: f.u64(&["attention_chunk_size"])?,
        num_kv_shared_layers: f.u64(&["num_kv_shared_layers"])?,
        hidden_size_per_layer_input: f.u64(&["hidden_size_per_layer_input"])?,
        vocab_size_per_layer_input: f.u64(&["vocab_size_per_layer_input"])?,
        global_head_dim: f.u64(&["global_head_dim"])?,
        num_global_key_value_heads: f.u64(&["num_global_key_value_heads"])?,
        attention_k_eq_v: f.bool(&["attention_k_eq_v"])?,
        use_double_wide_mlp: f.bool(&["use_double_wide_mlp"])?,
        num_experts: n_experts,
        num_experts_per_tok: f.u64(&["num_experts_per_tok", "moe_topk", "top_k"])?,
        moe_intermediate_size: f.u64(&["moe_intermediate_size", "expert_intermediate_size"])?,
        n_shared_experts: n_shared,
        shared_expert_intermediate_size: shared_width,
        first_k_dense_replace: f.u64(&["first_k_dense_replace"])?,
        moe_layer_step: f.u64(&[
            "interleave_moe_layer_step",
            "decoder_sparse_step",
            "expert_layer_period",
        ])?,
        kv_lora_rank: f.u64(&["kv_lora_rank"])?,
        q_lora_rank: f.u64(&["q_lora_rank"])?,
        qk_rope_head_dim: f.u64(&["qk_rope_head_dim"])?,
        qk_nope_head_dim: f.u64(&["qk_nope_head_dim"])?,
        v_head_dim: f.u64(&["v_head_dim"])?,
        compress_ratios: Cow::Owned(compress_ratios),
        o_lora_rank: f.u64(&["o_lora_rank"])?,
        o_groups: f.u64(&["o_groups"])?,
        index_head_dim: f.u64(&["index_head_dim"])?,
        index_n_heads: f.u64(&["index_n_heads"])?,
        hc_mult: f.u64(&["hc_mult"])?,
        full_attention_interval: f.u64(&["full_attention_interval"])?,
        linear_num_key_heads: f.u64(&["linear_num_key_heads"])?,
        linear_num_value_heads: f.u64(&["linear_num_value_heads"])?,
        linear_key_head_dim: f.u64(&["linear_key_head_dim"])?,
        linear_value_head_dim: f.u64(&["linear_value_head_dim"])?,
        conv_kernel: f.u64(&[
            "linear_conv_kernel_dim",
            "conv_kernel",
            "mamba_d_conv",
            "conv_L_cache",
            "d_conv",
        ])?,
        ssm_state_size: f.u64(&["mamba_d_state", "ssm_state_size", "state_size", "d_state"])?,
        ssm_inner_size: ssm_inner,
        ssm_n_groups: f.u64(&["mamba_n_groups", "n_groups"])?,
        ssm_n_heads: f.u64(&["mamba_n_heads", "ssm_num_heads"])?,
        num_nextn_predict_layers: f.u64(&["num_nextn_predict_layers", "mtp_num_hidden_layers"])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_text_config_and_aliases() {
        let json = r#"{
            "model_type": "gemma3",
            "text_config": {"model_type": "gemma3_text", "hidden_size": 2560,
                "num_hidden_layers": 34, "layer_types": ["sliding_attention", "full_attention"]},
            "vocab_size": 262208, "num_local_experts": 8, "head_dim": null
        }"#;
        let c = parse_config_json(json).expect("parses");
        assert_eq!(c.model_type, "gemma3_text");
        assert_eq!(c.hidden_size, Some(2560));
        assert_eq!(c.vocab_size, Some(262208));
        assert_eq!(c.num_experts, Some(8));
        assert_eq!(c.head_dim, None);
        assert_eq!(&*c.layer_types, b"SF");
    }

    #[test]
    fn errors_are_one_line_and_name_the_field() {
        let e = |s: &str| {
            parse_config_json(s)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(e("{").starts_with("config.json is not valid JSON: "));
        assert_eq!(e("[1]"), "config.json is not a JSON object");
        assert_eq!(e("{}"), "config.json has no `model_type`");
        assert_eq!(
            e(r#"{"model_type":"llama","hidden_size":-1}"#),
            "config.json field `hidden_size` should be a non-negative integer"
        );
        let big = " ".repeat(MAX_CONFIG_BYTES + 1);
        assert!(e(&big).contains("larger than"));
    }
}
