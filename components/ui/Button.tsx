'use client';
import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  /** Keyboard shortcut shown after the label (presenter mode). */
  shortcut?: string;
}

export function Button({ variant = 'secondary', shortcut, className, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={`ui-button ui-button-${variant}${className ? ` ${className}` : ''}`} {...rest}>
      {children}
      {shortcut ? <kbd className="ui-kbd">{shortcut}</kbd> : null}
    </button>
  );
}
