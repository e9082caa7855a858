import { clip } from '../../ui/format.js';
import { useEffect, useMemo, useState } from 'react';
import type { LabelDef, Span, Speaker, Target } from '../../../../shared/model.js';
import type { ReviewItem, ReviewState } from '../../../../shared/review.js';
import { Kbd } from '../../ui/Kbd.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { AcceptedEditor } from './AcceptedEditor.js';
import { useEdits } from '../history/edit-context.js';
import { nextItemKey, useReview } from './review-context.js';

/** Colours of the review states (also used for the highlights). */
export const REVIEW_COLORS: Record<ReviewState | 'decided', string> = { agree: '#2f8f57', conflict: '#c8372d', 'only-one': '#d99a1e', decided: '#9aa1ab' };
const STATE_NAMES: Record<ReviewState, string> = { agree: 'agree', conflict: 'conflict', 'only-one': 'only one side' };


function describeSpan(span: Span, speakers: readonly Speaker[], targets: readonly Target[]) {
  const speaker = span.speakerId ? (speakers.find((s) => s.id === span.speakerId)?.name ?? span.speakerId) : '—';
  const target = span.stance ? (targets.find((t) => t.id === span.stance!.targetId)?.label ?? '') : '';
  return {
    range: `${span.start}–${span.end}${span.fragments && span.fragments.length > 1 ? ` (${span.fragments.length} pieces)` : ''}`,
    label: span.label,
    speaker,
    stance: span.stance ? `${span.stance.value}${target ? ` on ${target}` : ''}` : '—',
    form: span.attrs.form ?? '—',
  };
}

