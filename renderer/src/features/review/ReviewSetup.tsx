import { useEffect, useState } from 'react';
import type { LayerInfo } from '../../../../shared/api.js';
import { Modal } from '../../ui/Modal.js';
import { colleagueLayers } from './review-context.js';

/** Choose the colleagues to review against (and start), or open the agreement figures. */
export function ReviewSetup({ layers, me, onStart, onAgreement, onClose }: { layers: LayerInfo[]; me: string; onStart(names: string[]): void; onAgreement(names: string[]): void; onClose(): void }) {
  const others = colleagueLayers(layers, me);
  const [chosen, setChosen] = useState<string[]>(others.slice(0, 1).map((l) => l.name));
  // The layer list may arrive after the dialog opened: then the first colleague is chosen.
  const firstOther = others[0]?.name;
  useEffect(() => {
    if (firstOther) setChosen((c) => (c.length === 0 ? [firstOther] : c));
  }, [firstOther]);
  const toggle = (name: string) => setChosen((c) => (c.includes(name) ? c.filter((n) => n !== name) : [...c, name]));
  return (
    <Modal title="Review a colleague’s tags" testId="review-setup" onClose={onClose}>
      <div className="view-body data-form">
        {others.length === 0 ? (
          <p>
            No colleague’s layer in this corpus yet. Copy their <code>.quotebench/annotations/NAME/</code> folder in, or use File &gt; Import… with their JSONL export.
          </p>
        ) : (
          <fieldset className="format-list">
            <legend className="muted">Compare your layer ({me}) with:</legend>
            {others.map((l, i) => (
              <label key={l.name} className={chosen.includes(l.name) ? 'format-option on' : 'format-option'}>
                <input type="checkbox" checked={chosen.includes(l.name)} onChange={() => toggle(l.name)} data-testid={`review-colleague-${l.name}`} data-autofocus={i === 0 ? true : undefined} />
                <span>
                  <strong>{l.name}</strong> <span className="muted">{l.spans} spans in {l.documents} documents</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <p className="muted data-note">Decisions go into the adjudicated layer, with whose version was taken, who decided and when. Colleagues’ layers are never changed.</p>
        <div className="modal-actions">
          <button type="button" className="btn" disabled={chosen.length === 0} onClick={() => onAgreement([me, ...chosen])} data-testid="open-agreement">
            Agreement figures
          </button>
          <button type="button" className="btn btn-primary" disabled={chosen.length === 0} onClick={() => onStart(chosen)} data-testid="start-review">
            Start reviewing
          </button>
        </div>
      </div>
    </Modal>
  );
}
