/**
 * The app stays open while other processes work on the same corpus: a colleague's server merges
 * two speakers, and `quotebench suggest` writes into the analyst's own layer from a terminal.
 * The open app shows both within a couple of seconds, with a toast, and its next edit keeps what
 * the other process wrote. Checked on disk.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readProject } from '../main/services/store/project.js';
import { runQuotebench } from '../main/tooling/testing/run-cli.js';
import { readLayer, startServices } from './harness.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';
import { dragSelect } from './text-geometry.js';

const DOC = '01-harbour-water-talks.txt';

test('changes by other processes show up in the open app: a merge elsewhere, suggestions written from a terminal', async ({ qb }) => {
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`).click();
  const view = page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`);
  await expect(view).toBeVisible();
  await expect(page.locator('.hl')).toHaveCount(0);

  // A colleague's server on the same corpus (another process as far as the files go).
  const colleague = await startServices({ settingsDir: await fs.mkdtemp(path.join(os.tmpdir(), 'qb-bob-')), mode: 'browser', initialCorpus: qb.ws.corpus });
  await colleague.handlers.setAnnotator({ name: 'bob' });
  const keep = await colleague.handlers.createSpeaker({ name: 'Farhana Qureshi', kind: 'person', aliases: [], affiliation: 'Water Ministry', role: '' });
  const merged = await colleague.handlers.createSpeaker({ name: 'Farhana Qureishi', kind: 'person', aliases: [], affiliation: '', role: 'Minister' });
  await colleague.handlers.mergeSpeakers({ keepId: keep.id, mergeId: merged.id });
  await colleague.close();
  await expect(page.getByTestId('toast').filter({ hasText: 'bob merged Farhana Qureishi into Farhana Qureshi' })).toBeVisible({ timeout: 3000 });
  await page.keyboard.press('Escape');
  await view.focus();
  await page.keyboard.press('g');
  const row = page.locator(`[data-testid="speaker-row"][data-speaker-id="${keep.id}"]`);
  await expect(row).toContainText('Farhana Qureishi');
  await expect(row).toContainText('Minister');
  await page.keyboard.press('Escape');

  // `quotebench suggest` into maria's own layer while the app shows it.
  const cli = await runQuotebench('suggest', qb.ws.corpus, '--annotator', 'maria');
  expect(cli.code).toBe(0);
  const written = (await readLayer(qb.ws.corpus, 'maria', DOC))!.spans.length;
  expect(written).toBeGreaterThan(5);
  await expect(page.getByTestId('toast').filter({ hasText: `Your layer of ${DOC} changed in another window or process` })).toBeVisible({ timeout: 3000 });
  await expect(page.locator('.hl[data-span-ids]')).not.toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('changes-shown.png') });
  // The suggester reused the merged speaker for Qureshi's quote rather than adding a third.
  expect((await readProject(qb.ws.corpus)).speakers.filter((s) => s.name.startsWith('Farhana'))).toHaveLength(1);

  // The app's next edit keeps everything the other process wrote.
  const text = await fs.readFile(path.join(qb.ws.corpus, DOC), 'utf8');
  const word = 'reservoir';
  expect(text.indexOf(word)).toBeGreaterThan(0);
  await dragSelect(page, text.indexOf(word), text.indexOf(word) + word.length);
  await edit(page, () => page.keyboard.press('c'));
  const after = (await readLayer(qb.ws.corpus, 'maria', DOC))!;
  expect(after.spans).toHaveLength(written + 1);
  expect(after.spans.at(-1)).toMatchObject({ label: 'CLAIM', quote: word });
});
