'use client';
// A text drawn as its tokens: one coloured box per token, boundaries visible, whitespace shown.
import { memo } from 'react';

const visible = (s: string) => s.replace(/ /g, '·').replace(/\\n|\n/g, '⏎').replace(/\\t|\t/g, '⇥');

export const TokenRow = memo(function TokenRow({ pieces, label, testId }: { pieces: { text: string; id?: number }[]; label: string; testId: string }) {
  return (
    <p className="tp-tokens" aria-label={label} data-testid={testId} data-count={pieces.length}>
      {pieces.map((p, i) => (
        <span key={i} className={`tp-token tp-c${i % 6}${p.text.includes('\\x') ? ' tp-partial' : ''}`} title={p.id === undefined ? undefined : `id ${p.id}`}>
          {visible(p.text)}
        </span>
      ))}
    </p>
  );
});
