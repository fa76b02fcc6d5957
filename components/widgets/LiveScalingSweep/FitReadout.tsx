'use client';
// The fitted law in words and numbers: the exponent of N with its t interval (the number a reader
// compares with Kaplan's α_N), the exponent of C when compute varied, the saturating form once
// five models are in, and why a tiny-model exponent differs from the paper's.
import type { SweepFits } from './analysis';
import type { SweepStrings } from './strings';

const fmt = (v: number) => (Number.isFinite(v) ? (v >= 0 ? v.toFixed(3) : `−${(-v).toFixed(3)}`) : v > 0 ? '∞' : '−∞');

export function FitReadout({ fits, points, sameTokens, t }: { fits: SweepFits; points: number; sameTokens: boolean; t: SweepStrings }) {
  const f = fits.params;
  return (
    <section className="lss-fit" aria-live="polite" data-testid="fit">
      <h4>{t.fitTitle}</h4>
      {f ? (
        <dl>
          <div>
            <dt>{t.exponent}</dt>
            <dd>
              <strong className="lss-exponent" data-testid="exponent" data-value={f.exponent} data-lo={f.interval[0]} data-hi={f.interval[1]} data-points={points}>
                {fmt(f.exponent)}
              </strong>{' '}
              <span className="lss-interval">{f.degreesOfFreedom > 0 ? t.interval(fmt(f.interval[0]), fmt(f.interval[1]), f.confidence) : t.twoPoints}</span>
            </dd>
          </div>
          <div>
            <dt>{t.alpha(fmt(-f.exponent))}</dt>
            <dd>{t.kaplan}</dd>
          </div>
          <div>
            <dt>{t.computeExponent}</dt>
            <dd>
              {fits.compute ? (
                <>
                  {fmt(fits.compute.exponent)}{' '}
                  <span className="lss-interval">
                    {fits.compute.degreesOfFreedom > 0 ? t.interval(fmt(fits.compute.interval[0]), fmt(fits.compute.interval[1]), fits.compute.confidence) : t.twoPoints}
                    {sameTokens ? ` — ${t.sameSlope}` : ''}
                  </span>
                </>
              ) : (
                t.sameCompute
              )}
            </dd>
          </div>
          {fits.saturating ? (
            <div>
              <dt />
              <dd data-testid="saturating">
                {t.saturating(fits.saturating.E.toFixed(2), fits.saturating.A.toPrecision(3), fits.saturating.alpha.toFixed(3))}
                {fits.saturating.E < 0.005 ? <span className="lss-interval"> — {t.noFloor}</span> : null}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="ui-hint">{t.noFit}</p>
      )}
      <p className="lss-caveat">{t.caveat}</p>
    </section>
  );
}
