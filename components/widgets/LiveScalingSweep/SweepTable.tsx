'use client';
// The plan as a table, filled in as models finish: shape, N (non-embedding), tokens, 6·N·D and the
// validation loss. Visible before anything runs, so the reader sees what will be trained.
import { compactNumber, scientific } from '@/components/ui/log-axis';
import type { SweepModelCost, SweepPlan } from '@/lib/engine/features/sweep/plan';
import type { SweepResult } from '@/lib/engine/features/sweep/protocol';
import { MODEL_COLORS } from './SweepCharts';
import type { SweepStrings } from './strings';

export function SweepTable({ plan, costs, results, current, t }: { plan: SweepPlan; costs: SweepModelCost[]; results: SweepResult[]; current: number | null; t: SweepStrings }) {
  return (
    <div className="lss-table-wrap">
      <table className="lss-table">
        <caption>{t.plan}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.model}</th>
            <th scope="col">{t.columns.shape}</th>
            <th scope="col">{t.columns.n}</th>
            <th scope="col">{t.columns.tokens}</th>
            <th scope="col">{t.columns.compute}</th>
            <th scope="col">{t.columns.loss}</th>
          </tr>
        </thead>
        <tbody>
          {plan.models.map((m, i) => {
            const result = results.find((r) => r.index === i);
            return (
              <tr key={i} data-testid="sweep-row" className={current === i ? 'lss-current' : undefined}>
                <td><span className="wf-swatch" style={{ background: MODEL_COLORS[i % MODEL_COLORS.length] }} />{i + 1}</td>
                <td>{t.shape(m.nLayer, m.nHead, m.dModel)}</td>
                <td>{compactNumber(costs[i].nonEmbeddingParams)}</td>
                <td>{compactNumber(costs[i].tokens)}</td>
                <td>{scientific(costs[i].compute)}</td>
                <td data-testid="val-loss">{result ? result.valLoss.toFixed(3) : current === i ? t.training : t.waiting}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
