// Lint rules that hold the four rooms apart (../shared/STYLE.md): shared imports nothing from
// Node, DOM-free, or the other rooms; the renderer never imports main or electron; only
// main/electron and main/preload may import electron.
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
  {
    files: ['main/services/**/*.ts', 'main/cli*.ts', 'main/start.ts', 'main/bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'Importing electron outside an Electron process downloads its binary: keep it in main/electron and main/preload.' },
        { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
      ] }],
    },
  },
);
