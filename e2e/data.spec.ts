/**
 * File > Export… and File > Import… in the UI: a quotes table written with progress, and a brat
 * attribution corpus checked (a wrong offset refused with its line), then imported with a label
 * map, after which the quote shows its source mention and cue. Checked on disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { cpIndex, readLayer } from './harness.js';
import { browseImportSource, expect, setAnnotator, test } from './fixtures.js';

const DOC = '02-minister-interview.txt';

async function openFileMenuItem(page: Page, id: string): Promise<void> {
  await page.keyboard.press('Alt+f');
  await expect(page.getByTestId('file-menu-popup')).toBeVisible();
  await page.getByTestId(`menu-view-${id}`).click();
}

test('export a quotes table and import a brat attribution corpus from the File menu', async ({ qb }) => {
  const text = await fs.readFile(path.join(qb.ws.corpus, DOC), 'utf8');
  const at = (needle: string) => cpIndex(text, text.indexOf(needle));
  const range = (needle: string) => `${at(needle)} ${at(needle) + Array.from(needle).length}`;
  const quote = '“the only numbers anyone has bothered to measure.”';
  const brat = path.join(qb.ws.dir, 'parc');
  await fs.mkdir(brat, { recursive: true });
  const ann = [
    `T1\tSource ${range('Qureishi said')}`.replace(/ \d+$/, (m) => ` ${Number(m) - 5}`) + '\tQureishi',
    `T2\tCue ${range('said the plan')}`.replace(/ \d+$/, (m) => ` ${Number(m) - 9}`) + '\tsaid',
    `T3\tContent ${range(quote)}\t${quote}`,
    `T4\tAttribution ${range('said the plan')}`.replace(/ \d+$/, (m) => ` ${Number(m) - 9}`) + '\tsaid',
    'E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3',
  ].join('\n');
  await fs.writeFile(path.join(brat, DOC.replace('.txt', '.ann')), ann.replace('\tQureishi', '\tQureshi'));

  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await expect(page.getByTestId('doc-row')).not.toHaveCount(0);

  // Import: Check finds the misspelt mention and names its line; nothing is written.
  await openFileMenuItem(page, 'import');
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.getByTestId('import-format').selectOption('brat');
  await browseImportSource(qb, brat);
  await page.getByTestId('import-map').fill('Content=QUOTE, Source=SOURCE, Cue=CUE');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-outcome', 'refused');
  await expect(page.getByTestId('import-problem').first()).toContainText(':1');
  await expect(page.getByTestId('import-problem').first()).toContainText('expected "Qureshi", found "Qureishi"');
  expect(await readLayer(qb.ws.corpus, 'maria', DOC).catch(() => null)).toBeNull();

  // Fixed file: Check says what would come in; Import writes it.
  await fs.writeFile(path.join(brat, DOC.replace('.txt', '.ann')), ann);
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-outcome', 'checked');
  await expect(page.getByTestId('import-report')).toContainText('1 document, 4 spans, 2 links');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-outcome', 'written');
  await page.screenshot({ path: 'docs/screenshots/09-import.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  const layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  const q = layer.spans.find((s) => s.label === 'QUOTE')!;
  expect(q).toMatchObject({ start: at(quote), quote });
  expect(layer.relations.filter((r) => r.head === q.id).map((r) => r.label).sort()).toEqual(['cue', 'source']);

  // The UI shows the quote linked to its source mention and cue.
  await page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`).click();
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`)).toBeVisible();
  await page.locator(`[data-testid="span-row"][data-span-id="${q.id}"]`).click();
  await expect(page.getByTestId('link-source-linked')).toContainText('Qureishi');
  await expect(page.getByTestId('link-cue-linked')).toContainText('said');

  // Export: the quotes table, with progress, to .quotebench/exports.
  await openFileMenuItem(page, 'export');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-format-quotes-csv').check();
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-status')).toContainText('Exported 1 record from 1 document');
  const out = (await page.getByTestId('export-path').textContent())!;
  expect(path.dirname(out)).toBe(path.join(qb.ws.corpus, '.quotebench', 'exports'));
  await page.screenshot({ path: 'docs/screenshots/10-export.png' });
  const csv = await fs.readFile(out, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).not.toContain('\r\n\r\n');
  const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ quote, start: String(at(quote)), source_mention: 'Qureishi', cue: 'said', annotator: 'maria' });
});

test('a brat attribution corpus (repeated roles, discontinuous contents) imported from the File menu: every quote shows its source and cues', async ({ qb }) => {
  // The PARC-style fixture of main/tooling/testing: E lines with Cue2 / Content2, a content over a line break.
  const fixture = path.join(import.meta.dirname, '..', 'main', 'tooling', 'testing', 'brat-attribution');
  const brat = path.join(qb.ws.dir, 'parc');
  await fs.cp(fixture, brat, { recursive: true });
  await fs.mkdir(path.join(qb.ws.corpus, 'wire'));
  for (const name of await fs.readdir(path.join(fixture, 'wire'))) if (name.endsWith('.txt')) await fs.copyFile(path.join(fixture, 'wire', name), path.join(qb.ws.corpus, 'wire', name));
  const DOC_ID = 'wire/2011-09-22-border.txt';

  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC_ID}"]`)).toBeVisible();
  await openFileMenuItem(page, 'import');
  await page.getByTestId('import-format').selectOption('brat');
  await browseImportSource(qb, brat);
  await page.getByTestId('import-map').fill('Content=QUOTE,Source=SOURCE,Cue=CUE');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-outcome', 'written');
  await expect(page.getByTestId('import-report')).toContainText('2 documents, 38 spans');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  const layer = await readLayer(qb.ws.corpus, 'maria', DOC_ID);
  const quote = (start: string) => layer.spans.find((s) => s.label === 'QUOTE' && s.quote.startsWith(start))!;
  await page.locator(`[data-testid="doc-row"][data-doc-id="${DOC_ID}"]`).click();
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${DOC_ID}"][data-loaded="true"]`)).toBeVisible();
  // E1 has Cue, Content, Cue2, Content2: both contents get the source and both cues; E2's one content its own.
  for (const [start, source, cues] of [
    ['"will not be dictated to', 'Gen. Tariq Rahman', ['said', 'added']],
    ['cooperation would continue', 'Gen. Tariq Rahman', ['said', 'added']],
    ["the network's leaders", 'A senior security official', ['said']],
  ] as const) {
    const q = quote(start);
    await expect(page.locator(`.hl[data-span-ids~="${q.id}"]`).first()).toBeVisible();
    await page.locator(`[data-testid="span-row"][data-span-id="${q.id}"]`).click();
    await expect(page.getByTestId('link-source-linked')).toHaveText([new RegExp(source.replace('.', '\\.'))]);
    await expect(page.getByTestId('link-cue-linked')).toHaveText(cues.map((c) => new RegExp(`^${c}`)));
  }
});
