'use client';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useSiteTheme, type Theme } from '@/components/site/theme';
import { renderMermaid, type MermaidResult } from './mermaid-render';
import { usePrinting } from './print-mode';

/**
 * A ```mermaid block. The static HTML holds the diagram's source (readable without JS); when the
 * block nears the viewport it becomes an SVG in the site's theme, and again when the theme changes.
 * For print every diagram draws, near the viewport or not, in the light palette (paper is white).
 */
export function Mermaid({ source, errorLabel }: { source: string; errorLabel: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const printing = usePrinting();
  const siteTheme = useSiteTheme();
  const theme: Theme = printing ? 'light' : siteTheme;
  // A diagram drawn for print stays drawn afterwards, and follows the site's theme from then on
  // (React's "adjust state while rendering" pattern: no extra effect pass).
  if (printing && !near) setNear(true);
  const [result, setResult] = useState<(MermaidResult & { theme: Theme }) | undefined>();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!near) return;
    let current = true;
    renderMermaid(source, theme).then((r) => current && setResult({ ...r, theme }));
    return () => {
      current = false;
    };
  }, [near, source, theme]);

  // Mermaid scales a wide diagram down to the column; below 85 % its labels get too small to
  // read on a projector, so from there on the box scrolls sideways instead.
  const naturalWidth = result?.svg ? Number(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+)/.exec(result.svg)?.[1] ?? 0) : 0;
  const state = !result ? 'pending' : result.error !== undefined ? 'error' : 'rendered';
  return (
    <div ref={box} className="mermaid" data-mermaid-state={state} data-mermaid-theme={result?.theme}>
      {result?.svg !== undefined ? (
        <div
          className="mermaid-svg"
          style={naturalWidth ? ({ '--diagram-min-width': `${Math.round(naturalWidth * 0.85)}px` } as CSSProperties) : undefined}
          dangerouslySetInnerHTML={{ __html: result.svg }}
        />
      ) : result?.error !== undefined ? (
        <div className="mermaid-error" role="note">
          <p className="mermaid-error-label">
            {errorLabel}: <span className="mermaid-error-message">{result.error}</span>
          </p>
          <pre className="mermaid-source">
            <code>{source}</code>
          </pre>
        </div>
      ) : (
        <pre className="mermaid-source">
          <code>{source}</code>
        </pre>
      )}
    </div>
  );
}
