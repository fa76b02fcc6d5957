'use client';
// One lane of the race: its text (prompt muted, then the tokens it chose) and what its steps cost.
import type { ReactNode } from 'react';
import type { UiLocale } from '@/components/ui/useLocale';
import type { RaceLaneName } from '@/lib/engine/features/kvcache/protocol';
import { STRINGS } from './strings';

const visible = (s: string) => s.replace(/\n/g, '⏎\n');

export function Lane(props: {
  name: RaceLaneName;
  locale: UiLocale;
  promptTokens: string[];
  tokens: string[];
  recentMs: number | null;
  tokensPerSec: number | null;
  flops: string;
  positions: number | null;
  children: ReactNode;
}) {
  const { name, locale, promptTokens, tokens, recentMs, tokensPerSec, flops, positions, children } = props;
  const t = STRINGS[locale];
  return (
    <section className={`kvr-lane kvr-lane-${name}`} aria-label={t[name]}>
      <h4 className="kvr-lane-title">{t[name]}</h4>
      <p className="kvr-lane-what">{t.laneWhat[name]}</p>
      <pre className="kvr-text" data-testid={`kvr-text-${name}`} data-text={tokens.join('')}>
        <span className="kvr-text-prompt">{visible(promptTokens.join(''))}</span>
        {visible(tokens.join(''))}
      </pre>
      <dl className="kvr-stats">
        <div data-testid={`kvr-ms-${name}`} data-ms={recentMs ?? ''}>
          <dt>{t.msPerToken}</dt>
          <dd>{recentMs === null ? '—' : recentMs.toFixed(recentMs < 10 ? 2 : 1)}</dd>
        </div>
        <div>
          <dt>{t.tokensPerSec}</dt>
          <dd>{tokensPerSec === null ? '—' : Math.round(tokensPerSec).toLocaleString('en')}</dd>
        </div>
        <div data-testid={`kvr-positions-${name}`} data-positions={positions ?? ''}>
          <dt>{t.thisToken}</dt>
          <dd>{positions === null ? '—' : t.positions(positions)}</dd>
        </div>
        <div>
          <dt>{t.flopsTotal}</dt>
          <dd>{flops}</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}
