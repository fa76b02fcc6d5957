import type { ReactNode } from 'react';

/** <Figure caption="图 1：…">: a diagram, table or image with its caption below. */
export function Figure({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <figure className="figure">
      <div className="figure-body">{children}</div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
