import type { Source } from '@/lib/content/types';
import { sourceAnchor } from './Cite';

/** The chapter's bibliography, printed from front matter in its order (so [n] matches). */
export function SourceList({ title, sources }: { title: string; sources: Source[] }) {
  return (
    <section className="sources" aria-labelledby="sources">
      <h2 id="sources">{title}</h2>
      <ol>
        {sources.map((source) => (
          <li key={source.id} id={sourceAnchor(source.id)}>
            <span className="source-authors">{source.authors}</span> ({source.year}).{' '}
            <cite className="source-title">{source.title}</cite>.{source.venue ? ` ${source.venue}.` : ''}{' '}
            {source.url && (
              <a className="source-url" href={source.url}>
                {source.url.replace(/^https?:\/\//, '')}
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
