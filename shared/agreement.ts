/**
 * Inter-annotator agreement for spans and their attributes. Pure; offsets in code points.
 *
 * Span matching between two annotators, per document and label:
 * - exact: the same pieces (start/end, every fragment) and the same label;
 * - overlap: the same label and shared characters of at least half of the shorter span.
 *   Candidates are paired one-to-one, the largest overlap first.
 * Annotator A is the reference: precision = matched / B's spans, recall = matched / A's spans,
 * F1 = 2·matched / (A's + B's). For matched quotes: Cohen's kappa (two annotators) and
 * Krippendorff's alpha, nominal (any number), on stance, form and speaker. A figure that cannot
 * be computed is null with the reason, never 0 or 1.
 */

/** A span as agreement sees it: resolved label, pieces, and the compared fields. */
export interface AgreementSpan {
  id: string;
  label: string;
  pieces: [number, number][];
  /** Compared fields of a quote; '' when missing. */
  stance: string;
  form: string;
  speaker: string;
}

/** A figure, or null with why it cannot be computed. */
export interface Figure {
  value: number | null;
  reason?: string;
}

export interface SpanCounts {
  matched: number;
  onlyA: number;
  onlyB: number;
  precision: Figure;
  recall: Figure;
  f1: Figure;
}

export const COMPARED_FIELDS = ['stance', 'form', 'speaker'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** Characters two spans share. */
export function sharedLength(a: readonly [number, number][], b: readonly [number, number][]): number {
  let total = 0;
  for (const [as, ae] of a) for (const [bs, be] of b) total += Math.max(0, Math.min(ae, be) - Math.max(as, bs));
  return total;
}

export function spanLength(pieces: readonly [number, number][]): number {
  return pieces.reduce((n, [s, e]) => n + (e - s), 0);
}

function samePieces(a: readonly [number, number][], b: readonly [number, number][]): boolean {
  return a.length === b.length && a.every(([s, e], i) => s === b[i]![0] && e === b[i]![1]);
}

export type MatchMode = 'exact' | 'overlap';

/** First and last character of a span's pieces. */
function extent(pieces: readonly [number, number][]): [number, number] {
  let start = Infinity;
  let end = -Infinity;
  for (const [s, e] of pieces) {
    if (s < start) start = s;
    if (e > end) end = e;
  }
  return [start, end];
}

const CELL = 64;

/**
 * Spans bucketed by position (cells of CELL code points), so the spans that may overlap a
 * range are found without comparing against every span of the document.
 */
class OverlapIndex {
  private cells = new Map<number, number[]>();
  private seen: Uint32Array;
  private stamp = 0;
  private starts: Float64Array;
  private ends: Float64Array;

  constructor(spans: readonly AgreementSpan[]) {
    this.seen = new Uint32Array(spans.length);
    this.starts = new Float64Array(spans.length);
    this.ends = new Float64Array(spans.length);
    spans.forEach((span, j) => {
      const [start, end] = extent(span.pieces);
      this.starts[j] = start;
      this.ends[j] = end;
      if (!(end > start)) return; // empty: never overlaps anything
      for (let c = Math.floor(start / CELL); c <= Math.floor((end - 1) / CELL); c += 1) {
        const cell = this.cells.get(c);
        if (cell) cell.push(j);
        else this.cells.set(c, [j]);
      }
    });
  }

  /** Indices (ascending) of the spans whose extent shares a character with [start, end). */
  near(start: number, end: number): number[] {
    const out: number[] = [];
    if (!(end > start)) return out;
    this.stamp += 1;
    for (let c = Math.floor(start / CELL); c <= Math.floor((end - 1) / CELL); c += 1) {
      for (const j of this.cells.get(c) ?? []) {
        if (this.seen[j] === this.stamp) continue;
        this.seen[j] = this.stamp;
        if (this.starts[j]! < end && start < this.ends[j]!) out.push(j);
      }
    }
    return out.sort((p, q) => p - q);
  }
}

/** The overlap rule: same label, shared characters >= half of the shorter span; the score is shared / longer. */
function overlapScore(x: AgreementSpan, y: AgreementSpan): number | null {
  if (x.label !== y.label) return null;
  const shared = sharedLength(x.pieces, y.pieces);
  const lx = spanLength(x.pieces);
  const ly = spanLength(y.pieces);
  const shorter = Math.min(lx, ly);
  return shorter > 0 && shared * 2 >= shorter ? shared / Math.max(lx, ly) : null;
}

/** Up to this many A x B pairs, overlap candidates come from comparing every pair (no index). */
const SMALL_PAIRS = 1024;

/**
 * One-to-one pairs of A's and B's spans (same label) under `mode`; largest overlap first, ties
 * in reading order. Candidates are found by exact key or by position (OverlapIndex), so a
 * document with thousands of spans is not compared all against all.
 */
export function matchSpans(a: readonly AgreementSpan[], b: readonly AgreementSpan[], mode: MatchMode): [AgreementSpan, AgreementSpan][] {
  const candidates: { x: AgreementSpan; y: AgreementSpan; score: number; order: number }[] = [];
  if (mode === 'exact') {
    const key = (span: AgreementSpan) => (span.pieces.length === 1 ? `${span.label}\u0000${span.pieces[0]![0]}-${span.pieces[0]![1]}` : span.label + '\u0000' + span.pieces.map(([s, e]) => `${s}-${e}`).join(','));
    const byKey = new Map<string, number[]>();
    b.forEach((y, j) => {
      const k = key(y);
      const list = byKey.get(k);
      if (list) list.push(j);
      else byKey.set(k, [j]);
    });
    a.forEach((x, i) => {
      for (const j of byKey.get(key(x)) ?? []) if (samePieces(x.pieces, b[j]!.pieces)) candidates.push({ x, y: b[j]!, score: 1, order: i * b.length + j });
    });
  } else if (a.length * b.length <= SMALL_PAIRS) {
    // A few spans each (an ordinary article): comparing all against all costs less than indexing.
    a.forEach((x, i) => {
      b.forEach((y, j) => {
        const score = overlapScore(x, y);
        if (score !== null) candidates.push({ x, y, score, order: i * b.length + j });
      });
    });
  } else {
    const index = new OverlapIndex(b);
    a.forEach((x, i) => {
      const [start, end] = extent(x.pieces);
      for (const j of index.near(start, end)) {
        const score = overlapScore(x, b[j]!);
        if (score !== null) candidates.push({ x, y: b[j]!, score, order: i * b.length + j });
      }
    });
  }
  candidates.sort((p, q) => q.score - p.score || p.order - q.order);
  const usedA = new Set<string>();
  const usedB = new Set<string>();
  const pairs: [AgreementSpan, AgreementSpan][] = [];
  for (const c of candidates) {
    if (usedA.has(c.x.id) || usedB.has(c.y.id)) continue;
    usedA.add(c.x.id);
    usedB.add(c.y.id);
    pairs.push([c.x, c.y]);
  }
  return pairs;
}

function ratio(n: number, d: number, reason: string): Figure {
  return d === 0 ? { value: null, reason } : { value: n / d };
}

/** Precision, recall and F1 from the counts (A is the reference). */
export function spanCounts(matched: number, onlyA: number, onlyB: number): SpanCounts {
  return {
    matched,
    onlyA,
    onlyB,
    precision: ratio(matched, matched + onlyB, 'B marked no spans'),
    recall: ratio(matched, matched + onlyA, 'A marked no spans'),
    f1: ratio(2 * matched, 2 * matched + onlyA + onlyB, 'neither side marked a span'),
  };
}

/** Cohen's kappa for two raters' categories of the same items. */
export function cohenKappa(pairs: readonly [string, string][], show: (value: string) => string = (v) => v): Figure & { n: number; observed?: number; expected?: number } {
  const n = pairs.length;
  if (n === 0) return { value: null, reason: 'no items to compare', n };
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree += 1;
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [c, k] of countA) expected += (k / n) * ((countB.get(c) ?? 0) / n);
  if (expected === 1) return { value: null, reason: `no variation: every item is "${pairs[0]![0] ? show(pairs[0]![0]) : '(none)'}" for both`, n, observed, expected };
  return { value: (observed - expected) / (1 - expected), n, observed, expected };
}

