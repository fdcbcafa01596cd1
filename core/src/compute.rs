//! Compute (activation) buffers and the host output buffer — estimates.
//!
//! llama.cpp sizes its compute buffers by planning the worst-case graph
//! (`sched_reserve`, sizing-facts §5.1); there is no closed formula
//! upstream. This module approximates the peak live set per device from
//! the graph's shape (sizing-facts §5.2): residual stream plus the largest
//! of the logits, attention, FFN and recurrent temporaries, all F32.
//! Figures here are always [`crate::weights::Confidence::Estimated`].

use crate::arch::{Arch, Attn, Ffn};
use crate::kv::CtxLayout;

/// What the compute estimate needs besides the architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ComputeParams {
    /// Tokens in the reserve graph: `min(n_ctx, n_ubatch)`.
    pub n_tokens: u64,
    /// Context bookkeeping (attention span per layer).
    pub layout: CtxLayout,
    /// Physical batch (SWA span term).
    pub n_ubatch: u64,
    /// Flash attention (no `n_kv × n_tokens × n_head` score matrix).
    pub flash_attn: bool,
}

impl ComputeParams {
    /// Parameters for a layout and batch.
    pub fn new(layout: CtxLayout, n_ubatch: u64, flash_attn: bool) -> Self {
        let n_ubatch = n_ubatch.max(1);
        ComputeParams {
            n_tokens: layout.n_ctx.min(n_ubatch).max(1),
            layout,
            n_ubatch,
            flash_attn,
        }
    }
}

/// F32 bytes of `n` elements.
fn f32s(n: u64) -> u64 {
    n.saturating_mul(4)
}

/// Residual stream and current hidden state: `2 × 4 × n_embd × n_tokens`.
pub fn hidden_bytes(arch: &Arch, p: &ComputeParams) -> u64 {
    f32s(arch.n_embd.saturating_mul(p.n_tokens)).saturating_mul(2)
}

/// Logits and the normed hidden state on the device holding `output`:
/// `4 × n_vocab × n_outputs + 4 × n_embd × n_tokens`. llama-server
/// reserves logits for one output per sequence (`n_outputs = n_seq`,
/// ggml-org/llama.cpp PR #23861, May 2026); before that, and in tools
/// that need every token's logits, the reserve graph used `n_outputs =
/// n_tokens` (sizing-facts §5.1).
pub fn logits_bytes(arch: &Arch, p: &ComputeParams) -> u64 {
    let outputs = p.layout.n_seq.min(p.n_tokens).max(1);
    f32s(arch.n_vocab.saturating_mul(outputs))
        .saturating_add(f32s(arch.n_embd.saturating_mul(p.n_tokens)))
}

/// Which attention mask a block reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MaskKind {
    /// No softmax attention (recurrent mixer).
    #[default]
    None,
    /// The whole cache span.
    Full,
    /// A sliding-window span.
    Window,
}

/// The attention span (cells) and mask kind of block `il`.
pub fn layer_span(arch: &Arch, il: usize, p: &ComputeParams) -> (MaskKind, u64) {
    let full = p.layout.n_ctx_seq;
    match arch.layers.get(il).map(|l| l.attn) {
        Some(Attn::Standard(a)) => match a.window {
            Some(w) => (
                MaskKind::Window,
                crate::kv::pad_to(full.min(w.n_tokens.saturating_add(p.n_ubatch)), 256),
            ),
            None => (MaskKind::Full, full),
        },
        Some(Attn::Mla(_)) => (MaskKind::Full, full),
        Some(Attn::Compressed(c)) => (
            MaskKind::Full,
            c.window.saturating_add(full / c.compress_ratio.max(4)),
        ),
        Some(Attn::Recurrent(_)) | None => (MaskKind::None, 0),
    }
}

