'use client';
// SamplingLab's pieces: a lane's settings, a lane's coloured output, the alternatives of one
// generated token, and beam search's beams and finished hypotheses.
import { memo } from 'react';
import { BarChart } from '@/components/ui/BarChart';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Slider } from '@/components/ui/Slider';
import { Toggle } from '@/components/ui/Toggle';
import type { UiLocale } from '@/components/ui/useLocale';
import type { BeamView, GeneratedToken } from '@/lib/engine/features/decoding/protocol';
import type { ParamIssue as Issue } from '@/lib/state/params';
import { PROBABILITY_CLASSES, probabilityClass, visibleToken, type SamplingParams } from './params';
import type { SamplingStrings } from './strings';
import type { BeamState } from './useSamplingEngine';

type SetParam = (key: keyof SamplingParams & string, value: unknown) => void;

export const SettingsFields = memo(function SettingsFields({ lane, p, issues, setParam, t, locale, mode }: { lane: 0 | 1; p: SamplingParams; issues: Partial<Record<keyof SamplingParams, Issue>>; setParam: SetParam; t: SamplingStrings; locale: UiLocale; mode: SamplingParams['mode'] }) {
  if (mode === 'beam') {
    return (
      <fieldset className="sl-fieldset">
        <Slider label={t.width} value={p.width} min={1} max={8} onChange={(v) => setParam('width', v)}>
          <ParamIssue issue={issues.width} locale={locale} />
        </Slider>
        <Slider label={t.alpha} value={p.alpha} min={-1} max={3} step={0.1} hint={t.alphaHint} onChange={(v) => setParam('alpha', v)}>
          <ParamIssue issue={issues.alpha} locale={locale} />
        </Slider>
        <Slider label={t.beamTokens} value={p.beamTokens} min={1} max={120} onChange={(v) => setParam('beamTokens', v)}>
          <ParamIssue issue={issues.beamTokens} locale={locale} />
        </Slider>
      </fieldset>
    );
  }
  const k = lane === 0 ? ({ temperature: 'temperature', topK: 'topK', topP: 'topP', penalty: 'penalty' } as const) : ({ temperature: 'bTemperature', topK: 'bTopK', topP: 'bTopP', penalty: 'bPenalty' } as const);
  return (
    <fieldset className={`sl-fieldset sl-lane-${lane}`}>
      {p.compare ? <legend>{t.settingsOf(lane === 0 ? t.laneA : t.laneB)}</legend> : null}
      <Slider label={t.temperature} value={p[k.temperature]} min={0} max={2} step={0.05} hint={lane === 0 ? t.temperatureHint : undefined} onChange={(v) => setParam(k.temperature, v)}>
        <ParamIssue issue={issues[k.temperature]} locale={locale} />
      </Slider>
      <Slider label={t.topK} value={p[k.topK]} min={0} max={100} hint={lane === 0 ? t.topKHint : undefined} onChange={(v) => setParam(k.topK, v)}>
        <ParamIssue issue={issues[k.topK]} locale={locale} />
      </Slider>
      <Slider label={t.topP} value={p[k.topP]} min={0.01} max={1} step={0.01} hint={lane === 0 ? t.topPHint : undefined} onChange={(v) => setParam(k.topP, v)}>
        <ParamIssue issue={issues[k.topP]} locale={locale} />
      </Slider>
      <Slider label={t.penalty} value={p[k.penalty]} min={1} max={3} step={0.05} hint={lane === 0 ? t.penaltyHint : undefined} onChange={(v) => setParam(k.penalty, v)}>
        <ParamIssue issue={issues[k.penalty]} locale={locale} />
      </Slider>
      {lane === 0 ? (
        <>
          <Slider label={t.seed} value={p.seed} min={0} max={999} onChange={(v) => setParam('seed', v)}>
            <ParamIssue issue={issues.seed} locale={locale} />
          </Slider>
          <Slider label={t.tokens} value={p.tokens} min={1} max={400} onChange={(v) => setParam('tokens', v)}>
            <ParamIssue issue={issues.tokens} locale={locale} />
          </Slider>
          <Toggle label={t.compare} checked={p.compare} onChange={(v) => setParam('compare', v)} />
        </>
      ) : null}
    </fieldset>
  );
});

