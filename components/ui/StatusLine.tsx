'use client';
// One line of facts under a widget: backend and why, model size, speed. Items are label/value pairs.
import type { ReactNode } from 'react';

export interface StatusItem {
  label: string;
  value: ReactNode;
  /** Longer explanation on hover (e.g. why this backend). */
  title?: string;
  tone?: 'normal' | 'warning' | 'error';
}

export function StatusLine({ items }: { items: StatusItem[] }) {
  return (
    <dl className="ui-status" aria-live="polite">
      {items.map((item) => (
        <div key={item.label} className={`ui-status-item ui-status-${item.tone ?? 'normal'}`} title={item.title}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
