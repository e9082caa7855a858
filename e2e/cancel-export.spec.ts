/**
 * A running export is cancelled from its dialog, by the Cancel button and by Escape: the dialog
 * says so, and nothing is left in CORPUS/.quotebench/exports (not even the brat export's partial
 * folder). The progress it shows arrives as events; the page never polls getJob.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, setAnnotator, test } from './fixtures.js';

test.use({ sampleWorkspace: false });

/** Enough articles, each with a layer, that a brat export (two files per document) runs for a while. */
const DOCS = 2500;

async function writeBigCorpus(root: string): Promise<void> {
  for (let i = 0; i < DOCS; i += 1) {
    const folder = String(Math.floor(i / 500)).padStart(2, '0');
    const docId = `${folder}/a${String(i).padStart(5, '0')}.txt`;
    const text = `“The plan works,” the minister said of item ${i}.\n`;
    if (i % 500 === 0) {
      await fs.mkdir(path.join(root, folder), { recursive: true });
      await fs.mkdir(path.join(root, '.quotebench', 'annotations', 'maria', folder), { recursive: true });
    }
    await fs.writeFile(path.join(root, docId), text);
    const layer = { schemaVersion: 1, docId, annotator: 'maria', docSha256: createHash('sha256').update(text).digest('hex'), status: 'in-progress', spans: [], relations: [], updated: '2026-01-01T00:00:00.000Z' };
    await fs.writeFile(path.join(root, '.quotebench', 'annotations', 'maria', `${docId}.json`), JSON.stringify(layer));
  }
}

async function startBratExport(page: Page): Promise<void> {
  await page.keyboard.press('Alt+f');
  await expect(page.getByTestId('file-menu-popup')).toBeVisible();
  await page.getByTestId('menu-view-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-format-brat').check();
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-status')).toContainText('Exporting…');
}

test('a running export stops from its dialog and leaves nothing behind', async ({ qb }) => {
  await writeBigCorpus(qb.ws.corpus);
  const exportsDir = path.join(qb.ws.corpus, '.quotebench', 'exports');
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await expect(page.getByTestId('doc-row').first()).toBeVisible({ timeout: 30_000 });

  await startBratExport(page);
  // Progress comes as events while it runs.
  await expect(page.getByTestId('export-status')).toContainText(`of ${DOCS} documents`);
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-status')).toHaveText('Export cancelled: no file was written.');
  expect(await fs.readdir(exportsDir)).toEqual([]);
  await page.getByTestId('export-cancel').click();
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await startBratExport(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-status')).toHaveText('Export cancelled: no file was written.');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  expect(await fs.readdir(exportsDir)).toEqual([]);
});
