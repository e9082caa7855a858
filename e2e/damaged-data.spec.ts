/**
 * Damaged data files in the UI: a truncated layer, a wrong-shape layer, a layer from a newer
 * Quotebench and a hand-edited project.json. The app opens everything else, says which file and
 * why, moves the damaged ones aside, leaves the newer one untouched and refuses to open it for
 * editing. Checked on disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, setAnnotator, test } from './fixtures.js';

const TRUNCATED = '01-harbour-water-talks.txt';
const WRONG = '02-minister-interview.txt';
const NEWER = '03-port-strike.txt';

test('damaged data files are named with their reason; the rest opens; nothing is written over', async ({ qb }) => {
  const data = path.join(qb.ws.corpus, '.quotebench');
  const layers = path.join(data, 'annotations', 'maria');
  await fs.mkdir(layers, { recursive: true });
  const truncated = '{"schemaVersion": 1, "docId": "01-harbour-water-talks.txt", "spans": [{"id": "s1", "sta';
  const wrong = JSON.stringify({ schemaVersion: 1, docId: WRONG, spans: { s1: 'not a list' } });
  const newer = JSON.stringify({ schemaVersion: 2, docId: NEWER, spans: [], relations: [] });
  const project = '{\n  "schemaVersion": 1,\n  "schema": { "labels": [] },\n  // added by hand\n  "speakers": []\n}\n';
  await fs.writeFile(path.join(layers, `${TRUNCATED}.json`), truncated);
  await fs.writeFile(path.join(layers, `${WRONG}.json`), wrong);
  await fs.writeFile(path.join(layers, `${NEWER}.json`), newer);
  await fs.writeFile(path.join(data, 'project.json'), project);

  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await expect(page.getByTestId('doc-row')).toHaveCount(7);
  const toasts = page.getByTestId('toast');
  await expect(toasts.filter({ hasText: 'project.json is not valid JSON' })).toContainText('it was moved to');
  await expect(toasts.filter({ hasText: `The annotation file for ${TRUNCATED} is not valid JSON` })).toContainText('the document starts empty');
  await expect(toasts.filter({ hasText: `The annotation file for ${WRONG} is not a valid annotation layer` })).toContainText('It was moved to');
  await expect(toasts.filter({ hasText: `The annotation file for ${NEWER} was written by a newer Quotebench (schema version 2; this one reads up to 1)` })).toContainText(
    'It was left as it is',
  );

  // On disk: the damaged files moved aside unchanged, the newer one untouched where it was.
  const moved = (await fs.readdir(layers)).sort();
  expect(moved.map((f) => f.replace(/corrupt-.*/, 'corrupt-*'))).toEqual([`${TRUNCATED}.json.corrupt-*`, `${WRONG}.json.corrupt-*`, `${NEWER}.json`].sort());
  expect(await fs.readFile(path.join(layers, moved.find((f) => f.startsWith(TRUNCATED))!), 'utf8')).toBe(truncated);
  expect(await fs.readFile(path.join(layers, `${NEWER}.json`), 'utf8')).toBe(newer);
  const projectMoved = (await fs.readdir(data)).find((f) => f.startsWith('project.json.corrupt-'))!;
  expect(await fs.readFile(path.join(data, projectMoved), 'utf8')).toBe(project);

  // The newer document does not open for editing, and says why.
  await page.locator(`[data-testid="doc-row"][data-doc-id="${NEWER}"]`).click();
  await expect(page.locator('.doc-error')).toContainText('written by a newer Quotebench (schema version 2');
  expect(await fs.readFile(path.join(layers, `${NEWER}.json`), 'utf8')).toBe(newer);

  // The truncated one opens empty (default schema) and takes edits into a new file.
  await page.locator(`[data-testid="doc-row"][data-doc-id="${TRUNCATED}"]`).click();
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${TRUNCATED}"][data-loaded="true"]`)).toBeVisible();
  await expect(page.getByTestId('doc-span-count')).toHaveText('0 spans');
});
