#!/usr/bin/env node
// Runs electron-builder's `dir` target offline with a placeholder Electron dist (no binary can
// be downloaded here), then checks what went into app.asar: the built main, preload and renderer,
// and nothing from tests, sources, docs or dev dependencies. Assumes `npm run build` ran.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;
const fail = (message) => {
  console.error(`package check: FAILED: ${message}`);
  process.exit(1);
};

const placeholder = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-electron-dist-'));
fs.writeFileSync(path.join(placeholder, 'electron'), '#!/bin/sh\necho placeholder electron\n', { mode: 0o755 });
fs.writeFileSync(path.join(placeholder, 'version'), electronVersion);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-release-'));

const r = spawnSync(
  path.join(root, 'node_modules', '.bin', 'electron-builder'),
  ['--dir', '--linux', '--publish', 'never', `-c.electronDist=${placeholder}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${out}`],
  { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
);
if (r.status !== 0) fail(`electron-builder exited ${r.status ?? r.signal}\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(-3000));

const asarFile = path.join(out, 'linux-unpacked', 'resources', 'app.asar');
if (!fs.existsSync(asarFile)) fail(`no app.asar at ${asarFile}`);
const asar = require('@electron/asar');
const files = asar.listPackage(asarFile).map((f) => f.split(path.sep).join('/').replace(/^\//, ''));
const mustHave = ['package.json', 'dist/main/electron/main.js', 'dist/main/preload/preload.cjs', 'dist/main/services/app.js', 'dist/main/services/formats/export-worker.js', 'dist/main/services/analysis/agreement-worker.js', 'dist/main/services/analysis/stats-worker.js', 'dist/main/services/platform/workers.js', 'dist/renderer/index.html'];
for (const f of mustHave) if (!files.includes(f)) fail(`app.asar lacks ${f}`);
const forbidden = [/\.test\./, /\.ts$/, /\.map$/, /^e2e\//, /^docs\//, /^renderer\//, /^shared\//, /^main\//, /^dist\/main\/tooling\//, /^node_modules\/(vitest|@playwright|playwright|electron-builder|electron|typescript|vite|eslint)\//];
const bad = files.filter((f) => forbidden.some((re) => re.test(f)) && !f.endsWith('.d.ts'));
if (bad.length) fail(`app.asar holds files the app does not need: ${bad.slice(0, 10).join(', ')}`);
const sample = path.join(out, 'linux-unpacked', 'resources', 'sample-corpus');
if (!fs.existsSync(path.join(sample, '01-harbour-water-talks.txt'))) fail('the sample corpus is not in resources/');
console.log(`package check: ok (${files.length} files in app.asar, electron ${electronVersion}, sample corpus in resources/)`);
fs.rmSync(out, { recursive: true, force: true });
fs.rmSync(placeholder, { recursive: true, force: true });
