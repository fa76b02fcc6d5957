'use client';
// The chat template as the engine's tokenizer laid it out: one chip per token, greyed where the
// library's mask (sftBatch) leaves the token out of the loss. Counts come from the engine too.
import type { EngineEvent } from '@/lib/engine/protocol';
import type { STRINGS } from './strings';

export type TemplateLayout = Extract<EngineEvent, { type: 'alignment/template' }>;

const visible = (token: string) => token.replace(/ /g, '·').replace(/\n/g, '⏎');

export function TemplateView({ layout, maskPrompt, example, rows, onExample, t }: {
  layout: TemplateLayout | null;
  maskPrompt: boolean;
  example: number;
  rows: number;
  onExample(index: number): void;
  t: (typeof STRINGS)['en'];
}) {
  const greyed = layout ? layout.inLoss.filter((m) => m === 0).length : 0;
  return (
    <section className="sft-template" aria-label={t.template}>
      <div className="sft-template-head">
        <h4>{t.template}</h4>
        <div className="sft-example-nav">
          <button type="button" className="ui-button ui-button-ghost" onClick={() => onExample((example - 1 + rows) % rows)} aria-label={t.prev}>◀</button>
          <span>{t.example(example, rows)}</span>
          <button type="button" className="ui-button ui-button-ghost" onClick={() => onExample((example + 1) % rows)} aria-label={t.next}>▶</button>
        </div>
      </div>
      {layout ? (
        <>
          <p className="sft-tokens" data-testid="template-tokens" data-loss-tokens={layout.lossTokens} data-prompt-length={layout.promptLength}>
            {layout.tokens.map((tok, i) => (
              <span key={i} className={`sft-tok ${layout.inLoss[i] ? 'sft-tok-loss' : 'sft-tok-masked'}${tok === '\n' ? ' sft-tok-newline' : ''}`} title={layout.inLoss[i] ? t.legendAnswer : t.legendPrompt}>
                {visible(tok)}
              </span>
            ))}
          </p>
          <p className="wf-note" data-testid="template-note">{maskPrompt ? t.templateNote(greyed, layout.lossTokens) : t.templateNoteUnmasked(layout.lossTokens)}</p>
          <div className="wf-legend">
            <span><i className="wf-swatch sft-swatch-masked" />{t.legendPrompt}</span>
            <span><i className="wf-swatch sft-swatch-loss" />{t.legendAnswer}</span>
          </div>
        </>
      ) : (
        <p className="wf-note">{t.templateWaiting}</p>
      )}
    </section>
  );
}
