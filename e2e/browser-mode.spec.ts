/**
 * Browser mode as a user runs it: `quotebench serve CORPUS` (the compiled CLI, a real child
 * process) prints a URL with a per-run token; the UI works there, edits reach disk, and API
 * calls without the token, or with a foreign Host or Origin, are refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { cpIndex, makeWorkspace, readLayer, repoRoot, writeCorpus } from './harness.js';
import { pointAt } from './text-geometry.js';

async function serve(corpus: string, settingsDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'main', 'cli-bin.js'), 'serve', corpus, '--port', '0', '--settings-dir', settingsDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, url };
}

/** A raw HTTP POST so the test controls Host and Origin exactly. */
function post(url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: '/api/getSession', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

test('serve: the UI works over loopback with the token; requests without it are refused', async ({ page }) => {
  const ws = await makeWorkspace(null);
  const text = 'Harbour news\nThe mayor said: “We open the gates at dawn.” 🙂 Fishermen agreed.\n';
  await writeCorpus(ws.corpus, { 'harbour.txt': text });
  const { child, url } = await serve(ws.corpus, ws.settingsDir);
  try {
    const origin = new URL(url).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin)) foreign.push(r.url());
    });
    await page.goto(url);
    await page.getByTestId('annotator-input').fill('kim');
    await page.getByTestId('annotator-save').click();
    await page.locator('[data-testid="doc-row"][data-doc-id="harbour.txt"]').click();
    await expect(page.locator('[data-testid="doc-view"][data-loaded="true"]')).toBeVisible();
    // The token left the address bar once it was read.
    expect(page.url()).not.toContain('token=');

    // Keyboard selection of "Fishermen" (after the emoji), labelled CLAIM.
    const at = text.indexOf('Fishermen');
    // Measured until it holds still across frames (a run of paragraphs may move in its first frame).
    const box = await pointAt(page, at, 'before');
    await page.mouse.click(box.x, box.y);
    for (let i = 0; i < 'Fishermen'.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('c');
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
    const layer = await readLayer(ws.corpus, 'kim', 'harbour.txt');
    expect(layer.spans).toMatchObject([{ label: 'CLAIM', quote: 'Fishermen', start: cpIndex(text, at), end: cpIndex(text, at) + 9 }]);
    expect(foreign).toEqual([]);

    const u = new URL(url);
    const token = u.hash.slice('#token='.length);
    const host = `127.0.0.1:${u.port}`;
    expect(await post(u, { host, 'x-quotebench-token': token })).toBe(200);
    expect(await post(u, { host })).toBe(401);
    expect(await post(u, { host, 'x-quotebench-token': token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).toBe(401);
    expect(await post(u, { host: `evil.example:${u.port}`, 'x-quotebench-token': token })).toBe(403);
    expect(await post(u, { host, origin: 'http://evil.example', 'x-quotebench-token': token })).toBe(403);
  } finally {
    child.kill('SIGTERM');
  }
});
