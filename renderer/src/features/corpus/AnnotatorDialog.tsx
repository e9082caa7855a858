import { useState, type FormEvent } from 'react';
import { Modal } from '../../ui/Modal.js';
import { annotatorNameProblem } from './annotator-name.js';

/** Props of the annotator name dialog. */
export interface AnnotatorDialogProps {
  initialName: string;
  firstRun: boolean;
  /** Layers in the corpus that are not this annotator's: choosing one of those names writes into it. */
  otherLayers: readonly string[];
  onSave: (name: string) => Promise<string | null>;
  onCancel: (() => void) | null;
}

/** Asks who is annotating; the name becomes the folder of this person's annotation layer. */
export function AnnotatorDialog({ initialName, firstRun, otherLayers, onSave, onCancel }: AnnotatorDialogProps) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = annotatorNameProblem(name);
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    const failure = await onSave(name);
    setSaving(false);
    setError(failure);
  };

  return (
    <Modal title={firstRun ? 'Welcome to Quotebench' : 'Change annotator'} testId="annotator-dialog" onClose={onCancel}>
      <form className="modal-body" onSubmit={submit} noValidate>
        <p className="modal-text">
          {firstRun ? 'Who is annotating? ' : ''}Your spans are saved under this name, next to the corpus, so colleagues' layers stay apart.
        </p>
        <label className="field-label" htmlFor="annotator-input">
          Annotator name
        </label>
        <input
          id="annotator-input"
          className="field"
          data-testid="annotator-input"
          data-autofocus
          value={name}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby="annotator-error"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        <p id="annotator-error" className="field-error" role={error ? 'alert' : undefined}>
          {error ?? ''}
        </p>
        {error === null && otherLayers.includes(name) && (
          <p className="field-warning" data-testid="annotator-taken" role="status">
            {name} already has a layer in this corpus: saving makes you {name}, and your edits go into that layer.
          </p>
        )}
        <div className="modal-actions">
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="btn btn-primary" data-testid="annotator-save" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
