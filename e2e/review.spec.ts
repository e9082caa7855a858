/**
 * Review a colleague's tags: import their JSONL export as their layer, review against it with the
 * keyboard (next conflict, accept a version, reject, undo and redo a decision, accept every unanimous span), check the
 * adjudicated layer on disk with provenance, read the agreement panel, and look at layers read-only.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnnotationFile } from '../shared/model.js';
import { cpIndex, repoRoot, startServices } from './harness.js';
import { browseImportSource, expect, setAnnotator, test } from './fixtures.js';

const DOC = '01-harbour-water-talks.txt';
/** A second article where both annotators marked the same quote: accepted by the corpus-wide action. */
const DOC2 = '02-minister-interview.txt';
const Q3 = '“the only numbers anyone has bothered to measure.”';

async function seed(corpus: string, exportTo: string): Promise<void> {
  const text = await fs.readFile(path.join(corpus, DOC), 'utf8');
  const at = (needle: string) => cpIndex(text, text.indexOf(needle));
  const len = (needle: string) => Array.from(needle).length;
  const app = await startServices({ settingsDir: await fs.mkdtemp(path.join(os.tmpdir(), 'qb-seed-')), mode: 'browser', initialCorpus: corpus });
  const h = app.handlers;
  const q1 = '“Nobody walks away with everything, but nobody walks away thirsty,”';
  const q2 = '"We signed because the alternative was worse,"';
  const src = 'A senior ministry official';
  const mark = async (needle: string, label: string, extra = 0) => h.createSpan({ docId: DOC, start: at(needle), end: at(needle) + len(needle) + extra, label });
  const text2 = await fs.readFile(path.join(corpus, DOC2), 'utf8');
  const q3 = { docId: DOC2, start: cpIndex(text2, text2.indexOf(Q3)), end: cpIndex(text2, text2.indexOf(Q3)) + len(Q3), label: 'QUOTE' };
  await h.setAnnotator({ name: 'omar' });
  await mark(q1, 'QUOTE');
  await mark(q2, 'QUOTE', 1);
  await mark(src, 'SOURCE');
  await h.createSpan(q3);
  await h.setAnnotator({ name: 'maria' });
  await mark(q1, 'QUOTE');
  await mark(q2, 'QUOTE');
  await h.createSpan(q3);
  await app.close();
  // omar sends his JSONL export; his layer folder is not in this corpus until it is imported.
  const cli = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'main', 'cli.js')).href)) as typeof import('../main/cli.js');
  const code = await cli.runCli(['export', corpus, '--format', 'jsonl', '--annotator', 'omar', '--out', exportTo], { stdout: () => undefined, stderr: () => undefined });
  if (code !== 0) throw new Error('seed export failed');
  await fs.rm(path.join(corpus, '.quotebench', 'annotations', 'omar'), { recursive: true });
}

async function readAdjudicated(corpus: string, docId = DOC): Promise<AnnotationFile> {
  return JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'adjudicated', `${docId}.json`), 'utf8')) as AnnotationFile;
}

