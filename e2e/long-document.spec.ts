/**
 * A long article (the document view draws highlights only near the view, and lays out only
 * the paragraphs on screen): find still reaches a hit far below the fold, a keyboard selection
 * made there becomes a span with exact code point offsets on disk, and the spans already there
 * are drawn once the reader is near them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { layerFileFor, makeBigArticle } from '../main/tooling/bench/big-article.js';
import { cpIndex, readLayer, writeCorpus } from './harness.js';
import { edit, expect, setAnnotator, test, type QuotebenchFixture } from './fixtures.js';

test.use({ sampleWorkspace: false });

// The emoji before the hit makes its code point offsets differ from UTF-16 ones.
const TAIL = 'Near the end 👍🏽 the envoy Zarghuna Qadir said the talks would resume.';

/** Writes a 150 kB article ending in TAIL, with maria's layer of 450 spans, and starts the app as maria. */
async function longArticle(qb: QuotebenchFixture) {
  const article = makeBigArticle({ chars: 150_000, spanCount: 450, paragraphChars: 400 });
  const text = `${article.text}${TAIL}\n`;
  await writeCorpus(qb.ws.corpus, { 'long.txt': text });
  const existing = layerFileFor({ ...article, text }, 'long.txt', 'maria');
  const layerPath = path.join(qb.ws.corpus, '.quotebench', 'annotations', 'maria', 'long.txt.json');
  await fs.mkdir(path.dirname(layerPath), { recursive: true });
  await fs.writeFile(layerPath, JSON.stringify(existing));
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  return { page, text, existing };
}

test('in a long article, Ctrl+F finds a hit far below the fold and a keyboard selection there is saved in code points', async ({ qb }) => {
  const { page, text, existing } = await longArticle(qb);
  await page.locator('[data-testid="doc-row"][data-doc-id="long.txt"]').click();
  await expect(page.locator('[data-testid="doc-view"][data-doc-id="long.txt"][data-loaded="true"]')).toBeVisible();
  const lastSpan = existing.spans[existing.spans.length - 1]!;

  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('Zarghuna');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 1');
  await page.getByTestId('find-input').press('Escape');
  await expect(page.getByTestId('find-bar')).toBeHidden();
  // The hit is selected and on screen; Shift+→ extends the selection over " Qadir", one grapheme a key.
  for (let i = 0; i < ' Qadir'.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('Zarghuna Qadir');
  await edit(page, () => page.keyboard.press('q'));

  const layer = await readLayer(qb.ws.corpus, 'maria', 'long.txt');
  const known = new Set(existing.spans.map((s) => s.id));
  const added = layer.spans.filter((s) => !known.has(s.id));
  expect(added).toHaveLength(1);
  const at = text.indexOf('Zarghuna');
  expect(added[0]).toMatchObject({ label: 'QUOTE', start: cpIndex(text, at), end: cpIndex(text, at + 'Zarghuna Qadir'.length), quote: 'Zarghuna Qadir' });
  // Each 👍🏽 before the hit is 4 UTF-16 units but 2 code points.
  expect(added[0]!.start).toBe(at - 2 * text.slice(0, at).split('👍🏽').length + 2);
  expect(layer.spans).toHaveLength(existing.spans.length + 1);

  // The new span and the article's last spans, near the view now, are drawn.
  await expect(page.locator(`[data-span-ids~="${added[0]!.id}"]`).first()).toBeInViewport();
  await expect(page.locator(`[data-span-ids~="${lastSpan.id}"]`).first()).toBeAttached();
  await page.screenshot({ path: 'test-results/long-document.png' });
});

test('right after opening a long article, before its far paragraphs are built, find, Ctrl+A and caret keys reach its very end', async ({ qb }) => {
  const { page, text, existing } = await longArticle(qb);
  // A browser that is never idle: the far paragraphs stay in their first, unbuilt runs until the view comes near them.
  await page.evaluate(() => {
    window.requestIdleCallback = () => 0;
  });
  await page.locator('[data-testid="doc-row"][data-doc-id="long.txt"]').click();
  await expect(page.locator('[data-testid="doc-view"][data-doc-id="long.txt"][data-loaded="true"]')).toBeVisible();
  const runs = page.locator('[data-testid="doc-view"] .para-bulk');
  const unbuilt = await runs.count();
  expect(unbuilt).toBeGreaterThan(1);

  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('would resume');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 1');
  await page.getByTestId('find-input').press('Escape');
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('would resume');
  // Only the run the hit is in (now in view) was built.
  await expect(page.locator('[data-testid="doc-view"] .para').filter({ hasText: 'Zarghuna Qadir' })).toBeInViewport();
  expect(await runs.count()).toBeGreaterThan(0);
  expect(await runs.count()).toBeLessThan(unbuilt);

  // Ctrl+A covers the whole text, the unbuilt runs included (each line break between paragraphs left out).
  await page.keyboard.press('Control+a');
  const all = await page.evaluate(() => document.getSelection()?.toString() ?? '');
  expect(all.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));

  // Ctrl+Home, then Ctrl+End and back over the line break: the caret ends the last line; Shift+Home selects it.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+Home');
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(TAIL);
  await edit(page, () => page.keyboard.press('q'));
  const layer = await readLayer(qb.ws.corpus, 'maria', 'long.txt');
  const known = new Set(existing.spans.map((s) => s.id));
  const added = layer.spans.filter((s) => !known.has(s.id));
  const at = text.lastIndexOf(TAIL);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ label: 'QUOTE', start: cpIndex(text, at), end: cpIndex(text, at + TAIL.length), quote: TAIL });
});
