import { describe, expect, it } from 'vitest';
import { apiArgs } from './api.js';
import { defaultProject, suggestedProvenance, type Span } from './model.js';
import { annotationFileSchema, describeProblem, docIdSchema, projectFileSchema, relationSchema, speakerSchema, spanSchema, targetSchema } from './schemas.js';

const span: Span = {
  id: 's_1',
  docId: 'a.txt',
  start: 4,
  end: 9,
  label: 'QUOTE',
  quote: 'hello',
  prefix: 'say ',
  suffix: '',
  attrs: { form: 'direct' },
  note: '',
  author: 'maria',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
};

describe('one schema for every shape', () => {
  it('restoreOrphan takes back an orphan made from an accepted suggestion or a brat import', () => {
    const suggested = { ...span, provenance: suggestedProvenance('sg_4_9', 'maria', '2026-01-02T00:00:00.000Z') };
    const brat = { ...span, attrsAsM: ['form'], norms: [{ type: 'Reference', ref: 'Wikidata:Q42', text: 'Douglas' }] };
    for (const s of [suggested, brat]) {
      const parsed = apiArgs.restoreOrphan.safeParse({ docId: 'a.txt', orphan: { span: s, relations: [], reason: 'moved', since: '2026-01-03T00:00:00.000Z' } });
      expect(parsed.success ? null : describeProblem(parsed.error)).toBeNull();
    }
  });

  it('a layer file parses with the spanCount the file format writes, and refuses a span the API would refuse', () => {
    const layer = { schemaVersion: 1, status: 'todo', spanCount: 1, docId: 'a.txt', annotator: 'maria', docSha256: '', spans: [span], relations: [], updated: '' };
    expect(annotationFileSchema.safeParse(layer).success).toBe(true);
    const bad = annotationFileSchema.safeParse({ ...layer, spans: [{ ...span, speakerId: '../../evil id <script>' }] });
    expect(bad.success ? null : describeProblem(bad.error)).toBe('spans.0.speakerId: must be 1-64 letters, digits, _ or -');
    expect(spanSchema.safeParse({ ...span, extra: 1 }).success).toBe(false);
  });

  it('registry entries and relations keep the API limits, and a problem never echoes the value', () => {
    const huge = 'x'.repeat(300_000);
    const name = speakerSchema.safeParse({ id: 'sp_1', name: huge, aliases: [], kind: 'person', affiliation: '', role: '' });
    expect(name.success ? null : describeProblem(name.error)).toBe('name: Too big: expected string to have <=200 characters');
    expect(targetSchema.safeParse({ id: 't_1', label: 'y'.repeat(50_000) }).success).toBe(false);
    const rel = relationSchema.safeParse({ id: 'r1', head: 's1', child: 's2', label: '<img src=x onerror=alert(1)>' });
    expect(rel.success ? null : describeProblem(rel.error)).toBe('label: must start with a letter and use letters, digits, _ . : or - (64 at most)');
    expect(relationSchema.safeParse({ id: 'r1', head: 's1', child: 's2', label: 'PART-WHOLE.Geographical' }).success).toBe(true);
  });

  it('a fresh project is a valid project.json', () => {
    expect(projectFileSchema.safeParse(defaultProject()).success).toBe(true);
  });

  it('document ids: corpus-relative, / separators, no empty, . or .. segment', () => {
    for (const ok of ['a.txt', 'dir/b.txt', 'x/.hidden', 'a..b', 'é/ü.txt']) expect(docIdSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', '/abs', 'C:/x', 'a\\b', 'a\0b', 'a//b', 'a/', './a', 'a/../b', '..']) expect(docIdSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
