/**
 * A span added with a label key is painted in the keypress's own frame as a custom highlight
 * (no DOM change), then drawn as its element in the frame after, which takes the custom
 * highlight away; the span ends up on disk exactly as a span drawn at once did. A second label
 * key pressed before that frame acts on the same text and sees the first span selected.
 */
import type { Page } from '@playwright/test';
import { cpIndex, cpSlice, readLayer, writeCorpus } from './harness.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';
import { dragSelect } from './text-geometry.js';

test.use({ sampleWorkspace: false });

const TEXT = 'Talks resumed 👍🏽 on Tuesday.\n\nThe envoy said the ceasefire would hold, officials told reporters.\n\nNobody else spoke.\n';

/** Records, for the next keydown, what shows at the end of its task and in the first animation frame after it. */
function probeNextKey(page: Page) {
  return page.evaluate(() => {
    const view = document.querySelector('[data-testid="doc-view"]')!;
    const known = new Set([...view.querySelectorAll('[data-span-ids]')].flatMap((el) => el.getAttribute('data-span-ids')!.split(' ')));
    const look = () => ({
      highlight: [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('qb-new-0') ?? [])].map((r) => r.toString()),
      elements: [...view.querySelectorAll('[data-span-ids]')].filter((el) => el.getAttribute('data-span-ids')!.split(' ').some((id) => !known.has(id))).length,
    });
    const w = window as unknown as { probe: Promise<{ atKey: ReturnType<typeof look>; firstFrame: ReturnType<typeof look> }> };
    w.probe = new Promise((resolve) => {
      // Registered after the app's own keydown handler, so it runs after it in the same task.
      window.addEventListener(
        'keydown',
        () => {
          const atKey = look();
          requestAnimationFrame(() => resolve({ atKey, firstFrame: look() }));
        },
        { once: true },
      );
    });
  });
}

const probeResult = (page: Page) => page.evaluate(() => (window as unknown as { probe: Promise<unknown> }).probe);
const registeredNewSpans = (page: Page) =>
  page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()].filter((name) => name.startsWith('qb-new-')));

test('a span added by key shows as a custom highlight in its first frame, then as its element, saved exactly', async ({ qb }) => {
  await writeCorpus(qb.ws.corpus, { 'talks.txt': TEXT });
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await page.locator('[data-testid="doc-row"][data-doc-id="talks.txt"]').click();
  await expect(page.locator('[data-testid="doc-view"][data-doc-id="talks.txt"][data-loaded="true"]')).toBeVisible();

  const phrase = 'the ceasefire would hold';
  const at = TEXT.indexOf(phrase);
  await dragSelect(page, at, at + phrase.length);
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(phrase);
  await probeNextKey(page);
  await edit(page, () => page.keyboard.press('q'));
  // The keypress registered the highlight over exactly the selected text, and the DOM had no new element yet.
  expect(await probeResult(page)).toEqual({ atKey: { highlight: [phrase], elements: 0 }, firstFrame: { highlight: [phrase], elements: 0 } });
  // Then the element, selected, and no custom highlight left.
  await expect(page.locator('[data-testid="doc-view"] .hl-selected')).toHaveText(phrase);
  expect(await registeredNewSpans(page)).toEqual([]);
  await expect(page.getByTestId('inspector')).toContainText('QUOTE');

  let layer = await readLayer(qb.ws.corpus, 'maria', 'talks.txt');
  expect(layer.spans).toHaveLength(1);
  const quote = layer.spans[0]!;
  expect(quote).toMatchObject({ label: 'QUOTE', start: cpIndex(TEXT, at), end: cpIndex(TEXT, at + phrase.length), quote: phrase, author: 'maria' });
  expect(quote.start).toBe(at - 2); // 👍🏽 is 4 UTF-16 units but 2 code points
  expect(quote.prefix).toBe(cpSlice(TEXT, Math.max(0, quote.start - 32), quote.start));
  expect(quote.suffix).toBe(cpSlice(TEXT, quote.end, quote.end + 32));

  // Two label keys in a row, the second before the first one's element is drawn: both act on
  // the same selected text, and the second span is the one selected afterwards.
  const second = 'officials told reporters';
  const at2 = TEXT.indexOf(second);
  await dragSelect(page, at2, at2 + second.length);
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(second);
  // Both keydowns go in one task: two real key presses may arrive after the first save has
  // put the caret at the end of the text (a loaded machine), and then the second one rightly has
  // no selection to label.
  await edit(page, () =>
    page.evaluate(() => {
      const target = document.activeElement ?? document.body;
      for (const key of ['q', 'c']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }),
  );
  await expect.poll(async () => (await readLayer(qb.ws.corpus, 'maria', 'talks.txt')).spans.length).toBe(3);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  layer = await readLayer(qb.ws.corpus, 'maria', 'talks.txt');
  const added = layer.spans.filter((s) => s.id !== quote.id);
  expect(added.map((s) => [s.label, s.start, s.end, s.quote]).sort()).toEqual([
    ['CLAIM', cpIndex(TEXT, at2), cpIndex(TEXT, at2 + second.length), second],
    ['QUOTE', cpIndex(TEXT, at2), cpIndex(TEXT, at2 + second.length), second],
  ]);
  await expect(page.getByTestId('inspector')).toContainText('CLAIM');
  expect(await registeredNewSpans(page)).toEqual([]);

  // Undo takes the last one away, on screen and on disk.
  await edit(page, () => page.keyboard.press('Control+z'));
  layer = await readLayer(qb.ws.corpus, 'maria', 'talks.txt');
  expect(layer.spans.map((s) => s.label).sort()).toEqual(['QUOTE', 'QUOTE']);
  await expect(page.locator('[data-testid="doc-view"] [data-span-ids]')).not.toHaveCount(0);
});
