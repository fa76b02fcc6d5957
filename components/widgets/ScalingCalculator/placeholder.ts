// What the placeholder says before the widget's code loads: kept apart from strings.ts so the
// wrapper that every chapter page ships stays small (the chapter page's first-load JS budget).
export const PLACEHOLDER = {
  en: {
    title: 'Scaling-law calculator',
    subtitle: 'A compute budget → the compute-optimal model size and token count, by Kaplan (2020) and by Chinchilla (2022).',
    placeholderFacts: 'Gopher’s budget, 5.76e23 FLOPs: Chinchilla’s Table 3 says ≈ 68B parameters on ≈ 1.4T tokens.',
  },
  zh: {
    title: '缩放定律计算器',
    subtitle: '给定算力预算，分别按 Kaplan（2020）和 Chinchilla（2022）算出计算最优的模型规模与训练词元数。',
    placeholderFacts: 'Gopher 的预算 5.76e23 FLOPs：按 Chinchilla 表 3，约 680 亿参数、约 1.4 万亿词元。',
  },
} as const;
