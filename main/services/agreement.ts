/**
 * Agreement between annotators' layers of a corpus (shared/agreement.ts does the arithmetic):
 * reads each layer read-only, resolves renamed labels and merged speakers, and reports.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AgreementAccumulator, type AgreementReport, type AgreementSpan } from '../../shared/agreement.js';
import { piecesOf } from '../../shared/fragments.js';
import { resolveSpeakerId, type ProjectFile, type Span } from '../../shared/model.js';
import { labelRole, resolveLabel } from '../../shared/schema.js';
import { LayerStore } from './annotations.js';
import { Corpus, DATA_DIR } from './corpus.js';
import { openProject } from './project.js';
import { cooperative } from './cooperative.js';

/** The annotators with a layer folder in the corpus, sorted. */
export async function listLayerNames(corpusRoot: string): Promise<string[]> {
  try {
    return (await fs.readdir(path.join(corpusRoot, DATA_DIR, 'annotations'), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** The label agreement compares: the current name of a renamed label, QUOTE (and the other roles) by meaning. */
function agreementLabel(name: string, project: Pick<ProjectFile, 'schema'>): string {
  const label = resolveLabel(project.schema, name);
  return labelRole(project.schema.labels, label) ?? label;
}

/** A span as agreement compares it: current label name (QUOTE by meaning), pieces, and the quote fields. */
export function toAgreementSpan(span: Span, project: Pick<ProjectFile, 'schema' | 'speakerRedirects'>, labelOf = (name: string) => agreementLabel(name, project)): AgreementSpan {
  return {
    id: span.id,
    label: labelOf(span.label),
    pieces: piecesOf(span),
    stance: span.stance ? `${span.stance.value}` : '',
    form: span.attrs.form ?? '',
    speaker: span.speakerId ? resolveSpeakerId(project, span.speakerId) : '',
  };
}

/** Agreement over every annotatable document of the corpus between `annotators` (the first is the reference). */
export async function computeAgreement(corpusRoot: string, annotators: readonly string[], project?: ProjectFile): Promise<AgreementReport> {
  const proj = project ?? (await openProject(corpusRoot, () => undefined, { readOnly: true })).data;
  const corpus = await Corpus.open(corpusRoot, proj.settings.maxFileBytes);
  const { docs } = await corpus.describe();
  const existing = new Set(await listLayerNames(corpus.root));
  const missing = annotators.filter((a) => !existing.has(a));
  if (missing.length > 0) throw new Error(`no layer for ${missing.join(', ')} in this corpus (layers: ${[...existing].join(', ') || 'none'})`);
  // One document at a time, every annotator's layer of it: memory holds one document's spans.
  const stores = annotators.map((name) => new LayerStore(corpus.root, name, { readOnly: true }));
  const acc = new AgreementAccumulator(annotators);
  // A label's current name and role are the same for every span that has it: looked up once.
  const labels = new Map<string, string>();
  const labelOf = (name: string) => {
    let l = labels.get(name);
    if (l === undefined) labels.set(name, (l = agreementLabel(name, proj)));
    return l;
  };
  const pause = cooperative();
  for (const d of docs) {
    await pause();
    const spans: AgreementSpan[][] = [];
    // Spans of a changed article are compared where they are now (re-anchored in memory; orphans left out).
    for (const store of stores) spans.push(((await store.readCurrent(d.id, d.sha256, () => corpus.readText(d.id)))?.spans ?? []).map((s) => toAgreementSpan(s, proj, labelOf)));
    // Documents at least one of them annotated.
    if (spans.some((list) => list.length > 0)) acc.add(d.id, spans);
  }
  return acc.report();
}

function fmt(figure: { value: number | null; reason?: string }): string {
  return figure.value === null ? `undefined (${figure.reason})` : figure.value.toFixed(3);
}

/** The report as a few readable tables for the terminal. */
export function formatAgreement(report: AgreementReport): string {
  const out: string[] = [];
  out.push(`Agreement over ${report.documents} documents between ${report.annotators.join(', ')}`);
  out.push(`  exact:   ${report.rules.exact}`);
  out.push(`  overlap: ${report.rules.overlap}`);
  out.push(`  ${report.rules.reference}`);
  for (const pair of report.pairs) {
    out.push('', `${pair.a} (reference) vs ${pair.b}`);
    out.push('  label          mode     matched  only A  only B  precision  recall  F1');
    for (const mode of ['exact', 'overlap'] as const) {
      const rows = [...Object.entries(pair[mode].labels), ['overall', pair[mode].overall] as const];
      for (const [label, c] of rows) {
        out.push(
          `  ${label.padEnd(14)} ${mode.padEnd(8)} ${String(c.matched).padStart(7)} ${String(c.onlyA).padStart(7)} ${String(c.onlyB).padStart(7)}  ${fmt(c.precision).padStart(9)}  ${fmt(c.recall).padStart(6)}  ${fmt(c.f1)}`,
        );
      }
    }
    for (const [field, k] of Object.entries(pair.kappa)) out.push(`  Cohen's kappa on ${field} (${k.n} matched quotes): ${fmt(k)}`);
  }
  if (report.annotators.length > 2) {
    out.push('', "Krippendorff's alpha (nominal) on quotes grouped across annotators:");
    for (const [field, a] of Object.entries(report.alpha)) out.push(`  ${field}: ${fmt(a)} (${a.units} units, ${a.pairable} pairable values)`);
    if (report.matrix) {
      out.push('', 'Pairwise overlap F1:');
      out.push('  ' + ''.padEnd(12) + report.matrix.annotators.map((a) => a.slice(0, 10).padStart(11)).join(''));
      report.matrix.overlapF1.forEach((row, i) => out.push('  ' + report.matrix!.annotators[i]!.slice(0, 12).padEnd(12) + row.map((v) => (v === null ? 'n/a' : v.toFixed(3)).padStart(11)).join('')));
    }
  }
  return out.join('\n') + '\n';
}
