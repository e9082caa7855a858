import { useEffect, useRef, useState } from 'react';
import type { ApiArgs, ImportReportView } from '../../../../shared/api.js';
import { ANNOTATOR_NAME_RE } from '../../../../shared/api.js';
import { parseLabelMap } from '../../../../shared/formats/label-map.js';
import { useApi } from '../../api/api-context.js';
import { Modal } from '../../ui/Modal.js';
import { plural } from './ExportDialog.js';
import { jobFraction, useJob } from './use-job.js';

type Format = ApiArgs<'importData'>['format'];

/** Props of File > Import…. `onImported` runs after a written import (reload list, project, document). */
export interface ImportDialogProps {
  annotator: string;
  canBrowse: boolean;
  onClose(): void;
  onImported(annotator: string): void;
}

function Report({ report, dryRun }: { report: ImportReportView; dryRun: boolean }) {
  if (report.problems.length > 0) {
    return (
      <div className="import-report refused" data-testid="import-report" data-outcome="refused">
        <p>
          <strong>Import refused; nothing was written.</strong> {report.problems.length} problem{report.problems.length === 1 ? '' : 's'}:
        </p>
        <ul className="problem-list">
          {report.problems.slice(0, 100).map((p, i) => (
            <li key={i} data-testid="import-problem">
              <code>
                {p.file.split('/').slice(-2).join('/')}
                {p.line ? `:${p.line}` : ''}
              </code>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const spans = report.documents.reduce((n, d) => n + d.spans, 0);
  const links = report.documents.reduce((n, d) => n + d.relations, 0);
  return (
    <div className="import-report" data-testid="import-report" data-outcome={report.written ? 'written' : 'checked'}>
      <p>
        <strong>{dryRun ? 'Checked: ready to import' : 'Imported'}</strong> {plural(report.documents.length, 'document')}, {plural(spans, 'span')}, {plural(links, 'link')}
        {report.newLabels.length ? `; new labels ${report.newLabels.join(', ')}` : ''}
        {report.newSpeakers ? `; ${report.newSpeakers} new speakers` : ''}
        {report.newTargets ? `; ${report.newTargets} new targets` : ''}.
      </p>
    </div>
  );
}

/** File > Import…: brat, JSONL or Prodigy into a layer; checked first (Check), written only when clean. */
export function ImportDialog({ annotator, canBrowse, onClose, onImported }: ImportDialogProps) {
  const api = useApi();
  const [format, setFormat] = useState<Format>('jsonl');
  const [source, setSource] = useState('');
  const [layer, setLayer] = useState(annotator);
  const [mapText, setMapText] = useState('');
  const [replace, setReplace] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [startError, setStartError] = useState<string | null>(null);
  const { job, error, cancel } = useJob(jobId);
  const running = jobId !== null && !job?.finished && !error;
  const parsedMap = parseLabelMap(mapText);
  const problem = !source.trim()
    ? null
    : !(source.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(source))
      ? 'Give the full path (starting with / or a drive letter).'
      : !ANNOTATOR_NAME_RE.test(layer)
        ? 'The layer name: letters, digits, spaces, dots, dashes or underscores.'
        : 'error' in parsedMap
          ? `Label map: ${parsedMap.error}`
          : null;

  const written = job?.imported?.written === true;
  // Once per written import: the callback reloads views, which must not re-trigger it.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!written || !jobId || announced.current === jobId) return;
    announced.current = jobId;
    onImported(layer);
  }, [written, jobId, layer, onImported]);

  const start = async (dry: boolean) => {
    if (problem || !source.trim() || 'error' in parsedMap) return;
    setStartError(null);
    setDryRun(dry);
    const result = await api.importData({ format, source: source.trim(), annotator: layer, map: parsedMap.map, dryRun: dry, replace });
    if (result.ok) setJobId(result.value.jobId);
    else setStartError(result.error.message);
  };
  const browse = async () => {
    const result = await api.pickImportSource({ kind: format === 'brat' ? 'folder' : 'file' });
    if (result.ok && result.value) setSource(result.value.path);
    else if (!result.ok) setStartError(result.error.message);
  };

  return (
    <Modal title="Import annotations" testId="import-dialog" onClose={running ? cancel : onClose} wide>
      <form
        className="view-body data-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start(true);
        }}
      >
        <div className="data-grid">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" className="input" value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="import-format" disabled={running} data-autofocus>
            <option value="jsonl">Quotebench JSONL (a colleague’s export)</option>
            <option value="prodigy">Prodigy / spaCy JSONL</option>
            <option value="brat">brat standoff folder (.ann files)</option>
          </select>
          <label htmlFor="import-source">{format === 'brat' ? 'Folder' : 'File'}</label>
          <span className="field-row">
            <input
              id="import-source"
              className="input grow"
              value={source}
              onChange={(e) => setSource(e.target.value)}
              // The desktop app reads only what its dialog picked: the path is shown, chosen with Browse….
              readOnly={canBrowse}
              placeholder={canBrowse ? 'Choose with Browse…' : format === 'brat' ? '/path/to/brat/folder' : '/path/to/file.jsonl'}
              data-testid="import-source"
              disabled={running}
            />
            {canBrowse ? (
              <button type="button" className="btn btn-small" onClick={() => void browse()} disabled={running} data-testid="import-browse">
                Browse…
              </button>
            ) : null}
          </span>
          <label htmlFor="import-layer">Into the layer of</label>
          <input id="import-layer" className="input" value={layer} onChange={(e) => setLayer(e.target.value)} data-testid="import-layer" disabled={running} />
          <label htmlFor="import-map">Rename labels</label>
          <input id="import-map" className="input" value={mapText} onChange={(e) => setMapText(e.target.value)} placeholder="Content=QUOTE, Source=SOURCE, Cue=CUE" data-testid="import-map" disabled={running} />
          <span />
          <label className="check">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} disabled={running} /> replace documents that already have spans in that layer
          </label>
        </div>
        <p className="muted data-note">
          Documents are matched by {format === 'brat' ? 'relative path (DOC.ann → DOC.txt)' : 'id, or by exactly the same text'}. Unknown labels join the schema. Everything is checked first: if any
          text at the given offsets differs from the article, nothing is written.
        </p>
        {problem ? (
          <p className="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        {jobId ? (
          <div className="job">
            <progress max={1} value={jobFraction(job)} aria-label="Import progress" />
            {error ? <p role="alert">Cannot follow the import: {error}</p> : null}
            {job?.cancelled ? (
              <p role="status" data-testid="import-cancelled">
                Import cancelled: nothing was written.
              </p>
            ) : job?.error ? (
              <p role="alert">Import failed: {job.error}</p>
            ) : null}
            {job?.imported ? <Report report={job.imported} dryRun={dryRun} /> : job?.cancelled ? null : <p role="status">Reading…</p>}
          </div>
        ) : null}
        {startError ? (
          <p className="form-error" role="alert">
            {startError}
          </p>
        ) : null}
        <div className="modal-actions">
          {/* While the import runs, Cancel (or Escape) stops it and puts back what it wrote. */}
          <button type="button" className="btn" onClick={running ? cancel : onClose} data-testid="import-cancel">
            {written ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="btn" disabled={running || !source.trim() || Boolean(problem)} data-testid="import-check">
            Check
          </button>
          <button type="button" className="btn btn-primary" disabled={running || !source.trim() || Boolean(problem)} onClick={() => void start(false)} data-testid="import-start">
            Import
          </button>
        </div>
      </form>
    </Modal>
  );
}
