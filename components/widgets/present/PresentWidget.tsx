'use client';
// Presenter mode: one widget full-screen, large type, keyboard control; its params come from the URL.
import { lazy, Suspense, type ComponentType } from 'react';
import type { PresentableWidget } from './widgets';

const WIDGETS: Record<PresentableWidget, ComponentType<{ presenter?: boolean; corpus?: never }>> = {
  'training-lab': lazy(() => import('@/components/widgets/TrainingLab/TrainingLab')),
  'tokenizer': lazy(() => import('@/components/widgets/TokenizerPlayground/TokenizerPlayground')),
  'attention': lazy(() => import('@/components/widgets/AttentionMap/AttentionMap')),
  'positions': lazy(() => import('@/components/widgets/PositionalEncoding/PositionalEncoding')),
  'rlhf-pipeline': lazy(() => import('@/components/widgets/RLHFPipeline/RLHFPipeline')),
  'sft-lab': lazy(() => import('@/components/widgets/SFTLab/SFTLab')),
  'dpo-lab': lazy(() => import('@/components/widgets/DPOLab/DPOLab')),
  'zero-memory': lazy(() => import('@/components/widgets/ZeroMemoryCalculator/ZeroMemoryCalculator')),
  'sampling': lazy(() => import('@/components/widgets/SamplingLab/SamplingLab')),
  'quantization': lazy(() => import('@/components/widgets/QuantizationLab/QuantizationLab')),
  'scaling-calculator': lazy(() => import('@/components/widgets/ScalingCalculator/ScalingCalculator')),
  'emergence': lazy(() => import('@/components/widgets/EmergencePlot/EmergencePlot')),
  'kv-cache': lazy(() => import('@/components/widgets/KVCacheRace/KVCacheRace')),
  'lora-lab': lazy(() => import('@/components/widgets/LoRALab/LoRALab')),
  'scaling-sweep': lazy(() => import('@/components/widgets/LiveScalingSweep/LiveScalingSweep')),
  'kv-memory': lazy(() => import('@/components/widgets/KVMemoryCalculator/KVMemoryCalculator')),
};

export function PresentWidget({ widget, locale }: { widget: PresentableWidget; locale: 'en' | 'zh' }) {
  const Widget = WIDGETS[widget];
  return (
    <main className="present-root">
      <Suspense fallback={<p style={{ padding: '2rem', fontSize: '1.5rem' }}>{locale === 'zh' ? '正在加载…' : 'Loading…'}</p>}>
        <Widget presenter />
      </Suspense>
    </main>
  );
}
