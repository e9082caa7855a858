// Lint rules that hold the four rooms apart (../shared/STYLE.md): shared imports nothing from
// Node, DOM-free, or the other rooms; the renderer never imports main or electron; only
// main/electron and main/preload may import electron. Inside main, the rooms of main/services
// import only downward (docs/ARCHITECTURE.md, "Rooms inside main"), and nothing that ships
// imports main/tooling. e2e/rooms.test.ts checks that a wrong-way import fails.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads', 'process', 'buffer'];
const noNode = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON results whose shape the assertions themselves check.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: noNode, message: 'shared/ is pure TypeScript: no Node modules.' },
        { group: ['electron', 'electron/*'], message: 'shared/ must not import electron.' },
        { group: ['**/main/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports nothing from main/ or renderer/.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: noNode, message: 'The renderer has no Node: talk to main through the API.' },
        { group: ['electron', 'electron/*'], message: 'The renderer never imports electron.' },
        { group: ['**/main/**'], message: 'The renderer knows main only through shared/api.ts.' },
      ] }],
    },
  },
  {
    files: ['main/**/*.ts', 'e2e/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...mainRooms(),
);

/**
 * One `no-restricted-imports` entry per room of main (a later entry replaces an earlier one for
 * the same file, so each lists everything its room may not import). Tests may use the fixtures
 * of main/tooling/testing and drive the shells (cli, server); shipped code may not.
 */
function mainRooms() {
  const noElectron = { group: ['electron', 'electron/*'], message: 'Importing electron outside an Electron process downloads its binary: keep it in main/electron and main/preload.' };
  const noRenderer = { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' };
  const noTooling = { group: ['**/tooling/**'], message: 'main/tooling (bench, eval, schemas, test fixtures) is not shipped: nothing that ships imports it.' };
  // A room of main/services, named from a sibling (../store/x.js) or from further out (../../services/store/x.js).
  const room = (name, why) => ({ regex: `^(\\.\\./)+(services/)?${name}/`, message: why });
  const noApp = { regex: '^(\\.\\./)+(services/)?app\\.js$', message: 'services/app.ts is the composition root: only shells (cli, electron, server) import it.' };
  const noShells = { group: ['**/cli', '**/cli.js', '**/cli/**', '**/server/**', '**/electron/**', '**/preload/**', '**/start.js'], message: 'main/services knows no shell: the CLI, the server and Electron call it, not the other way.' };
  const shell = (names) => ({ group: names.flatMap((n) => [`**/${n}.js`, `**/${n}/**`]), message: 'The shells (electron, server, cli) do not import each other: what two of them share lives in services/ or shared/.' });
  const below = {
    handlers: [noApp],
    formats: [noApp, room('handlers', 'formats/ sits below the handlers.'), room('analysis', 'formats/ and analysis/ are siblings: neither imports the other.')],
    analysis: [noApp, room('handlers', 'analysis/ sits below the handlers.'), room('formats', 'formats/ and analysis/ are siblings: neither imports the other.')],
    store: [noApp, ...['handlers', 'formats', 'analysis'].map((r) => room(r, `store/ sits below ${r}/.`))],
    corpus: [noApp, ...['handlers', 'formats', 'analysis', 'store'].map((r) => room(r, `corpus/ sits below ${r}/.`))],
    platform: [noApp, ...['handlers', 'formats', 'analysis', 'store', 'corpus'].map((r) => room(r, `platform/ is the bottom room: it imports no other room of services (here ${r}/).`))],
  };
  const entry = (files, patterns, ignores) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', { patterns }] } });
  const tests = ['**/*.test.ts'];
  return [
    entry(['main/**/*.ts', 'main/**/*.mjs'], [noElectron, noRenderer, noTooling], tests),
    entry(['main/**/*.test.ts'], [noElectron, noRenderer]),
    entry(['main/tooling/**/*.ts'], [noElectron, noRenderer]),
    entry(['main/electron/**/*.ts', 'main/preload/**/*.ts'], [noRenderer, noTooling, shell(['server', 'cli'])], tests),
    entry(['main/server/**/*.ts'], [noElectron, noRenderer, noTooling, shell(['electron', 'preload', 'cli'])], tests),
    entry(['main/electron/**/*.test.ts', 'main/preload/**/*.test.ts'], [noRenderer]),
    entry(['main/services/**/*.ts'], [noElectron, noRenderer, noTooling, noShells], tests),
    entry(['main/services/**/*.test.ts'], [noElectron, noRenderer]),
    ...Object.entries(below).flatMap(([name, extra]) => [
      entry([`main/services/${name}/**/*.ts`], [noElectron, noRenderer, noTooling, noShells, ...extra], tests),
      entry([`main/services/${name}/**/*.test.ts`], [noElectron, noRenderer, ...extra]),
    ]),
  ];
}
