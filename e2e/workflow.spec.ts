/**
 * The analyst's full workflow on one article, keyboard only: find text (Ctrl+F), label it,
 * link a speaker (fuzzy match and new, anonymous included), a target and stance, the source
 * mention and the cue, a discontinuous quote, undo and redo (also after switching documents),
 * and the span list. Every step is checked on disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ProjectFile } from '../shared/model.js';
import { readProject as foldedProject } from '../main/services/store/project.js';
import { cpIndex, readLayer } from './harness.js';
import { edit, expect, test } from './fixtures.js';

const DOC = '02-minister-interview.txt';

/** The registry on disk: project.json with every registry log folded in. */
async function readProject(corpus: string): Promise<ProjectFile> {
  return foldedProject(corpus);
}

/**
 * Counts trusted mouse and pointer events in the page (a keyboard-activated button's click has
 * detail 0 and is not counted), so the spec can prove it used the keyboard only. Installed for
 * the current document and every later load (reload).
 */
async function countMouseEvents(page: Page): Promise<void> {
  const install = () => {
    const w = window as unknown as { __qbMouse?: string[] };
    if (w.__qbMouse) return;
    w.__qbMouse = [];
    for (const type of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'pointerup', 'pointermove', 'dblclick', 'contextmenu', 'wheel', 'click']) {
      window.addEventListener(
        type,
        (e) => {
          if (e.isTrusted && !(type === 'click' && (e as MouseEvent).detail === 0)) w.__qbMouse!.push(type);
        },
        { capture: true },
      );
    }
  };
  await page.addInitScript(install);
  await page.evaluate(install);
}

async function mouseEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __qbMouse?: string[] }).__qbMouse ?? ['(counter missing)']);
}

/** Ctrl+F, type, step `extra` hits on with Enter, Escape: the hit is the text selection. */
async function findAndSelect(page: Page, query: string, extra = 0): Promise<void> {
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('find-input')).toBeFocused();
  await page.keyboard.insertText(query);
  await expect(page.getByTestId('find-count')).not.toHaveText('no matches');
  for (let i = 0; i < extra; i += 1) await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('find-bar')).toBeHidden();
}

/** Finds `quote`, labels it QUOTE (Q), and links the speaker the box offers first for `typed` (L, Enter), which must be `expected`. */
async function quoteBy(page: Page, quote: string, typed: string, expected: string): Promise<void> {
  await findAndSelect(page, quote);
  await edit(page, () => page.keyboard.press('q'));
  await page.keyboard.press('l');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await page.keyboard.insertText(typed);
  await expect(page.getByTestId('speaker-option').first()).toContainText(expected);
  await expect(page.getByTestId('speaker-option').first()).toHaveAttribute('aria-selected', 'true');
  await edit(page, () => page.keyboard.press('Enter'));
  await expect(page.getByTestId('speaker-current')).toContainText(expected);
}

