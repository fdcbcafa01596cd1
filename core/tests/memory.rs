//! Known-answer tests of the memory, placement and fit model against
//! llama.cpp log lines and hand-worked formulas.
//!
//! Architectures and weight plans are built by hand here so that these
//! tests check only the runtime side (KV, compute, placement, fit).

use headroom_core::arch::{Arch, Attn, Ffn, KvSource, Layer, LlamaArch, Moe, StandardAttn};
use headroom_core::device::{Backend, DeviceKind, DeviceSpec};
use headroom_core::estimate::{estimate, Fit, UseKind, Warning};
use headroom_core::inputs::{KvType, RuntimeId};
use headroom_core::scenario::{host_device, Scenario, SplitMode};
use headroom_core::units::{GIB, MIB};
use headroom_core::weights::{LayerWeights, WeightPlan};

fn attn(n_head: u64, n_head_kv: u64, hd: u64) -> Attn {
    Attn::Standard(StandardAttn {
        n_head,
        n_head_kv,
        head_dim_k: hd,
        head_dim_v: hd,
        window: None,
        kv: KvSource::Own,
        fused_qkv: false,
        q_gate: false,
        k_eq_v: false,
        qkv_bias: false,
    })
}

/// Llama 3.1 8B shapes (config.json: 32 layers, 32 heads, 8 KV heads,
/// head_dim 128, hidden 4096, intermediate 14336, vocab 128256).
fn llama8b() -> Arch {
    Arch {
        arch: LlamaArch::Llama,
        n_embd: 4096,
        n_vocab: 128_256,
        n_ctx_train: 131_072,
        tied_embeddings: false,
        layers: vec![
            Layer {
                attn: attn(32, 8, 128),
                ffn: Ffn::Dense {
                    n_ff: 14336,
                    fused_gate_up: false,
                },
            };
            32
        ],
        n_nextn_layers: 0,
        n_embd_per_layer: 0,
        n_vocab_per_layer: 0,
        hc_mult: 1,
    }
}

/// A plan with `n` equal blocks of `block` bytes (`experts` of them routed
/// experts, `active` read per token) and the given embeddings.
fn plan(n: usize, block: u64, experts: u64, active: u64, embd: u64, output: u64) -> WeightPlan {
    let layers = vec![
        LayerWeights {
            bytes: block,
            expert_bytes: experts,
            active_bytes: active,
            params: block * 2,
            active_params: active * 2,
        };
        n
    ];
    WeightPlan {
        layers,
        token_embd_bytes: embd,
        output_bytes: output,
        file_bytes: block * n as u64 + embd + output,
        params: (block * n as u64 + embd + output) * 2,
        active_params: (active * n as u64 + output) * 2,
        ..WeightPlan::default()
    }
}

fn gpu(name: &str, gib: u64) -> DeviceSpec {
    DeviceSpec {
        name: name.to_string().into(),
        kind: DeviceKind::Gpu,
        backend: Backend::Cuda,
        capacity_bytes: gib * GIB,
        gpu_limit_bytes: gib * GIB,
        bandwidth_gb_per_s: 1008.0,
        fp16_tflops: 165.0,
    }
}

fn ram(gib: u64) -> DeviceSpec {
    host_device("DDR5", gib * GIB, 80.0, 1.5)
}

/// Q4_0 token_embd of Llama 3 8B: 128256 × 4096 / 32 × 18 B.
const Q4_0_EMBD: u64 = 128_256 * 4096 / 32 * 18;

