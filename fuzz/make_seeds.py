#!/usr/bin/env python3
"""Writes the seed corpus of the gguf_header and config_json fuzz targets:
small but well-formed inputs the fuzzer mutates from."""
import json
import struct
from pathlib import Path

here = Path(__file__).parent


def s(x: str) -> bytes:
    b = x.encode()
    return struct.pack("<Q", len(b)) + b


def kv(key, typ, val) -> bytes:
    out = s(key) + struct.pack("<I", typ)
    if typ == 4:
        out += struct.pack("<I", val)
    elif typ == 8:
        out += s(val)
    elif typ == 6:
        out += struct.pack("<f", val)
    elif typ == 9:  # array of strings
        out += struct.pack("<IQ", 8, len(val)) + b"".join(s(v) for v in val)
    return out


def gguf(n_layer=2, n_embd=256, n_ff=512, n_head=4, n_kv=2, vocab=320, ftype=15, types=(12, 14)) -> bytes:
    meta = [
        kv("general.architecture", 8, "llama"),
        kv("general.file_type", 4, ftype),
        kv("llama.block_count", 4, n_layer),
        kv("llama.context_length", 4, 4096),
        kv("llama.embedding_length", 4, n_embd),
        kv("llama.feed_forward_length", 4, n_ff),
        kv("llama.attention.head_count", 4, n_head),
        kv("llama.attention.head_count_kv", 4, n_kv),
        kv("llama.rope.freq_base", 6, 500000.0),
        kv("tokenizer.ggml.tokens", 9, [f"t{i}" for i in range(vocab)]),
    ]
    hd = n_embd // n_head
    tensors = [("token_embd.weight", [n_embd, vocab], types[1]), ("output_norm.weight", [n_embd], 0), ("output.weight", [n_embd, vocab], types[1])]
    for i in range(n_layer):
        p = f"blk.{i}."
        tensors += [
            (p + "attn_norm.weight", [n_embd], 0),
            (p + "attn_q.weight", [n_embd, n_head * hd], types[0]),
            (p + "attn_k.weight", [n_embd, n_kv * hd], types[0]),
            (p + "attn_v.weight", [n_embd, n_kv * hd], types[1]),
            (p + "attn_output.weight", [n_head * hd, n_embd], types[0]),
            (p + "ffn_norm.weight", [n_embd], 0),
            (p + "ffn_gate.weight", [n_embd, n_ff], types[0]),
            (p + "ffn_up.weight", [n_embd, n_ff], types[0]),
            (p + "ffn_down.weight", [n_ff, n_embd], types[1]),
        ]
    infos, offset = b"", 0
    sizes = {0: (1, 4), 12: (256, 144), 14: (256, 210)}
    for name, dims, t in tensors:
        infos += s(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims) + struct.pack("<IQ", t, offset)
        blk, size = sizes[t]
        n = 1
        for d in dims:
            n *= d
        nbytes = n // blk * size
        offset += (nbytes + 31) // 32 * 32
    head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(meta)) + b"".join(meta) + infos
    return head + b"\0" * ((32 - len(head) % 32) % 32)


(here / "corpus/gguf_header/llama-2layer-q4km").write_bytes(gguf())
(here / "corpus/gguf_header/llama-1layer-f32ish").write_bytes(gguf(n_layer=1, ftype=0, types=(0, 0), vocab=16))

configs = {
    # Shapes of Qwen/Qwen3-8B config.json (https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json).
    "qwen3-8b": {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "hidden_size": 4096, "num_hidden_layers": 36, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 12288, "vocab_size": 151936, "tie_word_embeddings": False, "max_position_embeddings": 40960},
    # Shapes of google/gemma-3-27b-it (text_config nested, as published).
    "gemma3-27b": {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3", "text_config": {"model_type": "gemma3_text", "hidden_size": 5376, "num_hidden_layers": 62, "num_attention_heads": 32, "num_key_value_heads": 16, "head_dim": 128, "intermediate_size": 21504, "vocab_size": 262208, "sliding_window": 1024, "sliding_window_pattern": 6}},
    # Shapes of Qwen/Qwen3-30B-A3B (MoE).
    "qwen3-30b-a3b": {"model_type": "qwen3_moe", "hidden_size": 2048, "num_hidden_layers": 48, "num_attention_heads": 32, "num_key_value_heads": 4, "head_dim": 128, "intermediate_size": 6144, "moe_intermediate_size": 768, "num_experts": 128, "num_experts_per_tok": 8, "vocab_size": 151936, "max_position_embeddings": 40960},
}
for name, cfg in configs.items():
    (here / f"corpus/config_json/{name}.json").write_text(json.dumps(cfg, indent=1))
