'use client';
import type { ReactNode } from 'react';

export function Toggle({ label, checked, onChange, disabled }: { label: ReactNode; checked: boolean; onChange(checked: boolean): void; disabled?: boolean }) {
  return (
    <label className="ui-toggle">
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className="ui-toggle-track" aria-hidden="true" />
      <span>{label}</span>
    </label>
  );
}
