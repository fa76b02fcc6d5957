// LoRA vs full fine-tuning on the shipped en-shakespeare checkpoint (Node): ms/step and Adam
// bytes of full fine-tuning and of LoRA at r = 4 and 16 on all four linears, batch 8, context 64.
// Part of `npm run bench` (one JSON object per measurement); `--only=lora` runs just these.
import * as tf from '@tensorflow/tfjs';
import { LORA_TARGETS } from '@/lib/model/lora';
import { sideBySide } from './lora-side-by-side';

type Run = { trainableParams: number; optimizerBytes: number; medianMsPerStep: number; firstStepMs: number };

export async function benchLora(backends: ('wasm' | 'cpu')[]): Promise<void> {
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) throw new Error(`Node: backend ${backend} failed to start`);
    await tf.ready();
    for (const r of [4, 16]) {
      console.error(`node ${backend} lora r=${r}${r === 4 ? ' + full' : ''}…`);
      const result = await sideBySide({ checkpoint: 'en-shakespeare', corpus: 'sea-shanties', steps: 5, batchSize: 8, r, alpha: 2 * r, targets: [...LORA_TARGETS], full: r === 4, sampleTokens: 0 });
      const base = { backend, env: 'node', config: 'en-shakespeare', shape: { nLayer: 4, dModel: 128, contextLength: 64, vocabSize: 62, batchSize: 8 }, steps: 4, warmup: 1 };
      const runs: [string, Run][] = [[`lora r=${r} all four`, result.lora as Run], ...(result.full ? [['full', result.full as Run] as [string, Run]] : [])];
      for (const [variant, run] of runs) {
        console.log(JSON.stringify({ name: 'finetune.ms_per_step', ...base, variant, median: run.medianMsPerStep, unit: 'ms', firstStepMs: run.firstStepMs }));
        console.log(JSON.stringify({ name: 'finetune.trainable_params', ...base, variant, median: run.trainableParams, unit: 'parameters' }));
        console.log(JSON.stringify({ name: 'finetune.optimizer_bytes', ...base, variant, median: run.optimizerBytes, unit: 'bytes', note: "Adam's m and v as held by the trainer after the run" }));
      }
    }
  }
}
