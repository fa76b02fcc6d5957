'use client';
// The frame every small widget shares: header (title, one line on what it shows, Present / Back,
// Reset), body, optional status line, and presenter mode's keys (R reset, F full screen, ? help).
import '@/components/ui/ui.css';
import './frame.css';
import { useMemo, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import type { UiLocale } from '@/components/ui/useLocale';
import { PresenterBackLink } from './PresenterBackLink';
import { PresenterHelp } from './PresenterHelp';
import { usePresenterKeys } from '@/components/widgets/TrainingLab/usePresenterKeys';

const WORDS = {
  en: { present: 'Present', back: 'Back to the chapter', reset: 'Reset', help: 'Keys', fullScreen: 'full screen', thisHelp: 'this help', closeHelp: 'close help', resetKey: 'reset' },
  zh: { present: '演示模式', back: '返回章节', reset: '重置', help: '快捷键', fullScreen: '全屏', thisHelp: '显示帮助', closeHelp: '关闭帮助', resetKey: '重置' },
};

export interface FrameKeys {
  /** Space (e.g. play / pause). */
  toggleRun?: () => void;
  /** → (e.g. one more merge). */
  step?: () => void;
  /** Extra lines for the help overlay: [key, what]. */
  help?: [string, string][];
}

export function WidgetFrame(props: {
  className: string;
  title: string;
  subtitle: string;
  locale: UiLocale;
  presenter: boolean;
  presentHref: () => string;
  onReset(): void;
  keys?: FrameKeys;
  footer?: ReactNode;
  children: ReactNode;
  dataAttrs?: Record<string, string>;
}) {
  const { className, title, subtitle, locale, presenter, presentHref, onReset, keys, footer, children, dataAttrs } = props;
  const w = WORDS[locale];
  const [help, setHelp] = useState(false);
  const actions = useMemo(
    () => ({
      toggleRun: keys?.toggleRun ?? (() => {}),
      step: keys?.step ?? (() => {}),
      reset: onReset,
      toggleHelp: () => setHelp((h) => !h),
      closeHelp: () => setHelp(false),
    }),
    [keys, onReset],
  );
  usePresenterKeys(presenter, actions);
  const helpLines: [string, string][] = [...(keys?.help ?? []), ['R', w.resetKey], ['F', w.fullScreen], ['?', w.thisHelp], ['Esc', w.closeHelp]];
  return (
    <section className={`wf ${className}${presenter ? ' wf-presenter' : ''}`} aria-label={title} {...dataAttrs}>
      <header className="wf-header">
        <div>
          <h3 className="wf-title">{title}</h3>
          <p className="wf-subtitle">{subtitle}</p>
        </div>
        <div className="wf-header-actions">
          {presenter ? (
            <>
              <Button variant="ghost" onClick={() => setHelp(true)} shortcut="?">{w.help}</Button>
              <PresenterBackLink label={w.back} />
            </>
          ) : (
            <a className="ui-button ui-button-ghost" href={presentHref()} onClick={(e) => (e.currentTarget.href = presentHref())}>{w.present}</a>
          )}
          <Button variant="ghost" onClick={onReset} shortcut={presenter ? 'R' : undefined}>{w.reset}</Button>
        </div>
      </header>
      <div className="wf-body">{children}</div>
      {footer}
      {presenter && help ? <PresenterHelp title={w.help} lines={helpLines} onClose={() => setHelp(false)} /> : null}
    </section>
  );
}
