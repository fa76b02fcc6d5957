'use client';
// The message beside a control whose last value was clamped, rounded or refused.
import type { ParamIssue as Issue } from '@/lib/state/params';
import type { UiLocale } from './useLocale';

export function describeIssue(issue: Issue, locale: UiLocale): string {
  const zh = locale === 'zh';
  switch (issue.kind) {
    case 'clamped':
      return zh ? `“${issue.raw}”超出范围 ${issue.min}–${issue.max}，已改为 ${issue.value}` : `“${issue.raw}” is outside ${issue.min}–${issue.max}; using ${issue.value}`;
    case 'rounded':
      return zh ? `需要整数：“${issue.raw}”已取整为 ${issue.value}` : `whole numbers only: “${issue.raw}” rounded to ${issue.value}`;
    case 'not-a-number':
      return zh ? `“${issue.raw}”不是数字，已使用默认值 ${issue.value}` : `“${issue.raw}” is not a number; using the default ${issue.value}`;
    case 'not-an-option':
      return zh ? `“${issue.raw}”不是可选项（${issue.options.join(' / ')}），已使用 ${issue.value}` : `“${issue.raw}” is not one of ${issue.options.join(' / ')}; using ${issue.value}`;
    case 'not-a-boolean':
      return zh ? `“${issue.raw}”应为 true 或 false，已使用 ${issue.value}` : `“${issue.raw}” should be true or false; using ${issue.value}`;
    case 'too-long':
      return zh ? `太长（最多 ${issue.maxLength} 个字符），已截断` : `too long (at most ${issue.maxLength} characters); cut short`;
  }
}

export function ParamIssue({ issue, message, locale }: { issue?: Issue; message?: string; locale: UiLocale }) {
  const text = message ?? (issue ? describeIssue(issue, locale) : null);
  if (!text) return null;
  return (
    <p className="ui-issue" role="alert">
      {text}
    </p>
  );
}
