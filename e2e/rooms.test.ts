/**
 * The rooms of main (docs/ARCHITECTURE.md, "Rooms inside main") are kept by lint, not by prose:
 * each wrong-way import below fails `npm run lint`, and the right-way ones pass.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages for `code` as if it were the file `file` of the repo. */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('rooms inside main', () => {
  it.each([
    ['main/services/store/x.ts', "import { a } from '../handlers/context.js';"],
    ['main/services/store/x.ts', "import { a } from '../formats/export.js';"],
    ['main/services/store/x.ts', "import { a } from '../analysis/agreement.js';"],
    ['main/services/corpus/x.ts', "import { a } from '../store/annotations.js';"],
    ['main/services/platform/x.ts', "import { a } from '../corpus/corpus.js';"],
    ['main/services/formats/x.ts', "import { a } from '../analysis/agreement.js';"],
    ['main/services/analysis/x.ts', "import { a } from '../formats/export.js';"],
    ['main/services/handlers/x.ts', "import { a } from '../app.js';"],
    ['main/services/app.ts', "import { a } from '../tooling/testing/run-cli.js';"],
    ['main/services/x.ts', "import { a } from '../cli.js';"],
    ['main/cli/x.ts', "import { a } from '../tooling/bench/run.js';"],
    ['main/server/x.ts', "import { app } from 'electron';"],
    ['main/electron/x.ts', "import { CSP } from '../server/http-server.js';"],
    ['main/server/x.ts', "import { a } from '../electron/window-options.js';"],
    ['main/tooling/eval/x.ts', "import { app } from 'electron';"],
    ['main/services/x.ts', "import { a } from '../../renderer/src/App.js';"],
  ])('%s may not: %s', async (file, code) => {
    // One import can match two patterns (electron the package and the folder): at least one must bite.
    expect((await restricted(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['main/services/handlers/x.ts', "import { a } from '../store/annotations.js'; import { b } from '../formats/export.js'; import { c } from '../analysis/agreement.js';"],
    ['main/services/formats/x.ts', "import { a } from '../store/annotations.js'; import { b } from '../corpus/corpus.js'; import { c } from '../platform/workers.js'; import { d } from '../../../shared/formats/label-map.js';"],
    ['main/services/store/x.ts', "import { a } from '../corpus/corpus.js'; import { b } from '../platform/durable-file.js';"],
    ['main/services/app.ts', "import { a } from './handlers/context.js';"],
    ['main/services/x.test.ts', "import { a } from '../tooling/testing/run-cli.js'; import { b } from '../cli.js';"],
    ['main/electron/x.ts', "import { app } from 'electron'; import { CSP } from '../../shared/csp.js'; import { a } from '../services/app.js';"],
    ['main/tooling/bench/x.ts', "import { a } from '../../services/app.js'; import { b } from '../../cli.js';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
