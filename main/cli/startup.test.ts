/**
 * The command line starts fast because nothing heavy is imported statically: the entry and every
 * command module reach only Node built-ins and a few small modules, and each command imports its
 * services with import() after its flags are checked. This walks the static import graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const mainDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.dirname(mainDir);

/** What `--help` and a flag error may load besides Node built-ins (workers.ts: two numbers for export's help). */
const LIGHT = ['main/cli.ts', 'main/services/platform/workers.ts', 'shared/printable.ts', 'shared/formats/label-map.ts'];

/** Every file reached from `entry` by static imports (`import type` and import() left out), and the packages named. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('quotebench startup', () => {
  it('loads no service, no zod and no package before a command runs', () => {
    const commands = fs.readdirSync(path.join(mainDir, 'cli')).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'));
    expect(commands).toEqual(expect.arrayContaining(['serve.ts', 'stats.ts', 'export.ts', 'import.ts', 'agreement.ts', 'suggest.ts']));
    for (const entry of [path.join(mainDir, 'cli.ts'), ...commands.map((n) => path.join(mainDir, 'cli', n))]) {
      const { files, packages } = staticGraph(entry);
      const heavy = [...files].map((f) => path.relative(repo, f).split(path.sep).join('/')).filter((f) => !f.startsWith('main/cli/') && !LIGHT.includes(f));
      expect(heavy, path.basename(entry)).toEqual([]);
      expect([...packages].filter((p) => !p.startsWith('node:')), path.basename(entry)).toEqual([]);
    }
  });
});
