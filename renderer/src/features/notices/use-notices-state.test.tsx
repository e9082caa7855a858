// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNoticesState } from './use-notices-state.js';

describe('useNoticesState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('dismisses each info toast 4 s after it showed, even while newer toasts keep arriving', () => {
    const { result } = renderHook(() => useNoticesState());
    act(() => result.current.notify('first', 'info'));
    act(() => vi.advanceTimersByTime(3000));
    act(() => result.current.notify('second', 'info'));
    act(() => vi.advanceTimersByTime(1500));
    // 4.5 s after "first", 1.5 s after "second": a newer toast did not restart the older one's clock.
    expect(result.current.items.map((n) => n.message)).toEqual(['second']);
    act(() => vi.advanceTimersByTime(2500));
    expect(result.current.items).toEqual([]);
  });

  it('keeps an error for 9 s', () => {
    const { result } = renderHook(() => useNoticesState());
    act(() => result.current.notify('broken'));
    act(() => vi.advanceTimersByTime(8900));
    expect(result.current.items.map((n) => n.tone)).toEqual(['error']);
    act(() => vi.advanceTimersByTime(200));
    expect(result.current.items).toEqual([]);
  });
});
