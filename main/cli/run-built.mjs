/**
 * `npm run quotebench -- …`: runs the compiled command line (dist/main/cli-bin.js), building main
 * first only when a source changed since the last build. Plain JavaScript because it runs before
 * anything is compiled. Compiling on every call (tsx) cost 1.3 s before `--help` printed; comparing
 * modification times costs a few milliseconds, where `tsc --incremental` with nothing to do still
 * took seconds (docs/PERFORMANCE.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(root, 'dist', 'main', 'cli-bin.js');
/** Written after each build this script runs, with the time the build started. */
const stamp = path.join(root, 'dist', 'main', '.cli-build-stamp');

/** The newest modification time of what the main build compiles (tests excluded), in ms. */
function newestSource() {
  let newest = 0;
  for (const file of ['tsconfig.base.json', 'package.json']) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  for (const dir of ['main', 'shared']) {
    for (const entryOf of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entryOf.isFile() || /\.test\.tsx?$/.test(entryOf.name)) continue;
      newest = Math.max(newest, fs.statSync(path.join(entryOf.parentPath ?? entryOf.path, entryOf.name)).mtimeMs);
    }
  }
  return newest;
}

function builtAt() {
  try {
    fs.statSync(entry);
    return fs.statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

if (builtAt() < newestSource()) {
  process.stderr.write('quotebench: sources changed since the last build; building main (npm run build:main)\n');
  const started = new Date();
  // npm sets npm_execpath for scripts; called directly, npm is looked up on PATH.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  // The build's output goes to standard error: standard output is the command's (export --out -).
  const build = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', 'build:main'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write(`quotebench: the build failed (${build.error?.message ?? `exit ${build.status ?? build.signal}`}); nothing was run\n`);
    process.exit(1);
  }
  fs.writeFileSync(stamp, '');
  // The start time, not the end: a source saved during the build makes the next run build again.
  fs.utimesSync(stamp, started, started);
}

await import(pathToFileURL(entry).href);
