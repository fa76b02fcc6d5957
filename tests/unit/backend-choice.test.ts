import { describe, expect, it } from 'vitest';
import {
  BACKEND_CACHE_KEY,
  chooseBackend,
  createSnapshotCache,
  describeChoice,
  type BackendProbes,
  type MeasuredBackend,
  type WebGpuProbe,
} from '@/lib/backend/choose';

/** Fake probes: fixed WebGPU answer and probe times (a string = that backend fails with this message). */
function fakeProbes(webgpu: WebGpuProbe | Error, times: Record<MeasuredBackend, number | string>) {
  const measured: MeasuredBackend[] = [];
  const probes: BackendProbes = {
    webgpu: async () => {
      if (webgpu instanceof Error) throw webgpu;
      return webgpu;
    },
    measure: async (b) => {
      measured.push(b);
      const t = times[b];
      if (typeof t === 'string') throw new Error(t);
      return t;
    },
  };
  return { probes, measured };
}

const hardware: WebGpuProbe = { available: true, isFallbackAdapter: false, description: 'nvidia ampere' };
const swiftshader: WebGpuProbe = { available: true, isFallbackAdapter: true, description: 'google swiftshader' };
const noGpu: WebGpuProbe = { available: false, reason: 'no navigator.gpu (this browser has no WebGPU)' };
const reasonFor = (choice: { rejected: { backend: string; reason: string }[] }, backend: string) =>
  choice.rejected.find((r) => r.backend === backend)?.reason;

