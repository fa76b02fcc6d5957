'use client';
// The lazy wrapper every small widget shares (TrainingLab's pattern): a static placeholder with
// the widget's title and what it shows is server-rendered; the widget's code loads only when it
// comes within 800 px of the viewport, so a chapter's first-load JS stays flat.
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import './frame.css';

export function WidgetPlaceholder({ title, subtitle, facts, minHeight }: { title: string; subtitle: string; facts?: string; minHeight: string }) {
  return (
    <div className="wf-placeholder" aria-busy="true" style={{ minHeight }}>
      <strong>{title}</strong>
      <span>{subtitle}</span>
      {facts ? <span className="wf-placeholder-facts">{facts}</span> : null}
    </div>
  );
}

export function LazyWidget({ placeholder, children }: { placeholder: ReactNode; children: ReactNode }) {
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
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}
