/**
 * The compiled check says what zod says: on a valid layer and on a hundred broken ones (each one
 * field wrong in a way a hand edit, an old import or a hostile file would make it).
 */
import { describe, expect, it } from 'vitest';
import { annotationFileSchema } from '../../../shared/schemas.js';
import { seededRandom } from '../../../shared/random.js';
import { compileSchema, fastCheck } from './fast-check.js';

const span = (i: number) => ({
  id: `s_${i}`,
  docId: 'folder/doc 1.txt',
  start: i * 10,
  end: i * 10 + 8,
  label: 'QUOTE',
  quote: 'abcdefgh',
  prefix: 'before',
  suffix: 'after',
  attrs: { form: 'direct', flag: '' },
  note: '',
  speakerId: 'sp_0123456789abcdef',
  stance: { targetId: 'tg_1', value: 'FAVOR' },
  fragments: [
    [i * 10, i * 10 + 3],
    [i * 10 + 5, i * 10 + 8],
  ],
  provenance: { from: 'suggester', sourceSpanId: 'sg_1_9', decidedBy: 'ana', decidedAt: 'now', suggested: true },
  author: 'ana',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
});
const layer = () => ({
  schemaVersion: 1,
  docId: 'folder/doc 1.txt',
  annotator: 'Ana María',
  docSha256: 'a'.repeat(64),
  status: 'in-progress',
  spans: [span(0), span(1), { ...span(2), speakerId: null, stance: null }],
  relations: [{ id: 'r_1', head: 's_0', child: 's_1', label: 'source' }],
  decisions: [{ spanIds: ['s_0'], action: 'accepted', from: 'bob', spanId: 's_9', by: 'ana', at: 'now' }],
  rejectedSuggestions: [{ id: 'sg_3_7', start: 3, end: 7, quote: 'abcd', by: 'ana', at: 'now' }],
  updated: '2026-01-01T00:00:00.000Z',
  spanCount: 3,
});

/** Values a broken file might hold where a field's value should be. */
const BAD: unknown[] = ['../../evil id <script>', '', ' ', 'ana ', 'x'.repeat(70_000), -1, 2 ** 40, 1.5, null, true, [], {}, 'QUOTE label'];

/** Every path to a leaf or object of `value`. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const out: (string | number)[][] = at.length > 0 ? [at] : [];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, Array.isArray(value) ? Number(k) : k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], v: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  if (v === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = v;
  return copy;
}

describe('fastCheck', () => {
  it('agrees with zod on a valid layer and on every field broken in many ways', () => {
    const compiled = compileSchema(annotationFileSchema);
    const check = fastCheck(annotationFileSchema);
    const good = layer();
    expect(annotationFileSchema.safeParse(good).success).toBe(true);
    expect(compiled(good)).toBe(true);
    const r = seededRandom(7);
    let cases = 0;
    let refused = 0;
    for (const p of paths(good)) {
      for (const v of [undefined, ...BAD.filter(() => r() < 0.5)]) {
        const broken = setAt(good, p, v);
        const zod = annotationFileSchema.safeParse(broken).success;
        expect(compiled(broken), `${p.join('.')} = ${JSON.stringify(v)?.slice(0, 40)}`).toBe(zod);
        expect(check(broken) === null).toBe(zod);
        cases += 1;
        if (!zod) refused += 1;
      }
    }
    // An unknown key in a span is refused (spans are strict); at the top level it is tolerated.
    expect(compiled(setAt(good, ['spans', 0, 'extra'], 1))).toBe(false);
    expect(compiled(setAt(good, ['extra'], 1))).toBe(true);
    expect(cases).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(200);
  });

  it('names the field zod names', () => {
    const check = fastCheck(annotationFileSchema);
    expect(check(setAt(layer(), ['spans', 1, 'speakerId'], '../../evil id <script>'))).toBe('spans.1.speakerId: must be 1-64 letters, digits, _ or -');
    expect(check(setAt(layer(), ['annotator'], 'ana '))).toMatch(/^annotator: /);
  });
});
