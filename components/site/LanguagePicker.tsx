import { LANGUAGE_REDIRECT_SCRIPT } from './inline-scripts';
import { STRINGS } from './strings';

/** `/`: a script sends the reader to their language; these links are for readers without JS. */
export function LanguagePicker() {
  return (
    <main id="main" className="language-picker">
      <script dangerouslySetInnerHTML={{ __html: LANGUAGE_REDIRECT_SCRIPT }} />
      <h1>{STRINGS.en.bookTitle}</h1>
      <ul>
        <li lang="zh-CN">
          <a href="/zh/">中文版</a>
          <span>{STRINGS.zh.bookSubtitle}</span>
        </li>
        <li lang="en">
          <a href="/en/">English edition</a>
          <span>{STRINGS.en.bookSubtitle}</span>
        </li>
      </ul>
    </main>
  );
}