/** Review mode's right pane: the document's items, the selected one side by side, and the decision keys. */
export function ReviewPanel({ speakers, targets, labels }: { speakers: readonly Speaker[]; targets: readonly Target[]; labels: readonly LabelDef[] }) {
  const review = useReview();
  const [editSeq, setEditSeq] = useState(0);
  const { review: current, selectedKey, step, select } = review;
  const { acceptUnanimous, decideReview } = useEdits();
  const items = current?.items ?? [];
  const item = items.find((i) => i.key === selectedKey) ?? null;

  /** Records a decision as an undoable edit, then moves on to the next item (not after an undo, nor with `stay`: accept with edits). */
  const decide = async (target: ReviewItem, action: 'accept' | 'reject' | 'undo', from?: string, stay = false) => {
    const next = await decideReview(target, action, from);
    if (next && action !== 'undo' && !stay) select(nextItemKey(next.items, target.key, 1));
    return next;
  };

  // N / P step through what needs a decision; Shift+N / Shift+P through conflicts only; 1–9 accept that
  // version; X rejects; U undoes; Shift+A accepts every unanimous span here, Shift+C in the whole corpus.
  useCommandHandlers({
    'review.step': ({ chord }) => step(chord === 'N' ? 1 : -1),
    'review.conflict': ({ chord }) => step(chord === 'Shift+N' ? 1 : -1, true),
    'review.accept-unanimous': () => void acceptUnanimous('document'),
    'review.accept-unanimous-corpus': () => void acceptUnanimous('corpus'),
    'review.accept': ({ chord }) => {
      const version = item?.versions[Number(chord) - 1];
      if (!item || !version) return false;
      void decide(item, 'accept', version.annotator);
    },
    'review.accept-edit': () => {
      if (!item) return false;
      // Accept with edits: accept the first version (unless one is accepted already) and open its fields.
      if (!item.decision?.spanId) void decide(item, 'accept', item.versions[0]!.annotator, true).then(() => setEditSeq((n) => n + 1));
      else setEditSeq((n) => n + 1);
    },
    'review.reject-undo': ({ chord }) => {
      if (!item) return false;
      void decide(item, chord === 'X' ? 'reject' : 'undo');
    },
  });

  useEffect(() => {
    if (selectedKey) document.querySelector(`[data-span-ids~="${CSS.escape(selectedKey)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  const accepted = item?.decision?.spanId ? (current?.adjudicated.find((s) => s.id === item.decision!.spanId) ?? null) : null;
  const fields = useMemo(() => (item ? item.versions.map((v) => ({ annotator: v.annotator, ...describeSpan(v.span, speakers, targets), text: v.span.quote })) : []), [item, speakers, targets]);

  return (
    <aside className="inspector review-panel" aria-label="Review" data-testid="review-panel">
      <div className="inspector-top">
        <h2 className="pane-title">
          Review: {current?.reviewer} vs {review.colleagues.join(', ')}
        </h2>
        <ul className="review-legend" aria-label="Legend">
          {(['agree', 'conflict', 'only-one'] as const).map((s) => (
            <li key={s}>
              <span className="label-dot" style={{ background: REVIEW_COLORS[s] }} aria-hidden="true" /> {STATE_NAMES[s]} <strong data-testid={`review-count-${s}`}>{current?.counts[s] ?? 0}</strong>
            </li>
          ))}
          <li>
            <span className="label-dot" style={{ background: REVIEW_COLORS.decided }} aria-hidden="true" /> decided <strong data-testid="review-count-decided">{current?.counts.decided ?? 0}</strong> of {current?.counts.total ?? 0}
          </li>
        </ul>
        {item ? (
          <section className="review-item" data-testid="review-item" data-key={item.key} data-state={item.state}>
            <p className="review-state" style={{ color: REVIEW_COLORS[item.state] }}>
              {STATE_NAMES[item.state]}
              {item.differences.length ? `: ${item.differences.join(', ')} differ${item.differences.length === 1 ? 's' : ''}` : ''}
              {item.missing.length ? ` · not marked by ${item.missing.join(', ')}` : ''}
            </p>
            {item.decision ? (
              <p className="review-decision" data-testid="review-decision">
                {item.decision.action === 'accepted' ? `Accepted ${item.decision.from}’s version` : 'Rejected'} by {item.decision.by} · <Kbd>U</Kbd> undo
              </p>
            ) : null}
            {accepted ? <AcceptedEditor span={accepted} labels={labels} speakers={speakers} targets={targets} focusSeq={editSeq} onPatch={(patch) => void review.editAccepted(accepted.id, patch)} /> : null}
            <table className="versions">
              <thead>
                <tr>
                  <th />
                  {fields.map((f, i) => (
                    <th key={f.annotator}>
                      <Kbd>{String(i + 1)}</Kbd> {f.annotator}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(['text', 'label', 'range', 'speaker', 'stance', 'form'] as const).map((row) => (
                  <tr key={row} className={item.differences.includes(row as never) ? 'differs' : undefined}>
                    <th>{row}</th>
                    {fields.map((f) => (
                      <td key={f.annotator}>{row === 'text' ? clip(f.text, 80) : f[row]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="review-actions">
              {item.versions.map((v, i) => (
                <button key={v.annotator} type="button" className="btn btn-small btn-primary" data-testid={`accept-${v.annotator}`} onClick={() => void decide(item, 'accept', v.annotator)}>
                  Accept {v.annotator} <Kbd>{String(i + 1)}</Kbd>
                </button>
              ))}
              <button type="button" className="btn btn-small btn-danger" data-testid="reject" onClick={() => void decide(item, 'reject')}>
                Reject <Kbd>X</Kbd>
              </button>
            </div>
          </section>
        ) : (
          <p className="muted">{items.length === 0 ? 'Nobody marked anything in this document.' : 'Select an item (N / P, or click a highlight).'}</p>
        )}
        <div className="review-bulk">
          <button type="button" className="btn btn-small" data-testid="accept-unanimous" onClick={() => void acceptUnanimous('document')}>
            Accept all unanimous here <Kbd>Shift+A</Kbd>
          </button>
          <button type="button" className="btn btn-small" data-testid="accept-unanimous-corpus" onClick={() => void acceptUnanimous('corpus')}>
            …in the whole corpus <Kbd>Shift+C</Kbd>
          </button>
          <button type="button" className="btn btn-small btn-quiet" data-testid="stop-review" onClick={review.stop}>
            Stop reviewing
          </button>
        </div>
      </div>
      <section className="span-list" aria-label="Review items">
        <div className="span-list-head">
          <h2 className="pane-title">Items {items.length}</h2>
        </div>
        <ul className="span-rows" role="listbox" aria-label="Review items">
          {items.map((i: ReviewItem) => (
            <li
              key={i.key}
              role="option"
              aria-selected={i.key === selectedKey}
              className={i.key === selectedKey ? 'span-row selected' : 'span-row'}
              data-testid="review-row"
              data-state={i.state}
              data-decided={i.decision ? i.decision.action : undefined}
              onClick={() => select(i.key)}
            >
              <span className="label-dot" style={{ background: i.decision ? REVIEW_COLORS.decided : REVIEW_COLORS[i.state] }} aria-hidden="true" />
              <span className="span-row-label">{i.state === 'only-one' ? 'one side' : STATE_NAMES[i.state]}</span>
              <span className="span-row-text">{clip(i.versions[0]!.span.quote, 40)}</span>
              <span className="span-row-speaker">{i.decision ? i.decision.action : ''}</span>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
