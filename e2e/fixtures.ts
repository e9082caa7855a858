/**
 * Playwright fixtures: each test gets its own temp workspace and its own services, so tests
 * never share state. `qb.start()` can be called again to simulate an app restart.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { AppOptions, QuotebenchApp } from '../main/services/app.js';
import { makeWorkspace, openRenderer, recordNetwork, startServices, type Workspace } from './harness.js';

export interface QuotebenchFixture {
  ws: Workspace;
  app: QuotebenchApp | null;
  /** Answer the next "Open Corpus Folder" dialogs with these folders (null = cancel). */
  folderAnswers: (string | null)[];
  /** (Re)starts the services and loads the renderer in `page`. */
  start(options?: Partial<AppOptions>): Promise<QuotebenchApp>;
  network: string[];
}

export const test = base.extend<{ qb: QuotebenchFixture; sampleWorkspace: boolean }>({
  sampleWorkspace: [true, { option: true }],
  qb: async ({ page, sampleWorkspace }, use) => {
    const ws = await makeWorkspace(sampleWorkspace ? undefined : null);
    const fixture: QuotebenchFixture = {
      ws,
      app: null,
      folderAnswers: [],
      network: recordNetwork(page),
      async start(options = {}) {
        if (fixture.app) await fixture.app.close();
        fixture.app = await startServices({
          settingsDir: ws.settingsDir,
          mode: 'electron',
          defaultAnnotator: 'analyst',
          pickFolder: async () => fixture.folderAnswers.shift() ?? null,
          ...options,
        });
        const app = fixture.app;
        await openRenderer(page, () => fixture.app ?? app);
        return app;
      },
    };
    await use(fixture);
    await fixture.app?.close();
    expect(fixture.network, 'the app must never make a network request').toEqual([]);
  },
});

export { expect };

/** Answers the first-run annotator prompt. */
export async function setAnnotator(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('annotator-dialog')).toBeVisible();
  await page.getByTestId('annotator-input').fill(name);
  await page.getByTestId('annotator-save').click();
  await expect(page.getByTestId('annotator-dialog')).toBeHidden();
}
