import { useState } from 'react';
import { STANCE_VALUES, type ProjectFile, type StanceValue } from '../../../../shared/model.js';
import { DEFAULT_STANCE_LABELS } from '../../../../shared/schema.js';
import { useEdits } from '../history/edit-context.js';
import { Modal } from '../../ui/Modal.js';
import { formProblem, schemaRequest, toRows, type LabelRow } from './schema-form.js';

const NEW_COLORS = ['#d0605e', '#2aa198', '#8e6bbf', '#c48a1b', '#4a86c5', '#6b8e23'];

/** File > Labels and attributes: names, colours, keys, attribute values and stance names, stored in project.json. */
export function SchemaEditor({ project, onClose, onSaved }: { project: ProjectFile; onClose(): void; onSaved(): void }) {
  const edits = useEdits();
  const [rows, setRows] = useState<LabelRow[]>(() => toRows(project.schema.labels));
  const [stance, setStance] = useState<Record<StanceValue, string>>(project.schema.stanceLabels ?? DEFAULT_STANCE_LABELS);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const problem = formProblem(rows);

  const change = (i: number, patch: Partial<LabelRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    if (problem) return;
    setSaving(true);
    // One undoable edit (Ctrl+Z puts the labels and the spans' names back); a refusal is told in a notice.
    const request = schemaRequest(rows, stance);
    const before = { labels: project.schema.labels, stanceLabels: project.schema.stanceLabels ?? DEFAULT_STANCE_LABELS };
    const saved = await edits.updateSchema(before, { labels: request.labels, stanceLabels: request.stanceLabels ?? before.stanceLabels }, request.renames ?? []);
    setSaving(false);
    if (saved) onSaved();
    else setError('Not saved: the notice says why.');
  };

  return (
    <Modal title="Labels and attributes" testId="schema-editor" onClose={onClose} wide>
      <form
        className="schema-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="schema-head" aria-hidden="true">
          <span>Name</span>
          <span>Colour</span>
          <span>Key</span>
          <span>Attributes (values separated by commas)</span>
          <span />
        </div>
        {rows.map((row, i) => (
          <fieldset key={i} className="schema-row" data-testid="schema-row">
            <legend className="visually-hidden">Label {row.name}</legend>
            <input className="input" aria-label="Label name" value={row.name} onChange={(e) => change(i, { name: e.target.value })} data-testid="schema-name" />
            <input className="input color" type="color" aria-label={`Colour of ${row.name}`} value={row.color} onChange={(e) => change(i, { color: e.target.value })} />
            <input className="input key" aria-label={`Key of ${row.name}`} maxLength={1} value={row.key} onChange={(e) => change(i, { key: e.target.value.toLowerCase() })} data-testid="schema-key" />
            <div className="schema-attrs">
              {row.attributes.map((a, k) => (
                <div key={k} className="schema-attr">
                  <input
                    className="input attr-name"
                    aria-label="Attribute name"
                    value={a.name}
                    onChange={(e) => change(i, { attributes: row.attributes.map((x, m) => (m === k ? { ...x, name: e.target.value } : x)) })}
                  />
                  <input
                    className="input"
                    aria-label={`Values of ${a.name}`}
                    value={a.values}
                    onChange={(e) => change(i, { attributes: row.attributes.map((x, m) => (m === k ? { ...x, values: e.target.value } : x)) })}
                  />
                  <button type="button" className="btn btn-small btn-quiet" aria-label={`Remove the attribute ${a.name}`} onClick={() => change(i, { attributes: row.attributes.filter((_, m) => m !== k) })}>
                    ×
                  </button>
                </div>
              ))}
              <button type="button" className="btn btn-small" onClick={() => change(i, { attributes: [...row.attributes, { name: '', values: '' }] })}>
                + attribute
              </button>
            </div>
            <button type="button" className="btn btn-small btn-danger" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove the label ${row.name}`}>
              Remove
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setRows((rs) => [...rs, { original: null, name: '', color: NEW_COLORS[rs.length % NEW_COLORS.length]!, key: '', attributes: [], formerNames: [] }])}
          data-testid="schema-add"
        >
          + label
        </button>
        <fieldset className="stance-names">
          <legend>Stance names (stored values stay FAVOR / AGAINST / NONE)</legend>
          {STANCE_VALUES.map((v) => (
            <label key={v}>
              {v}
              <input className="input" value={stance[v]} onChange={(e) => setStance((s) => ({ ...s, [v]: e.target.value }))} />
            </label>
          ))}
        </fieldset>
        <p className="schema-note muted">Renaming a label keeps every span that carries it: existing spans follow the new name. Removing a label that spans still use is refused.</p>
        {problem || error ? (
          <p className="form-error" role="alert" data-testid="schema-error">
            {problem ?? error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={Boolean(problem) || saving} data-testid="schema-save">
            Save labels
          </button>
        </div>
      </form>
    </Modal>
  );
}