#[test]
fn ollama_2024_llama3_8b_log() {
    // Ollama log (Aug 2024, RTX GPU, Llama 3 8B Q4_0, n_ctx 8192 for 4
    // parallel sequences in one cache, flash_attn 0, n_ubatch 512):
    //   CPU buffer size = 281.81 MiB            (token_embd stays in RAM)
    //   CUDA0 KV buffer size = 1024.00 MiB
    //   CUDA0 compute buffer size = 560.00 MiB
    //   CUDA_Host compute buffer size = 24.01 MiB
    let mut s = Scenario::new(
        llama8b(),
        plan(32, 120 * MIB, 0, 120 * MIB, Q4_0_EMBD, 200 * MIB),
        vec![gpu("RTX", 24)],
        ram(64),
    );
    s.ctx = 8192;
    s.parallel = 4;
    s.kv_unified = true;
    s.flash_attn = false;
    s.flash_attn_auto = false;
    s.ngl = Some(33);
    let e = estimate(&s);
    let g = &e.devices[0];
    let h = &e.devices[1];
    assert_eq!(g.kv_bytes, 1024 * MIB);
    assert_eq!(h.weights_bytes, Q4_0_EMBD);
    assert!((h.weights_bytes as f64 / MIB as f64 - 281.81).abs() < 0.01);
    let compute = g.compute_bytes as f64 / MIB as f64;
    assert!(
        (compute - 560.0).abs() / 560.0 < 0.05,
        "GPU compute {compute} MiB"
    );
    // Host: 24.01 MiB compute + output buffer 4 × 128256 × 4 seqs (1.96 MiB;
    // this 2024 build also reserved n_embd per output and printed 2.02 MiB).
    let host = h.compute_bytes as f64 / MIB as f64;
    assert!(
        (host - (24.01 + 1.96)).abs() < 0.1,
        "host compute {host} MiB"
    );
    assert_eq!(e.ngl, 33);
}

#[test]
fn output_buffer_one_sequence() {
    // sizing-facts §5.3: 4 × n_vocab × n_seq. A 2026 llama.cpp log of a
    // 102400-vocab model with one sequence prints
    // "CUDA_Host output buffer size = 0.39 MiB" (409,600 B).
    let mut a = llama8b();
    a.n_vocab = 102_400;
    let s = Scenario::new(
        a,
        plan(32, MIB, 0, MIB, MIB, MIB),
        vec![gpu("G", 24)],
        ram(64),
    );
    let e = estimate(&s);
    assert_eq!(e.output_bytes, 409_600);
}

#[test]
fn ngl_current_semantics() {
    // -ngl 1 → only the output layer; -ngl 5 → output + last 4 blocks
    // (sizing-facts §6: i_gpu_start = max(n_layer + 1 − ngl, 0)).
    let block = 100 * MIB;
    let mut s = Scenario::new(
        llama8b(),
        plan(32, block, 0, block, 300 * MIB, 400 * MIB),
        vec![gpu("G", 24)],
        ram(64),
    );
    s.ngl = Some(1);
    let e = estimate(&s);
    assert_eq!(e.devices[0].weights_bytes, 400 * MIB);
    assert_eq!(e.devices[0].n_layers, 0);
    assert_eq!(e.devices[1].weights_bytes, 300 * MIB + 32 * block);
    s.ngl = Some(5);
    let e = estimate(&s);
    assert_eq!(e.devices[0].weights_bytes, 400 * MIB + 4 * block);
    assert_eq!(e.devices[0].n_layers, 4);
    // KV follows its layer: 4 of 32 layers' 1 GiB at 8192 ctx on the GPU.
    assert_eq!(e.devices[0].kv_bytes, GIB / 8);
    assert!(e.warnings.iter().any(|w| matches!(
        w,
        Warning::PartialOffloadSlow {
            n_gpu_layers: 4,
            ..
        }
    )));
}

#[test]
fn tied_embeddings_duplicate_on_gpu_only() {
    // Tied: the output device gets a copy of token_embd (sizing-facts §6);
    // on the CPU the mmap'ed tensor is shared.
    let mut a = llama8b();
    a.tied_embeddings = true;
    let mut s = Scenario::new(
        a,
        plan(32, 10 * MIB, 0, 10 * MIB, 500 * MIB, 500 * MIB),
        vec![gpu("G", 24)],
        ram(64),
    );
    s.ngl = Some(33);
    assert_eq!(estimate(&s).weights_bytes, 320 * MIB + 1000 * MIB);
    s.ngl = Some(0);
    assert_eq!(estimate(&s).weights_bytes, 320 * MIB + 500 * MIB);
}

