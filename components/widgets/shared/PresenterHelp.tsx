// Presenter mode's key overlay ("?"), shared by every widget; a click anywhere closes it.
import './frame.css';

export function PresenterHelp({ title, lines, onClose }: { title: string; lines: [string, string][]; onClose: () => void }) {
  return (
    <div className="wf-help" role="dialog" aria-label={title} onClick={onClose}>
      <div className="wf-help-card">
        <h4>{title}</h4>
        <dl>
          {lines.map(([key, what]) => (
            <div key={key}>
              <dt><kbd className="ui-kbd">{key}</kbd></dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
