#!/usr/bin/env node
// `npm test`: builds the app, runs the unit tests (vitest) and the end-to-end specs (Playwright
// in Debian Chromium), then prints one closing line "N passed, N failed" over both.
// Exits non-zero when anything failed or a runner could not report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.tmp', 'test-results');
fs.mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(label, cmd, args, env = {}) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const problems = [];

if (run('build', 'npm', ['run', '--silent', 'build']) !== 0) {
  problems.push('the build failed');
  failed += 1;
}

const vitestJson = path.join(out, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
run('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const unit = readJson(vitestJson);
if (unit) {
  passed += unit.numPassedTests;
  const unitFailed = unit.numFailedTests + suitesThatFailedToLoad(unit);
  failed += unitFailed;
  console.log(`unit: ${unit.numPassedTests} passed, ${unitFailed} failed`);
} else {
  problems.push('vitest did not report');
  failed += 1;
}

const e2eJson = path.join(out, 'e2e.json');
fs.rmSync(e2eJson, { force: true });
if (!fs.existsSync(chromium)) {
  problems.push(`no Chromium at ${chromium}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  failed += 1;
} else {
  run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });
  const e2e = readJson(e2eJson);
  if (e2e?.stats) {
    const ok = e2e.stats.expected + (e2e.stats.flaky ?? 0);
    const bad = e2e.stats.unexpected + (e2e.errors?.length ?? 0);
    passed += ok;
    failed += bad;
    console.log(`e2e: ${ok} passed, ${bad} failed`);
  } else {
    problems.push('playwright did not report');
    failed += 1;
  }
}

for (const p of problems) console.log(`problem: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && problems.length === 0 ? 0 : 1);

// A test file that fails to load (syntax or import error) has no failed test in it: count it once.
function suitesThatFailedToLoad(report) {
  return (report.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
