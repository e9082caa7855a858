import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { AgreementAccumulator, agreementReport, cohenKappa, krippendorffAlpha, matchSpans, pairAgreement, quoteUnits, sharedLength, spanLength, type AgreementSpan, type MatchMode } from './agreement.js';

const span = (id: string, label: string, s: number, e: number, fields: Partial<AgreementSpan> = {}): AgreementSpan => ({
  id,
  label,
  pieces: [[s, e]],
  stance: '',
  form: '',
  speaker: '',
  ...fields,
});

describe('span matching', () => {
  it('overlap needs at least half of the shorter span, the same label, one-to-one', () => {
    expect(matchSpans([span('a', 'QUOTE', 0, 10)], [span('b', 'QUOTE', 5, 20)], 'overlap')).toHaveLength(1);
    expect(matchSpans([span('a', 'QUOTE', 0, 10)], [span('b', 'QUOTE', 6, 20)], 'overlap')).toHaveLength(0);
    expect(matchSpans([span('a', 'QUOTE', 0, 10)], [span('b', 'CLAIM', 0, 10)], 'overlap')).toHaveLength(0);
    // Two candidates for one span: the larger overlap wins, the other stays unmatched.
    const pairs = matchSpans([span('a', 'QUOTE', 0, 10)], [span('b1', 'QUOTE', 2, 10), span('b2', 'QUOTE', 0, 10)], 'overlap');
    expect(pairs.map(([, y]) => y.id)).toEqual(['b2']);
    // Fragments count: a two-piece span equals only the same two pieces.
    const two = { ...span('a', 'QUOTE', 0, 30), pieces: [[0, 10], [20, 30]] as [number, number][] };
    expect(matchSpans([two], [span('b', 'QUOTE', 0, 30)], 'exact')).toHaveLength(0);
    expect(matchSpans([two], [{ ...two, id: 'b' }], 'exact')).toHaveLength(1);
  });

  it('finds by position exactly the pairs an all-against-all comparison finds, long spans and fragments included', () => {
    // The rule as stated, every A span against every B span: the reference for the indexed matcher.
    const allPairs = (a: AgreementSpan[], b: AgreementSpan[], mode: MatchMode) => {
      const c: { x: AgreementSpan; y: AgreementSpan; score: number; order: number }[] = [];
      a.forEach((x, i) =>
        b.forEach((y, j) => {
          if (x.label !== y.label) return;
          const same = x.pieces.length === y.pieces.length && x.pieces.every(([s, e], k) => s === y.pieces[k]![0] && e === y.pieces[k]![1]);
          const shorter = Math.min(spanLength(x.pieces), spanLength(y.pieces));
          const shared = sharedLength(x.pieces, y.pieces);
          if (mode === 'exact' ? same : shorter > 0 && shared * 2 >= shorter) c.push({ x, y, score: mode === 'exact' ? 1 : shared / Math.max(spanLength(x.pieces), spanLength(y.pieces)), order: i * b.length + j });
        }),
      );
      c.sort((p, q) => q.score - p.score || p.order - q.order);
      const used = new Set<string>();
      return c.filter((p) => !used.has(p.x.id) && !used.has(p.y.id) && (used.add(p.x.id), used.add(p.y.id), true)).map((p) => [p.x.id, p.y.id]);
    };
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const make = (who: string, n: number) =>
      Array.from({ length: n }, (_, k) => {
        const start = rnd(2000);
        const long = k % 17 === 0 ? 600 : 40;
        const end = start + rnd(long);
        const pieces: [number, number][] = k % 11 === 0 && end - start > 4 ? [[start, start + 2], [end - 2, end]] : [[start, end]];
        return { ...span(`${who}${k}`, ['QUOTE', 'CLAIM'][rnd(2)]!, start, end), pieces };
      });
    // Sizes on both sides of the small-document path (all pairs compared up to 1,024 pairs) and the indexed one.
    for (const [round, n] of [150, 150, 150, 20, 32, 33].entries()) {
      const a = make('a', n);
      // B: copies of some of A's spans (exact matches), moved ones and new ones.
      const b = [...a.filter((_, k) => k % 3 === 0).map((x) => ({ ...x, id: `c${x.id}` })), ...make('b', Math.round(n * 0.8))];
      for (const mode of ['exact', 'overlap'] as const) {
        const got = matchSpans(a, b, mode).map(([x, y]) => [x.id, y.id]);
        expect(got).toEqual(allPairs(a, b, mode));
        expect(got.length, `round ${round}`).toBeGreaterThan(mode === 'exact' ? n / 4 : n / 3);
      }
    }
  });

  it('groups quotes for alpha exactly as the rule says, in small documents and in large ones', () => {
    // The rule, every unit against every free quote: each annotator in turn gives each unit the
    // free quote with the largest overlap (ties in reading order); what is left starts new units.
    const reference = (layers: AgreementSpan[][]) => {
      const units: (AgreementSpan | null)[][] = [];
      layers.forEach((all, r) => {
        const quotes = all.filter((s) => s.label === 'QUOTE');
        const free = new Set(quotes.map((q) => q.id));
        for (const unit of units) {
          const rep = unit.find((m) => m !== null)!;
          let hit: AgreementSpan | undefined;
          let best = -1;
          for (const q of quotes) {
            const shared = sharedLength(rep.pieces, q.pieces);
            const shorter = Math.min(spanLength(rep.pieces), spanLength(q.pieces));
            const score = shorter > 0 && shared * 2 >= shorter ? shared / Math.max(spanLength(rep.pieces), spanLength(q.pieces)) : -1;
            if (free.has(q.id) && score >= 0 && score > best) {
              best = score;
              hit = q;
            }
          }
          if (hit) {
            unit[r] = hit;
            free.delete(hit.id);
          }
        }
        for (const q of quotes) if (free.has(q.id)) units.push(layers.map((_, k) => (k === r ? q : null)));
      });
      return units.map((u) => u.map((m) => m?.id ?? null));
    };
    const next = seededRandom(11);
    const rnd = (n: number) => Math.floor(next() * n);
    const make = (who: string, n: number) => Array.from({ length: n }, (_, k) => span(`${who}${k}`, rnd(4) === 0 ? 'SOURCE' : 'QUOTE', rnd(12 * n), 0)).map((s) => ({ ...s, pieces: [[s.pieces[0]![0], s.pieces[0]![0] + 5 + rnd(60)]] as [number, number][] }));
    for (const n of [6, 20, 40, 150]) {
      const layers = ['a', 'b', 'c'].map((who) => make(who, n));
      const got = quoteUnits(['a', 'b', 'c'], ['d'], new Map(['a', 'b', 'c'].map((who, r) => [who, new Map([['d', layers[r]!]])])));
      const want = reference(layers);
      expect(got.map((u) => u.members.map((m) => m?.id ?? null))).toEqual(want);
      // Some units really group quotes of several annotators.
      expect(want.filter((u) => u.filter((m) => m !== null).length > 1).length, `n=${n}`).toBeGreaterThan(0);
    }
  });

  it('counts precision, recall and F1 per label and overall (computed by hand)', () => {
    const a = new Map([['d1', [span('a1', 'QUOTE', 0, 10), span('a2', 'QUOTE', 20, 30), span('a3', 'SOURCE', 40, 45)]]]);
    const b = new Map([['d1', [span('b1', 'QUOTE', 0, 10), span('b2', 'QUOTE', 22, 34), span('b3', 'CUE', 50, 54)]]]);
    const r = pairAgreement('A', 'B', ['d1'], a, b);
    // Exact: 1 matched; A alone: a2, a3; B alone: b2, b3. P = R = F1 = 1/3.
    expect(r.exact.overall).toMatchObject({ matched: 1, onlyA: 2, onlyB: 2, precision: { value: 1 / 3 }, recall: { value: 1 / 3 }, f1: { value: 1 / 3 } });
    // Overlap: a2/b2 share 8 of the shorter 10 characters: 2 matched; F1 = 4/6.
    expect(r.overlap.overall).toMatchObject({ matched: 2, onlyA: 1, onlyB: 1, f1: { value: 2 / 3 } });
    expect(r.overlap.labels.QUOTE).toMatchObject({ matched: 2, onlyA: 0, onlyB: 0, f1: { value: 1 } });
    // CUE: A marked none, so recall is undefined, not 0 or 1.
    expect(r.overlap.labels.CUE).toMatchObject({ matched: 0, onlyA: 0, onlyB: 1, precision: { value: 0 }, recall: { value: null, reason: 'A marked no spans' } });
    expect(r.documents).toEqual([{ docId: 'd1', exact: r.exact.overall, overlap: r.overlap.overall }]);
  });
});

