import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../shared/events.js';
import { EventBus, throttled } from './event-bus.js';

const at = (done: number): AppEvent => ({ type: 'corpus-progress', progress: { phase: 'reading', done, total: 10 } });

afterEach(() => vi.useRealTimers());

describe('EventBus', () => {
  it('sends each event to every subscriber until it unsubscribes, past one that throws', () => {
    const errors: unknown[] = [];
    const bus = new EventBus((_m, e) => errors.push(e));
    const a: AppEvent[] = [];
    const b: AppEvent[] = [];
    bus.subscribe(() => {
      throw new Error('broken view');
    });
    const offA = bus.subscribe((e) => a.push(e));
    bus.subscribe((e) => b.push(e));
    bus.publish(at(1));
    offA();
    bus.publish(at(2));
    expect(a).toEqual([at(1)]);
    expect(b).toEqual([at(1), at(2)]);
    expect(errors).toHaveLength(2);
  });
});

describe('throttled', () => {
  it('sends the first at once, then the latest at most every interval, and a final one at once', () => {
    vi.useFakeTimers();
    const sent: AppEvent[] = [];
    const send = throttled((e) => sent.push(e), 100);
    send(at(1));
    send(at(2));
    send(at(3));
    expect(sent).toEqual([at(1)]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([at(1), at(3)]);
    send(at(4));
    send({ type: 'corpus-progress', progress: null }, true);
    vi.advanceTimersByTime(500);
    // The held one is dropped: the final event says where things ended.
    expect(sent).toEqual([at(1), at(3), { type: 'corpus-progress', progress: null }]);
  });
});