#[test]
fn layer_split_follows_free_memory() {
    // Two GPUs, 24 GiB and 12 GiB (same overhead): 33 offloaded layers split
    // by cumulative share of free memory (sizing-facts §6).
    let block = 100 * MIB;
    let mut s = Scenario::new(
        llama8b(),
        plan(32, block, 0, block, 300 * MIB, 400 * MIB),
        vec![gpu("A", 24), gpu("B", 12)],
        ram(64),
    );
    s.ngl = Some(33);
    let e = estimate(&s);
    let (a, b) = (&e.devices[0], &e.devices[1]);
    assert_eq!(a.n_layers + b.n_layers, 32);
    // Free: 24 GiB − 457 MiB vs 12 GiB − 457 MiB → share 0.6744: layers
    // il/33 < 0.6744 → il ≤ 22 → 23 blocks on A, 9 blocks + output on B.
    assert_eq!(a.n_layers, 23);
    assert_eq!(b.weights_bytes, 9 * block + 400 * MIB);
    // Tensor split conserves bytes.
    s.split = SplitMode::Tensor;
    let e = estimate(&s);
    assert_eq!(
        e.devices[0].weights_bytes + e.devices[1].weights_bytes,
        32 * block + 400 * MIB
    );
}

fn moe_arch(n: usize) -> Arch {
    let mut a = llama8b();
    a.layers = vec![
        Layer {
            attn: attn(32, 4, 128),
            ffn: Ffn::Moe(Moe {
                n_expert: 128,
                n_expert_used: 8,
                n_ff_exp: 768,
                n_ff_shexp: 0,
                n_ff_dense: 0,
                fused_gate_up: false,
                expert_bias: false,
            }),
        };
        n
    ];
    a
}

#[test]
fn n_cpu_moe_moves_expert_bytes() {
    // --n-cpu-moe 10: experts of blocks 0..9 to RAM (sizing-facts §6).
    let (block, experts) = (1000 * MIB, 900 * MIB);
    let mut s = Scenario::new(
        moe_arch(48),
        plan(48, block, experts, 160 * MIB, 300 * MIB, 300 * MIB),
        vec![gpu("G", 80)],
        ram(128),
    );
    s.ngl = Some(49);
    s.n_cpu_moe = Some(10);
    let e = estimate(&s);
    assert_eq!(
        e.devices[0].weights_bytes,
        48 * block - 10 * experts + 300 * MIB
    );
    assert_eq!(e.devices[1].weights_bytes, 10 * experts + 300 * MIB);
    assert!(e.warnings.contains(&Warning::ExpertsInRam { n_blocks: 10 }));
}

#[test]
fn auto_fit_moves_experts_before_layers() {
    // 48 GiB of blocks on a 24 GiB GPU: --fit keeps all layers on the GPU
    // and moves the fewest blocks' experts to RAM while 1 GiB stays free.
    let (block, experts) = (GIB, 900 * MIB);
    let s = Scenario::new(
        moe_arch(48),
        plan(48, block, experts, 160 * MIB, 300 * MIB, 300 * MIB),
        vec![gpu("G", 24)],
        ram(128),
    );
    let e = estimate(&s);
    assert_eq!(e.ngl, 49);
    assert!(e.n_cpu_moe > 0 && e.n_cpu_moe < 48);
    let g = &e.devices[0];
    assert!(g.used_bytes + GIB <= g.capacity_bytes);
    // One block fewer in RAM would break the margin: each block moves 900 MiB.
    assert!(g.used_bytes + GIB + 900 * MIB > g.capacity_bytes);
}

