/**
 * Builds the renderer into dist/renderer as static files that load from file:// (Electron's
 * loadFile, the e2e harness) and from the browser-mode server alike.
 */
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = path.join(import.meta.dirname, 'renderer');

/**
 * Electron refuses module scripts marked `crossorigin` when they come from file://, and the
 * attribute buys nothing for same-origin bundles, so it is removed from the built page.
 */
function dropCrossorigin(): Plugin {
  return {
    name: 'quotebench-drop-crossorigin',
    apply: 'build',
    transformIndexHtml: (html) => html.replace(/\s+crossorigin(=("[^"]*"|'[^']*'))?/g, ''),
  };
}

/**
 * The dev server injects an inline React Refresh preamble that the shipped CSP forbids; only
 * in dev the meta tag is dropped so the page can run. Builds keep it unchanged.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'quotebench-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), dropCrossorigin(), relaxCspInDev()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist', 'renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'chrome120',
  },
  server: { host: '127.0.0.1', strictPort: false },
});
