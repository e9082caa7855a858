/**
 * Corpus-wide views on a seeded layer: the speakers view (a likely duplicate merged with one
 * key, then undone), corpus search that opens the document at the hit, the overview charts, and
 * the schema editor renaming a label while existing spans keep working. Checked on disk.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProjectFile } from '../shared/model.js';
import { readProject as foldedProject } from '../main/services/store/project.js';
import { cpIndex, readLayer, startServices } from './harness.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';

const DOC1 = '01-harbour-water-talks.txt';
const DOC2 = '02-minister-interview.txt';

/** The registry on disk: project.json with every registry log folded in. */
async function readProject(corpus: string): Promise<ProjectFile> {
  return foldedProject(corpus);
}

/** Annotates two articles through the real services, as an earlier session would have. */
async function seed(corpus: string): Promise<{ qureshi: string; qureishi: string; quote2: string }> {
  const settingsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-seed-'));
  const app = await startServices({ settingsDir, mode: 'browser', initialCorpus: corpus });
  const h = app.handlers;
  await h.setAnnotator({ name: 'maria' });
  const qureshi = (await h.createSpeaker({ name: 'Farhana Qureshi', kind: 'person', aliases: [], affiliation: 'Water Ministry', role: 'Minister' })).id;
  const qureishi = (await h.createSpeaker({ name: 'Farhana Qureishi', kind: 'person', aliases: [], affiliation: '', role: '' })).id;
  const renner = (await h.createSpeaker({ name: 'Tobias Renner', kind: 'person', aliases: [], affiliation: 'Lowmarsh', role: 'Mayor' })).id;
  const plan = (await h.createTarget({ label: 'reservoir-sharing plan' })).id;
  const quote = async (docId: string, text: string, needle: string, speakerId: string, value: 'FAVOR' | 'AGAINST' | 'NONE') => {
    const at = text.indexOf(needle);
    const { span } = await h.createSpan({ docId, start: cpIndex(text, at), end: cpIndex(text, at + needle.length), label: 'QUOTE' });
    await h.updateSpan({ docId, spanId: span.id, patch: { speakerId, stance: { targetId: plan, value } } });
    return span.id;
  };
  const t1 = await fs.readFile(path.join(corpus, DOC1), 'utf8');
  const t2 = await fs.readFile(path.join(corpus, DOC2), 'utf8');
  await quote(DOC1, t1, '“Nobody walks away with everything, but nobody walks away thirsty,”', qureshi, 'FAVOR');
  await quote(DOC1, t1, '"We signed because the alternative was worse,"', renner, 'AGAINST');
  const quote2 = await quote(DOC2, t2, '“the only numbers anyone has bothered to measure.”', qureishi, 'FAVOR');
  // A quote nobody has attributed yet (it has a stance): what "quotes without speaker" finds.
  const unattributed = 'the ministry is drafting a compensation scheme';
  const at = t2.indexOf(unattributed);
  const { span } = await h.createSpan({ docId: DOC2, start: cpIndex(t2, at), end: cpIndex(t2, at + unattributed.length), label: 'QUOTE' });
  await h.updateSpan({ docId: DOC2, spanId: span.id, patch: { stance: { targetId: plan, value: 'NONE' } } });
  await app.close();
  return { qureshi, qureishi, quote2 };
}

