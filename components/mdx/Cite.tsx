import type { Source } from '@/lib/content/types';

export const sourceAnchor = (id: string) => `source-${id}`;

/** <Cite id="…" />: a numbered link into the chapter's source list (the build checks the id). */
export function Cite({ id, sources, label }: { id: string; sources: Source[]; label: (n: number, title: string) => string }) {
  const index = sources.findIndex((s) => s.id === id);
  const source = sources[index];
  if (!source) throw new Error(`<Cite id="${id}"> names no source of this chapter`);
  const n = index + 1;
  return (
    <a className="cite" href={`#${sourceAnchor(id)}`} aria-label={label(n, source.title)} title={`${source.authors} (${source.year}). ${source.title}`}>
      [{n}]
    </a>
  );
}
