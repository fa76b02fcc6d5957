'use client';
// Ranked horizontal bars with labels on the left (token candidates, per-matrix errors …). Each bar
// may carry a faint "ghost" value behind it (e.g. the probability before a cut) and a line may
// mark where a cut falls between two bars. HTML, not SVG: text stays selectable and scales with
// the widget's font size (presenter mode), and long labels never overflow a fixed canvas.
import type { ReactNode } from 'react';

export interface Bar {
  /** Stable key. */
  key: string | number;
  label: ReactNode;
  value: number;
  /** Drawn behind the bar, outlined (same scale). */
  ghost?: number;
  /** 'strong' for the highlighted bar (e.g. the chosen token), 'muted' for excluded ones. */
  tone?: 'normal' | 'strong' | 'muted';
  /** Text at the bar's end; default: the value with 3 decimals. */
  valueText?: string;
  title?: string;
  /** Extra attributes for tests and styling (data-*). */
  data?: Record<string, string>;
}

export interface BarChartProps {
  bars: Bar[];
  /** The value a full-width bar stands for (default: the largest value or ghost). */
  max?: number;
  /** Draw a cut line after this many bars (0 < cutAfter < bars.length), with a label. */
  cutAfter?: number;
  cutLabel?: ReactNode;
  /** Accessible name of the chart. */
  label: string;
  testId?: string;
  onSelect?: (key: Bar['key']) => void;
}

export function BarChart({ bars, max, cutAfter, cutLabel, label, testId, onSelect }: BarChartProps) {
  const top = max ?? Math.max(1e-12, ...bars.map((b) => Math.max(b.value, b.ghost ?? 0)));
  const pct = (v: number) => `${Math.min(100, Math.max(0, (v / top) * 100)).toFixed(2)}%`;
  return (
    <ol className="ui-bars" aria-label={label} data-testid={testId}>
      {bars.map((b, i) => [
        cutAfter === i && i > 0 ? (
          <li key="cut" className="ui-bar-cut" role="separator">
            {cutLabel}
          </li>
        ) : null,
        <li key={b.key} className={`ui-bar ui-bar-${b.tone ?? 'normal'}`} title={b.title} {...b.data}>
          <span className="ui-bar-label">{b.label}</span>
          <span className="ui-bar-track" onClick={onSelect ? () => onSelect(b.key) : undefined}>
            {b.ghost !== undefined ? <span className="ui-bar-ghost" style={{ width: pct(b.ghost) }} /> : null}
            <span className="ui-bar-fill" style={{ width: pct(b.value) }} />
          </span>
          <span className="ui-bar-value">{b.valueText ?? b.value.toFixed(3)}</span>
        </li>,
      ])}
    </ol>
  );
}