describe("Cohen's kappa", () => {
  it('matches a hand computation: po = 5/6, pe = 13/36, kappa = 17/23', () => {
    const k = cohenKappa([
      ['FAVOR', 'FAVOR'],
      ['FAVOR', 'AGAINST'],
      ['AGAINST', 'AGAINST'],
      ['NONE', 'NONE'],
      ['AGAINST', 'AGAINST'],
      ['FAVOR', 'FAVOR'],
    ]);
    expect(k.observed).toBeCloseTo(5 / 6, 12);
    expect(k.expected).toBeCloseTo(13 / 36, 12);
    expect(k.value).toBeCloseTo(17 / 23, 12);
  });

  it('is negative when raters disagree more than chance: po = 1/3, pe = 5/9, kappa = -1/2', () => {
    expect(cohenKappa([['x', 'y'], ['y', 'x'], ['x', 'x']]).value).toBeCloseTo(-0.5, 12);
    expect(cohenKappa([['x', 'y'], ['y', 'x']]).value).toBeCloseTo(-1, 12);
  });

  it('is undefined, with the reason, without variation or without items', () => {
    expect(cohenKappa([['NONE', 'NONE'], ['NONE', 'NONE']])).toMatchObject({ value: null, reason: 'no variation: every item is "NONE" for both' });
    expect(cohenKappa([])).toMatchObject({ value: null, reason: 'no items to compare' });
  });
});

