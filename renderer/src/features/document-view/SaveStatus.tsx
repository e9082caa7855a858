import type { SaveLabel } from './save-status-reducer.js';

/** The save indicator: "Saved" only after the edit's call resolved ok. */
export function SaveStatus({ label }: { label: SaveLabel }) {
  return (
    <span className={`save-status save-${label.tone}`} data-testid="save-status" data-state={label.tone} data-completed={label.completed} role={label.tone === 'failed' ? 'alert' : 'status'} title={label.text}>
      {label.text}
    </span>
  );
}
