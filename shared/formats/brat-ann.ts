/**
 * brat standoff (.ann) files: parsing and writing, with nothing lost. Offsets are characters of
 * the .txt as brat's Python counts them: Unicode code points.
 *
 * T (text-bound, discontinuous ranges as "s e;s e"), R (relations), E (events: trigger and
 * role arguments, repeated roles such as Content2 kept), A/M (attributes, binary or valued),
 * N (normalisations) and # (notes). Every other line is reported, never dropped silently.
 */

export interface BratEntity {
  id: string;
  type: string;
  ranges: [number, number][];
  text: string;
}

export interface BratArg {
  role: string;
  ref: string;
}

export interface BratRelation {
  id: string;
  type: string;
  args: BratArg[];
}

export interface BratEvent {
  id: string;
  type: string;
  trigger: string;
  args: BratArg[];
}

export interface BratAttribute {
  id: string;
  name: string;
  target: string;
  /** null: a binary attribute (present means true). */
  value: string | null;
  /** "A" or "M" (the older name), kept for a faithful round trip. */
  prefix: 'A' | 'M';
}

export interface BratNormalization {
  id: string;
  type: string;
  target: string;
  ref: string;
  text: string;
}

export interface BratNote {
  id: string;
  type: string;
  target: string;
  text: string;
}

export interface BratDocument {
  entities: BratEntity[];
  relations: BratRelation[];
  events: BratEvent[];
  attributes: BratAttribute[];
  normalizations: BratNormalization[];
  notes: BratNote[];
}

export interface BratProblem {
  line: number;
  message: string;
}

const ARG = /^([^:\s]+):([TERAMN#]?\d+|[^\s]+)$/;

function parseArgs(parts: string[], line: number, problems: BratProblem[]): BratArg[] {
  const args: BratArg[] = [];
  for (const part of parts) {
    const m = ARG.exec(part);
    if (!m) problems.push({ line, message: `argument "${part}" is not ROLE:ID` });
    else args.push({ role: m[1]!, ref: m[2]! });
  }
  return args;
}

/** Parses an .ann file. Lines that cannot be read are listed in `problems` with their line number. */
export function parseAnn(source: string): { doc: BratDocument; problems: BratProblem[] } {
  const doc: BratDocument = { entities: [], relations: [], events: [], attributes: [], normalizations: [], notes: [] };
  const problems: BratProblem[] = [];
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const tab = raw.split('\t');
    const id = tab[0] ?? '';
    // Every other line would point at the wrong annotation, so a repeated id is refused.
    const first = seen.get(id);
    if (first !== undefined) return void problems.push({ line, message: `${id} is used twice (first on line ${first})` });
    seen.set(id, line);
    const fields = (tab[1] ?? '').split(' ').filter(Boolean);
    const bad = (message: string) => problems.push({ line, message });
    switch (id[0]) {
      case 'T': {
        const type = fields[0];
        const rangeText = (tab[1] ?? '').slice((type ?? '').length + 1);
        const ranges: [number, number][] = [];
        for (const piece of rangeText.split(';')) {
          const m = /^\s*(\d+) (\d+)\s*$/.exec(piece);
          if (!m) return void bad(`T line: "${rangeText}" is not "start end[;start end…]"`);
          const s = Number(m[1]);
          const e = Number(m[2]);
          if (e < s) return void bad(`T line: range ${s} ${e} ends before it starts`);
          ranges.push([s, e]);
        }
        if (!type || tab.length < 3) return void bad('T line needs ID, TYPE START END and the text, separated by tabs');
        doc.entities.push({ id, type, ranges, text: tab.slice(2).join('\t') });
        return;
      }
      case 'R': {
        if (fields.length < 3) return void bad('R line needs TYPE and two ROLE:ID arguments');
        doc.relations.push({ id, type: fields[0]!, args: parseArgs(fields.slice(1), line, problems) });
        return;
      }
      case 'E': {
        const [head, ...rest] = fields;
        const m = head ? /^([^:]+):(\S+)$/.exec(head) : null;
        if (!m) return void bad('E line needs TYPE:TRIGGER');
        doc.events.push({ id, type: m[1]!, trigger: m[2]!, args: parseArgs(rest, line, problems) });
        return;
      }
      case 'A':
      case 'M': {
        if (fields.length < 2 || fields.length > 3) return void bad('attribute line needs NAME TARGET [VALUE]');
        doc.attributes.push({ id, name: fields[0]!, target: fields[1]!, value: fields[2] ?? null, prefix: id[0] as 'A' | 'M' });
        return;
      }
      case 'N': {
        if (fields.length !== 3) return void bad('N line needs TYPE TARGET RESOURCE:ID');
        doc.normalizations.push({ id, type: fields[0]!, target: fields[1]!, ref: fields[2]!, text: tab.slice(2).join('\t') });
        return;
      }
      case '#': {
        if (fields.length !== 2) return void bad('# line needs TYPE TARGET and the note');
        doc.notes.push({ id, type: fields[0]!, target: fields[1]!, text: tab.slice(2).join('\t') });
        return;
      }
      default:
        bad(`unknown annotation "${id}"`);
    }
  });
  return { doc, problems };
}

