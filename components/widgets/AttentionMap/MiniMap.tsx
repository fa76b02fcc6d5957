'use client';
// One head's [T, T] attention as a small canvas button: darker = more weight, grey = masked future.
import { useEffect, useRef } from 'react';

export function MiniMap({ values, T, selected, label, onSelect, focusRow }: { values: Float32Array; T: number; selected: boolean; label: string; onSelect(): void; focusRow: number | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dark = document.documentElement.dataset.theme === 'dark';
    const image = new ImageData(T, T);
    for (let q = 0; q < T; q++) {
      for (let k = 0; k < T; k++) {
        const o = 4 * (q * T + k);
        const p = Math.sqrt(Math.min(1, values[q * T + k])); // √ so small weights stay visible
        const rgb = k > q ? (dark ? [60, 66, 78] : [214, 218, 225]) : dark ? [34 + p * 113, 40 + p * 157, 51 + p * 202] : [255 - p * 226, 255 - p * 177, 255 - p * 39];
        const dim = focusRow !== null && q !== focusRow ? 0.8 : 1;
        image.data.set([rgb[0], rgb[1], rgb[2], Math.round(255 * dim)], o);
      }
    }
    canvas.width = T;
    canvas.height = T;
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    canvas.dataset.painted = 'true';
  }, [values, T, focusRow]);
  return (
    <button type="button" className={`am-mini${selected ? ' am-mini-selected' : ''}`} onClick={onSelect} aria-pressed={selected} aria-label={label} title={label}>
      <canvas ref={ref} />
    </button>
  );
}