test('speakers view merges a duplicate with one key (and undo restores it); search, overview and labels', async ({ qb }) => {
  const { qureshi, qureishi, quote2 } = await seed(qb.ws.corpus);
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await expect(page.getByTestId('doc-row')).not.toHaveCount(0);

  // G opens the speakers view: counts, and the spelling variant offered as a duplicate.
  await page.keyboard.press('g');
  const view = page.getByTestId('speakers-view');
  await expect(view).toBeVisible();
  await expect(page.locator(`[data-testid="speaker-row"][data-speaker-id="${qureshi}"]`)).toContainText('Water Ministry');
  const dupe = page.getByTestId('duplicate-row').first();
  await expect(dupe).toContainText('Farhana Qureishi');
  await expect(dupe).toContainText('Farhana Qureshi');
  await page.screenshot({ path: 'docs/screenshots/05-speakers.png' });

  // M on the row merges: one speaker left, the quote in the other article rewired, alias kept.
  await dupe.focus();
  await page.keyboard.press('m');
  await expect(page.getByTestId('duplicate-row')).toHaveCount(0);
  await expect(page.getByTestId('speaker-row')).toHaveCount(2);
  let project = await readProject(qb.ws.corpus);
  const kept = project.speakers.find((s) => s.name.startsWith('Farhana'))!;
  expect(project.speakers.filter((s) => s.name.startsWith('Farhana'))).toHaveLength(1);
  expect(kept.aliases).toContain(kept.id === qureshi ? 'Farhana Qureishi' : 'Farhana Qureshi');
  const merged = kept.id === qureshi ? qureishi : qureshi;
  expect((await readLayer(qb.ws.corpus, 'maria', DOC2)).spans.find((s) => s.id === quote2)?.speakerId).toBe(kept.id);

  // Ctrl+Z (after closing the view) undoes the merge: both speakers and the old link are back.
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect.poll(async () => (await readProject(qb.ws.corpus)).speakers.map((s) => s.id).sort()).toEqual(expect.arrayContaining([qureshi, qureishi]));
  project = await readProject(qb.ws.corpus);
  expect(project.speakers).toHaveLength(3);
  expect((await readLayer(qb.ws.corpus, 'maria', DOC2)).spans.find((s) => s.id === quote2)?.speakerId).toBe(qureishi);
  expect(merged).toBeTruthy();

  // Ctrl+Shift+F: every quote by a misspelt speaker ("Rener"); AGAINST quotes; the hit opens its document.
  await page.keyboard.press('Control+Shift+f');
  await expect(page.getByTestId('corpus-search')).toBeVisible();
  await page.getByTestId('search-speaker').fill('Rener');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await page.getByTestId('search-speaker').fill('');
  await page.getByTestId('preset-no-speaker').click();
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await expect(page.getByTestId('search-hit')).toContainText('the ministry is drafting');
  await page.getByTestId('preset-against').click();
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await expect(page.getByTestId('search-hit')).toContainText('We signed because');
  await page.getByTestId('search-query').focus();
  await page.screenshot({ path: 'docs/screenshots/06-search.png' });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('corpus-search')).toBeHidden();
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${DOC1}"][data-loaded="true"]`)).toBeVisible();
  await expect(page.getByTestId('span-details')).toContainText('Tobias Renner');

  // O: the overview with its four charts.
  await page.keyboard.press('o');
  await expect(page.getByTestId('overview')).toBeVisible();
  await expect(page.getByTestId('overview-progress')).toContainText('0 of 7 done');
  await expect(page.locator('[data-testid="chart-speakers"] .recharts-bar-rectangle')).toHaveCount(3);
  // One target, stacked: FAVOR 2, AGAINST 1, NONE 1 (the unattributed quote) = three pieces of one bar.
  await expect(page.locator('[data-testid="chart-stance-target"] .recharts-bar-rectangle')).toHaveCount(3);
  await expect(page.locator('[data-testid="chart-stance-speaker"] .recharts-bar-rectangle')).toHaveCount(3);
  await expect(page.locator('[data-testid="chart-documents"] .recharts-bar-rectangle')).not.toHaveCount(0);
  await expect(page.getByTestId('overview')).toContainText('1 quote without speaker');
  await page.mouse.move(1, 790);
  await page.screenshot({ path: 'docs/screenshots/07-overview.png' });
  await page.keyboard.press('Escape');

  // File > Labels and attributes: rename QUOTE; existing spans follow and still show.
  await page.keyboard.press('Alt+f');
  await page.getByTestId('menu-view-schema').click();
  await expect(page.getByTestId('schema-editor')).toBeVisible();
  await page.getByTestId('schema-name').first().fill('Quotation');
  await page.screenshot({ path: 'docs/screenshots/08-labels.png' });
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('schema-editor')).toBeHidden();
  project = await readProject(qb.ws.corpus);
  expect(project.schema.labels[0]).toMatchObject({ name: 'Quotation', key: 'q' });
  await expect(page.locator('[data-testid="doc-view"] .hl')).not.toHaveCount(0);
  await expect(page.getByTestId('span-row').first()).toBeVisible();
  expect((await readLayer(qb.ws.corpus, 'maria', DOC1)).spans.map((s) => s.label)).toEqual(['Quotation', 'Quotation']);
  // The schema change is an edit like any other: Ctrl+Z puts the name back on the label and the spans, Ctrl+Shift+Z renames again.
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect.poll(async () => (await readProject(qb.ws.corpus)).schema.labels[0]!.name).toBe('QUOTE');
  expect((await readLayer(qb.ws.corpus, 'maria', DOC1)).spans.map((s) => s.label)).toEqual(['QUOTE', 'QUOTE']);
  await expect(page.getByTestId('span-row').first()).toContainText('QUOTE');
  await edit(page, () => page.keyboard.press('Control+Shift+z'));
  await expect.poll(async () => (await readProject(qb.ws.corpus)).schema.labels[0]!.name).toBe('Quotation');
  expect((await readLayer(qb.ws.corpus, 'maria', DOC1)).spans.map((s) => s.label)).toEqual(['Quotation', 'Quotation']);
  await expect(page.getByTestId('span-row').first()).toContainText('Quotation');
  // The renamed label keeps its meaning: the quote still has its speaker and stance fields.
  await page.getByTestId('span-row').last().click();
  await expect(page.getByTestId('speaker-current')).toContainText('Tobias Renner');
  await expect(page.getByTestId('stance-AGAINST')).toHaveAttribute('aria-checked', 'true');
});
