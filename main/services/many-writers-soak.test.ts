/**
 * The many-writers soak: three `serve` processes (ana twice, bob once) and `quotebench suggest`
 * runs (carol) work on one corpus at once, editing spans and the registry at random, while
 * processes are SIGKILLed and started again at random. At the end every acknowledged change is
 * on disk, every data file parses, and every process folds the same registry. Bounded in time;
 * the counts are printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationFile, ProjectFile } from '../../shared/model.js';
import { seededRandom } from '../../shared/random.js';
import { readProject } from './store/project.js';

const here = import.meta.dirname;
const SOAK_MS = 30_000;
const SEED = 20261208;
const DOCS = ['a.txt', 'b.txt', 'c.txt'];
const TEXT = (n: number) => `“We will keep talking,” said Amina Haddad, a spokeswoman, on day ${n}. Officials said the talks would continue into next week.\n`;

interface Server {
  annotator: string;
  proc: ChildProcess;
  url: string;
  token: string;
}

/** Starts one serve-like child as `annotator`; resolves when it listens. */
function startServer(corpus: string, annotator: string, settings: string, staticDir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, '..', 'tooling', 'testing', 'soak-server.ts'), corpus, settings, annotator, staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /url (http:\/\/127\.0\.0\.1:\d+)\/#token=([a-f0-9]+)/.exec(out);
      if (m) resolve({ annotator, proc, url: m[1]!, token: m[2]! });
    });
    proc.on('exit', (code, signal) => {
      if (!/url /.test(out)) reject(new Error(`soak server ${annotator} exited ${code ?? signal}: ${err.slice(0, 400)}`));
    });
  });
}

