'use client';
// A range slider with a number field beside it. The field takes any typed text: the store's
// checkParam clamps or refuses it, and the issue is shown under the control.
import { useId, useState, type ReactNode } from 'react';

export interface SliderProps {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** Slide on a log scale (learning rates): the range input moves in log10 space. */
  log?: boolean;
  /** Receives numbers from the slider and raw strings from the field. */
  onChange(value: number | string): void;
  format?: (value: number) => string;
  hint?: ReactNode;
  disabled?: boolean;
  children?: ReactNode;
}

export function Slider({ label, value, min, max, step = 1, log, onChange, format, hint, disabled, children }: SliderProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const toRange = (v: number) => (log ? Math.log10(v) : v);
  const fromRange = (r: number) => (log ? Number((10 ** r).toPrecision(2)) : r);
  const commit = () => {
    if (draft !== null) onChange(draft);
    setDraft(null);
  };
  return (
    <div className="ui-field">
      <div className="ui-field-head">
        <label htmlFor={id}>{label}</label>
        <input
          className="ui-number"
          aria-label={typeof label === 'string' ? label : undefined}
          inputMode="decimal"
          value={draft ?? (format ? format(value) : String(value))}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      </div>
      <input
        id={id}
        type="range"
        className="ui-range"
        min={toRange(min)}
        max={toRange(max)}
        step={log ? 0.01 : step}
        value={toRange(value)}
        disabled={disabled}
        onChange={(e) => onChange(fromRange(Number(e.target.value)))}
      />
      {hint ? <p className="ui-hint">{hint}</p> : null}
      {children}
    </div>
  );
}
