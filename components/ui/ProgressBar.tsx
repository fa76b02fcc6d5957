'use client';
// Progress of anything longer than a second, with the time left. `etaMs` null = still estimating.
import type { UiLocale } from './useLocale';

export function formatDuration(ms: number, locale: UiLocale): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (locale === 'zh') return m > 0 ? `${m} 分 ${rest} 秒` : `${rest} 秒`;
  return m > 0 ? `${m} min ${rest} s` : `${rest} s`;
}

export function ProgressBar({ done, total, etaMs, label, locale }: { done: number; total: number; etaMs: number | null; label: string; locale: UiLocale }) {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const eta = etaMs === null ? (locale === 'zh' ? '估算剩余时间…' : 'estimating time left…') : locale === 'zh' ? `剩余约 ${formatDuration(etaMs, locale)}` : `about ${formatDuration(etaMs, locale)} left`;
  return (
    <div className="ui-progress">
      <div className="ui-progress-text">
        <span>{label}</span>
        <span className="ui-progress-eta">{done < total ? eta : ''}</span>
      </div>
      <div className="ui-progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={label}>
        {/* scaleX, not width: the animation runs on the compositor, with no layout per frame. */}
        <div className="ui-progress-fill" style={{ transform: `scaleX(${fraction.toFixed(4)})` }} />
      </div>
    </div>
  );
}
