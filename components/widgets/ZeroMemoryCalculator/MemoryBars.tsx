'use client';
// Stacked bars of per-GPU memory, one bar per ZeRO stage (as in the ZeRO paper's Figure 1),
// with a dashed line at the GPU's capacity. The chosen stage is drawn at full strength.
import type { MemoryPerGpu } from '@/lib/distributed/memory';
import { linearTicks } from '@/components/ui/chart-math';
import { formatGB } from './params';

const PARTS = ['weights', 'grads', 'optimizer', 'activations'] as const;
export const PART_COLORS: Record<(typeof PARTS)[number], string> = {
  weights: 'var(--zm-weights)',
  grads: 'var(--zm-grads)',
  optimizer: 'var(--zm-optimizer)',
  activations: 'var(--zm-activations)',
};

const W = 480;
const H = 300;
const PAD = { left: 56, right: 12, top: 28, bottom: 34 };

export function MemoryBars({ stages, selected, gpuBytes, names, gpuLabel, ariaLabel }: {
  stages: MemoryPerGpu[];
  selected: number;
  gpuBytes: number;
  names: string[];
  gpuLabel: string;
  ariaLabel: string;
}) {
  const maxBytes = Math.max(gpuBytes, ...stages.map((s) => s.total)) * 1.08;
  const ticks = linearTicks(0, maxBytes / 1e9, 5).filter((t) => t * 1e9 <= maxBytes);
  const plotH = H - PAD.top - PAD.bottom;
  const y = (bytes: number) => PAD.top + plotH - (bytes / maxBytes) * plotH;
  const slot = (W - PAD.left - PAD.right) / stages.length;
  const barW = Math.min(80, slot * 0.62);
  return (
    <svg className="zm-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel}>
      {ticks.map((t) => (
        <g key={t}>
          <line className="zm-grid" x1={PAD.left} x2={W - PAD.right} y1={y(t * 1e9)} y2={y(t * 1e9)} />
          <text className="zm-tick" x={PAD.left - 8} y={y(t * 1e9) + 5} textAnchor="end">{`${t} GB`}</text>
        </g>
      ))}
      {stages.map((s, i) => {
        const x = PAD.left + slot * i + (slot - barW) / 2;
        let top = s.total;
        return (
          <g key={i} className={i === selected ? 'zm-bar zm-bar-selected' : 'zm-bar'} data-stage={i} data-total-gb={(s.total / 1e9).toFixed(3)}>
            {PARTS.map((part) => {
              const bytes = s[part];
              if (bytes <= 0) return null;
              const rect = <rect key={part} x={x} y={y(top)} width={barW} height={Math.max(0.5, y(top - bytes) - y(top))} fill={PART_COLORS[part]} />;
              top -= bytes;
              return rect;
            })}
            <text className="zm-total" x={x + barW / 2} y={y(s.total) - 8} textAnchor="middle">{formatGB(s.total)}</text>
            <text className="zm-name" x={x + barW / 2} y={H - PAD.bottom + 20} textAnchor="middle">{names[i]}</text>
          </g>
        );
      })}
      <line className="zm-capacity" x1={PAD.left} x2={W - PAD.right} y1={y(gpuBytes)} y2={y(gpuBytes)}>
        <title>{gpuLabel}</title>
      </line>
      <line className="zm-axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
    </svg>
  );
}
