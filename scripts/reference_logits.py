#!/usr/bin/env python3
"""NumPy (float64) reference forward pass of a Live LLM Book GPT checkpoint.

Reads DIR/model.json + DIR/weights.bin (see docs/engine.md) and prints one JSON object
{"tokens": [ids...], "logits": [[... vocab ...] per position]} — the same shape as
`npm run gpt -- logits`. It re-implements the model from the GPT-2 definition, independently
of TensorFlow.js: token + learned position embeddings, pre-LayerNorm blocks (eps 1e-5), causal
multi-head attention scaled by 1/sqrt(d_head), GELU (tanh form), final LayerNorm, head tied to wte.

usage: python3 scripts/reference_logits.py --checkpoint DIR (--text TEXT | --tokens 1,2,3)
"""
import argparse
import json
import math
import os
import sys

import numpy as np


def load(directory):
    with open(os.path.join(directory, "model.json"), encoding="utf-8") as f:
        meta = json.load(f)
    raw = np.fromfile(os.path.join(directory, "weights.bin"), dtype="<f4")
    params = {}
    for t in meta["tensors"]:
        assert t["dtype"] == "float32", t
        start, count = t["offset"] // 4, t["byteLength"] // 4
        params[t["name"]] = raw[start : start + count].astype(np.float64).reshape(t["shape"])
    return meta, params


def layer_norm(x, w, b, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def forward(config, p, tokens):
    T, d, nh = len(tokens), config["dModel"], config["nHead"]
    hs = d // nh
    x = p["wte"][tokens] + p["wpe"][:T]  # (T, d)
    mask = np.triu(np.ones((T, T), dtype=bool), k=1)
    for i in range(config["nLayer"]):
        h = layer_norm(x, p[f"h.{i}.ln_1.weight"], p[f"h.{i}.ln_1.bias"])
        qkv = h @ p[f"h.{i}.attn.c_attn.weight"] + p[f"h.{i}.attn.c_attn.bias"]  # (T, 3d)
        q, k, v = (qkv[:, j * d : (j + 1) * d].reshape(T, nh, hs).transpose(1, 0, 2) for j in range(3))  # (nh, T, hs)
        att = q @ k.transpose(0, 2, 1) / math.sqrt(hs)  # (nh, T, T)
        att = softmax(np.where(mask, -np.inf, att))
        y = (att @ v).transpose(1, 0, 2).reshape(T, d)  # (T, d)
        x = x + y @ p[f"h.{i}.attn.c_proj.weight"] + p[f"h.{i}.attn.c_proj.bias"]
        h = layer_norm(x, p[f"h.{i}.ln_2.weight"], p[f"h.{i}.ln_2.bias"])
        x = x + gelu(h @ p[f"h.{i}.mlp.c_fc.weight"] + p[f"h.{i}.mlp.c_fc.bias"]) @ p[f"h.{i}.mlp.c_proj.weight"] + p[f"h.{i}.mlp.c_proj.bias"]
    x = layer_norm(x, p["ln_f.weight"], p["ln_f.bias"])
    return x @ p["wte"].T  # (T, vocab), head tied to the token embedding


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--text")
    group.add_argument("--tokens", help="comma-separated ids")
    args = ap.parse_args()
    meta, params = load(args.checkpoint)
    if args.text is not None:
        if meta["tokenizer"]["kind"] != "char":
            sys.exit("--text needs a char tokenizer; pass --tokens for other kinds")
        ids = {c: i for i, c in enumerate(meta["tokenizer"]["chars"])}
        tokens = [ids[c] for c in args.text]
    else:
        tokens = [int(t) for t in args.tokens.split(",")]
    if not 1 <= len(tokens) <= meta["config"]["contextLength"]:
        sys.exit(f"{len(tokens)} tokens; the model reads 1..{meta['config']['contextLength']}")
    logits = forward(meta["config"], params, np.array(tokens))
    json.dump({"tokens": tokens, "logits": logits.tolist()}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
