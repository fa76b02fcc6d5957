'use client';
// A matrix drawn on a canvas, one cell per value, with a colour legend and a hover readout.
// Repaints when the site's theme changes (the scale's neutral colour is the page background).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { divergingScale, parseColor, sequentialScale, type ColorScale } from './heatmap-colors';

export interface HeatmapProps {
  values: Float32Array;
  rows: number;
  cols: number;
  /** 'diverging': symmetric around 0 up to ±limit; 'sequential': 0 … limit. */
  scale: 'diverging' | 'sequential';
  limit: number;
  label: string;
  xLabel: string;
  yLabel: string;
  /** The hover text for a cell. */
  describe(row: number, col: number, value: number): string;
  /** Cells to grey out (e.g. the causal mask's upper triangle). */
  masked?: (row: number, col: number) => boolean;
  onHover?: (cell: { row: number; col: number } | null) => void;
  children?: ReactNode;
  testId?: string;
}

function useTheme(): string {
  const [theme, setTheme] = useState('light');
  useEffect(() => {
    const read = () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

function makeScale(kind: HeatmapProps['scale'], limit: number, theme: string): ColorScale {
  const styles = getComputedStyle(document.documentElement);
  const dark = theme === 'dark';
  const bg = parseColor(styles.getPropertyValue('--bg'), dark ? [16, 19, 24] : [255, 255, 255]);
  const surface = parseColor(styles.getPropertyValue('--surface-strong'), dark ? [34, 40, 51] : [236, 239, 243]);
  return kind === 'diverging' ? divergingScale(limit, dark ? surface : bg, dark) : sequentialScale(limit, dark ? surface : bg, dark);
}

export function Heatmap({ values, rows, cols, scale, limit, label, xLabel, yLabel, describe, masked, onHover, children, testId }: HeatmapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const legendRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const theme = useTheme();

  useEffect(() => {
    const canvas = canvasRef.current;
    const legend = legendRef.current;
    if (!canvas || !legend) return;
    const colorScale = makeScale(scale, limit, theme);
    const image = new ImageData(cols, rows);
    const maskColor = theme === 'dark' ? [60, 66, 78] : [214, 218, 225];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const rgb = masked?.(r, c) ? maskColor : colorScale.color(values[r * cols + c]);
        const o = 4 * (r * cols + c);
        image.data[o] = rgb[0];
        image.data[o + 1] = rgb[1];
        image.data[o + 2] = rgb[2];
        image.data[o + 3] = 255;
      }
    }
    canvas.width = cols;
    canvas.height = rows;
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    canvas.dataset.painted = 'true';
    const steps = 128;
    const legendImage = new ImageData(steps, 1);
    for (let i = 0; i < steps; i++) {
      const rgb = colorScale.color(colorScale.min + ((colorScale.max - colorScale.min) * i) / (steps - 1));
      legendImage.data.set([rgb[0], rgb[1], rgb[2], 255], 4 * i);
    }
    legend.width = steps;
    legend.height = 1;
    legend.getContext('2d')!.putImageData(legendImage, 0, 0);
  }, [values, rows, cols, scale, limit, theme, masked]);

  const cellAt = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * cols);
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * rows);
    return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
  };
  const text = hover ? describe(hover.row, hover.col, values[hover.row * cols + hover.col]) : '\u00a0';
  // Small scales (a LoRA ΔW is ~1e-2) keep two significant digits instead of rounding to 0.0.
  const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(0) : Math.abs(v) >= 0.1 || v === 0 ? v.toFixed(1) : v.toPrecision(2));

  return (
    <figure className="ui-heatmap" data-testid={testId}>
      <figcaption className="ui-heatmap-title">{label}</figcaption>
      <div className="ui-heatmap-plot">
        <span className="ui-heatmap-ylabel">{yLabel}</span>
        <div className="ui-heatmap-canvas-wrap" style={{ aspectRatio: `${cols} / ${rows}` }}>
          <canvas
            ref={canvasRef}
            className="ui-heatmap-canvas"
            role="img"
            aria-label={label}
            onPointerMove={(e) => {
              const cell = cellAt(e);
              setHover(cell);
              onHover?.(cell);
            }}
            onPointerLeave={() => {
              setHover(null);
              onHover?.(null);
            }}
          />
          {children}
        </div>
      </div>
      <div className="ui-heatmap-foot">
        <span className="ui-heatmap-xlabel">{xLabel}</span>
        <span className="ui-heatmap-legend">
          <span>{fmt(scale === 'diverging' ? -limit : 0)}</span>
          <canvas ref={legendRef} className="ui-heatmap-legend-bar" aria-hidden="true" />
          <span>{fmt(limit)}</span>
        </span>
      </div>
      <p className="ui-heatmap-readout" aria-live="polite">{text}</p>
    </figure>
  );
}

