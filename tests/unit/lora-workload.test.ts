// The LoRA benchmark's workload (tests/e2e/support/engine-harness/lora-workload.ts, what
// `npm run bench -- --only=lora` runs in Node and in Chromium's worker): the counts it prints are
// the exact ones — r·Σ(d_in + d_out) over the covered linears for LoRA, every weight for full
// fine-tuning, 8 bytes of Adam state (m and v, float32) per trainable scalar — step 1 is the same
// batch at the same loss in every variant (ΔW starts at 0), and no tensor is left behind.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '@/lib/model/config';
import { GPT } from '@/lib/model/gpt';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { runLoraWorkload } from '@/tests/e2e/support/engine-harness/lora-workload';

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(24);
const tokenizer = CharTokenizer.fromText(TEXT);
const D = 16;
const config = validateConfig({ vocabSize: tokenizer.vocabSize, contextLength: 16, nLayer: 2, nHead: 2, dModel: D, mlpRatio: 4, seed: 1 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('LoRA bench workload', () => {
  it('reports the exact trainable count, 8 Adam bytes per parameter, equal step-1 losses, no leak', async () => {
    const base = new GPT(config);
    const before = tf.memory().numTensors;
    const spec = { variants: [{ kind: 'lora' as const, r: 4 }, { kind: 'lora' as const, r: 16 }, { kind: 'full' as const }], batchSize: 4, warmupSteps: 1, steps: 3, maxSeconds: 0, minSteps: 3, loraLearningRate: 1e-2, fullLearningRate: 1e-3 };
    const result = await runLoraWorkload(spec, base, tokenizer, TEXT);
    // Per block, [in, out] of c_attn (d → 3d), attn c_proj (d → d), c_fc (d → 4d), mlp c_proj (4d → d).
    const sumInOut = config.nLayer * ((D + 3 * D) + (D + D) + (D + 4 * D) + (4 * D + D));
    const [r4, r16, full] = result.runs;
    expect(r4.variant).toBe('lora r=4 all four');
    expect(r4.trainableParams).toBe(4 * sumInOut);
    expect(r16.trainableParams).toBe(16 * sumInOut);
    expect(full.trainableParams).toBe(base.numParams);
    for (const run of result.runs) {
      expect(run.optimizerBytes).toBe(8 * run.trainableParams);
      expect(run.warmupMs).toHaveLength(1);
      expect(run.msPerStep).toHaveLength(3);
      expect(run.numTensorsAfter).toBe(run.numTensorsBefore);
    }
    // Step 1 (recorded only without a warm-up step): the same batch through the same weights.
    const first = await runLoraWorkload({ ...spec, warmupSteps: 0, steps: 1, minSteps: 1 }, base, tokenizer, TEXT);
    expect(first.runs[1].losses[0]).toBeCloseTo(first.runs[0].losses[0], 5);
    expect(first.runs[2].losses[0]).toBeCloseTo(first.runs[0].losses[0], 5);
    expect(tf.memory().numTensors).toBe(before);
    base.dispose();
  });
});
