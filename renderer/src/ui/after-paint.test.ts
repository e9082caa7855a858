// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, NO_FRAME_MS } from './after-paint.js';

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('runs the work at once where the browser has no animation frames', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    const order: string[] = [];
    const done = afterNextPaint(() => order.push('work'));
    order.push('after call');
    await done;
    expect(order).toEqual(['work', 'after call']);
  });

  it('waits for the frame callback and then a message posted from it', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const order: string[] = [];
    const done = afterNextPaint(() => order.push('work'));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]!(0);
    expect(order).toEqual([]);
    await done;
    expect(order).toEqual(['work']);
  });

  it('runs the work anyway when no frame comes (a hidden window)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 1);
    let ran = false;
    const done = afterNextPaint(() => (ran = true));
    vi.advanceTimersByTime(NO_FRAME_MS - 1);
    expect(ran).toBe(false);
    vi.advanceTimersByTime(1);
    expect(ran).toBe(true);
    vi.useRealTimers();
    await done;
  });

  it('runs the waiting work first when a key is pressed before the frame, so the key sees its state', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 1);
    let state = 'before';
    const seen: string[] = [];
    const listener = () => seen.push(state);
    window.addEventListener('keydown', listener);
    const done = afterNextPaint(() => (state = 'after'));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete' }));
    await done;
    window.removeEventListener('keydown', listener);
    expect(seen).toEqual(['after']);
    // A click before the frame does the same.
    const clicked = afterNextPaint(() => (state = 'clicked'));
    window.dispatchEvent(new Event('pointerdown'));
    await clicked;
    expect(state).toBe('clicked');
    // Run once only: a later key does not run it again.
    state = 'later';
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }));
    expect(state).toBe('later');
  });
});
