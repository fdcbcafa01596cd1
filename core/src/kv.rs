//! KV cache and recurrent state bytes, per layer.
//!
//! llama.cpp bookkeeping follows sizing-facts §4 (`src/llama-context.cpp`,
//! `src/llama-kv-cache.cpp`, `llama-kv-cache-iswa.cpp`,
//! `llama-memory-recurrent.cpp`, `llama-kv-cache-dsv4.cpp`): context padded
//! to 256 cells, unified or per-sequence streams, sliding-window caches,
//! KV sharing, MLA latent-only K, DeepSeek V4 compressed caches and F32
//! recurrent state. vLLM/SGLang allocate in blocks of tokens with no V
//! padding; MLX grows its cache in 256-token steps (sizing-facts §7, §8).

use alloc::vec::Vec;

use crate::arch::{Arch, Attn, KvSource, RecurrentKind};
use crate::inputs::KvType;
use crate::runtime::Engine;
use crate::scenario::Scenario;

/// llama.cpp pads contexts and SWA caches to multiples of 256 cells.
const PAD: u64 = 256;

/// Rounds `n` up to a multiple of `m` (saturating, `m` > 0).
pub(crate) fn pad_to(n: u64, m: u64) -> u64 {
    if m <= 1 {
        return n;
    }
    n.div_ceil(m).saturating_mul(m)
}

/// Bytes of `n` elements of KV type `t` (ggml block sizes, sizing-facts §1:
/// f32 4, f16/bf16 2, q8_0 34/32, q5_1 24/32, q5_0 22/32, q4_1 20/32,
/// q4_0 and iq4_nl 18/32). A partial block counts as a whole one.
pub fn kv_row_bytes(t: KvType, n: u64) -> u64 {
    let (blck, size) = kv_block(t);
    n.div_ceil(blck).saturating_mul(size)
}

fn kv_block(t: KvType) -> (u64, u64) {
    match t {
        KvType::F32 => (1, 4),
        KvType::F16 | KvType::Bf16 => (1, 2),
        KvType::Q8_0 => (32, 34),
        KvType::Q5_1 => (32, 24),
        KvType::Q5_0 => (32, 22),
        KvType::Q4_1 => (32, 20),
        KvType::Q4_0 | KvType::Iq4Nl => (32, 18),
    }
}

/// Row bytes in the runtime's own KV dtypes. vLLM/SGLang store f16/bf16
/// or fp8 (1 byte) caches: any quantized type maps to fp8. MLX stores
/// `bits` per element plus an f16 scale and bias per group of 64
/// (sizing-facts §7).
fn engine_row_bytes(engine: Engine, t: KvType, n: u64) -> u64 {
    match engine {
        Engine::LlamaCpp => kv_row_bytes(t, n),
        Engine::Vllm | Engine::Sglang => match t {
            KvType::F32 => n.saturating_mul(4),
            KvType::F16 | KvType::Bf16 => n.saturating_mul(2),
            _ => n,
        },
        Engine::Mlx => {
            let bits = match t {
                KvType::F32 => return n.saturating_mul(4),
                KvType::F16 | KvType::Bf16 => return n.saturating_mul(2),
                KvType::Q8_0 => 8,
                KvType::Q5_0 | KvType::Q5_1 => 5,
                KvType::Q4_0 | KvType::Q4_1 | KvType::Iq4Nl => 4,
            };
            n.saturating_mul(bits)
                .div_ceil(8)
                .saturating_add(n.div_ceil(64).saturating_mul(4))
        }
    }
}

/// llama.cpp's context bookkeeping (sizing-facts §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CtxLayout {
    /// Total cells (`n_ctx` after padding).
    pub n_ctx: u64,
    /// Cells per stream.
    pub n_ctx_seq: u64,
    /// KV streams: 1 when unified, else one per sequence.
    pub n_stream: u64,
    /// Sequences (`n_seq_max`).
    pub n_seq: u64,
}

