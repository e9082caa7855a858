/**
 * The foundation flow on the bundled sample corpus: first-run name prompt, document list with
 * the files that cannot be annotated, spans made with the mouse and with the keyboard
 * (overlapping and nested), deletion, reload, and the exact code point offsets on disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { cpIndex, cpSlice, readLayer } from './harness.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';
import { dragSelect, pointAt } from './text-geometry.js';

/** Lists the sample corpus independently of the app: which files decode as UTF-8 text. */
async function listCorpus(root: string): Promise<{ good: Map<string, string>; bad: string[] }> {
  const good = new Map<string, string>();
  const bad: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.toLowerCase().endsWith('.txt')) {
        const id = path.relative(root, full).split(path.sep).join('/');
        const bytes = await fs.readFile(full);
        try {
          let text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
          if (text.startsWith('\uFEFF')) text = text.slice(1);
          if (text.trim() === '') bad.push(id);
          else good.set(id, text);
        } catch {
          bad.push(id);
        }
      }
    }
  }
  await walk(root);
  return { good, bad };
}

test('annotate an article with mouse and keyboard; every span is on disk in code points', async ({ qb }) => {
  const { good, bad } = await listCorpus(qb.ws.corpus);
  const [docId, text] = [...good].find(([, t]) => t.includes('👍🏽')) ?? [];
  if (!docId || !text) throw new Error('the sample corpus needs an article with 👍🏽 in its comments');

  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await expect(page.getByTestId('annotator-dialog')).toBeVisible();
  // Prefilled with the default name (the OS user name; the harness passes 'analyst').
  await expect(page.getByTestId('annotator-input')).toHaveValue('analyst');
  await page.screenshot({ path: 'docs/screenshots/00-first-run.png' });
  await setAnnotator(page, 'maria');

  // The list shows every annotatable article and, apart, each file that is not, with a reason.
  await expect(page.getByTestId('doc-row')).toHaveCount(good.size);
  await expect(page.getByTestId('skipped-row')).toHaveCount(bad.length);
  await expect(page.locator('[data-testid="skipped-row"][data-reason="not-utf8"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="skipped-row"][data-reason="empty"]')).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/01-corpus.png' });

  await page.locator(`[data-testid="doc-row"][data-doc-id="${docId}"]`).click();
  const view = page.locator(`[data-testid="doc-view"][data-doc-id="${docId}"][data-loaded="true"]`);
  await expect(view).toBeVisible();

  // 1. A QUOTE with the mouse, after the emoji so code points and UTF-16 differ.
  const emojiAt = text.indexOf('👍🏽');
  const after = text.slice(emojiAt + 4);
  const phrase = /[A-Z][a-z]+(?: [a-z]+){3}/.exec(after);
  if (!phrase) throw new Error('need a four-word phrase after the emoji');
  const q16 = emojiAt + 4 + phrase.index;
  const qEnd16 = q16 + phrase[0].length;
  await dragSelect(page, q16, qEnd16);
  await edit(page, () => page.keyboard.press('q'));

  let layer = await readLayer(qb.ws.corpus, 'maria', docId);
  expect(layer.spans).toHaveLength(1);
  const quote = layer.spans[0]!;
  expect(quote).toMatchObject({ label: 'QUOTE', start: cpIndex(text, q16), end: cpIndex(text, qEnd16), quote: phrase[0], author: 'maria' });
  expect(quote.start).toBe(q16 - 2); // 👍🏽 is 4 UTF-16 units but 2 code points
  expect(cpSlice(text, quote.start, quote.end)).toBe(quote.quote);
  expect(quote.prefix).toBe(cpSlice(text, Math.max(0, quote.start - 32), quote.start));
  expect(quote.suffix).toBe(cpSlice(text, quote.end, quote.end + 32));
  expect(layer.status).toBe('in-progress');

  // 2. A nested SOURCE inside the quote, with the mouse: its second word.
  const secondWord = /\s(\S+)/.exec(phrase[0])!;
  const s16 = q16 + secondWord.index + 1;
  await dragSelect(page, s16, s16 + secondWord[1]!.length);
  await edit(page, () => page.keyboard.press('s'));

  // 3. An overlapping CLAIM with the keyboard only: caret before the quote, Shift+ArrowRight
  //    across the quote's first word (the caret is placed by clicking plain text first).
  let c16 = q16 - 1;
  while (c16 > 0 && /\s/.test(text[c16]!)) c16 -= 1;
  while (c16 > 0 && /\S/.test(text[c16 - 1]!)) c16 -= 1;
  const firstWordLength = phrase[0].indexOf(' ');
  const claimText = text.slice(c16, q16 + firstWordLength);
  expect(claimText, 'one UTF-16 unit per grapheme here, so one key press per unit').toMatch(/^[\u0020-\u007e\u00a0-\u02ff\u2010-\u201f]+$/);
  const start = await pointAt(page, c16, 'before');
  await page.mouse.click(start.x, start.y);
  for (let i = 0; i < claimText.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await edit(page, () => page.keyboard.press('c'));

  // 4. A keyboard selection across the emoji never splits it: one step selects the whole cluster.
  const e = await pointAt(page, emojiAt, 'before');
  await page.mouse.click(e.x, e.y);
  await page.keyboard.press('Shift+ArrowRight');
  await edit(page, () => page.keyboard.press('v'));

  layer = await readLayer(qb.ws.corpus, 'maria', docId);
  const byLabel = Object.fromEntries(layer.spans.map((s) => [s.label, s]));
  expect(Object.keys(byLabel).sort()).toEqual(['CLAIM', 'CUE', 'QUOTE', 'SOURCE']);
  expect(byLabel.SOURCE).toMatchObject({ start: cpIndex(text, s16), quote: secondWord[1] });
  expect(byLabel.CLAIM).toMatchObject({ start: cpIndex(text, c16), end: cpIndex(text, q16 + firstWordLength) });
  expect(byLabel.CUE).toMatchObject({ start: cpIndex(text, emojiAt), end: cpIndex(text, emojiAt) + 2, quote: '👍🏽' });
  for (const s of layer.spans) expect(cpSlice(text, s.start, s.end)).toBe(s.quote);
  await expect(page.locator('[data-testid="doc-view"] .hl')).not.toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/02-annotating.png' });
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/03-shortcuts.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-sheet')).toBeHidden();

  // 5. Click the nested SOURCE highlight to select it, then Delete removes it from disk.
  const sourceId = byLabel.SOURCE!.id;
  const mid = await pointAt(page, s16 + 1, 'before');
  await page.mouse.click(mid.x, mid.y);
  await expect(page.getByTestId('inspector')).toContainText('SOURCE');
  await edit(page, () => page.keyboard.press('Delete'));
  layer = await readLayer(qb.ws.corpus, 'maria', docId);
  expect(layer.spans.map((s) => s.id)).not.toContain(sourceId);
  expect(layer.spans).toHaveLength(3);

  // 6. Reload: the list and the highlights come back from disk.
  await page.reload();
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${docId}"]`)).toHaveAttribute('data-span-count', '3');
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${docId}"]`)).toHaveAttribute('data-status', 'in-progress');
  await page.locator(`[data-testid="doc-row"][data-doc-id="${docId}"]`).click();
  await expect(view).toBeVisible();
  const shownIds = await page.locator('[data-testid="doc-view"] [data-span-ids]').evaluateAll((els) =>
    [...new Set(els.flatMap((el) => (el.getAttribute('data-span-ids') ?? '').split(' ').filter(Boolean)))].sort(),
  );
  expect(shownIds).toEqual(layer.spans.map((s) => s.id).sort());
});