/** Krippendorff's alpha (nominal) written independently: 1 - Do/De over all pairable value pairs. */
function alphaByPairs(units: (string | null)[][]): number {
  const pairable = units.map((u) => u.filter((v): v is string => v !== null)).filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  let within = 0;
  for (const u of pairable) {
    let d = 0;
    for (let i = 0; i < u.length; i += 1) for (let j = 0; j < u.length; j += 1) if (i !== j && u[i] !== u[j]) d += 1;
    within += d / (u.length - 1);
  }
  let between = 0;
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) if (i !== j && all[i] !== all[j]) between += 1;
  return 1 - ((n - 1) * within) / between;
}

describe("Krippendorff's alpha (nominal)", () => {
  // Krippendorff's own example: 4 observers, 12 units, missing values; nominal alpha = 0.743.
  const rows = [
    ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null],
    ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'],
    [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null],
    ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null],
  ];
  const units = rows[0]!.map((_, u) => rows.map((r) => r[u] ?? null));

  it('gives 0.743 on the published example and agrees with an independent computation', () => {
    const alpha = krippendorffAlpha(units);
    expect(alpha.value).toBeCloseTo(0.743, 3);
    expect(alpha.value).toBeCloseTo(alphaByPairs(units), 12);
    const other = [['a', 'b', 'a'], ['b', 'b', null], ['a', null, 'a'], ['c', 'a', 'c']];
    expect(krippendorffAlpha(other).value).toBeCloseTo(alphaByPairs(other), 12);
  });

  it('is undefined without variation or without pairable values', () => {
    expect(krippendorffAlpha([['x', 'x'], ['x', 'x', null]])).toMatchObject({ value: null, reason: 'no variation: every value is "x"' });
    expect(krippendorffAlpha([['x', null]])).toMatchObject({ value: null, reason: 'fewer than two pairable values' });
  });
});

describe('agreementReport', () => {
  it('three annotators: pairs, matrix, and alpha on quotes grouped across annotators', () => {
    const q = (id: string, s: number, stance: string) => span(id, 'QUOTE', s, s + 10, { stance });
    const layers = new Map([
      ['A', new Map([['d', [q('a1', 0, 'FAVOR'), q('a2', 20, 'AGAINST')]]])],
      ['B', new Map([['d', [q('b1', 1, 'FAVOR'), q('b2', 20, 'AGAINST')]]])],
      ['C', new Map([['d', [q('c1', 0, 'FAVOR'), q('c2', 21, 'NONE')]]])],
    ]);
    const report = agreementReport(['A', 'B', 'C'], ['d'], layers);
    expect(report.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['A-B', 'A-C', 'B-C']);
    expect(report.matrix?.overlapF1).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    // Units: [FAVOR×3], [AGAINST, AGAINST, NONE].
    const expected = alphaByPairs([
      ['FAVOR', 'FAVOR', 'FAVOR'],
      ['AGAINST', 'AGAINST', 'NONE'],
    ]);
    expect(report.alpha.stance.value).toBeCloseTo(expected, 12);
    expect(report.alpha.stance.units).toBe(2);
    expect(report.alpha.speaker).toMatchObject({ value: null });
  });
});

