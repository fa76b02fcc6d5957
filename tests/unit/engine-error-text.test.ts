import { describe, expect, it } from 'vitest';
import { engineErrorMessage } from '@/components/widgets/shared/EngineErrorText';
import { classifyError } from '@/lib/engine/protocol';
import { DivergenceError } from '@/lib/train/trainer';

describe('engineErrorMessage', () => {
  it('words a divergence from its numbers in each language (the engine text is English)', () => {
    const error = classifyError(new DivergenceError(2, Infinity, 0.9943, 8.3812));
    expect(engineErrorMessage(error, 'zh')).toBe('第 2 步的损失变成了无穷大（学习率 0.994，梯度范数 8.38）。请调低学习率。');
    expect(engineErrorMessage(error, 'en')).toBe('the loss became infinite at step 2 (learning rate 0.994, gradient norm 8.38). Lower the learning rate.');
    expect(engineErrorMessage(classifyError(new DivergenceError(5, NaN, 0.3, NaN)), 'en')).toContain('became NaN at step 5');
    expect(engineErrorMessage(classifyError(new DivergenceError(9, 12.5, 1e-3, 2e6)), 'zh')).toContain('损失变成了 12.5（学习率 0.001，梯度范数 2000000）');
  });

  it('shows any other error as the engine wrote it', () => {
    const error = classifyError(new Error('the text is 52 MB; the limit is 10 MB'));
    expect(engineErrorMessage(error, 'zh')).toBe('the text is 52 MB; the limit is 10 MB');
  });
});