/// The KQ mask a device keeps for the whole graph: F32 `span × n_tokens`
/// copied from the host, plus its F16 cast with flash attention. Checked
/// against llama.cpp logs: gpt-oss-20b at n_ctx 131072, ub 512, FA on
/// (mask 384 MiB of a 457 MiB CUDA compute buffer) and Llama 3 8B at 8192
/// without FA (see `tests/memory.rs`).
pub fn mask_bytes(span: u64, p: &ComputeParams) -> u64 {
    let per = if p.flash_attn { 6 } else { 4 };
    span.saturating_mul(p.n_tokens).saturating_mul(per)
}

/// Peak temporaries of block `il` (the largest of its attention and FFN
/// phases), without the mask.
pub fn layer_peak_bytes(arch: &Arch, il: usize, p: &ComputeParams) -> u64 {
    let Some(layer) = arch.layers.get(il) else {
        return 0;
    };
    let t = p.n_tokens;
    let span = layer_span(arch, il, p).1;
    let attn_terms = |n_head: u64, n_kv: u64, hd_k: u64, hd_v: u64| -> u64 {
        let qkv = f32s(
            t.saturating_mul(
                n_head
                    .saturating_add(2u64.saturating_mul(n_kv))
                    .saturating_mul(hd_k.max(hd_v)),
            ),
        );
        if p.flash_attn {
            // FA: the attention output; no score matrix.
            qkv.saturating_add(f32s(t.saturating_mul(n_head).saturating_mul(hd_v)))
        } else {
            // KQ scores: 4 × n_kv × n_tokens × n_head (soft-max in place).
            qkv.saturating_add(f32s(span.saturating_mul(t).saturating_mul(n_head)))
        }
    };
    let attn = match layer.attn {
        Attn::Standard(a) => attn_terms(a.n_head, a.n_head_kv, a.head_dim_k, a.head_dim_v),
        Attn::Mla(m) => attn_terms(
            m.n_head,
            1,
            m.kv_lora_rank.saturating_add(m.qk_rope_head_dim),
            m.kv_lora_rank,
        ),
        Attn::Compressed(c) => attn_terms(c.n_head, 1, c.head_dim, c.head_dim),
        // Chunked scan temporaries ∝ tokens × conv width, ×3 (q/k/v-like).
        Attn::Recurrent(r) => f32s(
            t.saturating_mul(
                r.d_inner
                    .saturating_add(2u64.saturating_mul(r.n_group).saturating_mul(r.d_state))
                    .max(arch.n_embd),
            )
            .saturating_mul(3),
        ),
    };
    let ffn = match layer.ffn {
        // Gate and up activations live together (the GLU may fuse into one).
        Ffn::Dense { n_ff, .. } => f32s(t.saturating_mul(n_ff).saturating_mul(2)),
        Ffn::Moe(m) => {
            let experts = f32s(
                t.saturating_mul(m.n_expert_used)
                    .saturating_mul(m.n_ff_exp)
                    .saturating_mul(2),
            );
            let routing = f32s(t.saturating_mul(m.n_expert).saturating_mul(2));
            let shared = f32s(
                t.saturating_mul(m.n_ff_shexp.saturating_add(m.n_ff_dense))
                    .saturating_mul(2),
            );
            experts.saturating_add(routing).saturating_add(shared)
        }
    };
    attn.max(ffn)
}

/// Compute buffer of a device holding blocks `layers` (and `output` when
/// `holds_output`): hidden state + the masks its blocks read + the largest phase.
pub fn device_compute_bytes(
    arch: &Arch,
    p: &ComputeParams,
    layers: impl Iterator<Item = usize>,
    holds_output: bool,
) -> u64 {
    let mut peak = 0u64;
    let mut any = false;
    let (mut full, mut window) = (0u64, 0u64);
    for il in layers {
        any = true;
        peak = peak.max(layer_peak_bytes(arch, il, p));
        match layer_span(arch, il, p) {
            (MaskKind::Full, span) => full = full.max(mask_bytes(span, p)),
            (MaskKind::Window, span) => window = window.max(mask_bytes(span, p)),
            (MaskKind::None, _) => {}
        }
    }
    if holds_output {
        any = true;
        peak = peak.max(logits_bytes(arch, p));
    }
    if !any {
        return 0;
    }
    hidden_bytes(arch, p)
        .saturating_add(full)
        .saturating_add(window)
        .saturating_add(peak)
}

