import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace } from './harness.js';

describe('makeWorkspace', () => {
  it('copies the articles but not a data folder left in the source (npm start writes one into the sample corpus)', async () => {
    const source = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-ws-src-'));
    await fs.mkdir(path.join(source, '.quotebench', 'annotations', 'me'), { recursive: true });
    await fs.writeFile(path.join(source, '.quotebench', 'annotations', 'me', 'a.txt.json'), '{}');
    await fs.mkdir(path.join(source, 'sub'));
    await fs.writeFile(path.join(source, 'a.txt'), 'A\n');
    await fs.writeFile(path.join(source, 'sub', 'b.txt'), 'B\n');
    const ws = await makeWorkspace(source);
    expect((await fs.readdir(ws.corpus)).sort()).toEqual(['a.txt', 'sub']);
    expect(await fs.readFile(path.join(ws.corpus, 'sub', 'b.txt'), 'utf8')).toBe('B\n');
    await fs.rm(ws.dir, { recursive: true, force: true });
    await fs.rm(source, { recursive: true, force: true });
  });
});
