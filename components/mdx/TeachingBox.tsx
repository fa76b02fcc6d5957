import type { ReactNode } from 'react';

export type TeachingKind = 'goals' | 'recap' | 'exercises';

/** <Goals>, <Recap>, <Exercises>: boxes that print their own localised heading. */
export function TeachingBox({ kind, title, children }: { kind: TeachingKind; title: string; children: ReactNode }) {
  return (
    <section className={`teaching teaching-${kind}`} aria-labelledby={`teaching-${kind}`}>
      <h2 className="teaching-title" id={kind === 'goals' ? `teaching-${kind}` : kind}>
        {title}
      </h2>
      <div className="teaching-body">{children}</div>
    </section>
  );
}
