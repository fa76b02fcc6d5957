'use client';
// RLHFPipeline: the alignment recipes as a clickable diagram — SFT → reward model → PPO (the
// InstructGPT chain) and DPO beside it — with the data each stage consumes. A stage's card says
// what goes in, what comes out, its loss, whether it needs human labels or fresh samples from
// the model being trained, and shows a real record from the book's shipped datasets. No engine.
import './RLHFPipeline.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { EXAMPLE_KIND, neighbour, NEEDS, RLHF_ID, rlhfSchema, STAGES, type ExampleRecords, type Stage } from './params';
import { STRINGS } from './strings';

export interface RLHFPipelineProps {
  /** First records of the chapter's datasets (read at build time); fetched from /datasets/ when absent (presenter mode). */
  examples?: ExampleRecords;
  presenter?: boolean;
}

type Box = { x: number; y: number; w: number; h: number };
const ROW = 64;
const NODES: Record<Stage | 'pretrained' | 'aligned' | 'aligned2' | 'demos' | 'comparisons' | 'prompts' | 'samples', Box> = {
  demos: { x: 160, y: 40, w: 200, h: ROW },
  comparisons: { x: 385, y: 40, w: 200, h: ROW },
  prompts: { x: 615, y: 40, w: 170, h: ROW },
  samples: { x: 810, y: 40, w: 180, h: ROW + 16 },
  pretrained: { x: 10, y: 170, w: 130, h: ROW },
  sft: { x: 175, y: 170, w: 170, h: ROW },
  rm: { x: 395, y: 170, w: 180, h: ROW },
  ppo: { x: 625, y: 170, w: 150, h: ROW },
  aligned: { x: 835, y: 170, w: 155, h: ROW },
  dpo: { x: 470, y: 310, w: 230, h: ROW },
  aligned2: { x: 835, y: 310, w: 155, h: ROW },
};
const mid = (b: Box) => ({ cx: b.x + b.w / 2, cy: b.y + b.h / 2 });