describe('chooseBackend', () => {
  it('takes a hardware WebGPU adapter without measuring anything', async () => {
    const { probes, measured } = fakeProbes(hardware, { webgl: 10, wasm: 5, cpu: 50 });
    const choice = await chooseBackend({ probes });
    expect(choice.backend).toBe('webgpu');
    expect(choice.reason).toBe('hardware WebGPU adapter (nvidia ampere)');
    expect(measured).toEqual([]);
    expect(reasonFor(choice, 'wasm')).toBe('not measured: a hardware WebGPU adapter was found');
  });

  it('passes over a fallback (SwiftShader) adapter and picks the fastest measured backend', async () => {
    const { probes, measured } = fakeProbes(swiftshader, { webgl: 35, wasm: 12, cpu: 240 });
    const choice = await chooseBackend({ probes });
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toBe('fastest in the probe (12 ms)');
    expect(measured).toEqual(['webgl', 'wasm', 'cpu']);
    expect(reasonFor(choice, 'webgpu')).toBe('fallback adapter (google swiftshader): software WebGPU is slower than WASM');
    expect(reasonFor(choice, 'webgl')).toBe('slower in the probe: 35 ms vs 12 ms');
    expect(reasonFor(choice, 'cpu')).toBe('slower in the probe: 240 ms vs 12 ms');
    expect(choice.measurements).toEqual({ webgl: 35, wasm: 12, cpu: 240 });
    expect(choice.webgpuAdapter).toBe('google swiftshader');
  });

  it('says why WebGPU is missing: no navigator.gpu, or a failed adapter request', async () => {
    const a = await chooseBackend({ probes: fakeProbes(noGpu, { webgl: 3.25, wasm: 12, cpu: 240 }).probes });
    expect(a.backend).toBe('webgl');
    expect(a.reason).toBe('fastest in the probe (3.3 ms)');
    expect(reasonFor(a, 'webgpu')).toBe('no navigator.gpu (this browser has no WebGPU)');
    const b = await chooseBackend({ probes: fakeProbes(new Error('GPU process crashed'), { webgl: 30, wasm: 12, cpu: 240 }).probes });
    expect(reasonFor(b, 'webgpu')).toBe('adapter request failed: GPU process crashed');
  });

  it('reports a backend that fails to start, and fails naming every reason when none starts', async () => {
    const choice = await chooseBackend({ probes: fakeProbes(noGpu, { webgl: 'WebGL2 context lost', wasm: 12, cpu: 240 }).probes });
    expect(choice.backend).toBe('wasm');
    expect(reasonFor(choice, 'webgl')).toBe('failed to start: WebGL2 context lost');
    await expect(chooseBackend({ probes: fakeProbes(noGpu, { webgl: 'no context', wasm: 'no .wasm at /tfjs/', cpu: 'broken' }).probes })).rejects.toThrow(
      'no TensorFlow.js backend could start: webgpu: no navigator.gpu (this browser has no WebGPU); webgl: failed to start: no context; wasm: failed to start: no .wasm at /tfjs/; cpu: failed to start: broken',
    );
  });

  it('remembers the measured choice per browser and reuses it without measuring', async () => {
    const cache = createSnapshotCache();
    const first = await chooseBackend({ probes: fakeProbes(swiftshader, { webgl: 35, wasm: 12, cpu: 240 }).probes, cache, userAgent: 'Chromium/141' });
    expect(first.fromCache).toBe(false);
    expect(JSON.parse(cache.get(BACKEND_CACHE_KEY)!)).toMatchObject({ version: 1, userAgent: 'Chromium/141', backend: 'wasm' });

    const again = fakeProbes(swiftshader, { webgl: 1, wasm: 12, cpu: 240 });
    const second = await chooseBackend({ probes: again.probes, cache, userAgent: 'Chromium/141' });
    expect(again.measured).toEqual([]);
    expect(second).toMatchObject({ backend: 'wasm', fromCache: true, reason: 'fastest in the probe (12 ms), remembered from an earlier visit' });
    expect(reasonFor(second, 'webgl')).toBe('slower in the probe: 35 ms vs 12 ms');
    expect(reasonFor(second, 'webgpu')).toMatch(/fallback adapter/);

    // A new browser build measures again, and so does a corrupt entry.
    const upgraded = fakeProbes(swiftshader, { webgl: 1, wasm: 12, cpu: 240 });
    expect((await chooseBackend({ probes: upgraded.probes, cache, userAgent: 'Chromium/142' })).backend).toBe('webgl');
    expect(upgraded.measured).toHaveLength(3);
    cache.set(BACKEND_CACHE_KEY, '{not json');
    expect((await chooseBackend({ probes: fakeProbes(noGpu, { webgl: 9, wasm: 12, cpu: 240 }).probes, cache })).fromCache).toBe(false);
  });

  it('a hardware adapter beats a cached measurement (the cache only ranks webgl / wasm / cpu)', async () => {
    const cache = createSnapshotCache();
    await chooseBackend({ probes: fakeProbes(noGpu, { webgl: 35, wasm: 12, cpu: 240 }).probes, cache });
    expect((await chooseBackend({ probes: fakeProbes(hardware, { webgl: 35, wasm: 12, cpu: 240 }).probes, cache })).backend).toBe('webgpu');
  });

  it('honours an explicit choice and rejects an unknown one', async () => {
    const { probes, measured } = fakeProbes(swiftshader, { webgl: 35, wasm: 12, cpu: 240 });
    const choice = await chooseBackend({ probes, explicit: 'cpu' });
    expect(choice).toMatchObject({ backend: 'cpu', reason: 'chosen explicitly' });
    expect(measured).toEqual([]);
    expect(reasonFor(choice, 'webgpu')).toBe('not tried: cpu was chosen explicitly');
    // @ts-expect-error an unknown name, as a URL parameter might carry
    await expect(chooseBackend({ probes, explicit: 'metal' })).rejects.toThrow('unknown backend "metal": expected one of auto, webgpu, webgl, wasm, cpu');
  });

  it('describes the choice one backend per line', async () => {
    const choice = await chooseBackend({ probes: fakeProbes(swiftshader, { webgl: 35, wasm: 12, cpu: 240 }).probes });
    expect(describeChoice(choice).split('\n')).toEqual([
      'wasm: fastest in the probe (12 ms)',
      '  not webgpu: fallback adapter (google swiftshader): software WebGPU is slower than WASM',
      '  not webgl: slower in the probe: 35 ms vs 12 ms',
      '  not cpu: slower in the probe: 240 ms vs 12 ms',
    ]);
  });
});