describe('pairwise matrix', () => {
  it('holds each pair’s overlap F1 in both cells (computed by hand), 1 on the diagonal, null where undefined', () => {
    const q = (id: string, s: number) => span(id, 'QUOTE', s, s + 10);
    // A: 3 quotes, B: 2 of them, C: 1 of them, D: none, E: none.
    const layers = new Map([
      ['A', new Map([['d', [q('a1', 0), q('a2', 20), q('a3', 40)]]])],
      ['B', new Map([['d', [q('b1', 0), q('b2', 21)]]])],
      ['C', new Map([['d', [q('c1', 1)]]])],
      ['D', new Map([['d', [] as AgreementSpan[]]])],
      ['E', new Map<string, AgreementSpan[]>()],
    ]);
    const m = agreementReport(['A', 'B', 'C', 'D', 'E'], ['d'], layers).matrix!;
    // A-B: 2 matched, 1 only A: F1 = 4/5. A-C: 1 matched, 2 only A: 2/4. B-C: 1 matched, 1 only B: 2/3.
    // With D: 0 matched, F1 = 0 against anyone with spans; D-E: nobody marked anything, undefined.
    expect(m.annotators).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(m.overlapF1).toEqual([
      [1, 4 / 5, 1 / 2, 0, 0],
      [4 / 5, 1, 2 / 3, 0, 0],
      [1 / 2, 2 / 3, 1, 0, 0],
      [0, 0, 0, 1, null],
      [0, 0, 0, null, 1],
    ]);
  });
});

describe('AgreementAccumulator state and merge', () => {
  it('gives exactly the report of one accumulator when the documents are split in runs and merged in order', () => {
    const rand = seededRandom(7);
    const labels = ['QUOTE', 'CLAIM', 'SOURCE'];
    const values = ['FAVOR', 'AGAINST', 'NONE', ''];
    const annotators = ['A', 'B', 'C'];
    const docs = Array.from({ length: 40 }, (_, d) => `doc-${d}`);
    const spansOf = (d: number, r: number) =>
      Array.from({ length: Math.floor(rand() * 8) }, (_, k) => {
        const s = Math.floor(rand() * 200);
        return span(`${r}-${d}-${k}`, labels[Math.floor(rand() * labels.length)]!, s, s + 1 + Math.floor(rand() * 30), { stance: values[Math.floor(rand() * 4)]!, form: values[Math.floor(rand() * 4)]!, speaker: `sp${Math.floor(rand() * 3)}` });
      });
    const perDoc = docs.map((_, d) => annotators.map((_, r) => spansOf(d, r)));
    const whole = new AgreementAccumulator(annotators);
    docs.forEach((id, d) => whole.add(id, perDoc[d]!));

    const merged = new AgreementAccumulator(annotators);
    for (const [from, to] of [[0, 7], [7, 25], [25, 25], [25, 40]] as const) {
      const part = new AgreementAccumulator(annotators);
      for (let d = from; d < to; d += 1) part.add(docs[d]!, perDoc[d]!);
      // The state crosses to another thread as plain data.
      merged.merge(JSON.parse(JSON.stringify(part.state())));
    }
    expect(merged.report()).toEqual(whole.report());
    expect(merged.report().documents).toBe(40);
    // A state of other annotators is refused.
    expect(() => merged.merge(new AgreementAccumulator(['A', 'B']).state())).toThrow(/annotators/);
  });
});

describe('undefined figures name what did not vary', () => {
  it('a speaker shows by name (the report is told the names), other fields by value', () => {
    const q = (id: string, s: number) => span(id, 'QUOTE', s, s + 10, { speaker: 'sp_1', stance: 'FAVOR' });
    const acc = new AgreementAccumulator(['A', 'B', 'C']);
    acc.add('d', [[q('a1', 0), q('a2', 20)], [q('b1', 0), q('b2', 20)], [q('c1', 0), q('c2', 20)]]);
    const names = (id: string) => (id === 'sp_1' ? 'Farhana Qureshi' : id);
    const report = acc.report({ speakerName: names });
    expect(report.pairs[0]!.kappa.speaker).toMatchObject({ value: null, reason: 'no variation: every item is "Farhana Qureshi" for both' });
    expect(report.alpha.speaker).toMatchObject({ value: null, reason: 'no variation: every value is "Farhana Qureshi"' });
    expect(report.pairs[0]!.kappa.stance).toMatchObject({ value: null, reason: 'no variation: every item is "FAVOR" for both' });
    // The categories behind the figure keep the ids (they are data, not prose).
    expect(Object.keys(report.pairs[0]!.kappa.speaker.categories)).toEqual(['sp_1']);
    // Without names, the id.
    expect(acc.report().alpha.speaker.reason).toBe('no variation: every value is "sp_1"');
  });
});