/// Host-side graph inputs when the layers run elsewhere: input embeddings
/// `4 × n_embd × n_tokens` and the F32 KQ mask `4 × n_kv × n_tokens`.
pub fn host_input_bytes(arch: &Arch, p: &ComputeParams) -> u64 {
    f32s(
        arch.n_embd
            .saturating_add(p.layout.n_ctx_seq)
            .saturating_mul(p.n_tokens),
    )
}

/// Host output (logits) buffer: `4 × n_vocab × n_seq` (reserved for
/// `n_seq_max` outputs at context creation, sizing-facts §5.3).
pub fn output_buffer_bytes(arch: &Arch, n_seq: u64) -> u64 {
    f32s(arch.n_vocab.saturating_mul(n_seq.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::{KvSource, Layer, LlamaArch, StandardAttn};
    use crate::kv::ctx_layout;
    use crate::units::MIB;
    use alloc::vec;

    fn llama8b() -> Arch {
        let attn = Attn::Standard(StandardAttn {
            n_head: 32,
            n_head_kv: 8,
            head_dim_k: 128,
            head_dim_v: 128,
            window: None,
            kv: KvSource::Own,
            fused_qkv: false,
            q_gate: false,
            k_eq_v: false,
            qkv_bias: false,
        });
        Arch {
            arch: LlamaArch::Llama,
            n_embd: 4096,
            n_vocab: 128_256,
            n_ctx_train: 131_072,
            tied_embeddings: false,
            layers: vec![
                Layer {
                    attn,
                    ffn: Ffn::Dense {
                        n_ff: 14336,
                        fused_gate_up: false
                    }
                };
                32
            ],
            n_nextn_layers: 0,
            n_embd_per_layer: 0,
            n_vocab_per_layer: 0,
            hc_mult: 1,
        }
    }

    #[test]
    fn output_buffer_llama3() {
        // sizing-facts §5.3: 4 × n_vocab × n_seq = 4 × 128256 = 513,024 B for
        // one sequence, 2,052,096 B for four.
        assert_eq!(output_buffer_bytes(&llama8b(), 1), 513_024);
        assert_eq!(output_buffer_bytes(&llama8b(), 4), 2_052_096);
    }

    #[test]
    fn ffn_dominates_with_fa() {
        // FA on, 8192 ctx, ub 512, one sequence (hand-worked):
        // FFN 4 × 512 × 2 × 14336 = 56 MiB; attention 4 × 512 × 48 × 128
        // (QKV) + 4 × 512 × 32 × 128 (output) = 20 MiB; logits
        // 4 × 128256 × 1 + 4 × 4096 × 512 ≈ 8.5 MiB; plus the residual
        // stream 2 × 4 × 4096 × 512 = 16 MiB and the mask 6 × 8192 × 512 = 24 MiB.
        let a = llama8b();
        let p = ComputeParams::new(ctx_layout(8192, 1, true), 512, true);
        let all = device_compute_bytes(&a, &p, 0..32, true);
        assert_eq!(all, 16 * MIB + 24 * MIB + 56 * MIB);
        assert_eq!(logits_bytes(&a, &p), 4 * 128_256 + 8 * MIB);
    }

    #[test]
    fn scores_dominate_without_fa() {
        // No FA: KQ = 4 × 8192 × 512 × 32 = 512 MiB plus QKV 4 × 512 × 48 × 128 = 12 MiB.
        let a = llama8b();
        let p = ComputeParams::new(ctx_layout(8192, 1, true), 512, false);
        assert_eq!(layer_peak_bytes(&a, 0, &p), 512 * MIB + 12 * MIB);
    }
}
