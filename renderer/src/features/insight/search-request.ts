/** The search form and the request it makes. Pure. */
import type { ApiArgs } from '../../../../shared/api.js';
import type { StanceValue } from '../../../../shared/model.js';

/** What the analyst filled in. Empty strings mean "any". */
export interface SearchForm {
  query: string;
  scope: 'text' | 'spans';
  label: string;
  speaker: string;
  stance: '' | StanceValue;
  targetId: string;
  incomplete: boolean;
  /** Only quotes without this field. */
  missing: '' | 'speaker' | 'stance';
}

export const EMPTY_FORM: SearchForm = { query: '', scope: 'spans', label: '', speaker: '', stance: '', targetId: '', incomplete: false, missing: '' };

/** The searchCorpus arguments for a form: only the filters that are set (text search ignores annotation filters). */
export function searchRequest(form: SearchForm, limit = 500): ApiArgs<'searchCorpus'> {
  const request: ApiArgs<'searchCorpus'> = { query: form.query.trim(), scope: form.scope, limit };
  if (form.scope === 'text') return request;
  if (form.label) request.label = form.label;
  if (form.speaker.trim()) request.speaker = form.speaker.trim();
  if (form.stance) request.stance = form.stance;
  if (form.targetId) request.targetId = form.targetId;
  if (form.incomplete) request.incomplete = true;
  if (form.missing) request.missing = form.missing;
  return request;
}

/** True when the form asks for something (an empty form lists nothing rather than everything in text scope). */
export function isAsking(form: SearchForm): boolean {
  if (form.scope === 'text') return form.query.trim().length > 0;
  return Boolean(form.query.trim() || form.label || form.speaker.trim() || form.stance || form.targetId || form.incomplete || form.missing);
}

/** Ready-made questions an analyst asks often. */
export const PRESETS: { id: string; title: string; form: Partial<SearchForm> }[] = [
  { id: 'no-speaker', title: 'Quotes without speaker', form: { scope: 'spans', label: 'QUOTE', missing: 'speaker' } },
  { id: 'incomplete', title: 'Quotes without speaker or stance', form: { scope: 'spans', label: 'QUOTE', incomplete: true } },
  { id: 'against', title: 'AGAINST quotes', form: { scope: 'spans', label: 'QUOTE', stance: 'AGAINST' } },
  { id: 'favor', title: 'FAVOR quotes', form: { scope: 'spans', label: 'QUOTE', stance: 'FAVOR' } },
  { id: 'claims', title: 'All claims', form: { scope: 'spans', label: 'CLAIM' } },
];
