'use client';
// Every chapter widget's code, loaded on demand by LazyWidget: each entry is only a chunk
// reference until a reader scrolls near that widget.
import { lazy } from 'react';

export const CHAPTER_WIDGETS = {
  TrainingLab: lazy(() => import('@/components/widgets/TrainingLab/TrainingLab')),
  ZeroMemoryCalculator: lazy(() => import('@/components/widgets/ZeroMemoryCalculator/ZeroMemoryCalculator')),
  TokenizerPlayground: lazy(() => import('@/components/widgets/TokenizerPlayground/TokenizerPlayground')),
  PositionalEncoding: lazy(() => import('@/components/widgets/PositionalEncoding/PositionalEncoding')),
  AttentionMap: lazy(() => import('@/components/widgets/AttentionMap/AttentionMap')),
  SamplingLab: lazy(() => import('@/components/widgets/SamplingLab/SamplingLab')),
  QuantizationLab: lazy(() => import('@/components/widgets/QuantizationLab/QuantizationLab')),
  KVCacheRace: lazy(() => import('@/components/widgets/KVCacheRace/KVCacheRace')),
  ScalingCalculator: lazy(() => import('@/components/widgets/ScalingCalculator/ScalingCalculator')),
  EmergencePlot: lazy(() => import('@/components/widgets/EmergencePlot/EmergencePlot')),
  LoRALab: lazy(() => import('@/components/widgets/LoRALab/LoRALab')),
  RLHFPipeline: lazy(() => import('@/components/widgets/RLHFPipeline/RLHFPipeline')),
  SFTLab: lazy(() => import('@/components/widgets/SFTLab/SFTLab')),
  DPOLab: lazy(() => import('@/components/widgets/DPOLab/DPOLab')),
  LiveScalingSweep: lazy(() => import('@/components/widgets/LiveScalingSweep/LiveScalingSweep')),
  KVMemoryCalculator: lazy(() => import('@/components/widgets/KVMemoryCalculator/KVMemoryCalculator')),
};

export type ChapterWidgetName = keyof typeof CHAPTER_WIDGETS;
