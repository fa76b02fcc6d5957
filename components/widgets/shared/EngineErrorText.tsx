// How every lab words an engine error: the lab's own title for its kind, then what happened. A
// divergence is said in the reader's language from its numbers (the engine's message is English,
// and it is the error a reader meets most, by raising the learning rate on purpose); any other
// error is shown as the engine wrote it, since it names a value or a limit.
import type { DivergenceDetail, EngineErrorCode, EngineErrorState } from '@/lib/engine/protocol';
import type { UiLocale } from '@/components/ui/useLocale';

const DIVERGED: Record<UiLocale, (d: DivergenceDetail) => string> = {
  en: (d) => `the loss became ${loss(d.loss, 'en')} at step ${d.step} (learning rate ${num(d.lr)}, gradient norm ${num(d.gradNorm)}). Lower the learning rate.`,
  zh: (d) => `第 ${d.step} 步的损失变成了${Number.isFinite(d.loss) || Number.isNaN(d.loss) ? ` ${loss(d.loss, 'zh')}` : loss(d.loss, 'zh')}（学习率 ${num(d.lr)}，梯度范数 ${num(d.gradNorm)}）。请调低学习率。`,
};

function num(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

function loss(x: number, locale: UiLocale): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return locale === 'zh' ? '无穷大' : 'infinite';
  return num(x);
}

/** The message part of an error line, in the reader's language where the engine gave numbers. */
export function engineErrorMessage(error: EngineErrorState, locale: UiLocale): string {
  return error.divergence ? DIVERGED[locale](error.divergence) : error.message;
}

export function EngineErrorText({ error, titles, locale }: { error: EngineErrorState; titles: Record<EngineErrorCode, string>; locale: UiLocale }) {
  return (
    <>
      <strong>{titles[error.code]}:</strong> {engineErrorMessage(error, locale)}
    </>
  );
}
