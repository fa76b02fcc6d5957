// The KV-cache memory arithmetic against the worked values of chapter 7 ("What the cache costs",
// the MQA/GQA section) and against the tiny model's own cache formula used by KVCacheRace.
import { describe, expect, it } from 'vitest';
import { BYTES_PER_VALUE, formatBinaryBytes, formatDecimalGB, kvCacheBytes, servingPlan, weightBytes } from '@/lib/inference/kv-memory';
import { kvCacheBytes as tinyModelCacheBytes } from '@/lib/model/kv-cache';

// LLaMA-7B / Llama 2 7B shape: 32 layers, d_model 4096 = 32 heads × 128.
const llama7b = { layers: 32, kvHeads: 32, headDim: 128, tokens: 4096, sequences: 1, bytesPerValue: BYTES_PER_VALUE.fp16 };

describe('kvCacheBytes', () => {
  it('gives the chapter’s 2 GiB for one 4,096-token fp16 sequence of the LLaMA-7B shape', () => {
    expect(kvCacheBytes(llama7b)).toBe(2_147_483_648);
    expect(formatBinaryBytes(kvCacheBytes(llama7b))).toBe('2 GiB');
  });

  it('shrinks to 512 MiB with 8 KV heads (GQA) and 64 MiB with one (MQA)', () => {
    expect(kvCacheBytes({ ...llama7b, kvHeads: 8 })).toBe(512 * 2 ** 20);
    expect(kvCacheBytes({ ...llama7b, kvHeads: 1 })).toBe(64 * 2 ** 20);
    expect(formatBinaryBytes(kvCacheBytes({ ...llama7b, kvHeads: 8 }))).toBe('512 MiB');
  });

  it('equals the tiny model’s 2·L·T·d·4 (lib/model/kv-cache.ts) for the Tang model in fp32', () => {
    // zh-tang-poetry: 3 layers, d 128 = 4 heads × 32, context 64.
    const tiny = kvCacheBytes({ layers: 3, kvHeads: 4, headDim: 32, tokens: 64, sequences: 1, bytesPerValue: BYTES_PER_VALUE.fp32 });
    expect(tiny).toBe(tinyModelCacheBytes(3, 64, 128));
    expect(tiny).toBe(196_608);
    for (const [L, T, d, h] of [[2, 17, 64, 4], [6, 512, 256, 8], [12, 1024, 768, 12]]) {
      expect(kvCacheBytes({ layers: L, kvHeads: h, headDim: d / h, tokens: T, sequences: 1, bytesPerValue: 4 })).toBe(tinyModelCacheBytes(L, T, d));
    }
  });

  it('grows linearly with sequences and halves per halving of precision', () => {
    expect(kvCacheBytes({ ...llama7b, sequences: 8 })).toBe(8 * 2 ** 31);
    expect(kvCacheBytes({ ...llama7b, bytesPerValue: BYTES_PER_VALUE.int8 })).toBe(2 ** 30);
    expect(kvCacheBytes({ ...llama7b, bytesPerValue: BYTES_PER_VALUE.int4 })).toBe(2 ** 29);
  });

  it('caps the cache at a sliding window (Mistral 7B: 4,096 of 8,192 tokens)', () => {
    const mistral = { layers: 32, kvHeads: 8, headDim: 128, tokens: 8192, sequences: 1, bytesPerValue: 2 };
    expect(kvCacheBytes(mistral)).toBe(2 ** 30);
    expect(kvCacheBytes({ ...mistral, window: 4096 })).toBe(2 ** 29);
    expect(kvCacheBytes({ ...mistral, tokens: 1000, window: 4096 })).toBe(2 * 32 * 8 * 128 * 1000 * 2);
  });

  it('refuses nonsense with the name of the bad field', () => {
    expect(() => kvCacheBytes({ ...llama7b, layers: 0 })).toThrow(/layers must be a whole number ≥ 1, got 0/);
    expect(() => kvCacheBytes({ ...llama7b, tokens: -5 })).toThrow(/tokens/);
    expect(() => kvCacheBytes({ ...llama7b, kvHeads: 2.5 })).toThrow(/kvHeads/);
    expect(() => kvCacheBytes({ ...llama7b, bytesPerValue: 0 })).toThrow(/bytesPerValue/);
    expect(() => weightBytes(Number.NaN, 2)).toThrow(/params/);
  });
});

describe('servingPlan', () => {
  // Llama 2 7B: 6,738,415,616 parameters (32 × 202,383,360 per layer + 2 × 32,000 × 4,096 + 4,096).
  const llama2_7b = { ...llama7b, params: 6_738_415_616, bytesPerWeight: 2, gpuBytes: 80e9 };

  it('fits about 30 full-length sequences beside Llama 2 7B’s fp16 weights on an 80 GB GPU, as the chapter says', () => {
    const plan = servingPlan(llama2_7b);
    expect(plan.weights).toBe(13_476_831_232);
    expect(formatDecimalGB(plan.weights)).toBe('13.5 GB');
    expect(plan.sequencesThatFit).toBe(Math.floor((80e9 - 13_476_831_232) / 2 ** 31));
    expect(plan.sequencesThatFit).toBe(30);
    expect(plan.fits).toBe(true);
    // Four times as many with 8 KV heads: the chapter's point about GQA.
    expect(servingPlan({ ...llama2_7b, kvHeads: 8 }).sequencesThatFit).toBe(Math.floor((80e9 - 13_476_831_232) / 2 ** 29));
    expect(servingPlan({ ...llama2_7b, kvHeads: 8 }).sequencesThatFit).toBe(123);
  });

  it('reports 0 sequences when the weights alone do not fit (Llama 2 70B in fp16 on 80 GB)', () => {
    const plan = servingPlan({ layers: 80, kvHeads: 8, headDim: 128, tokens: 4096, sequences: 1, bytesPerValue: 2, params: 68_976_648_192, bytesPerWeight: 2, gpuBytes: 80e9 });
    expect(plan.weightsTooBig).toBe(true);
    expect(plan.sequencesThatFit).toBe(0);
    expect(plan.freeForCache).toBe(0);
    expect(plan.cachePerSequence).toBe(1.25 * 2 ** 30);
    expect(plan.fits).toBe(false);
  });

  it('says the total does not fit when too many sequences are asked for', () => {
    const plan = servingPlan({ ...llama2_7b, sequences: 31 });
    expect(plan.total).toBe(13_476_831_232 + 31 * 2 ** 31);
    expect(plan.fits).toBe(false);
    expect(servingPlan({ ...llama2_7b, sequences: 30 }).fits).toBe(true);
  });

  it('GPT-3 175B: 4.5 MiB per token, 9 GiB per 2,048-token sequence in fp16', () => {
    const plan = servingPlan({ layers: 96, kvHeads: 96, headDim: 128, tokens: 2048, sequences: 1, bytesPerValue: 2, params: 175e9, bytesPerWeight: 2, gpuBytes: 80e9 });
    expect(plan.bytesPerToken).toBe(4.5 * 2 ** 20);
    expect(formatBinaryBytes(plan.cachePerSequence)).toBe('9 GiB');
    expect(formatDecimalGB(plan.weights)).toBe('350 GB');
  });
});
