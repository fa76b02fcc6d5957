// Presenter mode's "Back to the chapter" must land on the chapter that shows the widget, with the
// widget's params: every presentable widget names a chapter that exists in both locales and
// whose MDX uses the widget's tag (components/widgets/present/widgets.ts PRESENTER_HOME).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterHrefFromPresenter, PRESENTABLE_WIDGETS, PRESENTER_HOME } from '@/components/widgets/present/widgets';

const CONTENT = path.join(__dirname, '..', '..', 'content');
const chapterFile = (locale: string, slug: string) => readdirSync(path.join(CONTENT, locale)).find((f) => f.replace(/^\d+-/, '').replace(/\.mdx$/, '') === slug);

describe('presenter mode leads back to the chapter', () => {
  it.each(PRESENTABLE_WIDGETS.map((w) => [w]))('%s names a chapter in both locales that shows it', (widget) => {
    const home = PRESENTER_HOME[widget];
    expect(home, `PRESENTER_HOME has no entry for ${widget}`).toBeTruthy();
    const { chapter, tag } = home;
    for (const locale of ['zh', 'en']) {
      const file = chapterFile(locale, chapter);
      expect(file, `content/${locale} has no chapter ${chapter}`).toBeTruthy();
      expect(readFileSync(path.join(CONTENT, locale, file!), 'utf8')).toMatch(new RegExp(`<${tag}[\\s/>]`));
    }
  });

  it('carries the params and the locale; an unknown page goes to the contents', () => {
    expect(chapterHrefFromPresenter('/zh/present/attention/', '?w.attention.layer=1')).toBe('/zh/transformer/?w.attention.layer=1#w-attention');
    expect(chapterHrefFromPresenter('/en/present/training-lab', '')).toBe('/en/training/#w-training-lab');
    expect(chapterHrefFromPresenter('/en/present/nope/', '?x=1')).toBe('/en/');
    expect(chapterHrefFromPresenter('/elsewhere', '')).toBe('/');
  });
});
