/**
 * Opening corpora: the welcome screen, File > Open Corpus Folder (Ctrl+O) answered by the
 * folder dialog, the last corpus reopened on start, and the recent-corpora list.
 */
import path from 'node:path';
import { writeCorpus } from './harness.js';
import { expect, setAnnotator, test } from './fixtures.js';

test.use({ sampleWorkspace: false });

test('Ctrl+O opens a folder, the last corpus reopens on start, recent corpora reopen', async ({ qb }) => {
  const first = path.join(qb.ws.dir, 'first-corpus');
  const second = path.join(qb.ws.dir, 'second-corpus');
  await writeCorpus(first, { 'a.txt': 'Alpha report\nThe council met on Monday.\n', 'b.txt': 'Beta report\nNobody said anything.\n' });
  await writeCorpus(second, { 'sub/c.txt': 'Gamma report\r\nA line with CRLF.\r\n' });

  let page = await qb.start();
  await setAnnotator(page, 'lee');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/00-welcome.png' });

  // Cancelling the dialog changes nothing.
  await qb.answerFolderDialog(null);
  await page.keyboard.press('Control+o');
  await expect(page.getByTestId('welcome')).toBeVisible();

  await qb.answerFolderDialog(first);
  await page.keyboard.press('Control+o');
  await expect(page.getByTestId('doc-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="doc-row"][data-doc-id="a.txt"]')).toContainText('Alpha report');

  await qb.answerFolderDialog(second);
  await page.keyboard.press('Control+o');
  await expect(page.getByTestId('doc-row')).toHaveCount(1);
  await expect(page.locator('[data-testid="doc-row"][data-doc-id="sub/c.txt"]')).toContainText('Gamma report');

  // Between runs an article is rewritten and another one arrives.
  await writeCorpus(second, { 'sub/c.txt': 'Gamma report, corrected\r\nA line with CRLF.\r\n', 'd.txt': 'Delta report\nFiled late.\n' });

  // A restart reopens the last corpus, with the annotator remembered. Its list may first come
  // from the index; the list checked against the folder replaces it.
  page = await qb.start();
  await expect(page.getByTestId('annotator-dialog')).toHaveCount(0);
  await expect(page.locator('[data-testid="doc-row"][data-doc-id="sub/c.txt"]')).toContainText('Gamma report, corrected');
  await expect(page.locator('[data-testid="doc-row"][data-doc-id="d.txt"]')).toContainText('Delta report');
  await expect(page.getByTestId('doc-row')).toHaveCount(2);

  // Recent corpora, most recent first, from the File menu.
  await page.getByTestId('file-menu').click();
  const recent = page.getByTestId('recent-item');
  await expect(recent.first()).toContainText('second-corpus');
  await expect(recent.nth(1)).toContainText('first-corpus');
  await recent.nth(1).click();
  await expect(page.getByTestId('doc-row')).toHaveCount(2);
});
