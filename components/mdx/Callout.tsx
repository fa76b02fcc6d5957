import type { ReactNode } from 'react';

export type CalloutType = 'note' | 'tip' | 'warning';

const ICON: Record<CalloutType, string> = { note: 'i', tip: '✓', warning: '!' };

/** <Callout type="note|tip|warning" title="…">: an aside the reader may skip. */
export function Callout({ type = 'note', title, defaultTitle, children }: { type?: CalloutType; title?: string; defaultTitle: string; children: ReactNode }) {
  return (
    <aside className={`callout callout-${type}`} role="note" data-callout={type}>
      <p className="callout-title">
        <span className="callout-icon" aria-hidden="true">
          {ICON[type]}
        </span>
        {title ?? defaultTitle}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
