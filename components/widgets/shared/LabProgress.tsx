'use client';
// The progress bar of a lab run by useLabRun (SFTLab, DPOLab): training steps with the time left
// while it runs; once done, a full bar saying how the run ended. (After the last step the engine
// still reports its sampling phase, whose 0-of-1 made the finished bar look empty and "estimating".)
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { UiLocale } from '@/components/ui/useLocale';
import type { LabRunState } from './useLabRun';

export interface LabProgressLabels {
  finished: (steps: number) => string;
  stopped: (steps: number) => string;
}

export function LabProgress({ state, labels, locale }: { state: LabRunState<unknown>; labels: LabProgressLabels; locale: UiLocale }) {
  const { progress, status, finished } = state;
  const running = status === 'preparing' || status === 'training' || status === 'paused';
  if (!progress || !(running || status === 'done')) return null;
  if (status === 'done') {
    const label = finished ? (finished.reason === 'finished' ? labels.finished(finished.steps) : labels.stopped(finished.steps)) : progress.message;
    return <ProgressBar done={1} total={1} etaMs={0} label={label} locale={locale} />;
  }
  const counting = progress.phase === 'train' || progress.phase === 'compile';
  return <ProgressBar done={progress.phase === 'train' ? progress.done : 0} total={counting ? progress.total : 1} etaMs={progress.etaMs} label={progress.message} locale={locale} />;
}