#[test]
fn unified_memory_shares_ram() {
    // A 64 GiB Mac: GPU limit 3/4 = 48 GiB by default; the host pool is what
    // the GPU leaves of the 64 GiB.
    let mac = DeviceSpec {
        name: "M4 Max".into(),
        kind: DeviceKind::Unified,
        backend: Backend::Metal,
        capacity_bytes: 64 * GIB,
        gpu_limit_bytes: 48 * GIB,
        bandwidth_gb_per_s: 546.0,
        fp16_tflops: 34.0,
    };
    let s = Scenario::new(
        llama8b(),
        plan(32, 100 * MIB, 0, 100 * MIB, 300 * MIB, 400 * MIB),
        vec![mac],
        host_device("RAM", 64 * GIB, 546.0, 2.0),
    );
    let e = estimate(&s);
    let (g, h) = (&e.devices[0], &e.devices[1]);
    assert_eq!(g.capacity_bytes, 48 * GIB);
    assert_eq!(h.capacity_bytes, 64 * GIB - g.used_bytes);
    assert!(e
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::UnifiedLimitDefault { .. })));
}

#[test]
fn vllm_capacity_is_utilization() {
    let s = Scenario::new(
        llama8b(),
        plan(32, 100 * MIB, 0, 100 * MIB, 300 * MIB, 400 * MIB),
        vec![gpu("G", 24)],
        ram(64),
    )
    .with_runtime(RuntimeId::Vllm);
    let e = estimate(&s);
    // 0.92 × 24 GiB (vllm/config/cache.py default).
    assert_eq!(
        e.devices[0].capacity_bytes,
        (24.0 * GIB as f64 * 0.92) as u64
    );
    // vLLM keeps embeddings on the GPU too.
    assert_eq!(e.devices[1].weights_bytes, 0);
}

#[test]
fn fit_verdicts_and_max_ctx() {
    let mut s = Scenario::new(
        llama8b(),
        plan(32, 400 * MIB, 0, 400 * MIB, 300 * MIB, 400 * MIB),
        vec![gpu("G", 24)],
        ram(64),
    );
    s.ngl = Some(33);
    let e = estimate(&s);
    assert_eq!(e.fit, Fit::Fits);
    // Each 8192 tokens add 1 GiB of KV; max ctx leaves the GPU just full.
    let m = e.max_ctx_that_fits;
    assert!(m > 8192 && m < 131_072, "{m}");
    s.ctx = m;
    assert_ne!(estimate(&s).fit, Fit::No);
    s.ctx = m + 256;
    assert_eq!(estimate(&s).fit, Fit::No);
    // KV type q8_0 frees room: a longer context fits.
    s.ctx = 8192;
    s.kv_type_k = KvType::Q8_0;
    s.kv_type_v = KvType::Q8_0;
    assert!(estimate(&s).max_ctx_that_fits > m);
    assert_eq!(estimate(&s).devices[0].kind, UseKind::Gpu);
}

#[test]
fn quantized_v_without_fa_warns() {
    let mut s = Scenario::new(
        llama8b(),
        plan(32, MIB, 0, MIB, MIB, MIB),
        vec![gpu("G", 24)],
        ram(64),
    );
    s.flash_attn = false;
    s.kv_type_v = KvType::Q4_0;
    assert!(estimate(&s)
        .warnings
        .contains(&Warning::QuantizedVNeedsFlashAttn));
    let s = s.with_runtime(RuntimeId::Ollama);
    assert!(estimate(&s)
        .warnings
        .contains(&Warning::KvQuantIgnoredWithoutFlashAttn));
}

