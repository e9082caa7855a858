/**
 * The renderer measurements of `npm run bench` (issue 7, items 2, 3, 4 and the renderer half of
 * 8), in Debian Chromium against the real renderer build (dist/renderer) and the real handler
 * table, bridged the way the e2e harness does it:
 *
 * - document list: frame times while the virtualised list of 10,000 documents scrolls top to
 *   bottom, against the same scroll over a plain (not virtualised) list of as many rows;
 * - first paint of a 1 MB article with 5,000 spans (a third of them overlapping another), from the
 *   click that opens it to the first painted frame, against a plain full render of the same text
 *   without spans, and against @recogito/text-annotator 4.x loading the same spans;
 * - adding a span in that article: label keypress to the painted highlight;
 * - renderer memory with that article open.
 *
 * Each figure is the median over `runs` runs after one warm-up run that is not counted.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { QuotebenchApp } from '../../services/app.js';
import { openRenderer, rendererIndex, repoRoot, startServices, writeCorpus } from '../../../e2e/harness.js';
import playwrightConfig, { chromiumPath } from '../../../e2e/playwright.config.js';
import { DEFAULT_LABELS } from '../../../shared/model.js';
import { layerFileFor, makeBigArticle, type BigArticle } from './big-article.js';
import type { BenchModule, BenchResult } from './types.js';

/** Sizes of one bench run; `quick` shrinks them so the smoke test finishes in seconds. */
interface Sizes {
  listRows: number;
  articleChars: number;
  spans: number;
  adds: number;
  /** Pixels scrolled per frame in the list (a fast fling). */
  scrollStep: number;
}

const FULL: Sizes = { listRows: 10_000, articleChars: 1_000_000, spans: 5_000, adds: 40, scrollStep: 1_200 };
const QUICK: Sizes = { listRows: 200, articleChars: 20_000, spans: 120, adds: 3, scrollStep: 1_200 };

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;
/** A frame interval longer than this missed at least one vsync: a dropped frame. */
const DROPPED_MS = FRAME_MS * 1.5;
const VIEWPORT = { width: 1280, height: 800 };
const ANNOTATOR = 'bench';
const ARTICLE_ID = 'big-article.txt';

/** The value below which `q` of the sorted values lie (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

const median = (values: readonly number[]) => quantile(values, 0.5);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The parts of this module, selectable with `only` (run-browser.ts `--only add,paint`). */
export const BROWSER_GROUPS = ['list', 'paint', 'add', 'memory'] as const;

export const browserBench: BenchModule = async ({ runs, quick, tmp, only }) => {
  for (const built of [rendererIndex, path.join(repoRoot, 'dist', 'main', 'services', 'app.js')]) {
    await fs.access(built).catch(() => {
      throw new Error(`${path.relative(repoRoot, built)} is missing: run \`npm run build\` first`);
    });
  }
  const sizes = quick ? QUICK : FULL;
  const count = Math.max(1, runs);
  const root = await fs.mkdtemp(path.join(tmp, 'browser-bench-'));
  const browser = await launch();
  try {
    const wanted = only?.some((o) => (BROWSER_GROUPS as readonly string[]).includes(o)) ? only : BROWSER_GROUPS;
    const results: BenchResult[] = [];
    if (wanted.includes('list')) results.push(await benchListScroll(browser, root, sizes, count));
    const article = makeBigArticle({ chars: sizes.articleChars, spanCount: sizes.spans, paragraphChars: 400 });
    const corpus = await articleCorpus(root, article);
    if (wanted.includes('paint')) results.push(...(await benchFirstPaint(browser, root, corpus, article, count)));
    if (wanted.includes('add')) results.push(...(await benchAddSpan(browser, root, corpus, article, sizes)));
    if (wanted.includes('memory')) results.push(...(await benchMemory(root, corpus, article, count)));
    return results;
  } finally {
    await browser.close();
  }
};

/** Debian Chromium with the flags the e2e suite uses (e2e/playwright.config.ts). */
function launch(): Promise<Browser> {
  return chromium.launch({ ...playwrightConfig.use?.launchOptions, executablePath: chromiumPath, headless: true });
}