/**
 * Krippendorff's alpha, nominal, from units × raters values (null = missing). Units with fewer
 * than two values are not pairable and are left out.
 */
export function krippendorffAlpha(units: readonly (readonly (string | null)[])[], show: (value: string) => string = (v) => v): Figure & { pairable: number } {
  const coincidence = new Map<string, Map<string, number>>();
  let pairable = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== null);
    const m = values.length;
    if (m < 2) continue;
    pairable += m;
    for (let i = 0; i < m; i += 1) {
      for (let j = 0; j < m; j += 1) {
        if (i === j) continue;
        const row = coincidence.get(values[i]!) ?? new Map<string, number>();
        row.set(values[j]!, (row.get(values[j]!) ?? 0) + 1 / (m - 1));
        coincidence.set(values[i]!, row);
      }
    }
  }
  if (pairable < 2) return { value: null, reason: 'fewer than two pairable values', pairable };
  const totals = new Map<string, number>();
  for (const [c, row] of coincidence) totals.set(c, [...row.values()].reduce((s, v) => s + v, 0));
  const n = pairable;
  let observedDisagreement = 0;
  for (const [c, row] of coincidence) for (const [k, v] of row) if (c !== k) observedDisagreement += v;
  let expectedDisagreement = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expectedDisagreement += nc * nk;
  expectedDisagreement /= n - 1;
  if (expectedDisagreement === 0) return { value: null, reason: `no variation: every value is "${[...totals.keys()][0] ? show([...totals.keys()][0]!) : '(none)'}"`, pairable };
  return { value: 1 - observedDisagreement / expectedDisagreement, pairable };
}

