import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Low } from 'lowdb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CorruptFileError, DurableJSONFile, quarantine, removeTempFiles } from './durable-file.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-durable-'));
});

describe('DurableJSONFile with lowdb', () => {
  it('writes through lowdb and reads back from disk', async () => {
    const file = path.join(dir, 'sub', 'a.json');
    const db = new Low(new DurableJSONFile<{ n: number }>(file), { n: 0 });
    await db.read();
    expect(db.data).toEqual({ n: 0 });
    db.data.n = 42;
    await db.write();
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ n: 42 });
    const again = new Low(new DurableJSONFile<{ n: number }>(file), { n: 0 });
    await again.read();
    expect(again.data).toEqual({ n: 42 });
    expect((await fs.readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('ignores a temp file left by a crash mid-write', async () => {
    const file = path.join(dir, 'b.json');
    await fs.writeFile(file, '{"n":1}');
    await fs.writeFile(path.join(dir, '.b.json.123.abc.tmp'), '{"n":');
    expect(await new DurableJSONFile(file).read()).toEqual({ n: 1 });
  });

  it('refuses a corrupt file without touching its bytes', async () => {
    const file = path.join(dir, 'c.json');
    await fs.writeFile(file, '{"n": 1,');
    await expect(new DurableJSONFile(file).read()).rejects.toBeInstanceOf(CorruptFileError);
    expect(await fs.readFile(file, 'utf8')).toBe('{"n": 1,');
  });

  it('applies the shape check', async () => {
    const file = path.join(dir, 'd.json');
    await fs.writeFile(file, '[]');
    const adapter = new DurableJSONFile(file, (d) => (Array.isArray(d) ? 'is a list, not an object' : null));
    await expect(adapter.read()).rejects.toThrow('is a list, not an object');
  });

  it('never overwrites an earlier quarantined copy, even in the same millisecond', async () => {
    const file = path.join(dir, 'f.json');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-04T05:06:07.089Z'));
    try {
      const moved: string[] = [];
      for (const content of ['first', 'second', 'third']) {
        await fs.writeFile(file, content);
        moved.push(await quarantine(file));
      }
      expect(moved.map((m) => path.basename(m))).toEqual(['f.json.corrupt-2026-03-04T05-06-07-089Z', 'f.json.corrupt-2026-03-04T05-06-07-089Z-2', 'f.json.corrupt-2026-03-04T05-06-07-089Z-3']);
      expect(await Promise.all(moved.map((m) => fs.readFile(m, 'utf8')))).toEqual(['first', 'second', 'third']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('quarantines a file beside itself with a timestamp', async () => {
    const file = path.join(dir, 'e.json');
    await fs.writeFile(file, 'garbage');
    const moved = await quarantine(file);
    expect(path.basename(moved)).toMatch(/^e\.json\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(await fs.readFile(moved, 'utf8')).toBe('garbage');
    await expect(fs.access(file)).rejects.toThrow();
  });
});

describe('removeTempFiles', () => {
  it('removes only writeFileDurable temp files the rule calls leftovers, in subfolders with recursive, never through a link', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-outside-'));
    await fs.writeFile(path.join(outside, '.x.json.1.0123456789ab.tmp'), '{');
    await fs.mkdir(path.join(dir, 'sub'));
    await fs.symlink(outside, path.join(dir, 'link'));
    const files = ['.a.json.111.0123456789ab.tmp', '.a.json.222.0123456789ab.tmp', 'sub/.b.json.111.abcdefabcdef.tmp', 'a.json', '.a.json.111.short.tmp'];
    for (const f of files) await fs.writeFile(path.join(dir, f), '{');
    const asked: number[] = [];
    const rule = (pid: number) => (asked.push(pid), pid === 111);
    expect(await removeTempFiles(dir, rule)).toEqual([path.join(dir, '.a.json.111.0123456789ab.tmp')]);
    expect(await removeTempFiles(dir, rule, { recursive: true })).toEqual([path.join(dir, 'sub', '.b.json.111.abcdefabcdef.tmp')]);
    expect((await fs.readdir(dir)).sort()).toEqual(['.a.json.111.short.tmp', '.a.json.222.0123456789ab.tmp', 'a.json', 'link', 'sub']);
    expect(await fs.readdir(outside)).toEqual(['.x.json.1.0123456789ab.tmp']);
    expect(asked).not.toContain(1);
  });
});
