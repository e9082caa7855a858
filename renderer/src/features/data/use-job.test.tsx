// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { JobStatus, QuotebenchApi } from '../../../../shared/api.js';
import type { AppEvent } from '../../../../shared/events.js';
import { ApiContext } from '../../api/api-context.js';
import { EventsContext } from '../../api/events.js';
import { useJob } from './use-job.js';

const JOB = 'aaaaaaaaaaaaaaaa';
const status = (done: number, finished = false): JobStatus => ({ jobId: JOB, kind: 'export', done, total: 10, finished, error: null });

describe('useJob', () => {
  it('reads the job once, then follows its events (no polling), keeps the newest, and cancels through the API', async () => {
    const calls: string[] = [];
    const api = {
      getJob: async () => (calls.push('getJob'), { ok: true, value: status(0) }),
      cancelJob: async () => (calls.push('cancelJob'), { ok: true, value: { cancelled: true } }),
    } as unknown as QuotebenchApi;
    const listeners = new Set<(e: AppEvent) => void>();
    const events = { subscribe: (l: (e: AppEvent) => void) => (listeners.add(l), () => void listeners.delete(l)) };
    const send = (e: AppEvent) => act(() => listeners.forEach((l) => l(e)));
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApiContext.Provider value={api}>
        <EventsContext.Provider value={events}>{children}</EventsContext.Provider>
      </ApiContext.Provider>
    );
    const { result, unmount } = renderHook(() => useJob(JOB), { wrapper });
    await act(async () => undefined);
    expect(result.current.job).toEqual(status(0));
    send({ type: 'job', job: status(4) });
    send({ type: 'job', job: { ...status(9), jobId: 'bbbbbbbbbbbbbbbb' } });
    expect(result.current.job).toEqual(status(4));
    send({ type: 'job', job: status(10, true) });
    send({ type: 'job', job: status(7) });
    expect(result.current.job).toEqual(status(10, true));
    await act(async () => result.current.cancel());
    expect(calls).toEqual(['getJob', 'cancelJob']);
    unmount();
    expect(listeners.size).toBe(0);
  });
});