/** The text brat shows for ranges of `text` (code points): the pieces joined by one space. */
export function bratText(chars: readonly string[], ranges: readonly [number, number][]): string {
  return ranges.map(([s, e]) => chars.slice(s, e).join('')).join(' ');
}

/** Writes an .ann file: T, R, E, A/M, N, # in that order, one per line. */
export function serialiseAnn(doc: BratDocument): string {
  const out: string[] = [];
  for (const t of doc.entities) out.push(`${t.id}\t${t.type} ${t.ranges.map(([s, e]) => `${s} ${e}`).join(';')}\t${t.text}`);
  for (const r of doc.relations) out.push(`${r.id}\t${[r.type, ...r.args.map((a) => `${a.role}:${a.ref}`)].join(' ')}`);
  for (const e of doc.events) out.push(`${e.id}\t${[`${e.type}:${e.trigger}`, ...e.args.map((a) => `${a.role}:${a.ref}`)].join(' ')}`);
  for (const a of doc.attributes) out.push(`${a.id}\t${[a.name, a.target, ...(a.value === null ? [] : [a.value])].join(' ')}`);
  for (const n of doc.normalizations) out.push(`${n.id}\t${n.type} ${n.target} ${n.ref}\t${n.text}`);
  for (const n of doc.notes) out.push(`${n.id}\t${n.type} ${n.target}\t${n.text}`);
  return out.length ? out.join('\n') + '\n' : '';
}

/**
 * A canonical form of a document for comparing two .ann files that differ only in ids: every
 * reference is replaced by the referenced annotation's content, and lines are sorted.
 */
export function canonicalAnn(doc: BratDocument): string[] {
  const entity = new Map(doc.entities.map((t) => [t.id, `${t.type}[${t.ranges.map((r) => r.join('-')).join(',')}]`]));
  const event = new Map(doc.events.map((e) => [e.id, `${e.type}<${entity.get(e.trigger) ?? e.trigger}>`]));
  const ref = (id: string) => entity.get(id) ?? event.get(id) ?? id;
  return [
    ...doc.entities.map((t) => `T ${entity.get(t.id)} ${t.text}`),
    ...doc.relations.map((r) => `R ${r.type} ${r.args.map((a) => `${a.role}:${ref(a.ref)}`).join(' ')}`),
    ...doc.events.map((e) => `E ${event.get(e.id)} ${e.args.map((a) => `${a.role}:${ref(a.ref)}`).join(' ')}`),
    ...doc.attributes.map((a) => `A ${a.name} ${ref(a.target)} ${a.value ?? ''}`),
    ...doc.normalizations.map((n) => `N ${n.type} ${ref(n.target)} ${n.ref} ${n.text}`),
    ...doc.notes.map((n) => `# ${n.type} ${ref(n.target)} ${n.text}`),
  ].sort();
}