/// `n_ctx = pad256(ctx)`; unified: one stream of `n_ctx`; otherwise
/// `n_ctx_seq = pad256(n_ctx / n_seq)` per sequence and `n_ctx = n_ctx_seq × n_seq`.
pub fn ctx_layout(ctx: u64, n_seq: u64, unified: bool) -> CtxLayout {
    let n_seq = n_seq.max(1);
    let n_ctx = pad_to(ctx.max(1), PAD);
    if unified || n_seq == 1 {
        CtxLayout {
            n_ctx,
            n_ctx_seq: n_ctx,
            n_stream: 1,
            n_seq,
        }
    } else {
        let n_ctx_seq = pad_to(n_ctx / n_seq, PAD).max(PAD);
        CtxLayout {
            n_ctx: n_ctx_seq.saturating_mul(n_seq),
            n_ctx_seq,
            n_stream: n_seq,
            n_seq,
        }
    }
}

/// Everything that sizes the KV of one layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KvParams {
    /// Memory model.
    pub engine: Engine,
    /// Context bookkeeping (llama.cpp); other engines use `ctx` and `n_seq`.
    pub layout: CtxLayout,
    /// Requested context per sequence, in tokens.
    pub ctx: u64,
    /// Physical batch.
    pub n_ubatch: u64,
    /// K type.
    pub type_k: KvType,
    /// V type.
    pub type_v: KvType,
    /// Flash attention (llama.cpp pads V to the widest layer without it).
    pub flash_attn: bool,
    /// `--swa-full`.
    pub swa_full: bool,
    /// Allocation granularity in tokens (vLLM 16, MLX 256).
    pub block_tokens: u64,
    /// Widest V row over all layers (llama.cpp without flash attention).
    pub v_width_max: u64,
}

impl KvParams {
    /// The KV parameters of `s` at context `ctx`.
    pub fn new(s: &Scenario, ctx: u64) -> Self {
        Self::with_v_width(s, ctx, v_width_max(&s.arch))
    }

    /// [`KvParams::new`] with [`v_width_max`] of `s.arch` already known.
    pub(crate) fn with_v_width(s: &Scenario, ctx: u64, v_width_max: u64) -> Self {
        let engine = s.profile.engine;
        // Other engines give every sequence the whole context.
        let unified = match engine {
            Engine::LlamaCpp => s.kv_unified,
            _ => true,
        };
        // Ollama keeps f16 when flash attention is off (sizing-facts §4.2).
        let (type_k, type_v) = if s.profile.kv_quant_needs_fa && !s.flash_attn {
            (KvType::F16, KvType::F16)
        } else {
            (s.kv_type_k, s.kv_type_v)
        };
        // Ollama's num_ctx is per request: the runner's context is
        // num_ctx × num_parallel (sizing-facts §5.4; a 2024 Ollama log shows
        // n_ctx 8192 with n_ctx_per_seq 2048 for 4 parallel requests).
        let cells = if s.runtime == crate::inputs::RuntimeId::Ollama {
            ctx.saturating_mul(s.n_seq())
        } else {
            ctx
        };
        KvParams {
            engine,
            layout: ctx_layout(cells, s.n_seq(), unified),
            ctx,
            n_ubatch: u64::from(s.ubatch.max(1)),
            type_k,
            type_v,
            flash_attn: s.flash_attn,
            swa_full: s.swa_full,
            block_tokens: s.profile.kv_block_tokens.max(1),
            v_width_max,
        }
    }
}