/** A corpus folder, a settings folder naming the annotator (so no first-run prompt), and the app on it. */
async function startApp(root: string, corpus: string): Promise<QuotebenchApp> {
  const settingsDir = await fs.mkdtemp(path.join(root, 'settings-'));
  await fs.writeFile(path.join(settingsDir, 'settings.json'), JSON.stringify({ annotator: ANNOTATOR, recent: [], lastCorpus: null }));
  return startServices({ settingsDir, mode: 'electron', defaultAnnotator: ANNOTATOR, pickFolder: async () => null, initialCorpus: corpus });
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; the
 * functions this module hands to page.evaluate carry that call into the page.
 */
const KEEP_NAMES_SHIM = 'globalThis.__name = (f) => f;';

/** A browser context at the bench viewport, able to run this module's page functions. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(KEEP_NAMES_SHIM);
  return context;
}

/**
 * Notes in the page when a getDocument answer reaches the renderer (`__benchDocArrived`), by
 * wrapping the bridge function the harness installs before its own init script picks it up.
 * That splits opening a document into the bridge's transport (Playwright serialising megabytes
 * between Node and the page, which Electron's IPC does by structured clone) and the renderer's
 * own work.
 */
const ARRIVAL_PROBE = `{
  let bridge;
  Object.defineProperty(globalThis, '__quotebenchInvoke', {
    configurable: true,
    get() { return bridge; },
    set(invoke) {
      bridge = async (method, args) => {
        const answer = await invoke(method, args);
        if (method === 'getDocument') globalThis.__benchDocArrived = performance.now();
        return answer;
      };
    },
  });
}`;

/** A fresh page of the real renderer on `app`, with the document list shown. */
async function openApp(browser: Browser, app: () => QuotebenchApp): Promise<Page> {
  const context = await newContext(browser);
  await context.addInitScript(ARRIVAL_PROBE);
  const page = await context.newPage();
  await openRenderer(page, app);
  await page.locator('[data-testid="doc-row"]').first().waitFor();
  return page;
}

/** A static page in `root` (file://) with `body`; scripts in it see `window.benchData`. */
async function staticPage(browser: Browser, root: string, name: string, body: string): Promise<Page> {
  const file = path.join(root, `${name}.html`);
  await fs.writeFile(file, `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body style="margin:0">${body}</body></html>`);
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  return page;
}

// ---------------------------------------------------------------------------------------------
// 2. The document list

/** Scrolls `selector` from top to bottom by `step` px per animation frame; answers the frame intervals. */
async function scrollFrames(page: Page, selector: string, step: number): Promise<number[]> {
  return page.evaluate(
    ({ selector, step }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector(selector) as HTMLElement;
        el.scrollTop = 0;
        const frames: number[] = [];
        let last = -1;
        const tick = (now: number) => {
          if (last >= 0) frames.push(now - last);
          last = now;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
            resolve(frames);
            return;
          }
          el.scrollTop += step;
          requestAnimationFrame(tick);
        };
        // Two frames to settle before the first measured one.
        requestAnimationFrame(() => requestAnimationFrame(tick));
      }),
    { selector, step },
  );
}

