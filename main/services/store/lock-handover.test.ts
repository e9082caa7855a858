/**
 * Locks changing hands between real processes: a taker of a dead holder's lock reads the layer
 * again before writing, and several processes racing for one stale lock get exactly one winner.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.join(import.meta.dirname, '..', '..', 'tooling', 'testing', 'lock-child.ts');

/** A lock-child process: `send` writes one command line and answers the line it prints back. */
class Child {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: ((line: string) => void)[] = [];
  private lines: string[] = [];
  private errors = '';
  readonly exited: Promise<void>;

  constructor(corpus: string, annotator: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', script, corpus, annotator], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d) => (this.errors += d));
    this.proc.stdout.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const next = this.waiting.shift();
        if (next) next(line);
        else this.lines.push(line);
      }
    });
    this.exited = new Promise((resolve) => this.proc.once('exit', () => resolve()));
    live.add(this);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** The next line the child prints. */
  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      void this.exited.then(() => reject(new Error(`child ${this.pid} exited: ${this.errors.slice(0, 500)}`)));
    });
  }

  async send(command: string): Promise<string> {
    this.proc.stdin.write(command + '\n');
    return this.next();
  }

  async kill(): Promise<void> {
    this.proc.kill('SIGKILL');
    await this.exited;
    live.delete(this);
  }
}

const live = new Set<Child>();
afterEach(async () => {
  await Promise.all([...live].map((c) => c.kill()));
});

async function corpus(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-handover-'));
  await fs.writeFile(path.join(dir, 'a.txt'), 'Minister said yes.\n');
  return dir;
}

async function spanIds(root: string, annotator: string): Promise<string[]> {
  const raw = await fs.readFile(path.join(root, '.quotebench', 'annotations', annotator, 'a.txt.json'), 'utf8');
  return (JSON.parse(raw) as { spans: { id: string }[] }).spans.map((s) => s.id);
}

async function started(root: string, annotator: string): Promise<Child> {
  const child = new Child(root, annotator);
  expect(await child.next()).toBe('ready');
  return child;
}

describe('a lock changing hands', () => {
  it('B, which read the document before A wrote a1..a5, takes the stale lock after A dies and keeps all of A’s edits', async () => {
    const root = await corpus();
    const a = await started(root, 'x');
    const b = await started(root, 'x');
    expect(await a.send('write a.txt a0')).toBe('ack a0');
    expect(await b.send('load a.txt')).toBe('loaded a.txt 1');
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) expect(await a.send(`write a.txt ${id}`)).toBe(`ack ${id}`);
    // While A lives, B is refused and told who holds the lock.
    expect(await b.send('write a.txt early')).toMatch(new RegExp(`^err locked .*lock-child ${a.pid} \\(process ${a.pid}`));
    await a.kill();
    expect(await b.send('write a.txt b1')).toBe('ack b1');
    expect(await spanIds(root, 'x')).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'b1']);
  }, 60_000);

  it('processes racing for one stale lock: exactly one winner every round, no acknowledged edit lost', async () => {
    const root = await corpus();
    const racers = 4;
    const rounds = 10;
    let holder = await started(root, 'x');
    expect(await holder.send('write a.txt r0-first')).toBe('ack r0-first');
    const acknowledged = ['r0-first'];
    const winners: number[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      const children = await Promise.all(Array.from({ length: racers }, () => started(root, 'x')));
      // Every racer holds a copy read before the holder's last edits.
      await Promise.all(children.map((c) => c.send('load a.txt')));
      for (const n of [1, 2]) {
        const id = `r${round - 1}-late${n}`;
        expect(await holder.send(`write a.txt ${id}`)).toBe(`ack ${id}`);
        acknowledged.push(id);
      }
      await holder.kill();
      const answers = await Promise.all(children.map((c, i) => c.send(`write a.txt r${round}-c${i}`)));
      const won = answers.flatMap((answer, i) => (answer.startsWith('ack ') ? [i] : []));
      for (const [i, answer] of answers.entries()) if (!won.includes(i)) expect(answer).toMatch(/^err locked /);
      winners.push(won.length);
      expect(won, `round ${round}: ${answers.join(' | ')}`).toHaveLength(1);
      acknowledged.push(`r${round}-c${won[0]}`);
      const onDisk = await spanIds(root, 'x');
      for (const id of acknowledged) expect(onDisk, `round ${round}: acknowledged ${id} lost`).toContain(id);
      holder = children[won[0]!]!;
      await Promise.all(children.filter((c) => c !== holder).map((c) => c.kill()));
    }
    expect(winners).toEqual(Array(rounds).fill(1));
    expect(new Set(await spanIds(root, 'x'))).toEqual(new Set(acknowledged));
    // No takeover or temp file is left next to the lock.
    expect((await fs.readdir(path.join(root, '.quotebench', 'locks'))).sort()).toEqual(['x.lock']);
  }, 120_000);
});
