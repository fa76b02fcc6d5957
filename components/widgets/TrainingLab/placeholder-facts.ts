// What the placeholder says before the lab's code loads. Kept apart from strings.ts and
// params.ts so the wrapper that every chapter ships stays ≈1 kB; a unit test checks these
// facts against the real defaults and strings.
export const PLACEHOLDER_TEXT = {
  en: { title: 'Training lab', subtitle: 'Train a real tiny GPT in this page and watch it learn.', parameters: 'parameters', context: 'context', corpora: { 'tiny-shakespeare': 'Shakespeare’s sonnets (96 kB)', 'tang-poetry': 'Tang poems 全唐詩 (1.2 MB)' } },
  zh: { title: '训练实验室', subtitle: '在这个页面里训练一个真正的小 GPT，看着它学会写字。', parameters: '参数', context: '上下文', corpora: { 'tiny-shakespeare': '莎士比亚十四行诗（96 kB）', 'tang-poetry': '全唐詩（1.2 MB）' } },
} as const;

/** The default model (params.ts defaults) and each shipped corpus's character vocabulary. */
export const DEFAULT_SHAPE = { nLayer: 2, nHead: 4, dModel: 64, contextLength: 64 } as const;
export const CHAR_VOCAB = { 'tiny-shakespeare': 62, 'tang-poetry': 3000 } as const;
