import { memo, useCallback, useDeferredValue, useMemo, useRef, useState, type RefObject } from 'react';
import { STANCE_VALUES, type StanceValue } from '../../../../shared/model.js';
import { labelForRole, labelRole } from '../../../../shared/schema.js';
import { useSession } from '../corpus/session-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { selectSelectedSpan, type DocumentState } from '../document-view/document-reducer.js';
import { darken, FALLBACK_COLOR } from '../document-view/highlight-layout.js';
import { useEdits } from '../history/edit-context.js';
import { useNotices } from '../notices/notices-context.js';
import { useRegistry } from '../registry/registry-context.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { SpanList } from '../span-list/SpanList.js';
import { useInspectorRequests } from './inspector-requests.js';
import { InspectorHint } from './InspectorHint.js';
import { linkCandidates } from './link-candidates.js';
import { SpanDetails } from './SpanDetails.js';

const DEFAULT_STANCE_NAMES: Record<StanceValue, string> = { FAVOR: 'Favor', AGAINST: 'Against', NONE: 'None' };

/** Gives focus back to the text. */
function focusDocument() {
  document.querySelector<HTMLElement>('[data-testid="doc-view"]')?.focus({ preventScroll: true });
}

/** Marks (and scrolls to) a span while the link picker points at it. */
function peek(spanId: string | null) {
  for (const el of document.querySelectorAll('.hl-peek')) el.classList.remove('hl-peek');
  if (!spanId) return;
  const els = document.querySelectorAll(`[data-span-ids~="${CSS.escape(spanId)}"]`);
  for (const el of els) el.classList.add('hl-peek');
  els[0]?.scrollIntoView({ block: 'nearest' });
}

/**
 * The right pane: the selected span's details (or the label keys), and the document's span list.
 * It follows the open document through a deferred value, so an edit paints its highlight in the
 * text first and the pane (thousands of spans in a long article) catches up right after.
 */
export function InspectorContainer() {
  const { state, selectSpan } = useOpenDocument();
  const shown = useDeferredValue(state);
  const live = useRef(state);
  live.current = state;
  return <InspectorPane state={shown} live={live} selectSpan={selectSpan} />;
}

interface InspectorPaneProps {
  /** The state shown (deferred behind edits). */
  state: DocumentState;
  /** The state right now, for the keys. */
  live: RefObject<DocumentState>;
  selectSpan(spanId: string | null): void;
}

