import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Overview } from '../../../../shared/api.js';
import type { StanceValue } from '../../../../shared/model.js';
import { useApi } from '../../api/api-context.js';
import { Modal } from '../../ui/Modal.js';
import { documentRows, progressLine, stanceRows, topSpeakers } from './overview-data.js';

/** Stance colours: green, red, grey (also told apart by position and legend). */
export const STANCE_COLORS: Record<StanceValue, string> = { FAVOR: '#2f8f57', AGAINST: '#c8372d', NONE: '#9aa1ab' };
const KIND_COLORS: Record<string, string> = { person: '#e8a33d', organization: '#4a86c5', group: '#3fae6a', anonymous: '#8e6bbf' };
const CHART_W = 380;
const AXIS = { fontSize: 11, fill: '#5c6470' };

function rowsHeight(n: number): number {
  return Math.max(120, 36 + n * 24);
}

function Empty({ text }: { text: string }) {
  return <p className="chart-empty">{text}</p>;
}

/** A stacked FAVOR / AGAINST / NONE bar per row (speaker or target), or an empty state. */
function StanceChart({ testId, title, rows, bars }: { testId: string; title: string; rows: { short: string }[]; bars: ReactNode }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <Empty text="No stances yet." />
      ) : (
        <BarChart width={CHART_W} height={rowsHeight(rows.length) + 24} data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid horizontal={false} stroke="#eceef1" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} />
          <YAxis type="category" dataKey="short" width={150} tick={AXIS} interval={0} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {bars}
        </BarChart>
      )}
    </figure>
  );
}

/** O: the corpus at a glance: quotes per speaker, stance by speaker and by target, progress by document. */
export function OverviewView({ onClose, onOpenDocument, stanceNames }: { onClose(): void; onOpenDocument(docId: string): void; stanceNames: Record<StanceValue, string> }) {
  const api = useApi();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.getOverview({}).then((r) => (r.ok ? setOverview(r.value) : setError(r.error.message)));
  }, [api]);

  const data = useMemo(() => {
    if (!overview) return null;
    return {
      speakers: topSpeakers(overview),
      bySpeaker: stanceRows(overview.stanceBySpeaker, (r) => r.name),
      byTarget: stanceRows(overview.stanceByTarget, (r) => r.label),
      documents: documentRows(overview),
    };
  }, [overview]);

  const stanceBars = (['FAVOR', 'AGAINST', 'NONE'] as const).map((v) => (
    <Bar key={v} dataKey={v} name={stanceNames[v]} stackId="s" fill={STANCE_COLORS[v]} isAnimationActive={false} />
  ));

  return (
    <Modal title="Corpus overview" testId="overview" onClose={onClose} wide>
      {error ? (
        <p role="alert" className="view-body">
          Cannot compute the overview: {error}
        </p>
      ) : null}
      {!overview || !data ? (
        !error && <p className="loading view-body">Counting…</p>
      ) : (
        <div className="overview">
          <p className="overview-headline" data-testid="overview-progress">
            <strong>{progressLine(overview)}</strong>
            {overview.unattributed > 0 ? <span className="incomplete"> {overview.unattributed} quote{overview.unattributed === 1 ? '' : 's'} without speaker</span> : null}
          </p>
          <div className="chart-grid">
            <figure className="chart" data-testid="chart-speakers">
              <figcaption>Quotes per speaker</figcaption>
              {data.speakers.length === 0 ? (
                <Empty text="No attributed quotes yet." />
              ) : (
                <BarChart width={CHART_W} height={rowsHeight(data.speakers.length)} data={data.speakers} layout="vertical" margin={{ left: 8, right: 16 }}>
                  <CartesianGrid horizontal={false} stroke="#eceef1" />
                  <XAxis type="number" allowDecimals={false} tick={AXIS} />
                  <YAxis type="category" dataKey="short" width={150} tick={AXIS} interval={0} />
                  <Tooltip />
                  <Bar dataKey="quotes" name="Quotes" isAnimationActive={false}>
                    {data.speakers.map((s) => (
                      <Cell key={s.speakerId} fill={KIND_COLORS[s.kind] ?? '#8a8f98'} />
                    ))}
                  </Bar>
                </BarChart>
              )}
              <div className="chart-legend">
                {Object.entries(KIND_COLORS).map(([kind, color]) => (
                  <span key={kind}>
                    <span className="label-dot" style={{ background: color }} /> {kind}
                  </span>
                ))}
              </div>
            </figure>
            <StanceChart testId="chart-stance-speaker" title="Stance by speaker" rows={data.bySpeaker} bars={stanceBars} />
            <StanceChart testId="chart-stance-target" title="Stance by target" rows={data.byTarget} bars={stanceBars} />
            <figure className="chart" data-testid="chart-documents">
              <figcaption>Progress by document (click a bar to open it)</figcaption>
              <BarChart width={CHART_W} height={rowsHeight(data.documents.length) + 24} data={data.documents} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid horizontal={false} stroke="#eceef1" />
                <XAxis type="number" allowDecimals={false} tick={AXIS} />
                <YAxis type="category" dataKey="short" width={170} tick={AXIS} interval={0} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="complete" name="complete quotes" stackId="d" fill="#2f8f57" isAnimationActive={false} onClick={(d: { id?: string }) => d.id && onOpenDocument(d.id)} cursor="pointer" />
                <Bar dataKey="incomplete" name="quotes missing speaker or stance" stackId="d" fill="#e8a33d" isAnimationActive={false} onClick={(d: { id?: string }) => d.id && onOpenDocument(d.id)} cursor="pointer" />
                <Bar dataKey="other" name="other spans" stackId="d" fill="#c9ced5" isAnimationActive={false} onClick={(d: { id?: string }) => d.id && onOpenDocument(d.id)} cursor="pointer" />
              </BarChart>
            </figure>
          </div>
        </div>
      )}
    </Modal>
  );
}