#[test]
fn decode_speed_bandwidth_bound() {
    // Full offload on a 1008 GB/s CUDA GPU at depth 0+: time ≈ bytes /
    // (0.84 × bw) + 32 blocks × 29 µs (the model of `efficiency.rs`).
    // 32 blocks × 128 MiB + 400 MiB output ≈ 4.71 GB → 5.56 + 0.93 ms ≈ 154 t/s.
    let mut s = Scenario::new(
        llama8b(),
        plan(32, 128 * MIB, 0, 128 * MIB, 300 * MIB, 400 * MIB),
        vec![gpu("G", 24)],
        ram(64),
    );
    s.decode_depth = Some(1);
    let e = estimate(&s);
    let bytes = (32 * 128 * MIB + 400 * MIB) as f64;
    let expect = 1.0 / (bytes / (0.84 * 1008e9) + 32.0 * 29e-6);
    assert!(
        (e.decode_tokens_per_s - expect).abs() / expect < 0.01,
        "{}",
        e.decode_tokens_per_s
    );
    // Half the layers on the CPU (80 GB/s × 0.6) is much slower.
    s.ngl = Some(17);
    let slow = estimate(&s).decode_tokens_per_s;
    assert!(slow < expect / 4.0, "{slow}");
    assert!(e.prefill_tokens_per_s > e.decode_tokens_per_s);
}

fn resolved(model: &str, quant: &str, ctx: u64) -> Scenario {
    use headroom_core::inputs::{Inputs, ModelRef};
    let inputs = Inputs {
        model: ModelRef::Catalog(model.into()),
        quant: quant.into(),
        ctx,
        ..Inputs::default()
    };
    match headroom_core::resolve_inputs::resolve(&inputs) {
        Ok(s) => s,
        Err(e) => panic!("{model}: {e}"),
    }
}

#[test]
fn gemma4_e4b_swa_and_global_kv_buffers() {
    // qualcomm/GenieX PR #1346 (llama.cpp log, Gemma-4 E4B, n_ctx 4096,
    // n_swa 512, f16 KV): "SWA KV cache, size = 1536 cells", SWA KV buffer
    // 60.00 MiB, non-SWA KV buffer 64.00 MiB. The PR states the cells as
    // n_swa + n_ubatch = 1536, so that run used n_ubatch 1024.
    let mut s = resolved("gemma-4-e4b", "Q4_0", 4096);
    s.ubatch = 1024;
    let e = estimate(&s);
    assert_eq!(e.kv_bytes, (60 + 64) * MIB);
    // With --swa-full the SWA cache holds all 4096 cells: 160.00 MiB.
    s.swa_full = true;
    assert_eq!(estimate(&s).kv_bytes, (160 + 64) * MIB);
}

#[test]
fn qwen36_27b_partial_offload_log() {
    // llama.cpp log of a Qwen3.6-27B-class hybrid (64 blocks: 48 gated
    // delta-net + 16 full attention) at n_ctx 131072, one sequence, f16 KV,
    // with the last 25 blocks and the output layer on CUDA0:
    //   CPU KV buffer size = 4608.00 MiB     CUDA0 KV buffer size = 3584.00 MiB
    //   CPU RS buffer size =   93.52 MiB     CUDA0 RS buffer size =   56.11 MiB
    //   RS size = 149.62 MiB (1 cells, 64 layers, 1 seqs)
    //   CUDA_Host output buffer size = 0.95 MiB
    let mut s = resolved("qwen3.6-27b", "Q4_K_M", 131_072);
    s.ngl = Some(26);
    let e = estimate(&s);
    let (g, h) = (&e.devices[0], &e.devices[1]);
    let mib = |b: u64| b as f64 / MIB as f64;
    assert_eq!(e.kv_bytes, 8192 * MIB);
    assert!((mib(e.recurrent_state_bytes) - 149.62).abs() < 0.01);
    // Device breakdowns lump KV and state together.
    assert!(
        (mib(g.kv_bytes) - (3584.0 + 56.11)).abs() < 0.01,
        "{}",
        mib(g.kv_bytes)
    );
    assert!(
        (mib(h.kv_bytes) - (4608.0 + 93.52)).abs() < 0.01,
        "{}",
        mib(h.kv_bytes)
    );
    assert!((mib(e.output_bytes) - 0.95).abs() < 0.005);
}

