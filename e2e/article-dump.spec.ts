/**
 * A corpus with a `.jsonl` article dump beside its `.txt` files: every article is listed with
 * its title and `dump › id`, a bad line is listed apart with its line number, and a span made
 * in an article lands on disk under the article's id in code points.
 */
import { cpIndex, readLayer, writeCorpus } from './harness.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';
import { dragSelect } from './text-geometry.js';

test.use({ sampleWorkspace: false });

const ARTICLE = 'Envoy returns\n👍🏽 “We will keep talking,” the envoy said on Friday.';

test('articles of a .jsonl dump are listed, opened and annotated like files', async ({ qb }) => {
  await writeCorpus(qb.ws.corpus, {
    'plain.txt': 'A plain article.\nNothing to see.\n',
    'feeds/wire.jsonl': [
      JSON.stringify({ id: 'wire-1', title: 'Envoy returns to the capital', text: ARTICLE, meta: { url: 'https://example.org/1' } }),
      '{"id": "wire-2", "text": ',
      JSON.stringify({ text: 'An article without an id.' }),
    ].join('\n'),
  });
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');

  const docId = 'feeds/wire.jsonl/wire-1';
  await expect(page.getByTestId('doc-row')).toHaveCount(3);
  const row = page.locator(`[data-testid="doc-row"][data-doc-id="${docId}"]`);
  await expect(row).toContainText('Envoy returns to the capital');
  await expect(row).toContainText('wire.jsonl › wire-1');
  await expect(page.locator('[data-testid="doc-row"][data-doc-id="feeds/wire.jsonl/line-3"]')).toBeVisible();
  await expect(page.locator('[data-testid="skipped-row"][data-reason="malformed"]')).toContainText('feeds/wire.jsonl line 2');

  await row.click();
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${docId}"][data-loaded="true"]`)).toBeVisible();
  const quote = '“We will keep talking,”';
  const q16 = ARTICLE.indexOf(quote);
  await dragSelect(page, q16, q16 + quote.length);
  await edit(page, () => page.keyboard.press('q'));

  const layer = await readLayer(qb.ws.corpus, 'maria', docId);
  expect(layer.spans.map((s) => [s.label, s.start, s.end, s.quote])).toEqual([['QUOTE', cpIndex(ARTICLE, q16), cpIndex(ARTICLE, q16) + 23, quote]]);
  await expect(row).toHaveAttribute('data-span-count', '1');
});
