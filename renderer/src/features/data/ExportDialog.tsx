import { useEffect, useState } from 'react';
import type { ApiArgs } from '../../../../shared/api.js';
import { useApi } from '../../api/api-context.js';
import { Modal } from '../../ui/Modal.js';
import { jobFraction, useJob } from './use-job.js';

type Format = ApiArgs<'exportData'>['format'];

/** "1 record", "2 records". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const FORMATS: { id: Format; title: string; what: string }[] = [
  { id: 'jsonl', title: 'Quotebench JSONL', what: 'One line per document: text, spans (code point offsets), links, speakers, targets. For Python and model training.' },
  { id: 'quotes-csv', title: 'Quotes table (CSV)', what: 'One row per quote with speaker, stance, target, cue and sentence. Opens in spreadsheets.' },
  { id: 'quotes-jsonl', title: 'Quotes table (JSONL)', what: 'The same rows as JSON lines, for pandas.' },
  { id: 'brat', title: 'brat standoff', what: 'A folder with DOC.txt and DOC.ann per document (T, R, E, A, N, # lines).' },
  { id: 'w3c', title: 'W3C Web Annotation', what: 'JSON-LD with text quote and position selectors.' },
  { id: 'prodigy', title: 'Prodigy / spaCy', what: 'Lines of {text, meta, spans, relations}.' },
];

/** File > Export…: a layer (yours by default, or a colleague's or the adjudicated one) in one of the export formats, with progress. */
export function ExportDialog({ annotator, onClose }: { annotator: string; onClose(): void }) {
  const api = useApi();
  const [format, setFormat] = useState<Format>('jsonl');
  const [layer, setLayer] = useState(annotator);
  const [layers, setLayers] = useState<string[]>([annotator]);
  useEffect(() => {
    let live = true;
    void api.listLayers({}).then((r) => {
      if (live && r.ok) setLayers([annotator, ...r.value.layers.map((l) => l.name).filter((n) => n !== annotator)]);
    });
    return () => {
      live = false;
    };
  }, [api, annotator]);
  const [onlyDone, setOnlyDone] = useState(false);
  const [bom, setBom] = useState(true);
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const { job, error, cancel } = useJob(jobId);
  const running = jobId !== null && !job?.finished && !error;

  const start = async () => {
    setStartError(null);
    const result = await api.exportData({ format, ...(onlyDone ? { status: 'done' as const } : {}), ...(format === 'quotes-csv' ? { bom } : {}), ...(layer !== annotator ? { layer } : {}) });
    if (result.ok) setJobId(result.value.jobId);
    else setStartError(result.error.message);
  };

  return (
    <Modal title={layer === annotator ? `Export ${annotator}’s annotations` : layer === 'adjudicated' ? 'Export the adjudicated layer' : `Export ${layer}’s annotations`} testId="export-dialog" onClose={running ? cancel : onClose} wide>
      <form
        className="view-body data-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="format-list" disabled={running}>
          <legend className="visually-hidden">Format</legend>
          {FORMATS.map((f, i) => (
            <label key={f.id} className={format === f.id ? 'format-option on' : 'format-option'}>
              <input type="radio" name="format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} data-autofocus={i === 0 ? true : undefined} data-testid={`export-format-${f.id}`} />
              <span>
                <strong>{f.title}</strong>
                <span className="muted"> {f.what}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="data-options">
          {layers.length > 1 ? (
            <label className="check">
              Layer{' '}
              <select value={layer} onChange={(e) => setLayer(e.target.value)} disabled={running} data-testid="export-layer">
                {layers.map((name) => (
                  <option key={name} value={name}>
                    {name === annotator ? `${name} (yours)` : name === 'adjudicated' ? 'adjudicated (review decisions)' : `${name} (colleague)`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="check">
            <input type="checkbox" checked={onlyDone} onChange={(e) => setOnlyDone(e.target.checked)} disabled={running} /> only documents marked done
          </label>
          {format === 'quotes-csv' ? (
            <label className="check">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} disabled={running} /> start with a byte-order mark (Excel reads UTF-8 correctly)
            </label>
          ) : null}
        </div>
        {jobId ? (
          <div className="job" data-testid="export-progress">
            <progress max={1} value={jobFraction(job)} aria-label="Export progress" />
            <p role="status" data-testid="export-status">
              {error
                ? `Cannot follow the export: ${error}`
                : !job || !job.finished
                  ? `Exporting… ${job?.done ?? 0} of ${job?.total || '?'} documents`
                  : job.cancelled
                    ? 'Export cancelled: no file was written.'
                    : job.error
                    ? `Export failed: ${job.error}`
                    : `Exported ${plural(job.exported?.records ?? 0, format === 'brat' ? 'annotation line' : 'record')} from ${plural(job.exported?.documents ?? 0, 'document')}${job.exported?.problems ? ` (${job.exported.problems} spans left out: their article changed and they could not be placed; open those documents to place or delete them)` : ''}.`}
            </p>
            {job?.exported?.skipped?.length ? (
              <div role="alert" data-testid="export-skipped">
                <p>{plural(job.exported.skipped.length, 'document')} left out (the rest was exported):</p>
                <ul>
                  {job.exported.skipped.map((k) => (
                    <li key={k.docId}>
                      <code>{k.docId}</code>: {k.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {job?.exported ? (
              <p className="path-row">
                <code data-testid="export-path">{job.exported.path}</code>
                <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(job.exported!.path)}>
                  Copy path
                </button>
              </p>
            ) : null}
          </div>
        ) : null}
        {startError ? (
          <p className="form-error" role="alert">
            {startError}
          </p>
        ) : null}
        <div className="modal-actions">
          {/* While the export runs, Cancel (or Escape) stops it; the dialog stays to say so. */}
          <button type="button" className="btn" onClick={running ? cancel : onClose} data-testid="export-cancel">
            {job?.finished ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="btn btn-primary" disabled={running} data-testid="export-start">
            {job?.finished ? 'Export again' : 'Export'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