/** The pane for one state of the open document; re-renders only when that state (or a context it reads) changes. */
const InspectorPane = memo(function InspectorPane({ state, live, selectSpan }: InspectorPaneProps) {
  const { labels, state: session } = useSession();
  const edits = useEdits();
  const registry = useRegistry();
  const { notify } = useNotices();
  const { request, ask, done } = useInspectorRequests();
  const [lastTargetId, setLastTargetId] = useState<string | null>(null);
  const span = selectSelectedSpan(state);
  const spans = state.opened?.spans ?? [];
  const relations = state.opened?.relations ?? [];
  const stanceNames = session.project?.schema.stanceLabels ?? DEFAULT_STANCE_NAMES;
  const targets = registry.targets;
  const defaultTargetId = lastTargetId && targets.some((t) => t.id === lastTargetId) ? lastTargetId : targets.length === 1 ? (targets[0]?.id ?? null) : null;

  const onDone = useCallback(() => {
    done();
    focusDocument();
  }, [done]);

  const setStance = useCallback(
    (targetId: string, value: StanceValue | null) => {
      if (!span) return;
      setLastTargetId(targetId);
      void edits.setStance(span.id, targetId, value);
    },
    [span, edits],
  );

  // Keys for the selected span: L speaker, T target, 1/2/3 stance, F first attribute, R/U links, E note.
  // They act on the live state: the pane may still show the one before the last edit.
  const liveSpan = () => selectSelectedSpan(live.current);
  useCommandHandlers({
    'span.speaker': () => {
      const span = liveSpan();
      if (!span) return false;
      const role = labelRole(labels, span.label);
      if (role === 'QUOTE' || role === 'SOURCE') ask('speaker', span.id);
      else notify(`A ${span.label} span has no speaker; select a QUOTE or SOURCE span.`, 'info');
    },
    'span.note': () => {
      const span = liveSpan();
      if (!span) return false;
      ask('note', span.id);
    },
    'span.target': () => {
      const span = liveSpan();
      if (!span || labelRole(labels, span.label) !== 'QUOTE') return false;
      ask('target', span.id);
    },
    'span.link': ({ chord }) => {
      const span = liveSpan();
      if (!span || labelRole(labels, span.label) !== 'QUOTE') return false;
      const now = live.current;
      const source = chord === 'R';
      const label = labelForRole(labels, source ? 'SOURCE' : 'CUE');
      if (linkCandidates(span, now.opened?.spans ?? [], now.opened?.relations ?? [], label, source ? 'source' : 'cue').length === 0) notify(`No unlinked ${label} span in this document: select its text and press its label key first.`, 'info');
      else ask(source ? 'link-source' : 'link-cue', span.id);
    },
    'span.stance': ({ chord }) => {
      const span = liveSpan();
      if (!span || labelRole(labels, span.label) !== 'QUOTE') return false;
      const targetId = span.stance?.targetId ?? defaultTargetId;
      if (chord === '0') {
        if (span.stance) void edits.setStance(span.id, null, null);
        return;
      }
      if (!targetId) {
        notify('Choose the target of the stance first (T).', 'info');
        ask('target', span.id);
        return;
      }
      setLastTargetId(targetId);
      void edits.setStance(span.id, targetId, STANCE_VALUES[Number(chord) - 1] ?? 'NONE');
    },
    'span.attribute': () => {
      const span = liveSpan();
      const attribute = span ? labels.find((l) => l.name === span.label)?.attributes[0] : undefined;
      if (!span || !attribute || attribute.values.length === 0) return false;
      const current = span.attrs[attribute.name];
      const next = attribute.values[(attribute.values.indexOf(current ?? '') + 1) % attribute.values.length] ?? null;
      void edits.updateSpan(span.id, { attrs: { [attribute.name]: next } });
    },
  });

  const onDelete = () => {
    edits.deleteSelected();
    focusDocument();
  };
  const color = span ? (labels.find((l) => l.name === span.label)?.color ?? FALLBACK_COLOR) : FALLBACK_COLOR;
  const speakers = registry.speakers;
  const selectAndShow = useMemo(
    () => (spanId: string) => {
      selectSpan(spanId);
      const show = () => document.querySelector(`[data-span-ids~="${CSS.escape(spanId)}"]`)?.scrollIntoView({ block: 'nearest' });
      // A span in a paragraph far from the view is drawn once selected: after that render.
      if (document.querySelector(`[data-span-ids~="${CSS.escape(spanId)}"]`)) show();
      else requestAnimationFrame(show);
    },
    [selectSpan],
  );

  return (
    <aside className="inspector" aria-label="Selected span" data-testid="inspector">
      <div className="inspector-top">
        <h2 className="pane-title">{span ? 'Selected span' : 'Labels'}</h2>
        {span ? (
          <SpanDetails
            key={span.id}
            span={span}
            labels={labels}
            color={color}
            ink={darken(color)}
            spans={spans}
            relations={relations}
            speakers={speakers}
            targets={targets}
            stanceNames={stanceNames}
            defaultTargetId={defaultTargetId}
            request={request && request.spanId === span.id ? request : null}
            onDelete={onDelete}
            onLabel={(label) => void edits.updateSpan(span.id, { label })}
            onAttr={(name, value) => void edits.updateSpan(span.id, { attrs: { [name]: value } })}
            onNote={(note) => void edits.updateSpan(span.id, { note })}
            onSpeaker={(id) => void edits.setSpeaker(span.id, id)}
            onCreateSpeaker={(fields) => void edits.createSpeakerFor(span.id, { ...fields, aliases: [], affiliation: '', role: '' })}
            onStance={setStance}
            onCreateTarget={(label, value) => void edits.createTargetFor(span.id, label, value)}
            onLink={(childId, label) => void edits.link(span.id, childId, label)}
            onUnlink={(relation) => void edits.unlink(relation)}
            onRemoveFragment={(index) => void edits.removeFragment(span.id, index)}
            onSelectSpan={selectAndShow}
            onPeek={peek}
            onDone={onDone}
          />
        ) : (
          <InspectorHint labels={labels} spanCount={state.opened ? state.opened.spans.length : null} />
        )}
      </div>
      {state.opened ? <SpanList spans={spans} labels={labels} speakers={speakers} selectedSpanId={state.selectedSpanId} onSelect={selectAndShow} /> : null}
    </aside>
  );
});
