// Screenshots of every widget, for docs/screenshots/ and for looking at the design: each in its
// chapter (1280×1000, en and zh, light and dark; the labs after a short real run on WASM, so their
// charts and samples show) and in presenter mode at 1920×1080 (en light and zh dark by default).
//
// Usage (after `npm run build`):
//   npx tsx scripts/widget-screenshots.ts [name…] [--locale=en|zh] [--theme=light|dark]
//                                         [--no-present | --present-only] [--present=all]
// A name filters by substring of the file prefix (e.g. `lora`, `sft`, `widget-`).
// Files: <prefix>-<locale>-<theme>.png and <prefix>-present-<locale>-<theme>.png.
import type { Page } from 'playwright-core';
import { PRESENTER_HOME, type PresentableWidget } from '../components/widgets/present/widgets';
import {
  PROJECTOR_VIEWPORT, openPage, presenterFit, reachWidget, setThemeInPlace, shootElement, shootScreen, waitStatus, withBook,
  type Book, type Locale, type Theme,
} from './lib/screenshot-kit';

interface Where {
  locale: Locale;
  theme: Theme;
  present: boolean;
}

interface Shot {
  /** File prefix. */
  prefix: string;
  slug: PresentableWidget;
  /** The widget's root element. */
  selector: string;
  /** What "painted" means, when not `selector[data-params="url"]` (widgets without URL params). */
  ready?: string;
  query?: string;
  /** Presenter mode's query, when it differs (a bigger run reads better on a projector), or per locale. */
  presentQuery?: string | ((locale: Locale) => string);
  /** The real run (or interaction) before the shot. */
  act?: (page: Page, where: Where) => Promise<void>;
  /** A long run: do it once per locale and shoot both themes by switching in place. */
  themesInPlace?: boolean;
}

/** Clicks the lab's primary action and waits for the run to finish. */
function runLab(selector: string, button: RegExp | string, finished = ['done', 'idle', 'error'], timeoutMs = 900_000) {
  return async (page: Page) => {
    await waitStatus(page, selector, ['idle'], 240_000);
    const root = page.locator(selector);
    if (typeof button === 'string') await root.locator(button).first().click();
    else await root.getByRole('button', { name: button }).first().click();
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-status') !== 'idle', selector);
    await waitStatus(page, selector, finished, timeoutMs);
  };
}

const sweepCells = (page: Page, n: number) =>
  page.waitForFunction(
    (count) => [...document.querySelectorAll('[data-testid=val-loss]')].filter((c) => /^\d/.test(c.textContent ?? '')).length >= count || document.querySelector('.lss')?.getAttribute('data-status') === 'error',
    n,
    { timeout: 900_000 },
  );

