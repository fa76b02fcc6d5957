// Published few-shot accuracy against model size, as the papers print it (tables and text, not
// values read off figures). Sources and exact locations: docs/scaling-widgets.md.

export interface PublishedPoint {
  /** Parameters. */
  params: number;
  /** Accuracy in [0, 1]. */
  accuracy: number;
  /** 'below': the paper only says "less than" this value (drawn hollow, at the bound). */
  bound?: 'below' | 'about';
}

export interface PublishedTask {
  id: 'mmlu' | 'arith-2d-add' | 'arith-3d-add' | 'arith-4d-add' | 'arith-2d-mul';
  name: { en: string; zh: string };
  /** Accuracy of guessing: 0.25 for 4-way multiple choice, ≈ 0 for a free-form number. */
  chance: number;
  points: PublishedPoint[];
  source: { en: string; zh: string };
}

// GPT-3 sizes: Brown et al. 2020, Table 2.1 (Small 125M … 175B). Hendrycks et al. evaluate four
// of them through the API and name them Small, Medium, Large, X-Large = 2.7B, 6.7B, 13B, 175B.
const HENDRYCKS_SIZES = [2.7e9, 6.7e9, 13e9, 175e9];

// §3.9.1 of Brown et al. 2020: "even the 13 billion parameter model … can solve 2 digit addition
// and subtraction only half the time, and all other operations less than 10% of the time".
const GPT3_13B_OTHER_OPS: PublishedPoint = { params: 13e9, accuracy: 0.1, bound: 'below' };

export const PUBLISHED_TASKS: readonly PublishedTask[] = [
  {
    id: 'mmlu',
    name: { en: 'MMLU (57 subjects), GPT-3 few-shot', zh: 'MMLU（57 个学科），GPT-3 少样本' },
    chance: 0.25,
    // Hendrycks et al. 2021, Table 1, column "Average": 25.9, 24.9, 26.0, 43.9.
    points: [0.259, 0.249, 0.26, 0.439].map((accuracy, i) => ({ params: HENDRYCKS_SIZES[i], accuracy })),
    source: { en: 'Hendrycks et al. 2021, Table 1 (average accuracy, 5-shot)', zh: 'Hendrycks 等 2021，表 1（平均准确率，5 样本）' },
  },
  {
    id: 'arith-2d-add',
    name: { en: '2-digit addition, GPT-3 few-shot', zh: '两位数加法，GPT-3 少样本' },
    chance: 0,
    points: [
      { params: 13e9, accuracy: 0.5, bound: 'about' }, // "only half the time" (§3.9.1)
      { params: 175e9, accuracy: 1.0 }, // Table 3.9: 100.0
    ],
    source: { en: 'Brown et al. 2020, Table 3.9 (175B) and §3.9.1 (13B: “only half the time”)', zh: 'Brown 等 2020，表 3.9（175B）与 3.9.1 节（13B：“只有一半的时候”）' },
  },
  {
    id: 'arith-3d-add',
    name: { en: '3-digit addition, GPT-3 few-shot', zh: '三位数加法，GPT-3 少样本' },
    chance: 0,
    points: [GPT3_13B_OTHER_OPS, { params: 175e9, accuracy: 0.804 }], // Table 3.9: 80.4
    source: { en: 'Brown et al. 2020, Table 3.9 (175B) and §3.9.1 (13B: “less than 10%”)', zh: 'Brown 等 2020，表 3.9（175B）与 3.9.1 节（13B：“不到 10%”）' },
  },
  {
    id: 'arith-4d-add',
    name: { en: '4-digit addition, GPT-3 few-shot', zh: '四位数加法，GPT-3 少样本' },
    chance: 0,
    points: [GPT3_13B_OTHER_OPS, { params: 175e9, accuracy: 0.255 }], // Table 3.9: 25.5
    source: { en: 'Brown et al. 2020, Table 3.9 (175B) and §3.9.1 (13B: “less than 10%”)', zh: 'Brown 等 2020，表 3.9（175B）与 3.9.1 节（13B：“不到 10%”）' },
  },
  {
    id: 'arith-2d-mul',
    name: { en: '2-digit multiplication, GPT-3 few-shot', zh: '两位数乘法，GPT-3 少样本' },
    chance: 0,
    points: [GPT3_13B_OTHER_OPS, { params: 175e9, accuracy: 0.292 }], // Table 3.9: 29.2
    source: { en: 'Brown et al. 2020, Table 3.9 (175B) and §3.9.1 (13B: “less than 10%”)', zh: 'Brown 等 2020，表 3.9（175B）与 3.9.1 节（13B：“不到 10%”）' },
  },
];
