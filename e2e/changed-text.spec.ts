/**
 * Changed source text: spans are made, the article file is edited on disk while the app is open,
 * the window regains focus, and the app re-anchors: the notice says what moved and what was lost;
 * the analyst places one orphan on the new words with the keyboard and deletes another, undoes
 * and redoes both; each step checked in the layer file on disk. Reopening after a restart finds
 * nothing more to move.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { cpIndex, readLayer } from './harness.js';
import { dragSelect } from './text-geometry.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';

const DOC = 'changed-article.txt';
const OLD = [
  'Harbour council delays the vote',
  '',
  'The harbour master said “we stay open all winter” on Monday, after the council met.',
  'Critics said “we go to court” if the plan passes, and the vote was put off until later.',
  '',
].join('\n');
const NEW = [
  'Harbour council delays the vote (updated)',
  '',
  'Updated at noon with the council’s answer.',
  '',
  'The harbour master said “we stay open all winter” on Monday, after the council met.',
  'Critics said “we will see them in court” if the plan passes, and the vote was put off again.',
  '',
].join('\n');

test('an article changed on disk: spans re-anchored, orphans placed with the keyboard or deleted, undo and redo', async ({ qb }) => {
  await fs.writeFile(path.join(qb.ws.corpus, DOC), OLD);
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`).click();
  const view = page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`);
  await expect(view).toBeVisible();

  // Three spans on the old text (one UTF-16 unit per character here, so offsets are code points).
  const mark = async (text: string, needle: string, key: string) => {
    const at = text.indexOf(needle);
    await dragSelect(page, at, at + needle.length);
    await edit(page, () => page.keyboard.press(key));
  };
  await mark(OLD, '“we stay open all winter”', 'q');
  await mark(OLD, '“we go to court”', 'q');
  await mark(OLD, 'until later', 'c');
  const before = await readLayer(qb.ws.corpus, 'maria', DOC);
  const [stay, go, later] = ['“we stay open all winter”', '“we go to court”', 'until later'].map((q) => before.spans.find((s) => s.quote === q)!);
  await expect(page.getByTestId('orphan-bar')).toHaveCount(0);

  // The file is edited on disk while the app is open; the analyst comes back to the window.
  await fs.writeFile(path.join(qb.ws.corpus, DOC), NEW);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByTestId('reanchor-notice')).toContainText('1 span found again at a new place, 2 could not be placed with confidence');
  await expect(page.getByTestId('orphan-row')).toHaveCount(2);
  await expect(page.getByTestId('orphan-row').nth(0)).toContainText('“we go to court”');
  await expect(page.getByTestId('orphan-row').nth(0)).toContainText('its text is no longer in the article');
  await expect(page.getByTestId('orphan-row').nth(1)).toContainText('until later');
  await expect(view.locator('.para').nth(2)).toContainText('Updated at noon');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`)).toContainText(`${Array.from(NEW).length} chars`);
  await page.screenshot({ path: 'docs/screenshots/14-orphans.png' });

  let layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.map((s) => [s.id, s.start, s.quote])).toEqual([[stay!.id, cpIndex(NEW, NEW.indexOf(stay!.quote)), stay!.quote]]);
  expect(layer.orphans?.map((o) => o.span.id)).toEqual([go!.id, later!.id]);

  // Place the first orphan on the new words: select them, press M.
  const newWords = '“we will see them in court”';
  const at = NEW.indexOf(newWords);
  await dragSelect(page, at, at + newWords.length);
  await edit(page, () => page.keyboard.press('m'));
  await expect(page.getByTestId('orphan-row')).toHaveCount(1);
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.id === go!.id)).toMatchObject({ start: cpIndex(NEW, at), end: cpIndex(NEW, at) + Array.from(newWords).length, quote: newWords, label: 'QUOTE' });

  // Delete the other from the orphan list with the keyboard.
  await page.getByTestId('orphan-list').focus();
  await edit(page, () => page.keyboard.press('Delete'));
  await expect(page.getByTestId('orphan-row')).toHaveCount(0);
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.orphans).toBeUndefined();
  expect(layer.spans.map((s) => s.id).sort()).toEqual([stay!.id, go!.id].sort());

  // Undo both: the deleted orphan comes back, then the placed one leaves the text for the list again.
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect(page.getByTestId('orphan-row')).toHaveCount(1);
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect(page.getByTestId('orphan-row')).toHaveCount(2);
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.map((s) => s.id)).toEqual([stay!.id]);
  expect(layer.orphans?.map((o) => [o.span.id, o.span.quote]).sort()).toEqual([
    [go!.id, go!.quote],
    [later!.id, later!.quote],
  ].sort());

  // Redo both.
  await edit(page, () => page.keyboard.press('Control+Shift+z'));
  await edit(page, () => page.keyboard.press('Control+Shift+z'));
  await expect(page.getByTestId('orphan-row')).toHaveCount(0);
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.orphans).toBeUndefined();
  expect(layer.spans.find((s) => s.id === go!.id)?.quote).toBe(newWords);

  // Changed again while the analyst keeps working in the window (no focus change): the open app
  // notices within a poll, reads it again, re-anchors and says so; a label then lands on the new
  // text. (A range chosen on the old text in the moment before is refused as stale by main:
  // reanchor.test.ts.)
  const NEWER = 'A third version.\n' + NEW;
  await fs.writeFile(path.join(qb.ws.corpus, DOC), NEWER);
  await expect(page.getByTestId('toast').filter({ hasText: `${DOC} changed on disk; it was read again.` })).toBeVisible({ timeout: 3000 });
  await expect(page.getByTestId('reanchor-notice')).toContainText('2 spans found again at a new place');
  await expect(view.locator('.para').first()).toHaveText('A third version.');
  const met = NEWER.indexOf('the council met');
  await dragSelect(page, met, met + 'the council met'.length);
  await edit(page, () => page.keyboard.press('c'));
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.map((s) => s.label).sort()).toEqual(['CLAIM', 'QUOTE', 'QUOTE']);
  expect(layer.spans.find((s) => s.label === 'CLAIM')).toMatchObject({ start: cpIndex(NEWER, met), quote: 'the council met' });
  expect(layer.spans.find((s) => s.id === go!.id)?.start).toBe(cpIndex(NEWER, NEWER.indexOf(newWords)));

  // Between runs: after a restart the document opens with nothing more to move.
  await qb.start({ initialCorpus: qb.ws.corpus });
  await page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`).click();
  await expect(view).toBeVisible();
  await expect(page.getByTestId('orphan-bar')).toHaveCount(0);
});
