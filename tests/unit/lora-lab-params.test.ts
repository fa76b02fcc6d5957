// LoRALab's params: the trainable count it paints before the engine starts is the formula
// r·(d_in + d_out) per covered linear on the shipped checkpoints' real shapes, and a URL that
// switches every target off is refused with a message.
import { describe, expect, it } from 'vitest';
import { BASES, budgetOf, crossParamProblem, loraLabSchema, targetsOf } from '@/components/widgets/LoRALab/params';
import { readParamsFromQuery } from '@/lib/state/params';

const schema = loraLabSchema();
const read = (query: string) => readParamsFromQuery('lora', schema, new URLSearchParams(query));

describe('LoRALab params', () => {
  it('counts r·(d_in + d_out) per covered linear on the shipped shapes', () => {
    // en-shakespeare: 4 blocks, d 128; all four linears: (128+384)+(128+128)+(128+512)+(512+128) = 2048 per block.
    expect(budgetOf(read('w.lora.r=4').values)).toMatchObject({ trainableParams: 4 * 2048 * 4, fullParams: 809_472, optimizerBytes: 8 * 4 * 2048 * 4 });
    // zh-tang-poetry: 3 blocks, r = 1, c_attn only: 3 · (128 + 384) — the chapter's table says 1,536.
    const zh = read('w.lora.base=zh-tang-poetry&w.lora.r=1&w.lora.attnProj=false&w.lora.cFc=false&w.lora.mlpProj=false').values;
    expect(targetsOf(zh)).toEqual(['attn.c_attn']);
    expect(budgetOf(zh)).toMatchObject({ trainableParams: 1536, fullParams: 987_264 });
    expect(BASES['zh-tang-poetry'].config.vocabSize).toBe(3000);
  });

  it('clamps a rank beyond 64 and refuses an adapter on no linear at all', () => {
    const { values, issues } = read('w.lora.r=500');
    expect(values.r).toBe(64);
    expect(issues.r).toMatchObject({ kind: 'clamped', max: 64 });
    const none = read('w.lora.cAttn=false&w.lora.attnProj=false&w.lora.cFc=false&w.lora.mlpProj=false').values;
    expect(crossParamProblem(none, 'en')?.message).toMatch(/at least one linear/);
    expect(crossParamProblem(read('').values, 'en')).toBeNull();
  });
});