function useExamples(given: ExampleRecords | undefined, locale: 'en' | 'zh'): ExampleRecords | null {
  const [fetched, setFetched] = useState<ExampleRecords | null>(null);
  useEffect(() => {
    if (given) return;
    const files = locale === 'zh' ? ['tang-sft.jsonl', 'tang-preference.jsonl'] : ['english-sft.jsonl', 'english-preference.jsonl'];
    let live = true;
    Promise.all(files.map((f) => fetch(`/datasets/${f}`).then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))))
      .then(([sft, pref]) => {
        if (!live) return;
        const first = (text: string) => JSON.parse(text.slice(0, text.indexOf('\n')));
        setFetched({ sftFile: `content/datasets/${files[0]}`, preferenceFile: `content/datasets/${files[1]}`, sft: first(sft), preference: first(pref) });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [given, locale]);
  return given ?? fetched;
}

export default function RLHFPipeline({ examples, presenter = false }: RLHFPipelineProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const { params, setParam, reset, fromUrl } = useWidgetParams(RLHF_ID, rlhfSchema);
  const stage = params.stage as Stage;
  const records = useExamples(examples, locale);
  const nodeRefs = useRef<Partial<Record<Stage, SVGGElement | null>>>({});

  const select = useCallback((next: Stage, focus = false) => {
    setParam('stage', next);
    if (focus) nodeRefs.current[next]?.focus();
  }, [setParam]);
  const keys = useMemo(
    () => ({ toggleRun: () => select(neighbour(stage, 1)), step: () => select(neighbour(stage, 1)), help: t.keysHelp }),
    [select, stage, t.keysHelp],
  );

  const onNodeKey = (s: Stage) => (e: KeyboardEvent<SVGGElement>) => {
    let next: Stage | null = null;
    if (e.key === 'Enter' || e.key === ' ') next = s;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = neighbour(s, 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = neighbour(s, -1);
    else if (e.key === 'Home') next = STAGES[0];
    else if (e.key === 'End') next = STAGES[STAGES.length - 1];
    if (!next) return;
    e.preventDefault();
    e.stopPropagation(); // the presenter's window-level keys would move a second time
    select(next, true);
  };

  const info = t.stages[stage];
  const needs = NEEDS[stage];

  const dataBox = (key: 'demos' | 'comparisons' | 'prompts' | 'samples', title: string, sub: string | null, tone: 'human' | 'onpolicy' | 'plain', active: boolean) => {
    const b = NODES[key];
    return (
      <g className={`rp-data rp-data-${tone}${active ? ' rp-active' : ''}`} data-node={key}>
        <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={10} />
        <text x={b.x + b.w / 2} y={b.y + (sub ? 26 : b.h / 2 + 6)} textAnchor="middle" className="rp-data-title">{title}</text>
        {sub ? <text x={b.x + b.w / 2} y={b.y + 48} textAnchor="middle" className="rp-data-sub">{sub}</text> : null}
      </g>
    );
  };
  const modelBox = (key: 'pretrained' | 'aligned' | 'aligned2', label: string) => {
    const b = NODES[key];
    return (
      <g className="rp-model">
        <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={32} />
        <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 6} textAnchor="middle">{label}</text>
      </g>
    );
  };
  const stageBox = (s: Stage, index: number) => {
    const b = NODES[s];
    const selected = s === stage;
    return (
      <g
        key={s}
        ref={(el) => {
          nodeRefs.current[s] = el;
        }}
        className={`rp-stage${selected ? ' rp-selected' : ''}`}
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={t.stageLabel(index, t.stages[s].name)}
        data-stage={s}
        onClick={() => select(s)}
        onKeyDown={onNodeKey(s)}
      >
        <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={10} />
        <text x={b.x + b.w / 2} y={b.y + 28} textAnchor="middle" className="rp-stage-short">{t.stages[s].short}</text>
        <text x={b.x + b.w / 2} y={b.y + 50} textAnchor="middle" className="rp-stage-name">{t.stages[s].name}</text>
      </g>
    );
  };
  // Arrow from the right edge of a to the left edge of b (same row), or explicit paths.
  const across = (a: Box, b: Box) => `M ${a.x + a.w} ${mid(a).cy} L ${b.x - 4} ${mid(b).cy}`;
  const down = (a: Box, b: Box, ax = mid(a).cx, bx = mid(b).cx) => `M ${ax} ${a.y + a.h} L ${bx} ${b.y - 4}`;
  const { demos, comparisons, prompts, samples, pretrained, sft, rm, ppo, aligned, dpo, aligned2 } = NODES;
  const uses = (s: Stage) => s === stage;

  return (
    <WidgetFrame
      className="rp"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'rlhf-pipeline', RLHF_ID, rlhfSchema, params)}
      onReset={reset}
      keys={keys}
      dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-stage': stage }}
    >
      <svg className="rp-diagram" viewBox="0 0 1000 395" role="group" aria-label={t.title}>
        <defs>
          <marker id="rp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="rp-arrowhead" />
          </marker>
        </defs>
        <text x={10} y={160} className="rp-row-label">{t.rlhfRow}</text>
        <text x={10} y={300} className="rp-row-label">{t.dpoRow}</text>
        <g className="rp-edges" markerEnd="url(#rp-arrow)">
          <path d={across(pretrained, sft)} />
          <path d={across(sft, rm)} />
          <path d={across(rm, ppo)} />
          <path d={across(ppo, aligned)} />
          <path d={`M ${mid(sft).cx} ${sft.y + sft.h} L ${mid(sft).cx} ${mid(dpo).cy} L ${dpo.x - 4} ${mid(dpo).cy}`} />
          <path d={`M ${mid(sft).cx + 40} ${sft.y + sft.h} C ${mid(sft).cx + 60} 275, ${mid(ppo).cx - 20} 275, ${mid(ppo).cx - 10} ${ppo.y + ppo.h + 4}`} className={uses('ppo') ? 'rp-edge-on' : ''} />
          <path d={across(dpo, aligned2)} />
          <path d={down(demos, sft)} className={uses('sft') ? 'rp-edge-on' : ''} />
          <path d={down(comparisons, rm)} className={uses('rm') ? 'rp-edge-on' : ''} />
          <path d={`M ${comparisons.x + comparisons.w - 8} ${comparisons.y + comparisons.h} L ${600} ${150} L ${600} ${dpo.y - 4}`} className={uses('dpo') ? 'rp-edge-on' : ''} />
          <path d={down(prompts, ppo)} className={uses('ppo') ? 'rp-edge-on' : ''} />
          <path d={`M ${ppo.x + ppo.w - 20} ${ppo.y} C ${ppo.x + ppo.w} 130, ${samples.x - 10} 140, ${samples.x + 30} ${samples.y + samples.h + 4}`} className={`rp-edge-dashed${uses('ppo') ? ' rp-edge-on' : ''}`} />
          <path d={`M ${samples.x + 70} ${samples.y + samples.h} C ${samples.x + 60} 160, ${ppo.x + ppo.w + 20} 160, ${ppo.x + ppo.w - 2} ${ppo.y + 22}`} className={`rp-edge-dashed${uses('ppo') ? ' rp-edge-on' : ''}`} />
        </g>
        {dataBox('demos', t.demonstrations, t.demonstrationsSub, 'human', uses('sft'))}
        {dataBox('comparisons', t.comparisons, t.comparisonsSub, 'human', uses('rm') || uses('dpo'))}
        {dataBox('prompts', t.prompts, null, 'plain', uses('ppo'))}
        <g className={`rp-data rp-data-onpolicy${uses('ppo') ? ' rp-active' : ''}`} data-node="samples">
          <rect x={samples.x} y={samples.y} width={samples.w} height={samples.h} rx={10} />
          <foreignObject x={samples.x + 6} y={samples.y + 6} width={samples.w - 12} height={samples.h - 12}>
            <div className="rp-fo">{t.samples}</div>
          </foreignObject>
        </g>
        {modelBox('pretrained', t.pretrained)}
        {modelBox('aligned', t.aligned)}
        {modelBox('aligned2', t.aligned)}
        {STAGES.map((s, i) => stageBox(s, i + 1))}
      </svg>
      <div className="rp-legend wf-legend">
        <span><i className="wf-swatch rp-swatch-human" />{t.legendHuman}</span>
        <span><i className="wf-swatch rp-swatch-onpolicy" />{t.legendOnPolicy}</span>
      </div>
      <article className="rp-card" aria-live="polite" data-testid="stage-card">
        <h4>{t.stageLabel(STAGES.indexOf(stage) + 1, info.name)}</h4>
        <dl className="rp-facts">
          <div><dt>{t.consumes}</dt><dd><ul>{info.consumes.map((c) => <li key={c}>{c}</li>)}</ul></dd></div>
          <div><dt>{t.produces}</dt><dd>{info.produces}</dd></div>
          <div><dt>{t.loss}</dt><dd><code className="rp-loss" data-testid="stage-loss">{info.loss}</code><span className="rp-loss-note">{info.lossNote}</span></dd></div>
          <div><dt>{t.models}</dt><dd>{info.models}</dd></div>
          <div><dt>{t.human}</dt><dd data-testid="needs-human" className={needs.human ? 'rp-yes' : 'rp-no'}>{needs.human ? t.yes : t.no}</dd></div>
          <div><dt>{t.onPolicy}</dt><dd data-testid="needs-samples" className={needs.onPolicy ? 'rp-yes' : 'rp-no'}>{needs.onPolicy ? t.yes : t.no}</dd></div>
        </dl>
        <ExampleRecord kind={EXAMPLE_KIND[stage]} records={records} t={t} />
      </article>
    </WidgetFrame>
  );
}

