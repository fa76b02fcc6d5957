// The static first paint of a chapter widget: its title, what it shows and a fact or two
// (server-rendered, no client JS; the widget replaces it when it nears the viewport).
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