/** Everything compared between two annotators over a set of documents. */
export interface PairAgreement {
  a: string;
  b: string;
  exact: { overall: SpanCounts; labels: Record<string, SpanCounts> };
  overlap: { overall: SpanCounts; labels: Record<string, SpanCounts> };
  /** On quotes matched by overlap. `categories`: how often each value was used by A / B. */
  kappa: Record<ComparedField, Figure & { n: number; observed?: number; expected?: number; categories: Record<string, [number, number]> }>;
  documents: { docId: string; exact: SpanCounts; overlap: SpanCounts }[];
}

type Layers = Map<string, AgreementSpan[]>;

/** A PairTally as plain data (see AgreementAccumulator.state). */
interface PairTallyState {
  perLabel: [string, [number, number, number]][];
  perDoc: { docId: string; counts: [number, number, number] }[];
  quoteFields: Record<ComparedField, [string, string][]>;
}

/** One pair of annotators under one matching mode, fed one document at a time. */
class PairTally {
  private perLabel = new Map<string, [number, number, number]>();
  readonly perDoc: { docId: string; counts: [number, number, number] }[] = [];
  /** Overlap mode: the compared fields of each matched pair of quotes, A's value first. */
  readonly quoteFields: Record<ComparedField, [string, string][]> = { stance: [], form: [], speaker: [] };

  constructor(private readonly mode: MatchMode) {}

  state(): PairTallyState {
    return { perLabel: [...this.perLabel], perDoc: this.perDoc, quoteFields: this.quoteFields };
  }

  /** Adds what another tally counted, over the documents after this one's. */
  absorb(other: PairTallyState): void {
    for (const [label, [m, oa, ob]] of other.perLabel) {
      const c = this.perLabel.get(label) ?? [0, 0, 0];
      this.perLabel.set(label, [c[0] + m, c[1] + oa, c[2] + ob]);
    }
    for (const row of other.perDoc) this.perDoc.push(row);
    for (const field of COMPARED_FIELDS) for (const pair of other.quoteFields[field]) this.quoteFields[field].push(pair);
  }

  add(docId: string, x: readonly AgreementSpan[], y: readonly AgreementSpan[]): void {
    const pairs = matchSpans(x, y, this.mode);
    if (this.mode === 'overlap') {
      for (const [p, q] of pairs) if (p.label === 'QUOTE') for (const field of COMPARED_FIELDS) this.quoteFields[field].push([p[field], q[field]]);
    }
    const matchedA = new Set(pairs.map(([p]) => p.id));
    const matchedB = new Set(pairs.map(([, q]) => q.id));
    this.perDoc.push({ docId, counts: [pairs.length, x.length - matchedA.size, y.length - matchedB.size] });
    const bump = (label: string, k: 0 | 1 | 2) => {
      const c = this.perLabel.get(label) ?? [0, 0, 0];
      c[k] += 1;
      this.perLabel.set(label, c);
    };
    for (const [p] of pairs) bump(p.label, 0);
    for (const s of x) if (!matchedA.has(s.id)) bump(s.label, 1);
    for (const s of y) if (!matchedB.has(s.id)) bump(s.label, 2);
  }

  totals(): { overall: SpanCounts; labels: Record<string, SpanCounts> } {
    const labels = Object.fromEntries([...this.perLabel].sort(([p], [q]) => p.localeCompare(q)).map(([l, [m, oa, ob]]) => [l, spanCounts(m, oa, ob)]));
    const total = [...this.perLabel.values()].reduce((s, c) => [s[0] + c[0], s[1] + c[1], s[2] + c[2]], [0, 0, 0]);
    return { overall: spanCounts(total[0]!, total[1]!, total[2]!), labels };
  }
}

