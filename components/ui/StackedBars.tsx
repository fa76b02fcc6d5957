'use client';
// Vertical stacked bars of memory (or any additive budget) against a capacity line: one bar per
// alternative (a ZeRO stage, an attention variant), the parts stacked in a fixed order from the
// bottom, the chosen bar at full strength and the others faded. SVG with a linear axis in
// `tickUnit`s (e.g. GB), the total printed above each bar.
import { linearTicks } from './chart-math';

export interface StackPart {
  key: string;
  /** A CSS colour (usually a custom property the widget defines for both themes). */
  color: string;
}

export interface StackedBar {
  key: string | number;
  name: string;
  /** Value of each part, by StackPart.key; missing or ≤ 0 parts are not drawn. */
  values: Record<string, number>;
  /** Text above the bar (the total, formatted by the widget). */
  totalText: string;
  /** Extra attributes for tests and styling (data-*). */
  data?: Record<string, string>;
}

export interface StackedBarsProps {
  parts: StackPart[];
  bars: StackedBar[];
  /** Index of the bar drawn at full strength (default: all at full strength). */
  selected?: number;
  /** A dashed line at this value (the GPU's memory), with a hover title. */
  capacity?: { value: number; title: string };
  /** Axis ticks are counted in this unit: { size: 1e9, label: 'GB' }. */
  tickUnit: { size: number; label: string };
  ariaLabel: string;
  /** Extra class on the SVG root. */
  className?: string;
  testId?: string;
}

const W = 480;
const H = 300;
const PAD = { left: 64, right: 12, top: 28, bottom: 34 };

const tickText = (t: number, label: string) => `${t >= 1e4 ? t.toExponential(0).replace('e+', 'e') : t.toLocaleString('en')} ${label}`;

export function StackedBars({ parts, bars, selected, capacity, tickUnit, ariaLabel, className, testId }: StackedBarsProps) {
  const totalOf = (b: StackedBar) => parts.reduce((sum, p) => sum + Math.max(0, b.values[p.key] ?? 0), 0);
  const maxValue = Math.max(capacity?.value ?? 0, ...bars.map(totalOf), Number.MIN_VALUE) * 1.08;
  const ticks = linearTicks(0, maxValue / tickUnit.size, 5).filter((t) => t * tickUnit.size <= maxValue);
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / maxValue) * plotH;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const barW = Math.min(80, slot * 0.62);
  return (
    <svg className={`sb-svg${className ? ` ${className}` : ''}`} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel} data-testid={testId}>
      {ticks.map((t) => (
        <g key={t}>
          <line className="sb-grid" x1={PAD.left} x2={W - PAD.right} y1={y(t * tickUnit.size)} y2={y(t * tickUnit.size)} />
          <text className="sb-tick" x={PAD.left - 8} y={y(t * tickUnit.size) + 5} textAnchor="end">{tickText(t, tickUnit.label)}</text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = PAD.left + slot * i + (slot - barW) / 2;
        const total = totalOf(b);
        let base = 0;
        return (
          <g key={b.key} className={selected === undefined || i === selected ? 'sb-bar sb-bar-selected' : 'sb-bar'} {...b.data}>
            {parts.map((part) => {
              const v = b.values[part.key] ?? 0;
              if (v <= 0) return null;
              // The first part sits on the axis, the next on top of it.
              const rect = <rect key={part.key} x={x} y={y(base + v)} width={barW} height={Math.max(0.5, y(base) - y(base + v))} fill={part.color} />;
              base += v;
              return rect;
            })}
            <text className="sb-total" x={x + barW / 2} y={y(total) - 8} textAnchor="middle">{b.totalText}</text>
            <text className="sb-name" x={x + barW / 2} y={H - PAD.bottom + 20} textAnchor="middle">{b.name}</text>
          </g>
        );
      })}
      {capacity ? (
        <line className="sb-capacity" x1={PAD.left} x2={W - PAD.right} y1={y(capacity.value)} y2={y(capacity.value)}>
          <title>{capacity.title}</title>
        </line>
      ) : null}
      <line className="sb-axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
    </svg>
  );
}
