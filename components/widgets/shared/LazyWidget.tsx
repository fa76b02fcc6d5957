'use client';
// The lazy wrapper every chapter widget shares: the static placeholder (server-rendered by the
// widget's index.tsx) shows until the widget comes within 800 px of the viewport; only then is
// the widget's code loaded (components/widgets/shared/chapter-widgets.ts). The widgets' index.tsx
// files are server components, so their strings and placeholder maths never reach the page's
// first-load JS: it stays flat however many widgets the book has.
import { Suspense, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { CHAPTER_WIDGETS, type ChapterWidgetName } from './chapter-widgets';
import './frame.css';

export function LazyWidget({ name, props, placeholder }: { name: ChapterWidgetName; props: object; placeholder: ReactNode }) {
  const Widget = CHAPTER_WIDGETS[name] as ComponentType<object>;
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '800px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  if (!near) return <div ref={ref}>{placeholder}</div>;
  return (
    <Suspense fallback={placeholder}>
      <Widget {...props} />
    </Suspense>
  );
}
