import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchResult } from '../../../../shared/api.js';
import { STANCE_VALUES, type LabelDef, type Target } from '../../../../shared/model.js';
import { labelForRole, type LabelRole } from '../../../../shared/schema.js';
import { useApi } from '../../api/api-context.js';
import { Modal } from '../../ui/Modal.js';
import { EMPTY_FORM, isAsking, PRESETS, searchRequest, type SearchForm } from './search-request.js';

/** Props of the corpus search. `initial` prefills the form (e.g. "quotes by" from the speakers view). */
export interface CorpusSearchViewProps {
  labels: LabelDef[];
  targets: readonly Target[];
  initial: Partial<SearchForm> | null;
  onClose(): void;
  onOpenHit(hit: SearchHit): void;
}

/**
 * Ctrl+Shift+F: search the articles' text or the annotations ("all quotes by Kayani",
 * "AGAINST quotes on a target", "quotes without speaker"). ↑/↓ choose a result, Enter opens it.
 */
export function CorpusSearchView({ labels, targets, initial, onClose, onOpenHit }: CorpusSearchViewProps) {
  const api = useApi();
  const [form, setForm] = useState<SearchForm>({ ...EMPTY_FORM, ...initial });
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const request = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!isAsking(form)) {
      setResult(null);
      return;
    }
    const id = ++request.current;
    const timer = setTimeout(() => {
      void api.searchCorpus(searchRequest(form)).then((answer) => {
        if (id !== request.current) return;
        if (answer.ok) {
          setResult(answer.value);
          setError(null);
          setActive(0);
        } else setError(answer.error.message);
      });
    }, 180);
    return () => clearTimeout(timer);
  }, [api, form]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const set = (patch: Partial<SearchForm>) => setForm((f) => ({ ...f, ...patch }));
  const hits = result?.hits ?? [];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (event.target instanceof HTMLSelectElement) return;
      event.preventDefault();
      setActive((a) => Math.max(0, Math.min(hits.length - 1, a + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      const hit = hits[active];
      if (hit) {
        event.preventDefault();
        onOpenHit(hit);
      }
    }
  };

  const spans = form.scope === 'spans';
  return (
    <Modal title="Search the corpus" testId="corpus-search" onClose={onClose} wide>
      <div className="search-view" onKeyDown={onKeyDown}>
        <div className="search-form">
          <input
            className="input search-query"
            data-autofocus
            data-testid="search-query"
            aria-label="Search for"
            placeholder={spans ? 'Words in a span, a speaker name or a note' : 'Words in the articles'}
            value={form.query}
            onChange={(e) => set({ query: e.target.value })}
          />
          <div className="seg" role="radiogroup" aria-label="Search in">
            <button type="button" role="radio" aria-checked={spans} className={spans ? 'seg-btn on' : 'seg-btn'} onClick={() => set({ scope: 'spans' })} data-testid="scope-spans">
              Annotations
            </button>
            <button type="button" role="radio" aria-checked={!spans} className={!spans ? 'seg-btn on' : 'seg-btn'} onClick={() => set({ scope: 'text' })} data-testid="scope-text">
              Text
            </button>
          </div>
        </div>
        {spans ? (
          <div className="search-filters">
            <label>
              Label
              <select className="input input-small" value={form.label} onChange={(e) => set({ label: e.target.value })} data-testid="search-label">
                <option value="">any</option>
                {labels.map((l) => (
                  <option key={l.name}>{l.name}</option>
                ))}
              </select>
            </label>
            <label>
              Speaker
              <input className="input input-small" value={form.speaker} onChange={(e) => set({ speaker: e.target.value })} placeholder="e.g. Kiyani" data-testid="search-speaker" />
            </label>
            <label>
              Stance
              <select className="input input-small" value={form.stance} onChange={(e) => set({ stance: e.target.value as SearchForm['stance'] })} data-testid="search-stance">
                <option value="">any</option>
                {STANCE_VALUES.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            </label>
            <label>
              Target
              <select className="input input-small" value={form.targetId} onChange={(e) => set({ targetId: e.target.value })} data-testid="search-target">
                <option value="">any</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Without
              <select className="input input-small" value={form.missing} onChange={(e) => set({ missing: e.target.value as SearchForm['missing'] })} data-testid="search-missing">
                <option value="">—</option>
                <option value="speaker">speaker</option>
                <option value="stance">stance</option>
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={form.incomplete} onChange={(e) => set({ incomplete: e.target.checked })} data-testid="search-incomplete" />
              only incomplete quotes
            </label>
          </div>
        ) : null}
        <div className="search-presets">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" className="btn btn-small" data-testid={`preset-${p.id}`} onClick={() => setForm({ ...EMPTY_FORM, ...p.form, ...(p.form.label ? { label: labelForRole(labels, p.form.label as LabelRole) } : {}) })}>
              {p.title}
            </button>
          ))}
        </div>
        <p className="search-count" aria-live="polite" data-testid="search-count">
          {error ? `Search failed: ${error}` : !result ? 'Type to search, or pick a question above.' : result.total > hits.length ? `Showing ${hits.length} of ${result.total} hits` : `${result.total} hit${result.total === 1 ? '' : 's'}`}
        </p>
        <ol className="search-results" ref={listRef} role="listbox" aria-label="Results" data-testid="search-results">
          {hits.map((hit, i) => (
            <li
              key={`${hit.docId}:${hit.spanId ?? ''}:${hit.start}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-hit active' : 'search-hit'}
              data-testid="search-hit"
              data-doc-id={hit.docId}
              onClick={() => onOpenHit(hit)}
            >
              <div className="hit-head">
                <span className="hit-title">{hit.title}</span>
                <span className="muted">{hit.docId}</span>
                {hit.label ? <span className="hit-tag">{hit.label}</span> : null}
                {hit.speakerName ? <span className="hit-speaker">{hit.speakerName}</span> : null}
                {hit.stance ? <span className={`hit-stance stance-${hit.stance.toLowerCase()}`}>{hit.stance}</span> : null}
                {hit.targetLabel ? <span className="muted">on {hit.targetLabel}</span> : null}
              </div>
              <div className="hit-text">
                {hit.before}
                <mark>{hit.match}</mark>
                {hit.after}
              </div>
            </li>
          ))}
        </ol>
      </div>
    </Modal>
  );
}
