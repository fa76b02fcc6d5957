'use client';
// EmergencePlot: published few-shot accuracy against model size (MMLU, GPT-3 arithmetic) on a
// linear or log size axis, beside Schaeffer et al.'s metric-artefact model: one smoothly
// improving per-token accuracy, scored by exact match (a jump) or by token edit distance (a
// straight line on log–log axes), with a slider for the answer length L. Pure data and
// arithmetic: no engine.
import './EmergencePlot.css';
import { useCallback, useId, useMemo } from 'react';
import { ChartLegend, LogLogChart, type ChartSeries } from '@/components/ui/LogLogChart';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { PUBLISHED_TASKS } from './data';
import { editDistance, EMERGENCE_ID, emergenceSchema, exactMatch, modelCurve, steepestDecadeShare, type EmergenceParams } from './params';
import { STRINGS } from './strings';

export interface EmergencePlotProps {
  presenter?: boolean;
}

/** GPT-3's eight sizes (Brown et al. 2020, Table 2.1): where an experimenter would have looked. */
const GPT3_SIZES = [125e6, 350e6, 760e6, 1.3e9, 2.7e9, 6.7e9, 13e9, 175e9];
const X_LOG: [number, number] = [5e7, 2e12];
const X_LINEAR: [number, number] = [0, 1.9e11];
const EDIT_DOMAIN: [number, number] = [5e-4, 60];
const COLORS = { published: 'var(--ep-published)', model: 'var(--ep-model)', sizes: 'var(--ep-sizes)' };

const percent = (v: number) => `${Number((v * 100).toPrecision(3))}%`;

export default function EmergencePlot({ presenter = false }: EmergencePlotProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const { params, issues, setParam, reset, fromUrl } = useWidgetParams(EMERGENCE_ID, emergenceSchema);
  const task = PUBLISHED_TASKS.find((k) => k.id === params.task) ?? PUBLISHED_TASKS[0];
  const metric = params.metric as 'exact' | 'edit';
  const xLog = params.xScale === 'log';
  const L = params.answerLength;
  const metricLabelId = useId();

  const curve = useMemo(() => modelCurve(metric, L), [metric, L]);
  const sharpness = useMemo(() => steepestDecadeShare(curve, metric === 'edit'), [curve, metric]);
  const modelSeries = useMemo<ChartSeries[]>(() => {
    const atSizes = GPT3_SIZES.map((n) => ({ x: n, y: metric === 'exact' ? exactMatch(n, L) : editDistance(n, L) }));
    const series: ChartSeries[] = [{ id: 'model', label: t.series.model, kind: 'line', color: COLORS.model, emphasis: true, points: curve }];
    series.push({ id: 'gpt3-sizes', label: t.series.sizes, kind: 'points', color: COLORS.sizes, points: atSizes });
    return series;
  }, [curve, metric, L, t]);
  const publishedSeries = useMemo<ChartSeries[]>(
    () => [{ id: 'published', label: task.name[locale], kind: 'both', color: COLORS.published, emphasis: true, points: task.points.map((p) => ({ x: p.params, y: p.accuracy, hollow: p.bound !== undefined })) }],
    [task, locale],
  );

  const nextTask = useCallback(() => {
    const i = PUBLISHED_TASKS.findIndex((k) => k.id === params.task);
    setParam('task', PUBLISHED_TASKS[(i + 1) % PUBLISHED_TASKS.length].id);
  }, [params.task, setParam]);
  const toggleMetric = useCallback(() => setParam('metric', metric === 'exact' ? 'edit' : 'exact'), [metric, setParam]);
  const keys = useMemo(() => ({ toggleRun: toggleMetric, step: nextTask, help: [['Space', t.toggleKey], ['→', t.stepKey]] as [string, string][] }), [toggleMetric, nextTask, t]);
  const opts = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
  const xDomain = xLog ? X_LOG : X_LINEAR;
  const hasBounds = task.points.some((p) => p.bound);

  return (
    <WidgetFrame
      className="ep"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'emergence', EMERGENCE_ID, emergenceSchema, params)}
      onReset={reset}
      keys={keys}
      dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-metric': metric, 'data-x-scale': params.xScale, 'data-sharpness': sharpness.toFixed(4) }}
    >
      <div className="ep-controls">
        <Select label={t.task} value={params.task} options={PUBLISHED_TASKS.map((k) => ({ value: k.id, label: k.name[locale] }))} onChange={(v) => setParam('task', v as EmergenceParams['task'])} />
        <Select label={t.xScale} value={params.xScale} options={opts(t.xScales)} onChange={(v) => setParam('xScale', v)} />
        <div className="ui-field">
          <span className="ep-label" id={metricLabelId}>{t.metric}</span>
          <div className="ep-segmented" role="radiogroup" aria-labelledby={metricLabelId}>
            {(['exact', 'edit'] as const).map((m) => (
              <button key={m} type="button" role="radio" aria-checked={metric === m} className={metric === m ? 'ep-seg ep-seg-on' : 'ep-seg'} data-metric-option={m} onClick={() => setParam('metric', m)}>
                {t.metrics[m]}
              </button>
            ))}
          </div>
        </div>
        <Slider label={t.answerLength} value={L} min={1} max={40} onChange={(v) => setParam('answerLength', v)} hint={t.answerLengthHint}>
          <ParamIssue issue={issues.answerLength} locale={locale} />
        </Slider>
      </div>
      {(['task', 'xScale', 'metric'] as const).map((k) => (issues[k] ? <ParamIssue key={k} issue={issues[k]} locale={locale} /> : null))}
      <div className="ep-panels">
        <figure className="ep-panel" data-testid="ep-published">
          <figcaption className="ep-panel-title">{t.published}</figcaption>
          <LogLogChart
            series={publishedSeries}
            xLabel={t.params}
            yLabel={t.accuracy}
            xScale={params.xScale as 'log' | 'linear'}
            yScale="linear"
            xDomain={xDomain}
            yDomain={[0, 1.05]}
            formatY={percent}
            references={[{ y: task.chance, label: t.chance(percent(task.chance)) }]}
            ariaLabel={t.chartLabel(task.name[locale])}
            width={520}
            height={310}
          />
          <p className="wf-note">{task.source[locale]}{hasBounds ? ` · ${t.bound}` : ''}</p>
          {metric === 'edit' ? <p className="ep-no-edit">{t.noEditData}</p> : null}
        </figure>
        <figure className="ep-panel" data-testid="ep-model">
          <figcaption className="ep-panel-title">{t.model}</figcaption>
          <LogLogChart
            series={modelSeries}
            xLabel={t.params}
            yLabel={metric === 'exact' ? t.exactAxis : t.editAxis}
            xScale={params.xScale as 'log' | 'linear'}
            yScale={metric === 'exact' ? 'linear' : 'log'}
            xDomain={xDomain}
            yDomain={metric === 'exact' ? [0, 1.05] : EDIT_DOMAIN}
            formatY={metric === 'exact' ? percent : undefined}
            ariaLabel={t.chartLabel(`${t.metrics[metric]}, L = ${L}`)}
            width={520}
            height={310}
          />
          <ChartLegend series={modelSeries} />
          <p className="ep-sharpness" data-testid="ep-sharpness">{t.sharpness(percent(sharpness))}</p>
          <p className="wf-note">{t.modelNote}</p>
        </figure>
      </div>
      <p className="ep-discussion">{t.discussion}</p>
    </WidgetFrame>
  );
}
