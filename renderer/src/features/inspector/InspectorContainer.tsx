import { useSession } from '../corpus/session-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { selectSelectedSpan } from '../document-view/document-reducer.js';
import { darken, FALLBACK_COLOR } from '../document-view/highlight-layout.js';
import { useEdits } from '../history/edit-context.js';
import { InspectorHint } from './InspectorHint.js';
import { SpanDetails } from './SpanDetails.js';

/** The right pane: the selected span's details, or the label keys. */
export function InspectorContainer() {
  const { labels } = useSession();
  const { state } = useOpenDocument();
  const { deleteSelected } = useEdits();
  const span = selectSelectedSpan(state);
  // The Delete button disappears with the span; focus goes back to the text, not to <body>.
  const onDelete = () => {
    deleteSelected();
    document.querySelector<HTMLElement>('[data-testid="doc-view"]')?.focus({ preventScroll: true });
  };
  const color = span ? (labels.find((l) => l.name === span.label)?.color ?? FALLBACK_COLOR) : FALLBACK_COLOR;
  return (
    <aside className="inspector" aria-label="Selected span" data-testid="inspector">
      <h2 className="pane-title">{span ? 'Selected span' : 'Labels'}</h2>
      {span ? <SpanDetails span={span} color={color} ink={darken(color)} onDelete={onDelete} /> : <InspectorHint labels={labels} spanCount={state.opened ? state.opened.spans.length : null} />}
    </aside>
  );
}
