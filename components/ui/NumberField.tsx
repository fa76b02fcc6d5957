'use client';
// A number typed as text: big budgets read best in scientific notation (5.76e23) or with
// separators (1,000,000). The text is handed over raw on Enter or blur; the widget checks it and
// shows its message as children, under the field. Escape restores the current value.
import { useId, useState, type ReactNode } from 'react';

export interface NumberFieldProps {
  label: ReactNode;
  value: number;
  format(value: number): string;
  onCommit(raw: string): void;
  /** Shown after the field: "FLOPs", "$ / GPU-hour". */
  unit?: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  children?: ReactNode;
  testId?: string;
}

export function NumberField({ label, value, format, onCommit, unit, hint, disabled, children, testId }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null) onCommit(draft);
    setDraft(null);
  };
  return (
    <div className="ui-field">
      <label htmlFor={id}>{label}</label>
      <div className="ui-number-field">
        <input
          id={id}
          className="ui-number ui-number-wide"
          inputMode="decimal"
          spellCheck={false}
          autoComplete="off"
          data-testid={testId}
          value={draft ?? format(value)}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
        {unit ? <span className="ui-number-unit">{unit}</span> : null}
      </div>
      {hint ? <p className="ui-hint">{hint}</p> : null}
      {children}
    </div>
  );
}
