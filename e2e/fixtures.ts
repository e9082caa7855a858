/**
 * Playwright fixtures: each test gets its own temp workspace and its own app, so tests never
 * share state. `qb.start()` can be called again to simulate an app restart.
 *
 * Two ways to run the same specs:
 * - default: the real renderer build in Chromium, with the real main-side handler table bridged
 *   in as the preload would (harness.ts). This is what CI runs: no Electron binary exists there.
 * - QUOTEBENCH_E2E_ELECTRON=1: the real Electron app through Playwright's `_electron.launch()`,
 *   where an Electron binary can be had (`node -e "require('electron')"` prints its path).
 *   The folder dialog is answered by stubbing `dialog.showOpenDialog` in the main process.
 */
import { test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import type { AppOptions, QuotebenchApp } from '../main/services/app.js';
import { makeWorkspace, openRenderer, recordNetwork, repoRoot, startServices, type Workspace } from './harness.js';

export const electronMode = process.env.QUOTEBENCH_E2E_ELECTRON === '1';

export interface QuotebenchFixture {
  ws: Workspace;
  /** The app window (valid after start()). */
  page: Page;
  /** (Re)starts the app; `initialCorpus` opens that folder at start. Returns the window. */
  start(options?: Pick<AppOptions, 'initialCorpus'>): Promise<Page>;
  /** Answers the next native open dialog (Open Corpus Folder, or an import's Browse…) with `folder` (null = cancel). */
  answerFolderDialog(folder: string | null): Promise<void>;
  /** Every request that left the app's own files; must stay empty. */
  readonly network: string[];
}

export const test = base.extend<{ qb: QuotebenchFixture; sampleWorkspace: boolean }>({
  sampleWorkspace: [true, { option: true }],
  qb: async ({ playwright, launchOptions, viewport, sampleWorkspace }, use) => {
    const ws = await makeWorkspace(sampleWorkspace ? undefined : null);
    const recorders: string[][] = [];
    let services = null as QuotebenchApp | null;
    let electronApp = null as ElectronApplication | null;
    let page: Page | null = null;
    const folderAnswers: (string | null)[] = [];
    const browser = electronMode ? null : await playwright.chromium.launch(launchOptions);

    const fixture: QuotebenchFixture = {
      ws,
      get network() {
        return recorders.flat();
      },
      get page(): Page {
        if (!page) throw new Error('call qb.start() first');
        return page;
      },
      async start(options = {}) {
        if (electronMode) {
          await electronApp?.close();
          electronApp = await playwright._electron.launch({
            args: [repoRoot],
            env: { ...process.env, QUOTEBENCH_USER_DATA: ws.settingsDir, QUOTEBENCH_CORPUS: options.initialCorpus ?? '' } as Record<string, string>,
          });
          page = await electronApp.firstWindow();
          await page.setViewportSize(viewport ?? { width: 1280, height: 800 });
          recorders.push(recordNetwork(page));
          return page;
        }
        if (services) await services.close();
        services = await startServices({
          settingsDir: ws.settingsDir,
          mode: 'electron',
          defaultAnnotator: 'analyst',
          pickFolder: async () => folderAnswers.shift() ?? null,
          pickPath: async () => folderAnswers.shift() ?? null,
          initialCorpus: options.initialCorpus ?? null,
        });
        if (!page) {
          const context = await browser!.newContext({ viewport: viewport ?? { width: 1280, height: 800 } });
          page = await context.newPage();
          recorders.push(recordNetwork(page));
        }
        const current = services;
        await openRenderer(page, () => services ?? current);
        return page;
      },
      async answerFolderDialog(folder) {
        if (!electronApp) {
          folderAnswers.push(folder);
          return;
        }
        await electronApp.evaluate(({ dialog }, answer) => {
          dialog.showOpenDialog = (async () => ({ canceled: answer === null, filePaths: answer ? [answer] : [] })) as typeof dialog.showOpenDialog;
        }, folder);
      },
    };
    await use(fixture);
    const seen = fixture.network;
    await services?.close();
    await electronApp?.close();
    await browser?.close();
    expect(seen, 'the app must never make a network request').toEqual([]);
  },
});

export { expect };

/**
 * In the open Import dialog, chooses `source` with Browse… (the desktop app reads only what its
 * dialog picked), the dialog answered by the fixture.
 */
export async function browseImportSource(qb: QuotebenchFixture, source: string): Promise<void> {
  await qb.answerFolderDialog(source);
  await qb.page.getByTestId('import-browse').click();
  await expect(qb.page.getByTestId('import-source')).toHaveValue(source);
}

/** Answers the first-run annotator prompt. */
export async function setAnnotator(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('annotator-dialog')).toBeVisible();
  await page.getByTestId('annotator-input').fill(name);
  await page.getByTestId('annotator-save').click();
  await expect(page.getByTestId('annotator-dialog')).toBeHidden();
}

/**
 * Runs `action` and waits until the app answered a new write and shows "Saved". Waiting for the
 * text alone would pass at once when an earlier edit's "Saved" is still showing.
 */
export async function edit(page: Page, action: () => Promise<unknown>): Promise<void> {
  const status = page.getByTestId('save-status');
  const before = Number((await status.getAttribute('data-completed')) ?? 0);
  await action();
  await expect.poll(async () => Number((await status.getAttribute('data-completed')) ?? 0)).toBeGreaterThan(before);
  await expect(status).toHaveAttribute('data-state', 'saved');
}
