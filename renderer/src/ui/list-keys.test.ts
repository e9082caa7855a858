import { describe, expect, it, vi } from 'vitest';
import { handleListKey } from './list-keys.js';

const key = (k: string) => ({ key: k, preventDefault: vi.fn(), stopPropagation: vi.fn() });

describe('handleListKey', () => {
  it('moves with wrapping, chooses and closes', () => {
    const on = { move: vi.fn(), choose: vi.fn(), close: vi.fn() };
    expect(handleListKey(key('ArrowDown'), 3, 2, on)).toBe(true);
    expect(on.move).toHaveBeenLastCalledWith(0);
    handleListKey(key('ArrowUp'), 3, 0, on);
    expect(on.move).toHaveBeenLastCalledWith(2);
    handleListKey(key('Enter'), 3, 1, on);
    expect(on.choose).toHaveBeenCalledWith(1);
    const esc = key('Escape');
    handleListKey(esc, 3, 1, on);
    expect(on.close).toHaveBeenCalled();
    expect(esc.stopPropagation).toHaveBeenCalled();
    expect(handleListKey(key('a'), 3, 1, on)).toBe(false);
    handleListKey(key('ArrowDown'), 0, 0, on);
    expect(on.move).toHaveBeenCalledTimes(2);
  });
});
