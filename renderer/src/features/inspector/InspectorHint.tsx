import type { LabelDef } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';

/** What to do next when no span is selected: the label keys and the few others that matter. */
export function InspectorHint({ labels, spanCount }: { labels: LabelDef[]; spanCount: number | null }) {
  return (
    <div className="inspector-hint" data-testid="inspector-hint">
      <p className="hint-lead">Select text, then press a label key.</p>
      <ul className="label-keys">
        {labels.map((l) => (
          <li key={l.name}>
            {l.key ? <Kbd>{l.key.toUpperCase()}</Kbd> : <span className="muted">no key</span>}
            <span className="label-dot" style={{ background: l.color }} aria-hidden="true" />
            <span>{l.name}</span>
          </li>
        ))}
      </ul>
      <ul className="hint-keys">
        <li>
          <Kbd>N</Kbd> <Kbd>P</Kbd> next / previous span{spanCount !== null ? ` (${spanCount})` : ''}
        </li>
        <li>
          <Kbd>D</Kbd> mark done
        </li>
        <li>
          <Kbd>Ctrl+F</Kbd> find in the text, <Kbd>Esc</Kbd> selects the match
        </li>
        <li>
          <Kbd>G</Kbd> speakers · <Kbd>O</Kbd> overview · <Kbd>Ctrl+Shift+F</Kbd> search
        </li>
        <li>
          <Kbd>Shift+R</Kbd> review a colleague, agreement
        </li>
        <li>
          <Kbd>?</Kbd> all shortcuts
        </li>
      </ul>
    </div>
  );
}