const SHOTS: Shot[] = [
  {
    prefix: 'training-lab', slug: 'training-lab', selector: '.tl',
    // Small enough to train 60 WASM steps in ≈10–30 s on two cores, big enough to learn visibly.
    query: 'w.training.layers=2&w.training.dModel=48&w.training.context=32&w.training.batch=16&w.training.lr=0.01&w.training.warmup=5&w.training.steps=60&w.training.sampleEvery=20&w.training.backend=wasm',
    act: runLab('.tl', '.tl-actions .ui-button-primary', ['done', 'error'], 300_000),
  },
  {
    // The divergence box a reader meets by pushing the learning rate to 1, with its continue button.
    prefix: 'training-lab-diverged', slug: 'training-lab', selector: '.tl',
    query: 'w.training.layers=1&w.training.dModel=32&w.training.context=32&w.training.batch=16&w.training.steps=40&w.training.lr=1&w.training.warmup=0&w.training.sampleEvery=0&w.training.backend=wasm',
    act: runLab('.tl', '.tl-actions .ui-button-primary', ['error', 'done'], 300_000),
  },
  { prefix: 'widget-zero-memory', slug: 'zero-memory', selector: '.zm', ready: '.zm-svg' },
  { prefix: 'widget-tokenizer', slug: 'tokenizer', selector: '.tp', ready: '.tp[data-bpe-status="done"]' },
  { prefix: 'widget-positional-encoding', slug: 'positions', selector: '.pe', ready: '[data-testid="sinusoid-similarity"] canvas[data-painted="true"]' },
  {
    prefix: 'widget-attention-map', slug: 'attention', selector: '.am', ready: '.am[data-status="ready"], .am[data-status="missing"], .am[data-status="error"]',
    act: async (page) => { if ((await page.locator('.am-token').count()) > 5) await page.locator('.am-token').nth(5).hover(); },
  },
  {
    // Two lanes (A: top-p 0.9, B: top-k 5) run for 60 tokens; in the chapter one token's alternatives open.
    prefix: 'widget-sampling-lab', slug: 'sampling', selector: '.sl', ready: '.sl[data-kept-count][data-status="ready"]',
    query: 'w.sampling.topP=0.9&w.sampling.compare=true&w.sampling.tokens=60',
    act: async (page, where) => {
      await page.locator('.sl button.ui-button-primary').click();
      await page.waitForSelector('.sl[data-status="ready"] .sl-lane[data-lane="1"][data-count="60"]', { timeout: 180_000 });
      if (!where.present) await page.locator('.sl-lane[data-lane="0"] .sl-tok').nth(12).click();
    },
  },
  { prefix: 'widget-quantization-lab', slug: 'quantization', selector: '.ql', ready: '.ql[data-status="ready"][data-results="3"]', query: 'w.quantization.evalTokens=2048' },
  {
    prefix: 'kv-cache-race', slug: 'kv-cache', selector: '.kvr',
    query: 'w.kvrace.backend=wasm&w.kvrace.tokens=90',
    presentQuery: 'w.kvrace.backend=wasm&w.kvrace.model=random-256&w.kvrace.tokens=200',
    // Race (its label carries a key hint in presenter mode).
    act: runLab('.kvr', '.kvr-actions button', ['done', 'error'], 300_000),
  },
  // Llama 2 7B with 8 KV heads: the chapter's GQA question; presenter shows Mistral's window.
  {
    prefix: 'kv-memory', slug: 'kv-memory', selector: '.kvm', query: 'w.kvmem.kvHeads=8&w.kvmem.sequences=32',
    presentQuery: 'w.kvmem.preset=mistral-7b&w.kvmem.kvHeads=8&w.kvmem.tokens=8192&w.kvmem.window=4096&w.kvmem.params=7241732096&w.kvmem.sequences=64',
  },
  {
    prefix: 'lora-lab', slug: 'lora-lab', selector: '.ll',
    query: 'w.lora.backend=wasm&w.lora.steps=16&w.lora.batch=4&w.lora.lr=0.02&w.lora.fullLr=0.002&w.lora.warmup=2&w.lora.sampleTokens=120',
    // The zh chapter's lab starts on the Tang base; its presenter link carries it, so the zh shot does too.
    presentQuery: (locale) => `w.lora.backend=wasm&w.lora.steps=16&w.lora.batch=4&w.lora.lr=0.02&w.lora.fullLr=0.002&w.lora.warmup=2&w.lora.sampleTokens=120${locale === 'zh' ? '&w.lora.base=zh-tang-poetry' : ''}`,
    act: async (page) => {
      await runLab('.ll', '.ui-button-primary', ['idle', 'error'], 600_000)(page);
      // After training the lab asks for ΔW's singular values by itself.
      await page.waitForSelector('[data-testid=lora-singular-values]', { timeout: 60_000 });
      await waitStatus(page, '.ll', ['idle', 'error']);
    },
  },
  { prefix: 'rlhf-pipeline', slug: 'rlhf-pipeline', selector: '.rp', query: 'w.rlhf.stage=ppo' },
  {
    prefix: 'sft-lab', slug: 'sft-lab', selector: '.sft',
    query: 'w.sft.steps=12&w.sft.batch=4&w.sft.lr=0.003&w.sft.backend=wasm',
    act: runLab('.sft', /^(Fine-tune|开始微调)/),
  },
  {
    prefix: 'dpo-lab', slug: 'dpo-lab', selector: '.dpo',
    query: 'w.dpo.steps=10&w.dpo.batch=2&w.dpo.lr=0.0005&w.dpo.backend=wasm',
    act: runLab('.dpo', /^(Run DPO|运行 DPO)/),
  },
  // GPT-3's budget: the chapter's question.
  { prefix: 'scaling-calculator', slug: 'scaling-calculator', selector: '.sc', query: 'w.scaling.flops=3.15e23' },
  { prefix: 'emergence-plot', slug: 'emergence', selector: '.ep' },
  { prefix: 'emergence-plot-edit', slug: 'emergence', selector: '.ep', query: 'w.emergence.metric=edit&w.emergence.task=arith-3d-add' },
  {
    // The English chapter after the finished tiny sweep; the Chinese one (Tang poems) and presenter
    // mode paused mid-sweep, which is what a class sees while it runs.
    prefix: 'scaling-sweep', slug: 'scaling-sweep', selector: '.lss', query: 'w.sweep.length=tiny&w.sweep.backend=wasm', themesInPlace: true,
    act: async (page, where) => {
      await waitStatus(page, '.lss', ['idle'], 180_000);
      await page.locator('.lss').getByRole('button', { name: /^(Run sweep|开始实验)/ }).click();
      if (where.locale === 'en' && !where.present) {
        await sweepCells(page, 5);
        await waitStatus(page, '.lss', ['done', 'error']);
        return;
      }
      await sweepCells(page, where.present ? 3 : 2);
      await page.locator('.lss').getByRole('button', { name: /^(Pause|暂停)/ }).click();
      await waitStatus(page, '.lss', ['paused', 'error']);
    },
  },
];

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const filters = args.filter((a) => !a.startsWith('--'));
const locales = (flag('locale') ? [flag('locale')] : ['en', 'zh']) as Locale[];
const themes = (flag('theme') ? [flag('theme')] : ['light', 'dark']) as Theme[];
const chapterShots = !args.includes('--present-only');
const presentShots = !args.includes('--no-present');
const presentCombos: [Locale, Theme][] = flag('present') === 'all'
  ? locales.flatMap((l) => themes.map((t) => [l, t] as [Locale, Theme]))
  : ([['en', 'light'], ['zh', 'dark']] as [Locale, Theme][]).filter(([l, t]) => locales.includes(l) && themes.includes(t));

