/**
 * The CI gate on electronegativity (npm run security:scan): electronegativity exits 0 whatever
 * it finds, so the gate must read its report. A window with contextIsolation off fails it; our
 * own main/ (the hardened window, navigation and permission handlers) passes it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.join(import.meta.dirname, 'security-scan.mjs');

async function scan(source: string | null): Promise<{ code: number | null; out: string }> {
  const dir = source === null ? null : await fs.mkdtemp(path.join(os.tmpdir(), 'qb-scan-'));
  if (dir) await fs.writeFile(path.join(dir, 'window.ts'), source!);
  const r = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8', timeout: 120_000 });
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('security scan gate', () => {
  it('fails on a HIGH finding and passes main/', async () => {
    const weak = await scan(`import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n`);
    expect(weak.out).toMatch(/^HIGH\s+CONTEXT_ISOLATION_JS_CHECK \S*window\.ts:2:/m);
    expect(weak.out).toMatch(/\d+ findings, [1-9]\d* HIGH/);
    expect(weak.code).toBe(1);

    const hardened = await scan(null);
    expect(hardened.out).toMatch(/findings, 0 HIGH/);
    expect(hardened.code).toBe(0);
  }, 180_000);
});