fn on_catalog_device(model: &str, quant: &str, gpu: &str) -> Scenario {
    use headroom_core::inputs::{HardwareInputs, Inputs, ModelRef};
    let inputs = Inputs {
        model: ModelRef::Catalog(model.into()),
        quant: quant.into(),
        ctx: 4096,
        hardware: HardwareInputs {
            gpus: vec![(gpu.into(), 1)],
            ..HardwareInputs::default()
        },
        ..Inputs::default()
    };
    match headroom_core::resolve_inputs::resolve(&inputs) {
        Ok(mut s) => {
            // llama-bench tg128 / pp512 start from an empty cache.
            s.decode_depth = Some(64);
            s
        }
        Err(e) => panic!("{model} on {gpu}: {e}"),
    }
}

fn within(x: f64, measured: f64, tol: f64) -> bool {
    (x - measured).abs() / measured <= tol
}

#[test]
fn metal_speed_against_llama_bench() {
    // llama-bench, Llama 3.1 8B Q4_K_M, llama.cpp Metal (brand-o/normiebench
    // issues #40 and #3, 2026-03): M1 Max tg128 46.2 t/s, pp512 499.6 t/s;
    // M4 tg128 20.87 t/s, pp512 224.8 t/s. The efficiency factors come from
    // other measurements (sizing-facts §9.1), so ±35 % is the honest band.
    let e = estimate(&on_catalog_device("llama-3.1-8b", "Q4_K_M", "m1-max-64"));
    assert!(
        within(e.decode_tokens_per_s, 46.2, 0.35),
        "{}",
        e.decode_tokens_per_s
    );
    assert!(
        within(e.prefill_tokens_per_s, 499.6, 0.35),
        "{}",
        e.prefill_tokens_per_s
    );
    let e = estimate(&on_catalog_device("llama-3.1-8b", "Q4_K_M", "m4-16"));
    assert!(
        within(e.decode_tokens_per_s, 20.87, 0.35),
        "{}",
        e.decode_tokens_per_s
    );
    assert!(
        within(e.prefill_tokens_per_s, 224.8, 0.35),
        "{}",
        e.prefill_tokens_per_s
    );
}

#[test]
fn vllm_tensor_parallel_replicates_few_kv_heads() {
    // sizing-facts §8: TP divides KV heads over GPUs, replicating them when
    // n_kv_heads < TP. 8 KV heads over 2 GPUs: divided, same total as one
    // GPU; 1 KV head (MQA) over 2 GPUs: each GPU holds the full cache.
    let mk = |n_kv: u64, n_gpu: usize| {
        let mut a = llama8b();
        for l in &mut a.layers {
            l.attn = attn(32, n_kv, 128);
        }
        let gpus: Vec<_> = (0..n_gpu).map(|i| gpu(&format!("G{i}"), 80)).collect();
        let s = Scenario::new(a, plan(32, MIB, 0, MIB, MIB, MIB), gpus, ram(64))
            .with_runtime(RuntimeId::Vllm);
        estimate(&s).kv_bytes
    };
    assert_eq!(mk(8, 2), mk(8, 1));
    assert_eq!(mk(1, 2), 2 * mk(1, 1));
}

