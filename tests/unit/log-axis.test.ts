import { describe, expect, it } from 'vitest';
import { axisTicks, compactNumber, scientific } from '@/components/ui/log-axis';
import { serialisePoints } from '@/components/ui/LogLogChart';

describe('axisTicks', () => {
  it('uses 1-2-5 ticks over a short log range', () => {
    expect(axisTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });
  it('keeps only powers of ten over many decades (labels would collide otherwise)', () => {
    expect(axisTicks(3e6, 2e13)).toEqual([1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13]);
  });
  it('thins to every other decade beyond ten decades', () => {
    const ticks = axisTicks(1e15, 1e29);
    expect(ticks).toEqual([1e16, 1e18, 1e20, 1e22, 1e24, 1e26, 1e28]);
  });
  it('returns nothing for a range a log axis cannot show', () => {
    expect(axisTicks(0, 10)).toEqual([]);
    expect(axisTicks(10, 1)).toEqual([]);
  });
});

describe('compactNumber', () => {
  it('prints model sizes and token counts as papers do', () => {
    expect(compactNumber(175e9)).toBe('175B');
    expect(compactNumber(1.4e12)).toBe('1.4T');
    expect(compactNumber(400e6)).toBe('400M');
    expect(compactNumber(67.83e9)).toBe('67.8B');
    expect(compactNumber(0.25)).toBe('0.25');
    expect(compactNumber(1e15)).toBe('1000T'); // still a token count
  });
  it('switches to scientific notation for FLOP counts', () => {
    expect(compactNumber(5.76e23)).toBe('5.76e23');
    expect(scientific(1.2e-5)).toBe('1.2e-5');
  });
});

describe('serialisePoints', () => {
  it('exposes the drawn data with four significant digits', () => {
    expect(serialisePoints([{ x: 1e9, y: 0.123456 }, { x: 2.5e10, y: 1 }])).toBe('1000000000,0.1235;25000000000,1');
  });
});
