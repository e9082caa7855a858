// Electron security scan for CI: runs electronegativity over main/ (where every Electron file
// lives; another folder when given as the first argument, as security-scan.test.ts does) and
// fails on any HIGH finding. electronegativity itself exits 0 whatever it finds, so
// this script reads its CSV report and decides. Offline; about 8 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-eneg-')), 'report.csv');
const input = path.resolve(process.argv[2] ?? path.join(root, 'main'));
execFileSync(path.join(root, 'node_modules', '.bin', 'electronegativity'), ['-i', input, '-o', out, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const rows = fs
  .readFileSync(out, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))
  .map(([issue, severity, confidence, file, location]) => ({ issue, severity: severity?.replaceAll('"', ''), confidence: confidence?.replaceAll('"', ''), file: path.relative(root, file?.replaceAll('"', '') ?? ''), location: location?.replaceAll('"', '') }));
for (const r of rows) console.log(`${r.severity.padEnd(7)} ${r.issue} ${r.file}:${r.location} (${r.confidence})`);
const high = rows.filter((r) => r.severity === 'HIGH');
console.log(`electronegativity (Electron ${electronVersion}): ${rows.length} findings, ${high.length} HIGH`);
if (high.length > 0) process.exit(1);
