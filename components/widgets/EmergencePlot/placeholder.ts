// What the placeholder says before the widget's code loads: kept apart from strings.ts so the
// wrapper that every chapter page ships stays small (the chapter page's first-load JS budget).
export const PLACEHOLDER = {
  en: {
    title: 'Emergence, or a ruler that jumps?',
    subtitle: 'Published few-shot accuracy against model size, and a model of how exact-match scoring turns smooth progress into a sudden jump (Schaeffer et al. 2023).',
    placeholderFacts: 'MMLU, GPT-3 few-shot: 25.9 %, 24.9 %, 26.0 % at 2.7B–13B, then 43.9 % at 175B (chance: 25 %).',
  },
  zh: {
    title: '能力涌现，还是尺子在跳？',
    subtitle: '论文公布的少样本准确率随模型规模的变化，以及一个小模型：完全匹配的打分方式如何把平滑的进步变成突然的跃升（Schaeffer 等，2023）。',
    placeholderFacts: 'MMLU，GPT-3 少样本：2.7B 到 13B 依次为 25.9%、24.9%、26.0%，到 175B 跳到 43.9%（随机猜测 25%）。',
  },
} as const;