test('keyboard-only: quote, speaker, stance, links, fragments, undo across documents', async ({ qb }) => {
  const text = await fs.readFile(path.join(qb.ws.corpus, DOC), 'utf8');
  const page = await qb.start({ initialCorpus: qb.ws.corpus });
  await countMouseEvents(page);
  // The first-run prompt, answered from the keyboard (its field has the focus).
  await expect(page.getByTestId('annotator-input')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('maria');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('annotator-dialog')).toBeHidden();
  await expect(page.getByTestId('doc-row')).not.toHaveCount(0);
  // Focus never falls to the page: the closed prompt hands it to the document list.
  await expect(page.getByTestId('doc-list')).toBeFocused();

  // Open the second article with Alt+↓ (the first press opens the first one).
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`)).toBeVisible();
  // Enter on the open document goes to its text.
  await expect(page.getByTestId('doc-list')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('doc-view')).toBeFocused();

  // A direct quote: found with Ctrl+F, labelled with Q; the form is prefilled as direct.
  const quoteText = '“the only numbers anyone has bothered to measure.”';
  await findAndSelect(page, quoteText);
  await edit(page, () => page.keyboard.press('q'));
  let layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  const quote = layer.spans.find((s) => s.label === 'QUOTE')!;
  expect(quote).toMatchObject({ quote: quoteText, start: cpIndex(text, text.indexOf(quoteText)), attrs: { form: 'direct' } });
  await expect(page.getByTestId('span-incomplete')).toHaveText('missing speaker and stance');

  // The source mention (second "Qureishi": Enter steps to it) and the cue.
  const sourceAt = text.indexOf('Qureishi said');
  await findAndSelect(page, 'Qureishi', 1);
  await edit(page, () => page.keyboard.press('s'));
  await findAndSelect(page, 'said the plan');
  for (let i = 0; i < ' the plan'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await edit(page, () => page.keyboard.press('v'));

  // Back to the quote (N), link a new speaker with L.
  await page.keyboard.press('n');
  await expect(page.getByTestId('span-details')).toHaveAttribute('data-span-id', quote.id);
  await page.keyboard.press('l');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await page.keyboard.insertText('Farhana Qureshi');
  await expect(page.getByTestId('speaker-new')).toContainText('New person speaker');
  await edit(page, () => page.keyboard.press('Enter'));
  await expect(page.getByTestId('speaker-current')).toContainText('Farhana Qureshi');
  let project = await readProject(qb.ws.corpus);
  const minister = project.speakers.find((s) => s.name === 'Farhana Qureshi')!;
  expect(minister.kind).toBe('person');

  // Target (T, typed new) and stance (1 = FAVOR).
  await page.keyboard.press('t');
  await expect(page.getByTestId('target-input')).toBeFocused();
  await page.keyboard.insertText('reservoir-sharing plan');
  await edit(page, () => page.keyboard.press('Enter'));
  await edit(page, () => page.keyboard.press('1'));
  project = await readProject(qb.ws.corpus);
  const plan = project.targets.find((t) => t.label === 'reservoir-sharing plan')!;
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.id === quote.id)).toMatchObject({ speakerId: minister.id, stance: { targetId: plan.id, value: 'FAVOR' } });
  await expect(page.getByTestId('span-incomplete')).toHaveCount(0);

  // R links the nearest SOURCE, U the nearest CUE (pickers: Enter takes the first).
  await page.keyboard.press('r');
  await expect(page.getByTestId('link-source-picker')).toBeFocused();
  await edit(page, () => page.keyboard.press('Enter'));
  await page.keyboard.press('u');
  await expect(page.getByTestId('link-cue-picker')).toBeFocused();
  await edit(page, () => page.keyboard.press('Enter'));
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  const source = layer.spans.find((s) => s.label === 'SOURCE')!;
  const cue = layer.spans.find((s) => s.label === 'CUE')!;
  expect(source).toMatchObject({ quote: 'Qureishi', start: cpIndex(text, sourceAt) });
  expect(cue.quote).toBe('said');
  expect(layer.relations.map((r) => [r.head, r.child, r.label]).sort()).toEqual(
    [
      [quote.id, cue.id, 'cue'],
      [quote.id, source.id, 'source'],
    ].sort(),
  );
  // Linking the source mention told it who it names.
  expect(source.speakerId).toBe(minister.id);
  await page.screenshot({ path: 'docs/screenshots/04-inspector.png' });

  // The fuzzy box: "Qureishi" finds "Farhana Qureshi" for the source mention too.
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(page.getByTestId('span-details')).toHaveAttribute('data-span-id', source.id);
  await page.keyboard.press('l');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('Qureishi');
  await expect(page.getByTestId('speaker-option').first()).toContainText('Farhana Qureshi');
  await page.keyboard.press('Escape');

  // An anonymous source: the box is prefilled with the mention and guesses "anonymous".
  await findAndSelect(page, 'Officials privy to the discussions');
  await edit(page, () => page.keyboard.press('s'));
  await page.keyboard.press('l');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await expect(page.getByTestId('speaker-input')).toHaveValue('Officials privy to the discussions');
  await expect(page.getByTestId('speaker-new')).toContainText('New anonymous speaker');
  await edit(page, () => page.keyboard.press('Enter'));
  project = await readProject(qb.ws.corpus);
  expect(project.speakers.find((s) => s.name === 'Officials privy to the discussions')?.kind).toBe('anonymous');

  // A quote linked through a misspelling: "Qureishi" finds "Farhana Qureshi"; Enter links her.
  const quote2 = '“When the association told me, ‘We were never asked,’ I showed them the minutes of six meetings they attended.”';
  await quoteBy(page, quote2, 'Qureishi', 'Farhana Qureshi');
  // E writes a note on it (Ctrl+Enter saves); F steps its form from direct to indirect.
  await page.keyboard.press('e');
  await expect(page.getByTestId('span-note')).toBeFocused();
  await page.keyboard.insertText('nested quote of the association');
  await edit(page, () => page.keyboard.press('Control+Enter'));
  await edit(page, () => page.keyboard.press('f'));

  // A quote of the anonymous speaker, found by part of the description. Not in quotation marks: no form.
  const quote3 = 'the ministry is drafting a compensation scheme for the worst-affected orchards';
  await quoteBy(page, quote3, 'officials privy', 'Officials privy to the discussions');
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.quote === quote2)).toMatchObject({ speakerId: minister.id, attrs: { form: 'indirect' }, note: 'nested quote of the association' });
  const anonymous = project.speakers.find((s) => s.name === 'Officials privy to the discussions')!;
  expect(layer.spans.find((s) => s.quote === quote3)).toMatchObject({ speakerId: anonymous.id, attrs: {} });
  expect(project.speakers).toHaveLength(2);

  // A discontinuous quote: label the first piece, select the second, press A.
  const first = '‘Attending a meeting';
  const second = 'being heard,’';
  await findAndSelect(page, first);
  await edit(page, () => page.keyboard.press('q'));
  await findAndSelect(page, second);
  await edit(page, () => page.keyboard.press('a'));
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  const a = cpIndex(text, text.indexOf(first));
  const b = cpIndex(text, text.indexOf(second));
  const split = layer.spans.find((s) => s.quote.startsWith(first))!;
  expect(split).toMatchObject({ start: a, end: b + second.length, fragments: [[a, a + first.length], [b, b + second.length]] });
  await expect(page.getByTestId('span-fragment')).toHaveCount(2);
  const pieces = await page.locator(`[data-testid="doc-view"] [data-span-ids~="${split.id}"]`).count();
  expect(pieces).toBeGreaterThanOrEqual(2);

  // Undo makes it one piece again, redo splits it again.
  await edit(page, () => page.keyboard.press('Control+z'));
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.id === split.id)).toMatchObject({ start: a, end: a + first.length });
  expect(layer.spans.find((s) => s.id === split.id)?.fragments).toBeUndefined();
  await edit(page, () => page.keyboard.press('Control+Shift+z'));
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.id === split.id)?.fragments).toHaveLength(2);

  // The two-fragment quote is Vandermeer's: a new speaker typed by surname.
  await page.keyboard.press('l');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await page.keyboard.insertText('Vandermeer');
  await edit(page, () => page.keyboard.press('Enter'));

  // Her full name as a SOURCE mention: the box offers "Vandermeer" first; ↑ wraps to "new speaker".
  await findAndSelect(page, 'Ilse Vandermeer');
  await edit(page, () => page.keyboard.press('s'));
  await page.keyboard.press('l');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await expect(page.getByTestId('speaker-input')).toHaveValue('Ilse Vandermeer');
  await expect(page.getByTestId('speaker-option').first()).toContainText('Vandermeer');
  await expect(page.getByTestId('speaker-input')).toBeFocused();
  await expect(async () => {
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('speaker-new')).toHaveAttribute('aria-selected', 'true', { timeout: 300 });
  }).toPass({ timeout: 10_000 });
  await edit(page, () => page.keyboard.press('Enter'));
  project = await readProject(qb.ws.corpus);
  const surname = project.speakers.find((s) => s.name === 'Vandermeer')!;
  const fullName = project.speakers.find((s) => s.name === 'Ilse Vandermeer')!;
  expect(surname && fullName).toBeTruthy();

  // A CLAIM (C) gets checkworthy with F: yes, then no.
  const claim = 'the ministry is drafting a compensation scheme';
  await findAndSelect(page, claim);
  await edit(page, () => page.keyboard.press('c'));
  await edit(page, () => page.keyboard.press('f'));
  await edit(page, () => page.keyboard.press('f'));
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.label === 'CLAIM')).toMatchObject({ quote: claim, attrs: { checkworthy: 'no' } });

  // The span list shows every span; the two-fragment quote still lacks a stance.
  await expect(page.getByTestId('span-row')).toHaveCount(9);
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${split.id}"]`)).toHaveAttribute('data-incomplete', 'true');
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${quote.id}"]`)).not.toHaveAttribute('data-incomplete', 'true');

  // G: the speakers view focuses the likely duplicate; M merges it into the full name.
  await page.keyboard.press('g');
  const dupe = page.getByTestId('duplicate-row').first();
  await expect(dupe).toBeFocused();
  await expect(dupe).toContainText('Ilse Vandermeer');
  await page.keyboard.press('m');
  await expect(page.getByTestId('duplicate-row')).toHaveCount(0);
  project = await readProject(qb.ws.corpus);
  expect(project.speakers.map((s) => s.name).sort()).toEqual(['Farhana Qureshi', 'Ilse Vandermeer', 'Officials privy to the discussions']);
  expect(project.speakers.find((s) => s.id === fullName.id)?.aliases).toContain('Vandermeer');
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  expect(layer.spans.find((s) => s.id === split.id)?.speakerId).toBe(fullName.id);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('speakers-view')).toBeHidden();

  // Undo the merge, redo it.
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect.poll(async () => (await readProject(qb.ws.corpus)).speakers.length).toBe(4);
  await expect.poll(async () => (await readLayer(qb.ws.corpus, 'maria', DOC)).spans.find((s) => s.id === split.id)?.speakerId).toBe(surname.id);
  await edit(page, () => page.keyboard.press('Control+y'));
  await expect.poll(async () => (await readProject(qb.ws.corpus)).speakers.length).toBe(3);

  // D marks the document done; the next document opens; Ctrl+Z reopens this one and undoes it.
  await edit(page, () => page.keyboard.press('d'));
  expect((await readLayer(qb.ws.corpus, 'maria', DOC)).status).toBe('done');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('[data-testid="doc-view"][data-loaded="true"]')).not.toHaveAttribute('data-doc-id', DOC);
  await edit(page, () => page.keyboard.press('Control+z'));
  await expect(page.locator(`[data-testid="doc-view"][data-doc-id="${DOC}"][data-loaded="true"]`)).toBeVisible();
  expect((await readLayer(qb.ws.corpus, 'maria', DOC)).status).toBe('in-progress');
  await edit(page, () => page.keyboard.press('Control+Shift+z'));
  expect((await readLayer(qb.ws.corpus, 'maria', DOC)).status).toBe('done');

  // Reload: the list and the view come back from disk, and the files hold exactly this.
  expect(await mouseEvents(page), 'no mouse or pointer event before the reload').toEqual([]);
  await page.reload();
  await expect(page.locator(`[data-testid="doc-row"][data-doc-id="${DOC}"]`)).toHaveAttribute('data-status', 'done');
  await expect(page.getByText('1 of 7 done')).toBeVisible();
  layer = await readLayer(qb.ws.corpus, 'maria', DOC);
  project = await readProject(qb.ws.corpus);
  const name = (id: string | null | undefined) => project.speakers.find((p) => p.id === id)?.name ?? null;
  const summary = layer.spans
    .map((s) => [s.label, s.quote, name(s.speakerId), s.stance?.value ?? null, s.fragments?.length ?? 1])
    .sort((x, y) => String(x[1]).localeCompare(String(y[1])));
  expect(summary).toEqual(
    [
      ['QUOTE', quoteText, 'Farhana Qureshi', 'FAVOR', 1],
      ['SOURCE', 'Qureishi', 'Farhana Qureshi', null, 1],
      ['CUE', 'said', null, null, 1],
      ['SOURCE', 'Officials privy to the discussions', 'Officials privy to the discussions', null, 1],
      ['QUOTE', cpSliceOf(text, a, b + second.length), 'Ilse Vandermeer', null, 2],
      ['SOURCE', 'Ilse Vandermeer', 'Ilse Vandermeer', null, 1],
      ['QUOTE', quote2, 'Farhana Qureshi', null, 1],
      ['QUOTE', quote3, 'Officials privy to the discussions', null, 1],
      ['CLAIM', claim, null, null, 1],
    ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
  );
  expect(layer.relations).toHaveLength(2);
  for (const s of layer.spans) for (const [fs, fe] of s.fragments ?? [[s.start, s.end]]) expect(fe).toBeGreaterThan(fs!);
  expect(await mouseEvents(page), 'no mouse or pointer event after the reload').toEqual([]);
});

/** Code points [start, end) of `text`. */
function cpSliceOf(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
