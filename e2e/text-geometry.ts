/**
 * Finds screen points for UTF-16 offsets of the open document, so specs can drag the real
 * mouse across exact characters. Reads the DOM contract of the document view: each text
 * segment is an element with `data-start` (UTF-16 offset of its first character).
 */
import type { Page } from '@playwright/test';

export interface Point {
  x: number;
  y: number;
}

/** The left edge (`side: 'before'`) or right edge (`'after'`) of the character at `offset16`. */
export async function pointAt(page: Page, offset16: number, side: 'before' | 'after'): Promise<Point> {
  // Runs of paragraphs use `content-visibility: auto`: in the frame a run first appears it may
  // still hold its placeholder height, and its text moves once the browser has laid it out.
  // Measure again after each frame until two measurements agree, so a drag lands where a
  // person would see the character.
  let last: Point | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const point = await measurePoint(page, offset16, side);
    if (last && last.x === point.x && last.y === point.y) return point;
    last = point;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  throw new Error(`offset ${offset16} kept moving on screen`);
}

function measurePoint(page: Page, offset16: number, side: 'before' | 'after'): Promise<Point> {
  return page.evaluate(
    ({ offset16, side }) => {
      const view = document.querySelector('[data-testid="doc-view"]');
      if (!view) throw new Error('no document view');
      const segments = Array.from(view.querySelectorAll<HTMLElement>('[data-start]'));
      for (const el of segments) {
        const start = Number(el.dataset.start);
        const end = Number(el.dataset.end);
        if (offset16 < start || offset16 >= end) continue;
        // Walk the segment's text nodes to the character.
        let remaining = offset16 - start;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (remaining < node.length) {
            el.scrollIntoView({ block: 'center' });
            const range = document.createRange();
            range.setStart(node, remaining);
            range.setEnd(node, remaining + 1);
            const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
            return { x: side === 'before' ? rect.left + 1 : rect.right - 1, y: rect.top + rect.height / 2 };
          }
          remaining -= node.length;
        }
      }
      throw new Error(`offset ${offset16} is not rendered`);
    },
    { offset16, side },
  );
}

/** Drags the mouse from the start of character `start16` to the end of character `end16 - 1`. */
export async function dragSelect(page: Page, start16: number, end16: number): Promise<void> {
  const from = await pointAt(page, start16, 'before');
  const to = await pointAt(page, end16 - 1, 'after');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}
