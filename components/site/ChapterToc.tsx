import type { Heading } from '@/lib/content/types';

/** The chapter's own outline: ## entries with their ### entries nested. */
export function ChapterToc({ title, headings }: { title: string; headings: Heading[] }) {
  const sections: Array<{ heading: Heading; children: Heading[] }> = [];
  for (const heading of headings) {
    if (heading.depth === 3 && sections.length) sections[sections.length - 1].children.push(heading);
    else sections.push({ heading, children: [] });
  }
  return (
    <nav className="chapter-toc" aria-labelledby="chapter-toc-title">
      <p className="chapter-toc-title" id="chapter-toc-title">
        {title}
      </p>
      <ol>
        {sections.map(({ heading, children }) => (
          <li key={heading.id}>
            <a href={`#${heading.id}`}>{heading.text}</a>
            {children.length > 0 && (
              <ol>
                {children.map((child) => (
                  <li key={child.id}>
                    <a href={`#${child.id}`}>{child.text}</a>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