function ExampleRecord({ kind, records, t }: { kind: 'sft' | 'preference' | 'prompt'; records: ExampleRecords | null; t: (typeof STRINGS)['en'] }) {
  if (!records) return <p className="wf-note">{t.loadingExample}</p>;
  const file = kind === 'sft' ? records.sftFile : records.preferenceFile;
  const row = (label: string, text: string, tone = '') => (
    <div className={`rp-record-row ${tone}`}>
      <span className="rp-record-label">{label}</span>
      <pre>{text}</pre>
    </div>
  );
  return (
    <figure className="rp-record" data-testid="example-record">
      <figcaption>{t.example} · <span className="wf-note">{t.fromFile(file)}</span></figcaption>
      {kind === 'sft' ? (
        <>
          {row(t.prompt, records.sft.prompt)}
          {row(t.response, records.sft.response)}
        </>
      ) : kind === 'preference' ? (
        <>
          {row(t.prompt, records.preference.prompt)}
          {row(t.chosen, records.preference.chosen, 'rp-chosen')}
          {row(t.rejected, records.preference.rejected, 'rp-rejected')}
        </>
      ) : (
        <>
          {row(t.prompt, records.preference.prompt)}
          {row(t.response, `… ${t.policyWrites}`, 'rp-generated')}
        </>
      )}
    </figure>
  );
}
