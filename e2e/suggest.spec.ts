/**
 * Suggestions on a sample article: shown as ghost boxes with the proposed speaker and cue, one
 * accepted with Enter, one rejected with X (undone with Ctrl+Z and redone with Ctrl+Y), the rest
 * accepted with Shift+Enter, then undone; the layer file on disk holds the spans, links,
 * provenance and the rejection.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AnnotationFile, ProjectFile } from '../shared/model.js';
import { readLayer } from './harness.js';
import { readProject } from '../main/services/store/project.js';
import { edit, expect, setAnnotator, test } from './fixtures.js';

const DOC = '01-harbour-water-talks.txt';

test('suggestions: show, accept with Enter, reject with X and undo it, accept all, undo; all on disk', async ({ qb }) => {
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`).click();
  const view = page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`);
  await expect(view).toBeVisible();
  await view.focus();

  // I shows the suggestions: five quotes in this article, the first focused with its speaker and cue.
  await page.keyboard.press('i');
  const layer = page.getByTestId('suggestion-layer');
  await expect(layer).toHaveAttribute('data-count', '5');
  const card = page.getByTestId('suggestion-card');
  await expect(card).toHaveAttribute('data-suggestion-id', 'sg_248_315');
  await expect(page.getByTestId('suggestion-speaker')).toContainText('Farhana Qureshi');
  await expect(page.getByTestId('suggestion-speaker')).toContainText('new');
  await expect(page.getByTestId('suggestion-cue')).toHaveText('“said”');
  // The focused quote's source mention and cue are drawn too; no real span exists yet.
  await expect(page.locator('.ghost-focused[data-ghost-label="QUOTE"]')).not.toHaveCount(0);
  await expect(page.locator('[data-suggestion-id="sg_248_315"][data-ghost-label="CUE"]')).toHaveCount(1);
  await expect(page.locator('.hl')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/13-suggestions.png' });

  // Enter accepts the focused one: a quote, its source mention and cue, two links and a new speaker.
  await edit(page, () => page.keyboard.press('Enter'));
  await expect(layer).toHaveAttribute('data-count', '4');
  let file = await readLayer(qb.ws.corpus, 'maria', DOC);
  const project: ProjectFile = await readProject(qb.ws.corpus);
  const qureshi = project.speakers.find((s) => s.name === 'Farhana Qureshi');
  expect(qureshi?.kind).toBe('person');
  const brief = (f: AnnotationFile) => f.spans.map((s) => [s.label, s.quote, s.attrs.form ?? null, s.speakerId ?? null, s.provenance?.suggested ?? false]);
  expect(brief(file)).toEqual([
    ['QUOTE', '“Nobody walks away with everything, but nobody walks away thirsty,”', 'direct', qureshi!.id, true],
    ['SOURCE', 'Farhana Qureshi', null, qureshi!.id, true],
    ['CUE', 'said', null, null, true],
  ]);
  expect(file.spans[0]!.provenance).toMatchObject({ from: 'suggester', sourceSpanId: 'sg_248_315', decidedBy: 'maria' });
  const [quote, source, cue] = file.spans.map((s) => s.id);
  expect(file.relations.map((r) => [r.head, r.child, r.label])).toEqual([
    [quote, source, 'source'],
    [quote, cue, 'cue'],
  ]);

  // X rejects the next one (Tobias Renner's); it is kept as rejected in the layer file.
  await expect(card).toHaveAttribute('data-suggestion-id', 'sg_437_483');
  const rejectedOnDisk = async () => (await readLayer(qb.ws.corpus, 'maria', DOC)).rejectedSuggestions?.map((r) => [r.id, r.quote, r.by]);
  const renner = [['sg_437_483', '"We signed because the alternative was worse,"', 'maria']];
  await edit(page, () => page.keyboard.press('x'));
  await expect(layer).toHaveAttribute('data-count', '3');
  expect(await rejectedOnDisk()).toEqual(renner);

  // Ctrl+Z takes the rejection back: the suggestion is proposed again and gone from the file; Ctrl+Y rejects it again.
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect(layer).toHaveAttribute('data-count', '4');
  await expect(page.locator('[data-suggestion-id="sg_437_483"][data-ghost-label="QUOTE"]')).not.toHaveCount(0);
  expect(await rejectedOnDisk()).toEqual([]);
  await edit(page, () => page.keyboard.press('Control+y'));
  await expect(layer).toHaveAttribute('data-count', '3');
  await expect(page.locator('[data-suggestion-id="sg_437_483"]')).toHaveCount(0);
  expect(await rejectedOnDisk()).toEqual(renner);

  // Shift+Enter accepts the three left, in one edit.
  await edit(page, () => page.keyboard.press('Shift+Enter'));
  await expect(layer).toHaveAttribute('data-count', '0');
  file = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(file.spans.filter((s) => s.label === 'QUOTE').map((s) => [s.attrs.form, s.provenance?.sourceSpanId])).toEqual([
    ['direct', 'sg_248_315'],
    ['indirect', 'sg_586_658'],
    ['indirect', 'sg_698_724'],
    ['indirect', 'sg_749_812'],
  ]);
  expect(file.spans.every((s) => s.provenance?.suggested)).toBe(true);
  expect(file.relations).toHaveLength(8);

  // Ctrl+Z undoes the accept-all as one edit: its three quotes are suggestions again, the rejected one stays out.
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect(layer).toHaveAttribute('data-count', '3');
  file = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(brief(file).map((b) => b[0])).toEqual(['QUOTE', 'SOURCE', 'CUE']);
  expect(file.relations).toHaveLength(2);
  expect(file.rejectedSuggestions).toHaveLength(1);

  // Escape hides the ghosts.
  await page.keyboard.press('Escape');
  await expect(layer).toHaveCount(0);
});

test('the focused suggestion is brought into view whole, its last line and its cue included', async ({ qb }) => {
  // A long article whose quotes sit far down, each over several lines, the cue after the quote.
  const filler = Array.from({ length: 40 }, (_, i) => `Item ${i + 1} of the harbour council minutes was read and noted without debate.`);
  const quote = (n: number) => `“The berths on the east quay will be dredged before the winter storms arrive, the pilots will be paid for the extra night shifts, and nobody who works on the water will lose a single day of pay because of it, number ${n},” said Ines Calder, the harbour master.`;
  const text = ['Harbour council minutes', ...filler, quote(1), ...filler.slice(0, 12), quote(2), ''].join('\n');
  await fs.writeFile(path.join(qb.ws.corpus, 'minutes.txt'), text);
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await page.locator('[data-testid="doc-row"][data-doc-id="minutes.txt"]').click();
  const view = page.locator('[data-testid="doc-view"][data-doc-id="minutes.txt"][data-loaded="true"]');
  await expect(view).toBeVisible();
  await view.focus();
  await page.keyboard.press('i');
  await expect(page.getByTestId('suggestion-layer')).toHaveAttribute('data-count', '2');
  for (const n of [1, 2]) {
    if (n === 2) await page.keyboard.press('i');
    await expect(page.getByTestId('suggestion-card')).toHaveAttribute('data-suggestion-id', /^sg_/);
    await expect(page.getByTestId('suggestion-cue')).toHaveText('“said”');
    const frame = (await view.boundingBox())!;
    const parts = page.locator('.ghost-focused');
    await expect(parts.last()).toBeVisible();
    // Every box of the focused quote, its source and its cue lies inside the scrolled view.
    await expect(async () => {
      for (const box of await parts.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { top: number; bottom: number }))) {
        expect(box.top).toBeGreaterThanOrEqual(frame.y - 1);
        expect(box.bottom).toBeLessThanOrEqual(frame.y + frame.height + 1);
      }
    }).toPass({ timeout: 10_000 });
    expect(await parts.count()).toBeGreaterThanOrEqual(4);
  }
});

test('accepting all 300 suggestions of a long article is one edit: on disk at once, gone again after one Ctrl+Z', async ({ qb }) => {
  const names = ['Amina Qureshi', 'Tobias Renner', 'Ines Calder', 'Omar Tahir'];
  const lines = ['Harbour council, the long day', ''];
  for (let i = 0; i < 300; i += 1) lines.push(`Item ${i + 1} was read. “The berths on quay ${i + 1} will be dredged before winter,” ${names[i % names.length]} said.`, '');
  await fs.writeFile(path.join(qb.ws.corpus, 'long-day.txt'), lines.join('\n'));
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await setAnnotator(page, 'maria');
  await page.locator('[data-testid="doc-row"][data-doc-id="long-day.txt"]').click();
  const view = page.locator('[data-testid="doc-view"][data-doc-id="long-day.txt"][data-loaded="true"]');
  await expect(view).toBeVisible();
  await view.focus();
  await page.keyboard.press('i');
  const layer = page.getByTestId('suggestion-layer');
  await expect(layer).toHaveAttribute('data-count', '300');

  // Shift+Enter accepts them all: 300 quotes, their sources and cues, 600 links, in the file.
  await edit(page, () => page.keyboard.press('Shift+Enter'));
  await expect(layer).toHaveAttribute('data-count', '0');
  let file = await readLayer(qb.ws.corpus, 'maria', 'long-day.txt');
  expect(file.spans.filter((s) => s.label === 'QUOTE')).toHaveLength(300);
  expect(file.spans).toHaveLength(900);
  expect(file.relations).toHaveLength(600);
  expect(file.spans.every((s) => s.provenance?.suggested)).toBe(true);
  const project: ProjectFile = await readProject(qb.ws.corpus);
  expect(project.speakers.map((s) => s.name).sort()).toEqual([...names].sort());

  // One Ctrl+Z takes the whole accept back: the file is empty again and the speakers are gone.
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect(layer).toHaveAttribute('data-count', '300');
  file = await readLayer(qb.ws.corpus, 'maria', 'long-day.txt');
  expect([file.spans, file.relations]).toEqual([[], []]);
  const after: ProjectFile = await readProject(qb.ws.corpus);
  expect(after.speakers.filter((s) => names.includes(s.name))).toEqual([]);
});