function pairResult(a: string, b: string, exact: PairTally, overlap: PairTally, show: (field: ComparedField) => (value: string) => string = () => (v) => v): PairAgreement {
  const kappa = Object.fromEntries(
    COMPARED_FIELDS.map((field) => {
      const pairs = overlap.quoteFields[field];
      const categories: Record<string, [number, number]> = {};
      for (const [x, y] of pairs) {
        (categories[x] ??= [0, 0])[0] += 1;
        (categories[y] ??= [0, 0])[1] += 1;
      }
      return [field, { ...cohenKappa(pairs, show(field)), categories }];
    }),
  ) as PairAgreement['kappa'];
  return {
    a,
    b,
    exact: exact.totals(),
    overlap: overlap.totals(),
    kappa,
    documents: exact.perDoc.map(({ docId, counts }, i) => ({ docId, exact: spanCounts(...counts), overlap: spanCounts(...overlap.perDoc[i]!.counts) })),
  };
}

/** Agreement between annotators `a` and `b` (A the reference) over `docs`. */
export function pairAgreement(aName: string, bName: string, docs: readonly string[], a: Layers, b: Layers): PairAgreement {
  const exact = new PairTally('exact');
  const overlap = new PairTally('overlap');
  for (const docId of docs) {
    exact.add(docId, a.get(docId) ?? [], b.get(docId) ?? []);
    overlap.add(docId, a.get(docId) ?? [], b.get(docId) ?? []);
  }
  return pairResult(aName, bName, exact, overlap);
}

/** The quote units of one document; `spans[r]` are annotator r's spans. */
function docQuoteUnits(spans: readonly (readonly AgreementSpan[])[]): { members: (AgreementSpan | null)[] }[] {
  const docUnits: { members: (AgreementSpan | null)[] }[] = [];
  spans.forEach((all, r) => {
    const quotes = all.filter((s) => s.label === 'QUOTE');
    const free = new Set(quotes.map((q) => q.id));
    // A few quotes and units (an ordinary article): every quote is a candidate, cheaper than an index.
    const index = quotes.length * docUnits.length > SMALL_PAIRS ? new OverlapIndex(quotes) : null;
    const every = index ? [] : quotes.map((_, j) => j);
    for (const unit of docUnits) {
      const rep = unit.members.find((m): m is AgreementSpan => m !== null)!;
      // The free quote with the largest overlap with the unit's first member; ties in reading order.
      let hit: AgreementSpan | undefined;
      let best = -1;
      for (const j of index ? index.near(...extent(rep.pieces)) : every) {
        const q = quotes[j]!;
        if (!free.has(q.id)) continue;
        const score = overlapScore(rep, q);
        if (score !== null && score > best) {
          best = score;
          hit = q;
        }
      }
      if (hit) {
        unit.members[r] = hit;
        free.delete(hit.id);
      }
    }
    for (const q of quotes) {
      if (!free.has(q.id)) continue;
      const members: (AgreementSpan | null)[] = spans.map(() => null);
      members[r] = q;
      docUnits.push({ members });
    }
  });
  return docUnits;
}

/**
 * Units for alpha over several annotators: quotes grouped by overlap matching against each
 * other (a quote joins the first unit holding a quote of another annotator it matches).
 */
export function quoteUnits(annotators: readonly string[], docs: readonly string[], layers: ReadonlyMap<string, Layers>): { members: (AgreementSpan | null)[] }[] {
  return docs.flatMap((docId) => docQuoteUnits(annotators.map((name) => layers.get(name)?.get(docId) ?? [])));
}

/** The full report: pairs (with the pairwise matrix when more than two) and alpha on quote fields. */
export interface AgreementReport {
  annotators: string[];
  documents: number;
  rules: { exact: string; overlap: string; reference: string };
  pairs: PairAgreement[];
  alpha: Record<ComparedField, Figure & { pairable: number; units: number }>;
  /** Overlap F1 for every ordered pair, when there are more than two annotators. */
  matrix?: { annotators: string[]; overlapF1: (number | null)[][] };
}

export const RULES = {
  exact: 'same label and the same characters (every fragment)',
  overlap: 'same label and shared characters >= half of the shorter span; pairs one-to-one, largest overlap first',
  reference: 'the first annotator is the reference: precision = matched / second annotator’s spans, recall = matched / first annotator’s spans',
};

