import { describe, expect, it } from 'vitest';
import { classifyError, estimateEtaMs, isEngineCommand, TooBigError, BadInputError, DeviceLostError } from '@/lib/engine/protocol';
import { ConfigError } from '@/lib/model/config';
import { DivergenceError } from '@/lib/train/trainer';

describe('engine protocol helpers', () => {
  it('accepts only known commands', () => {
    expect(isEngineCommand({ type: 'pause' })).toBe(true);
    expect(isEngineCommand({ type: 'train', runId: 1 })).toBe(true);
    expect(isEngineCommand({ type: 'explode' })).toBe(false);
    expect(isEngineCommand(null)).toBe(false);
    expect(isEngineCommand('pause')).toBe(false);
  });

  it('estimates the time left from the mean pace, not before two steps', () => {
    expect(estimateEtaMs(0, 100, 0)).toBeNull();
    expect(estimateEtaMs(1, 100, 5000)).toBeNull();
    expect(estimateEtaMs(10, 100, 2000)).toBe(18000); // 200 ms/step × 90 steps
    expect(estimateEtaMs(100, 100, 2000)).toBe(0);
  });

  it('maps what the worker throws to the code a widget reacts to', () => {
    expect(classifyError(new DivergenceError(3, NaN, 1, 1e9)).code).toBe('diverged');
    // …with its numbers, so a widget can word it in the reader's language.
    expect(classifyError(new DivergenceError(7, Infinity, 0.5, 12.25)).divergence).toEqual({ step: 7, loss: Infinity, lr: 0.5, gradNorm: 12.25 });
    expect(classifyError(new TooBigError('too big', 10, 5)).divergence).toBeUndefined();
    expect(classifyError(new TooBigError('too big', 10, 5)).code).toBe('too-big');
    expect(classifyError(new ConfigError('invalid config: nHead')).code).toBe('bad-input');
    expect(classifyError(new BadInputError('text too long')).code).toBe('bad-input');
    expect(classifyError(new DeviceLostError('lost')).code).toBe('device-lost');
    expect(classifyError(new Error('GPUDevice was lost: destroyed')).code).toBe('device-lost');
    expect(classifyError(new RangeError('Array buffer allocation failed')).code).toBe('too-big');
    const other = classifyError('boom');
    expect(other).toEqual({ code: 'internal', message: 'boom' });
  });
});