/// Widest `n_head_kv × head_dim_v` over standard-attention layers.
pub fn v_width_max(arch: &Arch) -> u64 {
    arch.layers
        .iter()
        .filter_map(|l| match l.attn {
            Attn::Standard(a) => Some(a.n_head_kv.saturating_mul(a.head_dim_v)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// KV bytes of layer `il` (0 for KV-sharing and recurrent layers).
pub fn layer_kv_bytes(arch: &Arch, il: usize, p: &KvParams) -> u64 {
    let Some(layer) = arch.layers.get(il) else {
        return 0;
    };
    match p.engine {
        Engine::LlamaCpp => llama_layer_kv(layer.attn, p),
        _ => token_pool_layer_kv(layer.attn, p),
    }
}

fn llama_layer_kv(attn: Attn, p: &KvParams) -> u64 {
    let l = p.layout;
    let row = |t: KvType, n: u64| kv_row_bytes(t, n);
    match attn {
        Attn::Standard(a) => {
            if a.kv != KvSource::Own {
                return 0;
            }
            let cells = match a.window {
                Some(w) if !p.swa_full => {
                    let per = if l.n_stream == 1 { l.n_seq } else { 1 };
                    let want = w.n_tokens.saturating_mul(per).saturating_add(p.n_ubatch);
                    pad_to(l.n_ctx_seq.min(want), PAD)
                }
                _ => l.n_ctx_seq,
            };
            let k = row(p.type_k, a.n_head_kv.saturating_mul(a.head_dim_k));
            let v_width = if p.flash_attn {
                a.n_head_kv.saturating_mul(a.head_dim_v)
            } else {
                p.v_width_max
            };
            let v = row(p.type_v, v_width);
            k.saturating_add(v)
                .saturating_mul(cells)
                .saturating_mul(l.n_stream)
        }
        Attn::Mla(m) => row(p.type_k, m.kv_lora_rank.saturating_add(m.qk_rope_head_dim))
            .saturating_mul(l.n_ctx_seq)
            .saturating_mul(l.n_stream),
        Attn::Compressed(c) => {
            // sizing-facts §4.7 (UNCONFIRMED upstream layout): raw SWA cache
            // per sequence plus compressed caches by ratio, K only.
            let raw_cells = pad_to(l.n_ctx_seq.min(c.window.saturating_add(p.n_ubatch)), PAD);
            let width = row(p.type_k, c.head_dim);
            let mut bytes = width.saturating_mul(raw_cells).saturating_mul(l.n_seq);
            if c.compress_ratio > 0 {
                let cells = pad_to(l.n_ctx_seq.div_ceil(c.compress_ratio), PAD);
                bytes =
                    bytes.saturating_add(width.saturating_mul(cells).saturating_mul(l.n_stream));
                // F32 compressor states per sequence.
                let state_rows = if c.compress_ratio == 4 {
                    8 * 2
                } else {
                    c.compress_ratio
                };
                let mut state = state_rows.saturating_mul(c.head_dim);
                if c.compress_ratio == 4 {
                    let idx = row(p.type_k, c.index_head_dim);
                    bytes =
                        bytes.saturating_add(idx.saturating_mul(cells).saturating_mul(l.n_stream));
                    state = state.saturating_add(16u64.saturating_mul(c.index_head_dim));
                }
                bytes = bytes.saturating_add(state.saturating_mul(4).saturating_mul(l.n_seq));
            }
            bytes
        }
        Attn::Recurrent(_) => 0,
    }
}

/// vLLM/SGLang/MLX: tokens rounded up to the allocation block, one cache
/// per sequence, no V padding; windows keep at most the window.
fn token_pool_layer_kv(attn: Attn, p: &KvParams) -> u64 {
    let full = pad_to(p.ctx.max(1), p.block_tokens);
    let n_seq = p.layout.n_seq;
    let per_token = match attn {
        Attn::Standard(a) => {
            if a.kv != KvSource::Own {
                return 0;
            }
            let k = engine_row_bytes(p.engine, p.type_k, a.n_head_kv.saturating_mul(a.head_dim_k));
            let v = engine_row_bytes(p.engine, p.type_v, a.n_head_kv.saturating_mul(a.head_dim_v));
            let cells = match a.window {
                Some(w) => full.min(pad_to(w.n_tokens, p.block_tokens)),
                None => full,
            };
            return k
                .saturating_add(v)
                .saturating_mul(cells)
                .saturating_mul(n_seq);
        }
        Attn::Mla(m) => engine_row_bytes(
            p.engine,
            p.type_k,
            m.kv_lora_rank.saturating_add(m.qk_rope_head_dim),
        ),
        Attn::Compressed(_) => return llama_layer_kv(attn, p),
        Attn::Recurrent(_) => return 0,
    };
    per_token.saturating_mul(full).saturating_mul(n_seq)
}

/// Recurrent state bytes of layer `il` for `n_seq` sequences, F32
/// (sizing-facts §4.6): `4 × (n_embd_r + n_embd_s) × n_seq` with
/// `n_embd_r = (d_conv − 1)(d_inner + 2·n_group·d_state)`,
/// `n_embd_s = d_state · d_inner`; LFM2 short conv: `n_embd_r = n_embd(l_cache − 1)`.
pub fn layer_state_bytes(arch: &Arch, il: usize, n_seq: u64) -> u64 {
    let Some(layer) = arch.layers.get(il) else {
        return 0;
    };
    let Attn::Recurrent(r) = layer.attn else {
        return 0;
    };
    let conv = r.d_conv.saturating_sub(1);
    let (n_embd_r, n_embd_s) = match r.kind {
        RecurrentKind::ShortConv => (arch.n_embd.saturating_mul(conv), 0),
        _ => {
            let width = r
                .d_inner
                .saturating_add(2u64.saturating_mul(r.n_group).saturating_mul(r.d_state));
            (
                conv.saturating_mul(width),
                r.d_state.saturating_mul(r.d_inner),
            )
        }
    };
    n_embd_r
        .saturating_add(n_embd_s)
        .saturating_mul(4)
        .saturating_mul(n_seq.max(1))
}

/// KV and state bytes of every layer.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct KvBreakdown {
    /// Attention KV per main block.
    pub kv: Vec<u64>,
    /// Recurrent state per main block.
    pub state: Vec<u64>,
    /// Σ `kv`.
    pub kv_total: u64,
    /// Σ `state`.
    pub state_total: u64,
}

/// Per-layer KV and recurrent state of `s` at context `ctx`.
pub fn breakdown(s: &Scenario, ctx: u64) -> KvBreakdown {
    let p = KvParams::new(s, ctx);
    let n = s.arch.layers.len();
    let mut out = KvBreakdown {
        kv: Vec::with_capacity(n),
        state: Vec::with_capacity(n),
        ..KvBreakdown::default()
    };
    for il in 0..n {
        let kv = layer_kv_bytes(&s.arch, il, &p);
        let st = layer_state_bytes(&s.arch, il, p.layout.n_seq);
        out.kv_total = out.kv_total.saturating_add(kv);
        out.state_total = out.state_total.saturating_add(st);
        out.kv.push(kv);
        out.state.push(st);
    }
    out
}

/// Bytes one sequence reads from layer `il`'s cache to decode one token at
/// `depth` tokens of context: the live tokens (windows capped), the latent
/// for MLA, and for recurrent layers the state read and written once.
pub fn layer_read_bytes(arch: &Arch, il: usize, p: &KvParams, depth: u64) -> u64 {
    let Some(layer) = arch.layers.get(il) else {
        return 0;
    };
    let row = |t: KvType, n: u64| engine_row_bytes(p.engine, t, n);
    match layer.attn {
        // Shared layers read their owner's cache: same bytes.
        Attn::Standard(a) => {
            let tokens = match a.window {
                Some(w) => depth.min(w.n_tokens),
                None => depth,
            };
            let width = a.n_head_kv.saturating_mul(a.head_dim_k);
            let vwidth = a.n_head_kv.saturating_mul(a.head_dim_v);
            row(p.type_k, width)
                .saturating_add(row(p.type_v, vwidth))
                .saturating_mul(tokens)
        }
        Attn::Mla(m) => {
            row(p.type_k, m.kv_lora_rank.saturating_add(m.qk_rope_head_dim)).saturating_mul(depth)
        }
        Attn::Compressed(c) => {
            let w = row(p.type_k, c.head_dim);
            let mut b = w.saturating_mul(depth.min(c.window));
            if let Some(n) = depth.checked_div(c.compress_ratio) {
                b = b.saturating_add(w.saturating_mul(n));
            }
            b
        }
        Attn::Recurrent(_) => layer_state_bytes(arch, il, 1).saturating_mul(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::{Ffn, Layer, LlamaArch, MlaAttn, RecurrentMixer, StandardAttn, Window};
    use crate::units::GIB;
    use alloc::vec;

    fn std_attn(n_head_kv: u64, hd: u64, window: Option<u64>) -> Attn {
        Attn::Standard(StandardAttn {
            n_head: 32,
            n_head_kv,
            head_dim_k: hd,
            head_dim_v: hd,
            window: window.map(|n| Window {
                n_tokens: n,
                chunked: false,
            }),
            kv: KvSource::Own,
            fused_qkv: false,
            q_gate: false,
            k_eq_v: false,
            qkv_bias: false,
        })
    }

    fn arch(attns: Vec<Attn>) -> Arch {
        Arch {
            arch: LlamaArch::Llama,
            n_embd: 4096,
            n_vocab: 128_256,
            n_ctx_train: 131_072,
            tied_embeddings: false,
            layers: attns
                .into_iter()
                .map(|attn| Layer {
                    attn,
                    ffn: Ffn::Dense {
                        n_ff: 14336,
                        fused_gate_up: false,
                    },
                })
                .collect(),
            n_nextn_layers: 0,
            n_embd_per_layer: 0,
            n_vocab_per_layer: 0,
            hc_mult: 1,
        }
    }

    fn params(a: &Arch, ctx: u64, n_seq: u64, unified: bool) -> KvParams {
        KvParams {
            engine: Engine::LlamaCpp,
            layout: ctx_layout(ctx, n_seq, unified),
            ctx,
            n_ubatch: 512,
            type_k: KvType::F16,
            type_v: KvType::F16,
            flash_attn: true,
            swa_full: false,
            block_tokens: 1,
            v_width_max: v_width_max(a),
        }
    }

    fn total(a: &Arch, p: &KvParams) -> u64 {
        (0..a.layers.len()).map(|il| layer_kv_bytes(a, il, p)).sum()
    }

    #[test]
    fn llama31_8b_8k_f16_is_one_gib() {
        // 32 layers × 8192 × 2 (K,V) × 8 heads × 128 × 2 B = 1 GiB (hand-worked,
        // Llama 3.1 8B config: 32 layers, 8 KV heads, head_dim 128).
        let a = arch(vec![std_attn(8, 128, None); 32]);
        assert_eq!(total(&a, &params(&a, 8192, 1, true)), GIB);
        // q8_0 K and V: 1024 elements = 32 blocks × 34 B per token per layer each.
        let mut p = params(&a, 8192, 1, true);
        p.type_k = KvType::Q8_0;
        p.type_v = KvType::Q8_0;
        assert_eq!(total(&a, &p), 32 * 8192 * 2 * 32 * 34);
    }

    #[test]
    fn context_padding_and_streams() {
        // pad256(1000) = 1024; 4 non-unified streams: pad256(4096/4) = 1024 each.
        assert_eq!(ctx_layout(1000, 1, true).n_ctx, 1024);
        let l = ctx_layout(4096, 4, false);
        assert_eq!((l.n_ctx_seq, l.n_stream, l.n_ctx), (1024, 4, 4096));
        // 5000 over 3 streams: pad256(5120/3 = 1706) = 1792, n_ctx = 5376.
        let l = ctx_layout(5000, 3, false);
        assert_eq!((l.n_ctx_seq, l.n_ctx), (1792, 5376));
        // Measured on a live llama-server (unslothai/unsloth PR #7530): ctx
        // 1024 with 3 slots allocates 1536 cells, with 4 slots 1024 cells.
        assert_eq!(ctx_layout(1024, 3, false).n_ctx, 1536);
        assert_eq!(ctx_layout(1024, 4, false).n_ctx, 1024);
    }

    #[test]
    fn swa_cache_size() {
        // Gemma-3-like SWA layer, window 1024, ub 512, ctx 32768, 1 seq:
        // pad256(min(32768, 1024 + 512)) = 1536 cells.
        let a = arch(vec![std_attn(8, 256, Some(1024))]);
        let per_cell = 2 * 8 * 256 * 2;
        assert_eq!(total(&a, &params(&a, 32768, 1, true)), 1536 * per_cell);
        // Unified with 4 sequences: window × 4 + 512 = 4608 cells.
        assert_eq!(total(&a, &params(&a, 32768, 4, true)), 4608 * per_cell);
        // Non-unified, 4 streams of 8192: min(8192, 1536) per stream.
        assert_eq!(total(&a, &params(&a, 32768, 4, false)), 4 * 1536 * per_cell);
    }

    #[test]
    fn v_padding_without_fa() {
        // One layer with V width 8×128 and one with 2×512: without FA every V
        // row is padded to max(1024, 1024) — use 4×512 = 2048 to see it.
        let a = arch(vec![std_attn(8, 128, None), std_attn(4, 512, None)]);
        let mut p = params(&a, 256, 1, true);
        let fa = total(&a, &p);
        assert_eq!(fa, 256 * 2 * (2 * 1024 + 2 * 2048));
        p.flash_attn = false;
        assert_eq!(total(&a, &p), 256 * 2 * (1024 + 2048 + 2 * 2048));
    }

    #[test]
    fn shared_and_mla_layers() {
        let mut shared = std_attn(8, 128, None);
        if let Attn::Standard(s) = &mut shared {
            s.kv = KvSource::SharedWith(0);
        }
        let mla = Attn::Mla(MlaAttn {
            n_head: 128,
            q_lora_rank: 1536,
            kv_lora_rank: 512,
            qk_nope_head_dim: 128,
            qk_rope_head_dim: 64,
            v_head_dim: 128,
        });
        let a = arch(vec![shared, mla]);
        // DeepSeek V3 MLA: 512 + 64 = 576 elements per token per layer, f16
        // → 1152 B/token (sizing-facts §4.4); 4096 tokens.
        assert_eq!(total(&a, &params(&a, 4096, 1, true)), 4096 * 1152);
    }

    #[test]
    fn qwen36_27b_recurrent_state() {
        // sizing-facts §4.6 worked example: d_inner 6144, n_group 16,
        // d_state 128, d_conv 4 → 3,268,608 B per layer per sequence.
        let r = Attn::Recurrent(RecurrentMixer {
            kind: RecurrentKind::GatedDeltaNet,
            d_conv: 4,
            d_inner: 6144,
            d_state: 128,
            n_group: 16,
            n_heads: 48,
        });
        let a = arch(vec![r; 48]);
        let per_seq: u64 = (0..48).map(|il| layer_state_bytes(&a, il, 1)).sum();
        assert_eq!(per_seq, 3_268_608 * 48);
        assert_eq!(layer_state_bytes(&a, 0, 4), 4 * 3_268_608);
    }

    #[test]
    fn vllm_blocks_and_mlx_steps() {
        let a = arch(vec![std_attn(8, 128, None)]);
        let mut p = params(&a, 1000, 2, false);
        p.engine = Engine::Vllm;
        p.block_tokens = 16;
        // ceil(1000/16)×16 = 1008 tokens × 2 seqs × 4096 B/token.
        assert_eq!(total(&a, &p), 1008 * 2 * 4096);
        p.engine = Engine::Mlx;
        p.block_tokens = 256;
        p.type_k = KvType::Q4_0;
        p.type_v = KvType::Q4_0;
        // 1024 tokens × 2 seqs × 2 × (1024×4/8 + 16 groups × 4 B) = 576 B per row.
        assert_eq!(total(&a, &p), 1024 * 2 * 2 * 576);
    }
}