const withQuery = (path: string, query?: string) => (query ? `${path}?${query}` : path);

async function inChapter(book: Book, shot: Shot, locale: Locale) {
  const url = withQuery(`/${locale}/${PRESENTER_HOME[shot.slug].chapter}/`, shot.query);
  const ready = async (page: Page, theme: Theme) => {
    await reachWidget(page, shot.selector, shot.ready);
    await shot.act?.(page, { locale, theme, present: false });
  };
  if (shot.themesInPlace) {
    const page = await openPage(book, url, themes[0]);
    await ready(page, themes[0]);
    for (const theme of themes) {
      await setThemeInPlace(page, theme);
      await shootElement(page, shot.selector, `${shot.prefix}-${locale}-${theme}.png`);
    }
    await page.close();
    return;
  }
  for (const theme of themes) {
    const page = await openPage(book, url, theme);
    await ready(page, theme);
    await shootElement(page, shot.selector, `${shot.prefix}-${locale}-${theme}.png`);
    await page.close();
  }
}

async function inPresenter(book: Book, shot: Shot, locale: Locale, theme: Theme) {
  const page = await openPage(book, withQuery(`/${locale}/present/${shot.slug}/`, (typeof shot.presentQuery === 'function' ? shot.presentQuery(locale) : shot.presentQuery) ?? shot.query), theme, PROJECTOR_VIEWPORT);
  await page.waitForSelector(shot.ready ?? `${shot.selector}[data-params="url"]`, { timeout: 120_000 });
  await shot.act?.(page, { locale, theme, present: true });
  await shootScreen(page, `${shot.prefix}-present-${locale}-${theme}.png`);
  console.log(`  ${await presenterFit(page)}`);
  await page.close();
}

async function main() {
  const shots = SHOTS.filter((s) => filters.length === 0 || filters.some((f) => s.prefix.includes(f)));
  if (shots.length === 0) throw new Error(`No widget matches ${filters.join(', ')}; prefixes: ${SHOTS.map((s) => s.prefix).join(', ')}`);
  await withBook(async (book) => {
    for (const shot of shots) {
      if (chapterShots) for (const locale of locales) await inChapter(book, shot, locale);
      if (presentShots) for (const [locale, theme] of presentCombos) await inPresenter(book, shot, locale, theme);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