async function call(s: Server, method: string, args: unknown): Promise<{ ok: true; value: any } | { ok: false; error: { code: string; message: string } } | null> {
  try {
    const res = await fetch(`${s.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-quotebench-token': s.token }, body: JSON.stringify(args), signal: AbortSignal.timeout(10_000) });
    return (await res.json()) as never;
  } catch {
    return null; // killed mid-call: not acknowledged
  }
}

function kill(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

describe('many writers', () => {
  it('serve processes and CLI runs, killed at random: every acknowledged change is on disk, every file parses, one registry', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-writers-soak-'));
    const corpus = path.join(dir, 'corpus');
    const staticDir = path.join(dir, 'static');
    await fs.mkdir(corpus);
    await fs.mkdir(staticDir);
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html>');
    for (const [i, d] of DOCS.entries()) await fs.writeFile(path.join(corpus, d), TEXT(i));
    const r = seededRandom(SEED);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

    const slots = ['ana', 'ana', 'bob'];
    let settingsN = 0;
    const servers: (Server | null)[] = await Promise.all(slots.map((a) => startServer(corpus, a, path.join(dir, `s${settingsN++}`), staticDir)));

    /** Span ids acknowledged as created, by annotator and document; and those a delete was sent for. */
    const created = new Map<string, { annotator: string; docId: string }>();
    const deleteTried = new Set<string>();
    /** Speakers: who made them; role updates sent in order, and the last one acknowledged. */
    const speakers = new Map<string, { annotator: string; sent: string[]; acked: number }>();
    const targets = new Set<string>();
    const counts = { calls: 0, acked: 0, refusedLocked: 0, lost: 0, kills: 0, restarts: 0, cliRuns: 0, cliOk: 0, cliKilled: 0 };
    let cli: Promise<void> | null = null;
    let cliProc = null as ChildProcess | null;

    const deadline = Date.now() + SOAK_MS;
    let nextKill = Date.now() + 1500 + r() * 2000;
    while (Date.now() < deadline) {
      // Kill one process (a server, or the CLI run) now and then, and start a server again.
      if (Date.now() >= nextKill) {
        nextKill = Date.now() + 1500 + r() * 2500;
        if (cliProc && r() < 0.25) {
          cliProc.kill('SIGKILL');
          counts.cliKilled += 1;
        } else {
          const i = Math.floor(r() * servers.length);
          const s = servers[i];
          if (s) {
            await kill(s.proc);
            counts.kills += 1;
            servers[i] = null;
            void startServer(corpus, slots[i]!, path.join(dir, `s${settingsN++}`), staticDir).then((fresh) => {
              servers[i] = fresh;
              counts.restarts += 1;
            });
          }
        }
      }
      if (!cli && r() < 0.03) {
        counts.cliRuns += 1;
        cli = new Promise<void>((resolve) => {
          const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, '..', 'cli-bin.ts'), 'suggest', corpus, '--annotator', 'carol'], { stdio: 'ignore' });
          cliProc = proc;
          proc.on('exit', (code) => {
            if (code === 0) counts.cliOk += 1;
            cliProc = null;
            cli = null;
            resolve();
          });
        });
      }
      const live = servers.filter((s): s is Server => s !== null);
      if (live.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const s = pick(live);
      const mine = (kind: 'span' | 'speaker') => (kind === 'span' ? [...created].filter(([id, c]) => c.annotator === s.annotator && !deleteTried.has(id)).map(([id]) => id) : [...speakers].filter(([, v]) => v.annotator === s.annotator).map(([id]) => id));
      const roll = r();
      counts.calls += 1;
      let res;
      if (roll < 0.1) {
        // A read: what a window showing the document does; a stale copy kept from it must never be written back.
        res = await call(s, 'getDocument', { docId: pick(DOCS) });
      } else if (roll < 0.5) {
        const docId = pick(DOCS);
        const start = Math.floor(r() * 60);
        res = await call(s, 'createSpan', { docId, start, end: start + 1 + Math.floor(r() * 30), label: pick(['QUOTE', 'CLAIM', 'CUE']) });
        if (res?.ok) created.set(res.value.span.id, { annotator: s.annotator, docId });
      } else if (roll < 0.6 && mine('span').length > 0) {
        const id = pick(mine('span'));
        deleteTried.add(id);
        res = await call(s, 'deleteSpan', { docId: created.get(id)!.docId, spanId: id });
      } else if (roll < 0.75) {
        res = await call(s, 'createSpeaker', { name: `Speaker ${counts.calls}`, kind: 'person' });
        if (res?.ok) speakers.set(res.value.id, { annotator: s.annotator, sent: [''], acked: 0 });
      } else if (roll < 0.9 && mine('speaker').length > 0) {
        const id = pick(mine('speaker'));
        const role = `role ${counts.calls}`;
        const v = speakers.get(id)!;
        v.sent.push(role);
        res = await call(s, 'updateSpeaker', { id, patch: { role } });
        if (res?.ok) v.acked = v.sent.length - 1;
      } else {
        res = await call(s, 'createTarget', { label: `target ${counts.calls}` });
        if (res?.ok) targets.add(res.value.id);
      }
      if (res?.ok) counts.acked += 1;
      else if (res === null) counts.lost += 1;
      else if (res.error.code === 'locked') counts.refusedLocked += 1;
      else throw new Error(`unexpected refusal: ${res.error.code} ${res.error.message}`);
    }
    await (cli as Promise<void> | null);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // servers still starting
    const survivors = servers.filter((s): s is Server => s !== null);

    // Every process shows the same registry: the live servers, and a fresh read of the files.
    const onDisk = await readProject(corpus);
    for (const s of survivors) {
      const shown = await call(s, 'getProject', {});
      expect(shown?.ok).toBe(true);
      expect((shown as { value: ProjectFile }).value).toEqual(onDisk);
    }
    for (const s of survivors) await kill(s.proc);

    // Every acknowledged registry change is there: speakers with their last acknowledged role (or one sent after it), targets.
    const byId = new Map(onDisk.speakers.map((sp) => [sp.id, sp]));
    for (const [id, v] of speakers) {
      const sp = byId.get(id);
      expect(sp, `speaker ${id} lost`).toBeDefined();
      expect(v.sent.slice(v.acked), `speaker ${id} role`).toContain(sp!.role);
    }
    for (const id of targets) expect(onDisk.targets.some((t) => t.id === id), `target ${id} lost`).toBe(true);

    // Every acknowledged span is there (unless a delete was sent for it); every file parses.
    const layerSpans = new Map<string, Set<string>>();
    let files = 0;
    let logLines = 0;
    async function walk(sub: string): Promise<void> {
      for (const e of await fs.readdir(path.join(corpus, '.quotebench', sub), { withFileTypes: true })) {
        const rel = path.join(sub, e.name);
        if (e.isDirectory()) await walk(rel);
        else if (e.name.endsWith('.json')) {
          files += 1;
          const data = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', rel), 'utf8')) as AnnotationFile;
          if (sub.startsWith('annotations')) layerSpans.set(rel, new Set(data.spans.map((x) => x.id)));
        } else if (e.name.endsWith('.jsonl')) {
          files += 1;
          const text = await fs.readFile(path.join(corpus, '.quotebench', rel), 'utf8');
          expect(text === '' || text.endsWith('\n'), `${rel} ends in a whole line`).toBe(true);
          for (const line of text.split('\n').filter(Boolean)) {
            JSON.parse(line);
            logLines += 1;
          }
        }
      }
    }
    await walk('');
    for (const [id, c] of created) {
      if (deleteTried.has(id)) continue;
      const ids = layerSpans.get(path.join('annotations', c.annotator, `${c.docId}.json`));
      expect(ids?.has(id), `${c.annotator}/${c.docId}: acknowledged span ${id} lost`).toBe(true);
    }
    // carol's suggestions name only speakers the registry has.
    for (const d of DOCS) {
      const raw = await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'carol', `${d}.json`), 'utf8').catch(() => null);
      if (!raw) continue;
      for (const sp of (JSON.parse(raw) as AnnotationFile).spans) if (sp.speakerId) expect(byId.has(sp.speakerId), `carol's ${sp.speakerId}`).toBe(true);
    }
    const quarantined = (await fs.readdir(path.join(corpus, '.quotebench'), { recursive: true })).filter((n) => String(n).includes('.corrupt-'));
    expect(quarantined).toEqual([]);

    console.log(
      `many-writers soak (seed ${SEED}, ${SOAK_MS / 1000} s): ${counts.calls} calls, ${counts.acked} acknowledged, ${counts.refusedLocked} refused as locked, ${counts.lost} cut by a kill; ` +
        `${counts.kills} servers killed, ${counts.restarts} restarted; ${counts.cliRuns} suggest runs (${counts.cliOk} finished, ${counts.cliKilled} killed); ` +
        `${created.size} spans, ${speakers.size} speakers, ${targets.size} targets acknowledged; ${files} files and ${logLines} registry lines parsed; all present.`,
    );
    expect(counts.acked).toBeGreaterThan(100);
    expect(counts.kills).toBeGreaterThan(3);
  }, 90_000);
});
