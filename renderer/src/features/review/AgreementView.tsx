import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgreementReport, Figure, SpanCounts } from '../../../../shared/agreement.js';
import { useApi } from '../../api/api-context.js';
import { Modal } from '../../ui/Modal.js';

function fig(f: Figure): string {
  return f.value === null ? 'undefined' : f.value.toFixed(3);
}

function FigureCell({ f }: { f: Figure }) {
  return <td title={f.reason ?? undefined} className={f.value === null ? 'undefined' : undefined}>{fig(f)}</td>;
}

function CountsRow({ name, c }: { name: string; c: SpanCounts }) {
  return (
    <tr>
      <th>{name}</th>
      <td>{c.matched}</td>
      <td>{c.onlyA}</td>
      <td>{c.onlyB}</td>
      <FigureCell f={c.precision} />
      <FigureCell f={c.recall} />
      <FigureCell f={c.f1} />
    </tr>
  );
}

/** Agreement figures between layers, with the counts behind every figure and a chart of F1 per label. */
export function AgreementView({ annotators, onClose }: { annotators: string[]; onClose(): void }) {
  const api = useApi();
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.getAgreement({ annotators }).then((r) => (r.ok ? setReport(r.value) : setError(r.error.message)));
  }, [api, annotators]);
  const pair = report?.pairs[0] ?? null;
  const chart = useMemo(
    () =>
      pair
        ? Object.keys(pair.overlap.labels).map((label) => ({ label, exact: pair.exact.labels[label]?.f1.value ?? 0, overlap: pair.overlap.labels[label]?.f1.value ?? 0 }))
        : [],
    [pair],
  );
  return (
    <Modal title={`Agreement: ${annotators.join(' · ')}`} testId="agreement" onClose={onClose} wide>
      <div className="view-body agreement">
        {error ? <p role="alert">{error}</p> : null}
        {!report ? (
          !error && <p className="loading">Comparing…</p>
        ) : (
          <>
            <p className="muted">
              {report.documents} document{report.documents === 1 ? '' : 's'} that either side annotated. Overlap match: {report.rules.overlap}. Reference: {report.rules.reference.replace(/^the first annotator is the reference: /, '')}.
            </p>
            {report.pairs.map((p) => (
              <section key={`${p.a}-${p.b}`} className="agreement-pair" data-testid="agreement-pair">
                <h3 className="section-title">
                  {p.a} (reference) vs {p.b}
                </h3>
                <div className="agreement-grid">
                  <table className="figures" data-testid="agreement-table">
                    <thead>
                      <tr>
                        <th />
                        <th>matched</th>
                        <th>only {p.a}</th>
                        <th>only {p.b}</th>
                        <th>precision</th>
                        <th>recall</th>
                        <th>F1</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(p.overlap.labels).map(([label, c]) => (
                        <CountsRow key={label} name={`${label} (overlap)`} c={c} />
                      ))}
                      <CountsRow name="all, overlap" c={p.overlap.overall} />
                      <CountsRow name="all, exact" c={p.exact.overall} />
                    </tbody>
                  </table>
                  <table className="figures">
                    <thead>
                      <tr>
                        <th>matched quotes</th>
                        <th>Cohen’s κ</th>
                        <th>n</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(p.kappa).map(([field, k]) => (
                        <tr key={field} data-testid={`kappa-${field}`}>
                          <th>{field}</th>
                          <FigureCell f={k} />
                          <td>{k.n}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <details className="per-doc">
                  <summary>Per document ({p.documents.length})</summary>
                  <table className="figures" data-testid="agreement-docs">
                    <thead>
                      <tr>
                        <th>document</th>
                        <th>matched</th>
                        <th>only {p.a}</th>
                        <th>only {p.b}</th>
                        <th>F1 overlap</th>
                        <th>F1 exact</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.documents.map((d) => (
                        <tr key={d.docId}>
                          <th>{d.docId}</th>
                          <td>{d.overlap.matched}</td>
                          <td>{d.overlap.onlyA}</td>
                          <td>{d.overlap.onlyB}</td>
                          <FigureCell f={d.overlap.f1} />
                          <FigureCell f={d.exact.f1} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
                <ul className="reasons">
                  {Object.entries(p.kappa)
                    .filter(([, k]) => k.value === null)
                    .map(([field, k]) => (
                      <li key={field}>
                        κ on {field} is undefined: {k.reason}.
                      </li>
                    ))}
                </ul>
              </section>
            ))}
            {report.matrix ? (
              <section>
                <h3 className="section-title">Pairwise overlap F1</h3>
                <table className="figures matrix" data-testid="agreement-matrix">
                  <thead>
                    <tr>
                      <th />
                      {report.matrix.annotators.map((a) => (
                        <th key={a}>{a}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.matrix.overlapF1.map((row, i) => (
                      <tr key={report.matrix!.annotators[i]}>
                        <th>{report.matrix!.annotators[i]}</th>
                        {row.map((v, j) => (
                          <td key={j}>{v === null ? 'undefined' : v.toFixed(3)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ) : null}
            {report.annotators.length > 2 ? (
              <section>
                <h3 className="section-title">Krippendorff’s α (nominal), quotes grouped across annotators</h3>
                <ul className="reasons">
                  {Object.entries(report.alpha).map(([field, a]) => (
                    <li key={field}>
                      {field}: {fig(a)} ({a.units} units, {a.pairable} pairable values){a.reason ? ` — ${a.reason}` : ''}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {chart.length > 0 ? (
              <figure className="chart" data-testid="agreement-chart">
                <figcaption>F1 per label, {pair!.a} vs {pair!.b}</figcaption>
                <BarChart width={780} height={200} data={chart} margin={{ left: 0, right: 16 }}>
                  <CartesianGrid vertical={false} stroke="#eceef1" />
                  <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                  <YAxis domain={[0, 1]} tick={{ fontSize: 11 }} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar dataKey="exact" name="exact match" fill="#9aa1ab" isAnimationActive={false} />
                  <Bar dataKey="overlap" name="overlap match" fill="#3046c5" isAnimationActive={false} />
                </BarChart>
              </figure>
            ) : null}
          </>
        )}
      </div>
    </Modal>
  );
}