#[test]
fn gpt_oss_20b_iswa_log() {
    // llama.cpp logs of gpt-oss-20b (24 blocks, 12 with a 128-token window),
    // n_ctx 131072, n_ubatch 512, flash attention on, f16 KV:
    // one sequence (CUDA, experts in RAM):
    //   CUDA0 model buffer 1242.03 MiB (all 25 layers offloaded, experts in RAM),
    //   non-SWA KV 3072.00 MiB (131072 cells, 12 layers), SWA KV 18.00 MiB (768 cells)
    //   CUDA_Host output buffer 0.77 MiB, CUDA0 compute 456.98 MiB,
    //   CUDA_Host compute 263.15 MiB;
    // four unified sequences (Metal): SWA KV 24.00 MiB (1024 cells), CPU output
    //   buffer 3.07 MiB.
    let mut s = resolved("gpt-oss-20b", "MXFP4_MOE", 131_072);
    s.ngl = Some(25);
    s.n_cpu_moe = Some(24);
    let e = estimate(&s);
    let mib = |b: u64| b as f64 / MIB as f64;
    assert_eq!(e.kv_bytes, (3072 + 18) * MIB);
    assert!((mib(e.output_bytes) - 0.77).abs() < 0.005);
    let (g, h) = (&e.devices[0], &e.devices[1]);
    // "CUDA0 model buffer size = 1242.03 MiB": everything but token_embd and
    // the routed experts (the weight plan of this quant plus the placement).
    assert!(
        (mib(g.weights_bytes) - 1242.03).abs() / 1242.03 < 0.005,
        "{}",
        mib(g.weights_bytes)
    );
    // Compute buffers are estimates: within 10 % of the log.
    assert!(
        (mib(g.compute_bytes) - 456.98).abs() / 456.98 < 0.10,
        "{}",
        mib(g.compute_bytes)
    );
    let host = mib(h.compute_bytes) - mib(e.output_bytes);
    assert!((host - 263.15).abs() / 263.15 < 0.10, "{host}");
    s.parallel = 4;
    let e = estimate(&s);
    assert_eq!(e.kv_bytes, (3072 + 24) * MIB);
    assert!((mib(e.output_bytes) - 3.07).abs() < 0.005);
}

#[test]
fn ollama_context_is_per_request() {
    // Ollama: num_ctx 2048 with 4 parallel requests gives the runner
    // n_ctx 8192 (2024 Ollama log: "n_ctx = 8192", "n_ctx_per_seq = 2048",
    // "KV self size = 1024.00 MiB" for Llama 3 8B).
    let mut s = Scenario::new(
        llama8b(),
        plan(32, MIB, 0, MIB, MIB, MIB),
        vec![gpu("G", 24)],
        ram(64),
    )
    .with_runtime(RuntimeId::Ollama);
    s.ctx = 2048;
    s.parallel = 4;
    let e = estimate(&s);
    assert_eq!(e.kv_bytes, 1024 * MIB);
    assert_eq!(e.n_ctx, 8192);
}

#[test]
fn projector_is_loaded_when_known_and_flagged_when_not() {
    use headroom_core::estimate::Warning;
    use headroom_core::inputs::{Inputs, ModelRef};
    let run = |model: &str, multimodal: bool| {
        let inputs = Inputs {
            model: ModelRef::Catalog(model.into()),
            quant: "Q4_K_M".into(),
            ctx: 4096,
            multimodal,
            ..Inputs::default()
        };
        match headroom_core::resolve_inputs::resolve(&inputs) {
            Ok(s) => estimate(&s),
            Err(e) => panic!("{model}: {e}"),
        }
    };
    // Llama 4 Scout: ggml-org's mmproj f16 file is 1,746,780,608 bytes
    // (the size pinned with its sha256 in public code; catalog source).
    let (text, vision) = (run("llama-4-scout", false), run("llama-4-scout", true));
    assert_eq!(vision.weights_bytes - text.weights_bytes, 1_746_780_608);
    assert!(!vision.warnings.contains(&Warning::ProjectorSizeUnknown));
    // Gemma 3n: llama.cpp publishes no projector, so nothing is added and
    // the estimate says so.
    let (text, vision) = (run("gemma-3n-e4b", false), run("gemma-3n-e4b", true));
    assert_eq!(vision.weights_bytes, text.weights_bytes);
    assert!(vision.warnings.contains(&Warning::ProjectorSizeUnknown));
    assert!(!text.warnings.contains(&Warning::ProjectorSizeUnknown));
    // A text-only model has no projector to miss.
    assert!(!run("qwen3-8b", true)
        .warnings
        .contains(&Warning::ProjectorSizeUnknown));
}
