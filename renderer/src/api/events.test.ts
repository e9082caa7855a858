// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../../shared/api.js';
import { EVENTS_PATH, type AppEvent } from '../../../shared/events.js';
import { findEventBridge, httpEvents } from './events.js';

const progress = (done: number): AppEvent => ({ type: 'corpus-progress', progress: { phase: 'reading', done, total: 9 } });

describe('the preload’s event bridge', () => {
  it('hands events to the listener, skips values that are not events, and unsubscribes', () => {
    let deliver: ((value: unknown) => void) | null = null;
    const win = { quotebenchEvents: { subscribe: (l: (v: unknown) => void) => ((deliver = l), () => (deliver = null)) } } as unknown as Window;
    const got: AppEvent[] = [];
    const off = findEventBridge(win)!.subscribe((e) => got.push(e));
    deliver!(progress(1));
    deliver!('not an event');
    deliver!(null);
    expect(got).toEqual([progress(1)]);
    off();
    expect(deliver).toBeNull();
    expect(findEventBridge({} as Window)).toBeNull();
  });
});

describe('browser mode’s event stream', () => {
  it('GETs the stream with the token, splits lines across chunks, and stops reading on the last unsubscribe', async () => {
    const encoder = new TextEncoder();
    let push!: (text: string) => void;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(encoder.encode(text));
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return { ok: true, status: 200, body } as Response;
    }) as unknown as typeof fetch;
    const got: AppEvent[] = [];
    const off = httpEvents('tok', fakeFetch).subscribe((e) => got.push(e));
    await new Promise((r) => setTimeout(r, 0));
    push('{"type":"stream-open"}\n{"type":"corpus-pro');
    push('gress","progress":{"phase":"reading","done":3,"total":9}}\nnot json\n');
    await expect.poll(() => got.length).toBe(2);
    expect(got).toEqual([{ type: 'stream-open' }, progress(3)]);
    expect(seen[0]?.url).toBe(EVENTS_PATH);
    expect(seen[0]?.init.headers).toEqual({ [TOKEN_HEADER]: 'tok' });
    off();
    await expect.poll(() => cancelled).toBe(true);
  });
});
