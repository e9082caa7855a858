/**
 * The renderer's style sheets parse as CSS. Browsers recover from an unclosed block by swallowing
 * every rule after it, so a lost brace (easy to make in a merge) silently unstyles half the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

const stylesDir = path.join(import.meta.dirname, '..', 'renderer', 'src', 'styles');

describe('renderer style sheets', () => {
  const files = fs.readdirSync(stylesDir).filter((f) => f.endsWith('.css'));

  it('are there', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s parses with every block closed', (file) => {
    const css = fs.readFileSync(path.join(stylesDir, file), 'utf8');
    expect(() => postcss.parse(css, { from: file })).not.toThrow();
  });

  it('a sheet with a lost brace is refused', () => {
    expect(() => postcss.parse('.a {\n  color: red;\n/* next */\n.b { color: blue; }\n', { from: 'bad.css' })).toThrow(/Unclosed block/);
  });
});
