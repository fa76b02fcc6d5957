'use client';
// ΔW = (α/r)·A·B of one covered linear as a heatmap, and its singular values as bars on a log
// scale: a rank-r product has at most r non-zero ones, so the bars fall off a cliff after r.
import { ColumnChart } from '@/components/ui/ColumnChart';
import { Heatmap } from '@/components/ui/Heatmap';
import { Select } from '@/components/ui/Select';
import type { UiLocale } from '@/components/ui/useLocale';
import type { LoraEvent } from '@/lib/engine/features/lora/protocol';
import { STRINGS } from './strings';

type Delta = Extract<LoraEvent, { type: 'lora/delta' }>;

/** Heatmap height cap (em): a 512 × 128 matrix would otherwise be four widths tall. */
const MAX_HEIGHT_EM = 20;

export function DeltaView({ delta, linears, chosen, onChoose, disabled, locale }: { delta: Delta | null; linears: string[]; chosen: string | null; onChoose(name: string): void; disabled: boolean; locale: UiLocale }) {
  const t = STRINGS[locale];
  if (linears.length === 0) {
    return (
      <section className="ll-section ll-delta">
        <h4>{t.deltaTitle}</h4>
        <p className="ui-hint">{t.noAdapter}</p>
      </section>
    );
  }
  let limit = 0;
  if (delta) for (const v of delta.values) limit = Math.max(limit, Math.abs(v));
  const sv = delta?.singularValues ?? [];
  const beyond = delta ? sv.slice(delta.r) : [];
  const tail = sv.length && beyond.length ? Math.max(...beyond) / sv[0] : 0;
  const tailText = tail === 0 ? '0' : tail.toExponential(1);
  return (
    <section className="ll-section ll-delta">
      <div className="ll-section-head">
        <h4>{t.deltaTitle}</h4>
        <Select label={t.linear} value={chosen ?? linears[0]} onChange={onChoose} disabled={disabled} options={linears.map((name) => ({ value: name, label: name }))} />
      </div>
      {delta ? (
        <div className="ll-delta-grid">
          <div style={{ maxWidth: `${(MAX_HEIGHT_EM * delta.cols) / delta.rows}em`, width: '100%' }}>
            <Heatmap
              values={delta.values}
              rows={delta.rows}
              cols={delta.cols}
              scale="diverging"
              limit={limit || 1}
              label={t.deltaHeat(delta.linear, delta.rows, delta.cols)}
              xLabel={t.outputs}
              yLabel={t.inputs}
              describe={(row, col, v) => t.deltaCell(row, col, v.toExponential(2))}
              testId="lora-delta-heatmap"
            />
          </div>
          <figure className="ll-sv" data-testid="lora-singular-values" data-r={delta.r} data-values={JSON.stringify(sv)}>
            <figcaption className="ui-heatmap-title">{t.svTitle}</figcaption>
            <ColumnChart
              values={sv}
              log
              floor={sv[0] * 1e-9}
              emphasise={delta.r}
              marker={{ after: delta.r, label: t.svMarker(delta.r) }}
              label={t.svLabel(delta.r, tailText)}
              xLabel={t.svX}
              yLabel={t.svY}
              describe={(i, v) => `σ${i + 1} = ${v.toExponential(3)}`}
            />
            <p className="ui-hint">{t.svNote(delta.r, sv.length, tailText)}</p>
          </figure>
        </div>
      ) : (
        <p className="ui-hint">…</p>
      )}
    </section>
  );
}