async function benchListScroll(browser: Browser, root: string, sizes: Sizes, runs: number): Promise<BenchResult> {
  const corpus = path.join(root, 'list-corpus');
  const files: Record<string, string> = {};
  for (let i = 0; i < sizes.listRows; i += 1) {
    const n = String(i).padStart(5, '0');
    files[`batch-${n.slice(0, 2)}/article-${n}.txt`] = `Article ${n}: officials met on Tuesday\n\nThe minister said talks on border security went on for ${i % 7} hours.\n`;
  }
  await writeCorpus(corpus, files);
  const app = await startApp(root, corpus);
  const page = await openApp(browser, () => app);
  await page.waitForFunction((n) => document.querySelector('[data-testid="doc-list"]')!.scrollHeight >= n * 50, sizes.listRows);
  const rowHeight = await page.locator('[data-testid="doc-row"]').first().evaluate((el) => el.getBoundingClientRect().height);
  const listBox = await page.locator('[data-testid="doc-list"]').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  const plain = await staticPage(
    browser,
    root,
    'plain-list',
    `<div id="list" style="width:${listBox.width}px;height:${listBox.height}px;overflow-y:auto;font:13px sans-serif"></div>
<script>
const list = document.getElementById('list');
const rows = [];
for (let i = 0; i < ${sizes.listRows}; i++) rows.push('<div style="height:${rowHeight}px;box-sizing:border-box;padding:8px 12px;border-bottom:1px solid #ddd"><div>Article ' + i + ': officials met on Tuesday</div><div style="color:#777">batch/article-' + i + '.txt · 120 chars · 0 spans</div></div>');
list.innerHTML = rows.join('');
</script>`,
  );
  const appFrames: number[] = [];
  const plainFrames: number[] = [];
  // A warm-up pass of each, then the measured passes, alternating so drift hits both alike.
  await scrollFrames(page, '[data-testid="doc-list"]', sizes.scrollStep);
  await scrollFrames(plain, '#list', sizes.scrollStep);
  for (let i = 0; i < runs; i += 1) {
    appFrames.push(...(await scrollFrames(page, '[data-testid="doc-list"]', sizes.scrollStep)));
    plainFrames.push(...(await scrollFrames(plain, '#list', sizes.scrollStep)));
  }
  await page.context().close();
  await plain.context().close();
  await app.close();
  const dropped = (frames: number[]) => frames.filter((f) => f > DROPPED_MS).length;
  const appMedian = median(appFrames);
  const plainMedian = median(plainFrames);
  return {
    name: `document list: scroll ${sizes.listRows.toLocaleString('en')} rows, frame time`,
    unit: 'ms',
    median: round(appMedian),
    p95: round(quantile(appFrames, 0.95)),
    baselineName: `plain list of ${sizes.listRows.toLocaleString('en')} rows, same scroll`,
    baselineMedian: round(plainMedian),
    ratio: round(appMedian / plainMedian, 2),
    target: 'no more dropped frames than the baseline',
    met: dropped(appFrames) <= dropped(plainFrames),
    note: `${sizes.scrollStep} px per frame; dropped (> ${round(DROPPED_MS)} ms): app ${dropped(appFrames)} of ${appFrames.length}, baseline ${dropped(plainFrames)} of ${plainFrames.length}`,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. First paint of the big article

/** Writes the article and its layer (the spans as if made in the app) into a corpus folder. */
async function articleCorpus(root: string, article: BigArticle): Promise<string> {
  const corpus = path.join(root, 'article-corpus');
  await writeCorpus(corpus, { [ARTICLE_ID]: article.text });
  const layer = path.join(corpus, '.quotebench', 'annotations', ANNOTATOR, `${ARTICLE_ID}.json`);
  await fs.mkdir(path.dirname(layer), { recursive: true });
  await fs.writeFile(layer, JSON.stringify(layerFileFor(article, ARTICLE_ID, ANNOTATOR)));
  return corpus;
}

/** Time to the first painted frame of the opened article: from the click, and from the document's arrival in the renderer. */
interface OpenTimes {
  fromClick: number;
  fromArrival: number;
}

/**
 * Clicks the article's row inside the page and answers the times to the first frame painted
 * after the text and its highlights are in the DOM (a message posted from the next animation
 * frame runs after that frame's layout and paint).
 */
async function openArticleTimed(page: Page): Promise<OpenTimes> {
  const times = await page.evaluate(
    (docId) =>
      new Promise<OpenTimes>((resolve) => {
        const row = document.querySelector(`[data-testid="doc-row"][data-doc-id="${CSS.escape(docId)}"]`) as HTMLElement;
        const shown = () => document.querySelector(`[data-testid="doc-view"][data-loaded="true"] .para`) !== null;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              const now = performance.now();
              const arrived = (globalThis as unknown as { __benchDocArrived?: number }).__benchDocArrived ?? Number.NaN;
              resolve({ fromClick: now - t0, fromArrival: now - arrived });
            };
            channel.port2.postMessage(0);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-loaded'] });
        row.click();
      }),
    ARTICLE_ID,
  );
  if (!Number.isFinite(times.fromArrival)) throw new Error('the bench could not see the document arrive in the renderer (the harness bridge changed?)');
  return times;
}

/** The reading column's box and font in the app, so the baselines lay out the text alike. */
interface ColumnLook {
  width: number;
  font: string;
  padding: string;
  color: string;
  marginBottom: string;
}

async function columnLook(page: Page): Promise<ColumnLook> {
  return page.evaluate(() => {
    const column = document.querySelector('.doc-column') as HTMLElement;
    const para = document.querySelector('.para:not(.para-empty)') as HTMLElement;
    const style = getComputedStyle(column);
    return { width: column.getBoundingClientRect().width, font: style.font, padding: style.padding, color: style.color, marginBottom: getComputedStyle(para).marginBottom };
  });
}

/** The page that renders the text in plain paragraphs, optionally followed by Recogito loading the spans. */
function articlePage(look: ColumnLook, withRecogito: boolean): string {
  const scripts = withRecogito ? '<link rel="stylesheet" href="recogito.css"><script src="recogito.js"></script>' : '';
  return `${scripts}
<div id="view" style="height:100vh;overflow-y:auto"><div id="col" style="box-sizing:border-box;width:${look.width}px;margin:0 auto;padding:${look.padding};font:${look.font};color:${look.color}"></div></div>
<style>#col p { margin: 0 0 ${look.marginBottom}; white-space: pre-wrap; overflow-wrap: break-word } #col p:empty { height: 0.35em; margin: 0 }</style>
<script>
window.renderText = (text) => {
  const col = document.getElementById('col');
  const frag = document.createDocumentFragment();
  for (const line of text.split('\\n')) {
    const p = document.createElement('p');
    p.textContent = line;
    frag.appendChild(p);
  }
  col.appendChild(frag);
  return col;
};
window.afterPaint = (t0) => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now() - t0);
  channel.port2.postMessage(0);
}));
</script>`;
}

/**
 * Bundles @recogito/text-annotator for a bench-only page in `root` (recogito.js and
 * recogito.css), exposing `window.RecogitoJS`. It is never part of the app's build.
 */
async function bundleRecogito(root: string): Promise<void> {
  await esbuild({
    stdin: { contents: "import * as R from '@recogito/text-annotator'; window.RecogitoJS = R;", resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    format: 'iife',
    outfile: path.join(root, 'recogito.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
}

/** Plain full render: every paragraph laid out and painted, no spans. */
async function plainRenderTimed(page: Page, text: string): Promise<number> {
  return page.evaluate((text) => {
    const w = window as unknown as { renderText(t: string): HTMLElement; afterPaint(t0: number): Promise<number> };
    const t0 = performance.now();
    w.renderText(text);
    return w.afterPaint(t0);
  }, text);
}

/**
 * The spans as Recogito annotations. Recogito counts offsets in the container's text content,
 * where paragraph elements leave out the line breaks, so each offset drops one per line before it.
 */
function recogitoAnnotations(article: BigArticle): unknown[] {
  const points = Array.from(article.text);
  // Code point -> UTF-16 offset within the text without its line breaks.
  const u16 = new Int32Array(points.length + 1);
  let at = 0;
  points.forEach((ch, i) => {
    u16[i] = at;
    if (ch !== '\n') at += ch.length;
  });
  u16[points.length] = at;
  return article.spans.map((s, i) => {
    const id = `a${i}`;
    return { id, bodies: [], target: { annotation: id, selector: [{ quote: points.slice(s.start, s.end).join(''), start: u16[s.start], end: u16[s.end] }] } };
  });
}

/** Recogito: text render, annotator creation, the spans loaded, to the frame after its highlights are drawn. */
async function recogitoTimed(page: Page, text: string, annotations: unknown[]): Promise<number> {
  return page.evaluate(
    ({ text, annotations }) => {
      const w = window as unknown as {
        renderText(t: string): HTMLElement;
        afterPaint(t0: number): Promise<number>;
        RecogitoJS: { createTextAnnotator(el: HTMLElement, opts: unknown): { setAnnotations(a: unknown[]): void } };
      };
      const t0 = performance.now();
      const col = w.renderText(text);
      const annotator = w.RecogitoJS.createTextAnnotator(col, {});
      annotator.setAnnotations(annotations);
      return new Promise<number>((resolve) => {
        const drawn = () => document.querySelector('.r6o-span-highlight-layer .r6o-annotation, .r6o-span-highlight-layer > *') !== null;
        if (drawn()) {
          void w.afterPaint(t0).then(resolve);
          return;
        }
        const observer = new MutationObserver(() => {
          if (!drawn()) return;
          observer.disconnect();
          void w.afterPaint(t0).then(resolve);
        });
        observer.observe(document.body, { subtree: true, childList: true });
      });
    },
    { text, annotations },
  );
}

async function benchFirstPaint(browser: Browser, root: string, corpus: string, article: BigArticle, runs: number): Promise<BenchResult[]> {
  const app = await startApp(root, corpus);
  const appTimes: number[] = [];
  const clickTimes: number[] = [];
  let look: ColumnLook | null = null;
  for (let i = 0; i <= runs; i += 1) {
    const page = await openApp(browser, () => app);
    const times = await openArticleTimed(page);
    if (i > 0) {
      appTimes.push(times.fromArrival);
      clickTimes.push(times.fromClick);
    }
    look ??= await columnLook(page);
    await page.context().close();
  }
  await app.close();

  await bundleRecogito(root);
  const annotations = recogitoAnnotations(article);
  const plainTimes: number[] = [];
  const recogitoTimes: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const plain = await staticPage(browser, root, 'plain-article', articlePage(look!, false));
    const plainMs = await plainRenderTimed(plain, article.text);
    await plain.context().close();
    const recogito = await staticPage(browser, root, 'recogito-article', articlePage(look!, true));
    const recogitoMs = await recogitoTimed(recogito, article.text, annotations);
    await recogito.context().close();
    if (i > 0) {
      plainTimes.push(plainMs);
      recogitoTimes.push(recogitoMs);
    }
  }
  const size = `${round(Buffer.byteLength(article.text) / 1e6, 2)} MB, ${article.spans.length.toLocaleString('en')} spans`;
  const appMedian = median(appTimes);
  const plainMedian = median(plainTimes);
  const recogitoMedian = median(recogitoTimes);
  return [
    {
      name: `article first paint (${size})`,
      unit: 'ms',
      median: round(appMedian),
      p95: round(quantile(appTimes, 0.95)),
      baselineName: 'plain full render of the same text, no spans',
      baselineMedian: round(plainMedian),
      ratio: round(appMedian / plainMedian, 2),
      target: '≤ 0.5 × baseline',
      met: appMedian <= 0.5 * plainMedian,
      note: `${article.overlapping} spans take part in an overlap; app time is from the document's arrival in the renderer to the painted frame; from the click, through the e2e bridge, it is ${round(median(clickTimes))} ms`,
    },
    {
      name: `article first paint vs Recogito (${size})`,
      unit: 'ms',
      median: round(appMedian),
      p95: round(quantile(appTimes, 0.95)),
      baselineName: '@recogito/text-annotator 4 loading the same spans',
      baselineMedian: round(recogitoMedian),
      ratio: round(appMedian / recogitoMedian, 3),
      target: '≥ 5 × faster (ratio ≤ 0.2)',
      met: appMedian * 5 <= recogitoMedian,
      note: 'Recogito time is rendering the text, creating the annotator and loading the spans, to the frame after its highlights are drawn; app time as above',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// 4. Adding a span

/** What one add measured, in ms from the keydown's time stamp. */
interface AddTimes {
  /** To the frame painted after the new span showed: its element in the paragraph, or its custom highlight. */
  total: number;
  /** Whether that first painted frame showed it as a custom highlight (true) or as its element. */
  byHighlight: boolean;
  /** To the highlight element (a new span id) in the paragraph's DOM. */
  toDom: number;
  /** To the frame painted after that element was in the DOM (the same frame as `total` when no custom highlight came first). */
  elementPainted: number;
}

/**
 * The custom highlight the renderer paints a new span under before React draws its element
 * (renderer/src/features/document-view/custom-highlights.ts: `qb-new-` and the label's index
 * in the schema), and that label's colour.
 */
function newSpanHighlight(key: string): { name: string; rgb: string } {
  const index = DEFAULT_LABELS.findIndex((l) => l.key === key);
  const label = DEFAULT_LABELS[index];
  if (!label) throw new Error(`no default label has the key ${key}`);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(label.color.slice(i, i + 2), 16));
  return { name: `qb-new-${index}`, rgb: `${r}, ${g}, ${b}` };
}

/**
 * Selects a few words of paragraph `index` (scrolled into view), focuses the view, and arms a
 * recorder for the next keydown: the frame painted after the new span first shows (a highlight
 * element with a new span id in that paragraph, or a custom highlight `highlight` registered
 * over exactly the selected text), the time its element is in the DOM, and the frame painted
 * after that.
 */
async function armAdd(page: Page, index: number, highlight: string): Promise<void> {
  await page.evaluate((index) => {
    const paras = document.querySelectorAll('.doc-text .para:not(.para-empty)');
    (paras[index % paras.length] as HTMLElement).scrollIntoView({ block: 'center' });
  }, index);
  // Let the scroll land and the paragraphs around it draw their highlights (as a reader pauses
  // before selecting): until three frames in a row pass without a change to the text's DOM.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let quiet = 0;
        const observer = new MutationObserver(() => (quiet = 0));
        observer.observe(document.querySelector('.doc-text')!, { subtree: true, childList: true, attributes: true, characterData: true });
        const tick = () => {
          quiet += 1;
          if (quiet >= 3) {
            observer.disconnect();
            resolve();
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  await page.evaluate(
    async ({ index, highlight }) => {
      const paras = document.querySelectorAll('.doc-text .para:not(.para-empty)');
      const para = paras[index % paras.length] as HTMLElement;
      const known = new Set<string>();
      for (const el of para.querySelectorAll('[data-span-ids]')) for (const id of el.getAttribute('data-span-ids')!.split(' ')) known.add(id);
      // A few words near the paragraph's middle: the first text node holding a word boundary there.
      const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t as Text);
      const node = texts.find((t, i) => i >= texts.length / 2 && / \S+ \S+/.test(t.data)) ?? texts.find((t) => / \S+ \S+/.test(t.data))!;
      const from = node.data.indexOf(' ') + 1;
      const second = node.data.indexOf(' ', from);
      const to = node.data.indexOf(' ', second + 1) > 0 ? node.data.indexOf(' ', second + 1) : node.data.length;
      (document.querySelector('[data-testid="doc-view"]') as HTMLElement).focus({ preventScroll: true });
      const selected = document.createRange();
      selected.setStart(node, from);
      selected.setEnd(node, to);
      const hasElement = () => [...para.querySelectorAll('[data-span-ids]')].some((el) => el.getAttribute('data-span-ids')!.split(' ').some((id) => !known.has(id)));
      // Registered under the label's name, starting where the selection starts, over the same text.
      const hasHighlight = () => {
        const registered = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights?.get(highlight);
        if (!registered) return false;
        for (const r of registered) {
          if (!(r instanceof Range)) continue;
          if (r.compareBoundaryPoints(Range.START_TO_START, selected) === 0 && r.toString() === selected.toString()) return true;
        }
        return false;
      };
      // The selection is made, then held for two frames: the app puts its kept selection back on
      // the DOM one frame after a re-render, which can come from the scroll (paragraphs drawing
      // near the view) and would undo a selection made in between, as no reader is that fast.
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      let held = false;
      for (let attempt = 0; attempt < 10 && !held; attempt += 1) {
        getSelection()!.setBaseAndExtent(node, from, node, to);
        await frame();
        await frame();
        held = getSelection()!.toString() === selected.toString();
      }
      if (!held) throw new Error(`add in paragraph ${index}: the selection does not hold`);
      const w = window as unknown as { benchAdd: Promise<unknown> };
      w.benchAdd = new Promise((resolve, reject) => {
        let t0 = -1;
        const times = { total: -1, byHighlight: false, toDom: -1, elementPainted: -1 };
        let shownAsked = false;
        let elementAsked = false;
        // Runs `record` in a task right after the frame being prepared now is painted.
        const afterPaint = (record: (ms: number) => void) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            record(performance.now() - t0);
            if (times.total >= 0 && times.elementPainted >= 0) {
              clearTimeout(stuck);
              resolve(times);
            }
          };
          channel.port2.postMessage(0);
        };
        // Each animation frame after the keydown (rAF callbacks run before the frame's paint).
        const tick = () => {
          if (!shownAsked) {
            const byHighlight = hasHighlight();
            if (byHighlight || hasElement()) {
              shownAsked = true;
              times.byHighlight = byHighlight;
              afterPaint((ms) => (times.total = ms));
            }
          }
          if (!elementAsked && times.toDom >= 0) {
            elementAsked = true;
            afterPaint((ms) => (times.elementPainted = ms));
          }
          if (!elementAsked || !shownAsked) requestAnimationFrame(tick);
        };
        window.addEventListener(
          'keydown',
          (e) => {
            t0 = e.timeStamp;
            requestAnimationFrame(tick);
          },
          { capture: true, once: true },
        );
        const observer = new MutationObserver(() => {
          if (t0 < 0 || !hasElement()) return;
          observer.disconnect();
          times.toDom = performance.now() - t0;
        });
        observer.observe(para, { subtree: true, childList: true, attributes: true });
        const stuck = setTimeout(() => {
          const why = { ...times, keydown: t0 >= 0, selection: getSelection()?.toString(), wanted: selected.toString(), connected: para.isConnected, notice: document.querySelector('[role="status"], .toast')?.textContent ?? null };
          reject(new Error(`add in paragraph ${index}: no new span shown within 10 s of arming (${JSON.stringify(why)})`));
        }, 10_000);
      });
    },
    { index, highlight },
  );
}

/**
 * The browser's floor for the same gesture: a plain page whose keydown handler wraps the
 * selected words in a highlighted span at once; keydown to the painted frame, timed alike.
 */
async function floorAddTimes(browser: Browser, root: string, adds: number): Promise<number[]> {
  const words = 'the minister said officials would meet on tuesday to discuss border security and the talks were described as frank';
  const page = await staticPage(browser, root, 'plain-add', `<div style="width:700px;margin:40px auto;font:18px/1.6 serif">${Array.from({ length: 12 }, () => `<p>${words}</p>`).join('')}</div>`);
  const times: number[] = [];
  for (let i = 0; i < adds + 2; i += 1) {
    await page.evaluate((i) => {
      const para = document.querySelectorAll('p')[i % 12] as HTMLElement;
      const text = [...para.childNodes].reverse().find((n) => n.nodeType === Node.TEXT_NODE && (n as Text).data.length > 12) as Text;
      const range = document.createRange();
      range.setStart(text, 1);
      range.setEnd(text, 8);
      (window as unknown as { benchAdd: Promise<number> }).benchAdd = new Promise<number>((resolve) => {
        window.addEventListener(
          'keydown',
          (e) => {
            const t0 = e.timeStamp;
            const mark = document.createElement('span');
            mark.style.background = 'rgba(232, 163, 61, 0.2)';
            range.surroundContents(mark);
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now() - t0);
              channel.port2.postMessage(0);
            });
          },
          { once: true },
        );
      });
    }, i);
    await page.keyboard.press('q');
    const ms = await page.evaluate(() => (window as unknown as { benchAdd: Promise<number> }).benchAdd);
    if (i >= 2) times.push(ms);
  }
  await page.context().close();
  return times;
}

async function benchAddSpan(browser: Browser, root: string, corpus: string, article: BigArticle, sizes: Sizes): Promise<BenchResult[]> {
  const app = await startApp(path.dirname(corpus), corpus);
  // The time main takes to validate and durably write each new span, to tell saving from drawing.
  const saves: number[] = [];
  const timed: QuotebenchApp = {
    ...app,
    dispatch: async (method, args) => {
      const t0 = performance.now();
      const answer = await app.dispatch(method, args);
      if (method === 'createSpan') saves.push(performance.now() - t0);
      return answer;
    },
  };
  const page = await openApp(browser, () => timed);
  await openArticleTimed(page);
  // Far paragraphs are built in idle time right after the first paint; the adds pick paragraphs
  // by index among the built ones, so they start once all are built (as after a second of reading).
  await page.waitForFunction(() => document.querySelector('.doc-text .para-bulk') === null);
  const status = page.getByTestId('save-status');
  const paragraphs = article.text.split('\n').filter((l) => l !== '').length;
  const adds: AddTimes[] = [];
  const warmUp = 2;
  const highlight = newSpanHighlight('q');
  for (let i = 0; i < sizes.adds + warmUp; i += 1) {
    // Spread over the whole article, far from the top as often as near it.
    const index = Math.floor(((i * 0.618034) % 1) * paragraphs);
    await armAdd(page, index, highlight.name);
    const before = Number((await status.getAttribute('data-completed')) ?? 0);
    await page.keyboard.press('q');
    const answer = await page.evaluate(() => (window as unknown as { benchAdd: Promise<AddTimes> }).benchAdd);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="save-status"]')?.getAttribute('data-completed') ?? 0) > n, before);
    if (i >= warmUp) adds.push(answer);
  }
  const byHighlight = adds.filter((a) => a.byHighlight).length;
  // A frame shown by a custom highlight counts only if that highlight is styled in the label's colour.
  if (byHighlight > 0) {
    const styled = await page.evaluate(
      ({ name, rgb }) =>
        [...document.styleSheets, ...document.adoptedStyleSheets].some((sheet) =>
          [...sheet.cssRules].some((rule) => rule instanceof CSSStyleRule && rule.selectorText === `::highlight(${name})` && rule.style.backgroundColor.includes(rgb)),
        ),
      highlight,
    );
    if (!styled) throw new Error(`the custom highlight ${highlight.name} has no ::highlight rule in the label's colour (${highlight.rgb})`);
  }
  await page.context().close();
  await app.close();
  const floor = median(await floorAddTimes(browser, root, sizes.adds));
  const totals = adds.map((a) => a.total);
  const med = median(totals);
  const p95 = quantile(totals, 0.95);
  /** A row of times against the browser floor. */
  const againstFloor = (name: string, times: number[], target: string, met: boolean, note: string): BenchResult => ({
    name,
    unit: 'ms',
    median: round(median(times)),
    p95: round(quantile(times, 0.95)),
    baselineName: 'a plain page painting a span on keydown (the browser floor)',
    baselineMedian: round(floor),
    ratio: round(median(times) / floor, 2),
    target,
    met,
    note,
  });
  return [
    againstFloor(
      `add a span in the article (${sizes.adds} adds)`,
      totals,
      'median ≤ 16.7 ms, p95 ≤ 33 ms',
      med <= FRAME_MS && p95 <= 2 * FRAME_MS,
      `keypress to the frame painted with the new span: as a custom highlight in ${byHighlight} of ${adds.length} adds, else as its element; drawn before main's durable save answers (save median ${round(median(saves.slice(warmUp)))} ms); keypress to highlight element in the DOM median ${round(median(adds.map((a) => a.toDom)))} ms`,
    ),
    againstFloor(
      `add a span in the article, the frame with its element (${sizes.adds} adds)`,
      adds.map((a) => a.elementPainted),
      "(for reference: where React draws the element, after the highlight's frame)",
      true,
      'keypress to the frame painted after the highlight element with the new span id is in the paragraph (the same frame as the row above when no custom highlight came first)',
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// 8. Renderer memory

/** Resident and proportional memory of the browser's renderer processes, in MB (Linux /proc). */
async function rendererMemory(browser: Browser): Promise<{ rss: number; pss: number }> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  let rss = 0;
  let pss = 0;
  for (const p of info.processInfo.filter((x) => x.type === 'renderer')) {
    const rollup = await fs.readFile(`/proc/${p.id}/smaps_rollup`, 'utf8').catch(() => '');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    // The largest renderer is the page's; the others (if any) are idle spares.
    if (kb('Rss') > rss * 1024) {
      rss = kb('Rss') / 1024;
      pss = kb('Pss') / 1024;
    }
  }
  return { rss, pss };
}

/** Collects garbage in the page, then answers the used JS heap in MB. */
async function jsHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

async function benchMemory(root: string, corpus: string, article: BigArticle, runs: number): Promise<BenchResult[]> {
  const app = await startApp(root, corpus);
  const appRss: number[] = [];
  const appHeap: number[] = [];
  const plainRss: number[] = [];
  const plainHeap: number[] = [];
  let look: ColumnLook | null = null;
  for (let i = 0; i < runs; i += 1) {
    // A browser of its own each time, so its one renderer process holds only this page.
    const browser = await launch();
    const page = await openApp(browser, () => app);
    await openArticleTimed(page);
    look ??= await columnLook(page);
    appHeap.push(await jsHeap(page));
    appRss.push((await rendererMemory(browser)).rss);
    await browser.close();
    const plainBrowser = await launch();
    const plain = await staticPage(plainBrowser, root, 'plain-article', articlePage(look, false));
    await plainRenderTimed(plain, article.text);
    plainHeap.push(await jsHeap(plain));
    plainRss.push((await rendererMemory(plainBrowser)).rss);
    await plainBrowser.close();
  }
  await app.close();
  const memory = (what: string, app: number[], plain: number[], target: string, note: string): BenchResult => ({
    name: `renderer ${what} with the article open`,
    unit: 'MB',
    median: round(median(app)),
    baselineName: `plain render of the same text (${what})`,
    baselineMedian: round(median(plain)),
    ratio: round(median(app) / median(plain), 2),
    target,
    met: median(app) < 300,
    note,
  });
  return [
    memory('process RSS', appRss, plainRss, '< 300 MB', 'the renderer process of a browser holding only that page, after the first paint'),
    memory('JS heap', appHeap, plainHeap, '< 300 MB (with the process)', 'used JS heap after a forced garbage collection (CDP Performance.getMetrics)'),
  ];
}
