// KVCacheRace's first paint uses shapes known before the engine starts: they must be the shipped
// checkpoints' own, or the formula and sizes shown before a race would be wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheBytes, raceShape, recentMedian, rollingMedian } from '@/components/widgets/KVCacheRace/params';

const shipped = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/checkpoints', name, 'model.json'), 'utf8'));

describe('KVCacheRace params', () => {
  it.each(['en-shakespeare', 'zh-tang-poetry'] as const)('%s: the static shape is the shipped checkpoint’s', (name) => {
    const json = shipped(name);
    const shape = raceShape(name, 'checkpoint');
    expect(shape).toMatchObject({ vocabSize: json.config.vocabSize, contextLength: json.config.contextLength, nLayer: json.config.nLayer, nHead: json.config.nHead, dModel: json.config.dModel });
    expect(shape.params).toBe(json.numParams);
    expect(cacheBytes(shape.nLayer, shape.contextLength, shape.dModel)).toBe(2 * json.config.nLayer * 64 * 128 * 4);
  });

  it('random shapes keep the checkpoint’s vocabulary', () => {
    expect(raceShape('zh-tang-poetry', 'random-512')).toMatchObject({ vocabSize: 3000, contextLength: 512, nLayer: 6, nHead: 8, dModel: 256 });
  });

  it('medians follow the trend through spikes', () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ x: i, y: i + (i % 5 === 0 ? 100 : 0) }));
    const smooth = rollingMedian(points);
    expect(Math.max(...smooth.map((p, i) => Math.abs(p.y - i)))).toBeLessThanOrEqual(3);
    expect(recentMedian([1, 2, 3, 1000, 4], 5)).toBe(3);
    expect(recentMedian([])).toBeNull();
  });
});
