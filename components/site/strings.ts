// Every piece of interface text, in both languages. Chapters carry their own prose.
import type { Locale } from '@/lib/content/types';

export const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };
export const LANGUAGE_NAME: Record<Locale, string> = { zh: '中文', en: 'English' };

export const STRINGS = {
  zh: {
    bookTitle: 'Live LLM Book',
    bookSubtitle: '在浏览器里亲手训练和运行的大语言模型教科书',
    bookIntro: '每一章都是可以阅读的正文；书中的小 GPT 在你的浏览器里真实地训练和生成文字。',
    contents: '目录',
    skipToContent: '跳到正文',
    chapterLabel: (n: number) => `第 ${n} 章`,
    onThisPage: '本章内容',
    previous: '上一章',
    next: '下一章',
    backToContents: '返回目录',
    sources: '参考文献',
    switchLanguage: '切换到英文版',
    themeToggle: '切换深色模式',
    goals: '本章目标',
    recap: '本章小结',
    exercises: '练习',
    callout: { note: '注意', tip: '提示', warning: '警告' },
    citeLabel: (n: number, title: string) => `参考文献 ${n}：${title}`,
    diagramError: '流程图无法解析',
    diagramLoading: '流程图加载中…',
    siteNav: '网站导航',
    chapterNav: '章节翻页',
    notFound: '找不到这一页。',
  },
  en: {
    bookTitle: 'Live LLM Book',
    bookSubtitle: 'A textbook on large language models that you train and run in your browser',
    bookIntro: 'Every chapter is prose you can read; the tiny GPT in this book really trains and writes in your browser.',
    contents: 'Contents',
    skipToContent: 'Skip to content',
    chapterLabel: (n: number) => `Chapter ${n}`,
    onThisPage: 'On this page',
    previous: 'Previous',
    next: 'Next',
    backToContents: 'Back to contents',
    sources: 'Sources',
    switchLanguage: 'Read in Chinese',
    themeToggle: 'Dark mode',
    goals: 'What you will learn',
    recap: 'Recap',
    exercises: 'Exercises',
    callout: { note: 'Note', tip: 'Tip', warning: 'Warning' },
    citeLabel: (n: number, title: string) => `Source ${n}: ${title}`,
    diagramError: 'This diagram cannot be parsed',
    diagramLoading: 'Loading diagram…',
    siteNav: 'Site',
    chapterNav: 'Chapters',
    notFound: 'This page does not exist.',
  },
} satisfies Record<Locale, unknown>;

export type UiStrings = (typeof STRINGS)['zh'];
