import { useLayoutEffect, useRef } from 'react';
import type { ApiArgs } from '../../../../shared/api.js';
import { STANCE_VALUES, type LabelDef, type Span, type Speaker, type StanceValue, type Target } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';

/** "Accept with edits": the accepted version's label, speaker, stance and form, changed in the adjudicated layer. */
export function AcceptedEditor({
  span,
  labels,
  speakers,
  targets,
  focusSeq,
  onPatch,
}: {
  span: Span;
  labels: readonly LabelDef[];
  speakers: readonly Speaker[];
  targets: readonly Target[];
  focusSeq: number;
  onPatch(patch: ApiArgs<'editAdjudicated'>['patch']): void;
}) {
  const first = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => {
    if (focusSeq > 0) first.current?.focus();
  }, [focusSeq]);
  const forms = labels.find((l) => l.name === span.label)?.attributes.find((a) => a.name === 'form')?.values ?? ['direct', 'indirect', 'mixed'];
  return (
    <fieldset className="accepted-editor" data-testid="accepted-editor">
      <legend>
        Accepted version{span.provenance?.edited ? ' (edited)' : ''} · <Kbd>E</Kbd> edit
      </legend>
      <label>
        label
        <select ref={first} className="input input-small" value={span.label} onChange={(e) => onPatch({ label: e.target.value })} data-testid="accepted-label">
          {labels.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
      </label>
      <label>
        speaker
        <select className="input input-small" value={span.speakerId ?? ''} onChange={(e) => onPatch({ speakerId: e.target.value || null })} data-testid="accepted-speaker">
          <option value="">—</option>
          {speakers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        stance
        <select
          className="input input-small"
          value={span.stance ? `${span.stance.value}|${span.stance.targetId}` : ''}
          onChange={(e) => {
            const [value, targetId] = e.target.value.split('|');
            onPatch({ stance: value && targetId ? { value: value as StanceValue, targetId } : null });
          }}
          data-testid="accepted-stance"
        >
          <option value="">—</option>
          {targets.flatMap((t) =>
            STANCE_VALUES.map((v) => (
              <option key={`${v}|${t.id}`} value={`${v}|${t.id}`}>
                {v} on {t.label}
              </option>
            )),
          )}
        </select>
      </label>
      <label>
        form
        <select className="input input-small" value={span.attrs.form ?? ''} onChange={(e) => onPatch({ form: e.target.value || null })} data-testid="accepted-form">
          <option value="">—</option>
          {forms.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