test('import a colleague, review with the keyboard into the adjudicated layer, agreement panel, layers read-only', async ({ qb }) => {
  const omarExport = path.join(qb.ws.dir, 'omar.jsonl');
  await seed(qb.ws.corpus, omarExport);
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await expect(page.getByTestId('doc-row')).not.toHaveCount(0);

  // Import omar's export as his layer.
  await page.keyboard.press('Alt+f');
  await page.getByTestId('menu-view-import').click();
  await browseImportSource(qb, omarExport);
  await page.getByTestId('import-layer').fill('omar');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-outcome', 'written');
  await page.keyboard.press('Escape');

  // Taking a colleague's name would write into his layer: the name dialog says so before saving.
  await page.getByTestId('annotator-name').click();
  await page.getByTestId('annotator-input').fill('omar');
  await expect(page.getByTestId('annotator-taken')).toContainText('omar already has a layer in this corpus');
  await page.getByTestId('annotator-input').fill('maria');
  await expect(page.getByTestId('annotator-taken')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('annotator-dialog')).toBeHidden();

  // Review against omar.
  await page.getByTestId('nav-review').click();
  await expect(page.getByTestId('review-colleague-omar')).toBeChecked();
  await page.getByTestId('start-review').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`)).toBeVisible();
  await expect(page.getByTestId('review-count-agree')).toHaveText('1');
  await expect(page.getByTestId('review-count-conflict')).toHaveText('1');
  await expect(page.getByTestId('review-count-only-one')).toHaveText('1');
  // The document list counts each state (agree, conflict, one side) and the decided ones.
  const rowCounts = page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"] [data-testid="doc-review-counts"]`);
  await expect(rowCounts.locator('.rv-agree')).toHaveText('1');
  await expect(rowCounts.locator('.rv-conflict')).toHaveText('1');
  await expect(rowCounts.locator('.rv-only-one')).toHaveText('1');
  await expect(rowCounts).toContainText('0/3');
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('only one side');
  // The first item shown is the conflict: the differing field is named, and its row is marked in the side-by-side table.
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-state', 'conflict');
  // (omar's version runs one character past the closing quotation mark, so it got no form.)
  await expect(page.getByTestId('review-item')).toContainText('range, form differ');
  await expect(page.locator('[data-testid="review-item"] tr.differs th')).toHaveText(['range', 'form']);
  await expect(page.locator('[data-testid="review-item"] tr.differs td')).toHaveText(['437–483', '437–484', 'direct', '—']);
  await page.screenshot({ path: 'docs/screenshots/11-review.png' });

  // N goes to the next group needing a decision (the one-sided one); Shift+N jumps back to the conflict.
  await page.keyboard.press('n');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-state', 'only-one');
  await page.keyboard.press('Shift+N');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-state', 'conflict');

  // 2 accepts omar's version; the next item needing a decision is selected: X rejects it.
  await page.keyboard.press('2');
  await expect(page.getByTestId('review-count-decided')).toHaveText('1');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-state', 'only-one');
  await page.keyboard.press('x');
  await expect(page.getByTestId('review-count-decided')).toHaveText('2');
  const decisionsOnDisk = async () => ((await readAdjudicated(qb.ws.corpus)).decisions ?? []).map((d) => d.action);
  expect(await decisionsOnDisk()).toEqual(['accepted', 'rejected']);
  // One decision is an edit like any other: Ctrl+Z takes the rejection back on disk and shows its item again,
  // Ctrl+Shift+Z makes it again.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('review-count-decided')).toHaveText('1');
  await expect(page.getByTestId('review-item')).toHaveAttribute('data-state', 'only-one');
  await expect(page.getByTestId('review-decision')).toHaveCount(0);
  expect(await decisionsOnDisk()).toEqual(['accepted']);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('review-count-decided')).toHaveText('2');
  await expect(page.getByTestId('review-decision')).toContainText('Rejected by maria');
  expect(await decisionsOnDisk()).toEqual(['accepted', 'rejected']);
  // Shift+A accepts every unanimous span in the document.
  await page.keyboard.press('Shift+A');
  await expect(page.getByTestId('review-count-decided')).toHaveText('3');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC2}"] [data-testid="doc-review-counts"]`)).toContainText('0/1');
  // The corpus-wide action accepts the unanimous quote of the other article too.
  await page.keyboard.press('Shift+C');
  await expect(page.getByTestId('toast').last()).toContainText('Accepted 1 unanimous span in 1 document');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC2}"] [data-testid="doc-review-counts"]`)).toContainText('1/1');
  let second = await readAdjudicated(qb.ws.corpus, DOC2);
  expect(second.spans.map((s) => [s.quote, s.provenance?.from, s.provenance?.decidedBy])).toEqual([[Q3, 'maria', 'maria']]);
  // That bulk accept is one edit: Ctrl+Z takes it back on disk, Ctrl+Y decides it again.
  await page.keyboard.press('Control+z');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC2}"] [data-testid="doc-review-counts"]`)).toContainText('0/1');
  second = await readAdjudicated(qb.ws.corpus, DOC2);
  expect([second.spans, second.decisions ?? []]).toEqual([[], []]);
  await expect(page.getByTestId('review-count-decided')).toHaveText('3');
  await page.keyboard.press('Control+y');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC2}"] [data-testid="doc-review-counts"]`)).toContainText('1/1');
  second = await readAdjudicated(qb.ws.corpus, DOC2);
  expect(second.spans.map((s) => [s.quote, s.provenance?.from])).toEqual([[Q3, 'maria']]);

  // Accept with edits: on the accepted unanimous quote, E opens its fields; the change lands in the adjudicated layer.
  await page.locator('[data-testid="review-row"][data-state="agree"]').click();
  await page.keyboard.press('e');
  await expect(page.getByTestId('accepted-label')).toBeFocused();
  await page.getByTestId('accepted-form').selectOption('indirect');
  await expect.poll(async () => (await readAdjudicated(qb.ws.corpus)).spans.find((s) => s.provenance?.from === 'maria')?.attrs.form).toBe('indirect');
  await expect(page.getByTestId('accepted-editor')).toContainText('(edited)');

  const adjudicated = await readAdjudicated(qb.ws.corpus);
  expect(adjudicated.spans.find((s) => s.provenance?.from === 'maria')?.provenance?.edited).toBe(true);
  expect(adjudicated.spans.map((s) => [s.quote.slice(0, 12), s.provenance?.from, s.provenance?.decidedBy]).sort()).toEqual([
    ['"We signed b', 'omar', 'maria'],
    ['“Nobody walk', 'maria', 'maria'],
  ]);
  expect(adjudicated.spans.find((s) => s.provenance?.from === 'omar')?.quote.endsWith(' ')).toBe(true);
  expect(adjudicated.decisions?.map((d) => d.action).sort()).toEqual(['accepted', 'accepted', 'rejected']);
  for (const sp of adjudicated.spans) expect(Number.isNaN(Date.parse(sp.provenance?.decidedAt ?? ''))).toBe(false);

  // Agreement figures between maria and omar.
  await page.getByTestId('stop-review').click();
  await page.keyboard.press('Shift+R');
  await page.getByTestId('open-agreement').click();
  await expect(page.getByTestId('agreement')).toBeVisible();
  const table = page.getByTestId('agreement-table');
  await expect(table).toContainText('all, overlap');
  // Overlap: 3 matched, 0 only maria, 1 only omar: P = 3/4, R = 1, F1 = 6/7. Exact: 2 matched of 3 and 4: P = 1/2, R = 2/3, F1 = 4/7.
  await expect(table.locator('tr', { hasText: 'all, overlap' })).toContainText('0.857');
  await expect(table.locator('tr', { hasText: 'all, exact' })).toContainText('0.571');
  await expect(page.getByTestId('agreement-chart')).toBeVisible();
  await page.mouse.move(1, 790);
  await page.screenshot({ path: 'docs/screenshots/12-agreement.png' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // One control away: the adjudicated layer and omar's, read-only.
  await page.getByTestId('layer-select').selectOption('adjudicated');
  await expect(page.getByTestId('readonly-pill')).toBeVisible();
  await expect(page.getByTestId('span-row')).toHaveCount(2);
  await page.getByTestId('layer-select').selectOption('omar');
  await expect(page.getByTestId('span-row')).toHaveCount(3);
  await page.getByTestId('span-row').first().click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('toast').last()).toContainText('read-only');
  await page.getByTestId('layer-select').selectOption('maria');
  await expect(page.getByTestId('readonly-pill')).toHaveCount(0);
  await expect(page.getByTestId('span-row')).toHaveCount(2);
  const omarLayer = JSON.parse(await fs.readFile(path.join(qb.ws.corpus, '.quotebench', 'annotations', 'omar', `${DOC}.json`), 'utf8')) as AnnotationFile;
  expect(omarLayer.spans).toHaveLength(3);

  // The gold set out: File > Export… of the adjudicated layer, only what review decided.
  await page.keyboard.press('Alt+f');
  await page.getByTestId('menu-view-export').click();
  await page.getByTestId('export-layer').selectOption('adjudicated');
  await expect(page.getByTestId('export-dialog')).toContainText('Export the adjudicated layer');
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-status')).toContainText('Exported 2 records from 2 documents');
  const gold = (await fs.readFile((await page.getByTestId('export-path').textContent())!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; annotator: string; spans: { text: string }[] });
  expect(gold.map((r) => [r.id, r.annotator, r.spans.length])).toEqual([
    [DOC, 'adjudicated', 2],
    [DOC2, 'adjudicated', 1],
  ]);
});