export const LaneOutput = memo(function LaneOutput({ lane, name, prompt, tokens, selected, onSelect, t }: { lane: number; name: string | null; prompt: string; tokens: GeneratedToken[]; selected: number | null; onSelect(index: number): void; t: SamplingStrings }) {
  const text = tokens.map((tok) => tok.text).join('');
  return (
    <section className="sl-lane" data-lane={lane} data-text={text} data-count={tokens.length} aria-label={name ? `${t.output} ${name}` : t.output}>
      <h4 className="sl-lane-title">
        {name ? <span className={`sl-lane-badge sl-lane-badge-${lane}`}>{name}</span> : null}
        {t.output}
      </h4>
      <p className="sl-text">
        <span className="sl-prompt-text">{prompt}</span>
        {tokens.map((tok, i) => (
          <span
            key={i}
            className={`sl-tok sl-p${probabilityClass(tok.modelProb)}${selected === i ? ' sl-tok-selected' : ''}`}
            role="button"
            tabIndex={0}
            title={t.tokenTitle(visibleToken(tok.text), tok.modelProb, tok.sampledProb)}
            data-model-prob={tok.modelProb}
            onClick={() => onSelect(i)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation(); // Space here selects; it must not also start a run
                onSelect(i);
              }
            }}
          >
            {tok.text}
          </span>
        ))}
        {tokens.length === 0 ? <span className="sl-empty"> {t.empty}</span> : null}
      </p>
      {lane === 0 || name ? (
        <p className="wf-legend sl-prob-legend" aria-label={t.legend}>
          <span>{t.legend}:</span>
          {PROBABILITY_CLASSES.map((label, c) => (
            <span key={label} className={`sl-tok sl-p${c}`}>{label}</span>
          ))}
        </p>
      ) : null}
    </section>
  );
});

export function AlternativesChart({ token, lane, t }: { token: GeneratedToken; lane: string; t: SamplingStrings }) {
  const a = token.alternatives;
  const keptShown = a.candidates.filter((c) => c.kept).length;
  return (
    <figure className="sl-alternatives" data-testid="alternatives">
      <figcaption className="sl-chart-title">{t.alternatives(visibleToken(token.text), token.index, lane)}</figcaption>
      <BarChart
        label={t.chartLabel}
        cutAfter={keptShown > 0 && keptShown < a.candidates.length ? keptShown : undefined}
        cutLabel={t.cut(a.keptCount)}
        bars={a.candidates.map((c) => ({
          key: c.id,
          label: visibleToken(c.text),
          value: c.after,
          ghost: c.before,
          tone: c.id === token.id ? 'strong' : c.kept ? 'normal' : 'muted',
          valueText: (c.kept ? c.after : c.before).toFixed(3),
        }))}
      />
      <p className="sl-kept">{t.kept(a.keptCount, a.keptMass, a.vocabSize)}</p>
    </figure>
  );
}

function BeamRows({ rows, prompt, t, testId }: { rows: BeamView[]; prompt: string; t: SamplingStrings; testId: string }) {
  return (
    <ol className="sl-beams" data-testid={testId}>
      {rows.map((b, i) => (
        <li key={i} className="sl-beam" data-text={b.text} data-score={b.score}>
          <span className="sl-beam-text">
            <span className="sl-prompt-text">{[...prompt].slice(-12).join('')}</span>
            {b.text}
          </span>
          <span className="sl-beam-score">
            {t.logProb} {b.logProb.toFixed(3)}
            {b.score !== b.logProb ? ` · ${t.score} ${b.score.toFixed(3)}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function BeamPanel({ beam, prompt, t }: { beam: BeamState | null; prompt: string; t: SamplingStrings }) {
  if (!beam) return <p className="wf-note">{t.empty}</p>;
  return (
    <div className="sl-beam-panel" data-done={beam.done}>
      {beam.beams.length ? (
        <>
          <h4 className="sl-lane-title">{t.beams(beam.done ? beam.step : beam.step)}</h4>
          <BeamRows rows={beam.beams} prompt={prompt} t={t} testId="beams" />
        </>
      ) : null}
      {beam.done ? (
        <>
          <h4 className="sl-lane-title">{t.hypotheses}</h4>
          <BeamRows rows={beam.hypotheses} prompt={prompt} t={t} testId="hypotheses" />
        </>
      ) : null}
    </div>
  );
}