/** An AgreementAccumulator's counts as plain data. */
export interface AccumulatorState {
  annotators: string[];
  documents: number;
  tallies: { exact: PairTallyState; overlap: PairTallyState }[];
  unitValues: Record<ComparedField, (string | null)[][]>;
}

/**
 * The report built one document at a time, so a caller reading layers from disk holds one
 * document's spans at once, not whole layers: what is kept per document is counts and the
 * compared fields of matched quotes.
 */
export class AgreementAccumulator {
  private readonly tallies: { i: number; j: number; exact: PairTally; overlap: PairTally }[] = [];
  private readonly unitValues: Record<ComparedField, (string | null)[][]> = { stance: [], form: [], speaker: [] };
  private documents = 0;

  constructor(private readonly annotators: readonly string[]) {
    for (let i = 0; i < annotators.length; i += 1) for (let j = i + 1; j < annotators.length; j += 1) this.tallies.push({ i, j, exact: new PairTally('exact'), overlap: new PairTally('overlap') });
  }

  /** One document: `spans[r]` are the spans of annotators[r] in it. */
  add(docId: string, spans: readonly (readonly AgreementSpan[])[]): void {
    this.documents += 1;
    for (const t of this.tallies) {
      t.exact.add(docId, spans[t.i] ?? [], spans[t.j] ?? []);
      t.overlap.add(docId, spans[t.i] ?? [], spans[t.j] ?? []);
    }
    for (const unit of docQuoteUnits(this.annotators.map((_, r) => spans[r] ?? []))) {
      for (const field of COMPARED_FIELDS) this.unitValues[field].push(unit.members.map((m) => (m ? m[field] : null)));
    }
  }

  /**
   * What has been counted, as plain data (structured-clonable: it crosses to another thread), so
   * runs of documents counted apart can be merged (merge) into the same report.
   */
  state(): AccumulatorState {
    return { annotators: [...this.annotators], documents: this.documents, tallies: this.tallies.map((t) => ({ exact: t.exact.state(), overlap: t.overlap.state() })), unitValues: this.unitValues };
  }

  /** Adds another accumulator's state, counted over documents that come after this one's (document order is kept). */
  merge(other: AccumulatorState): void {
    if (other.annotators.length !== this.annotators.length || other.annotators.some((a, i) => a !== this.annotators[i])) throw new Error(`cannot merge agreement over other annotators (${other.annotators.join(', ')})`);
    this.documents += other.documents;
    this.tallies.forEach((t, k) => {
      t.exact.absorb(other.tallies[k]!.exact);
      t.overlap.absorb(other.tallies[k]!.overlap);
    });
    for (const field of COMPARED_FIELDS) for (const unit of other.unitValues[field]) this.unitValues[field].push(unit);
  }

  /** The figures; `speakerName` turns a speaker id into the name a "no variation" reason shows. */
  report(names: { speakerName?: (id: string) => string } = {}): AgreementReport {
    const show = (field: ComparedField) => (field === 'speaker' && names.speakerName) || ((v: string) => v);
    const pairs = this.tallies.map((t) => pairResult(this.annotators[t.i]!, this.annotators[t.j]!, t.exact, t.overlap, show));
    const alpha = Object.fromEntries(COMPARED_FIELDS.map((field) => [field, { ...krippendorffAlpha(this.unitValues[field], show(field)), units: this.unitValues[field].length }])) as AgreementReport['alpha'];
    const report: AgreementReport = { annotators: [...this.annotators], documents: this.documents, rules: RULES, pairs, alpha };
    if (this.annotators.length > 2) {
      const f1 = (x: string, y: string) => {
        if (x === y) return 1;
        const p = pairs.find((q) => (q.a === x && q.b === y) || (q.a === y && q.b === x));
        return p?.overlap.overall.f1.value ?? null;
      };
      report.matrix = { annotators: [...this.annotators], overlapF1: this.annotators.map((x) => this.annotators.map((y) => f1(x, y))) };
    }
    return report;
  }
}

/** The full report over `docs`, from every annotator's spans per document. */
export function agreementReport(annotators: readonly string[], docs: readonly string[], layers: ReadonlyMap<string, Layers>): AgreementReport {
  const acc = new AgreementAccumulator(annotators);
  for (const docId of docs) acc.add(docId, annotators.map((name) => layers.get(name)?.get(docId) ?? []));
  return acc.report();
}
