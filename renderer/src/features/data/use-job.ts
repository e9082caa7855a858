/** Follows an export or import job through main's `job` events, and cancels it. */
import { useCallback, useEffect, useState } from 'react';
import type { JobStatus } from '../../../../shared/api.js';
import { useApi } from '../../api/api-context.js';
import { useEvents } from '../../api/events.js';

/** The later of two reports of one job: a finished one wins, then the one further along. */
export function newerJob(a: JobStatus | null, b: JobStatus): JobStatus {
  if (!a || a.jobId !== b.jobId) return b;
  if (a.finished !== b.finished) return a.finished ? a : b;
  return b.done >= a.done ? b : a;
}

/**
 * The job's latest status (null before the first report); `error` when it cannot be followed;
 * `cancel` asks main to stop it. Its state is read once when following starts (and again when
 * the event stream reopens), then every change arrives as an event: no polling.
 */
export function useJob(jobId: string | null): { job: JobStatus | null; error: string | null; cancel(): void } {
  const api = useApi();
  const events = useEvents();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (!jobId) return;
    let live = true;
    const read = async () => {
      const result = await api.getJob({ jobId });
      if (!live) return;
      if (!result.ok) return setError(result.error.message);
      setJob((known) => newerJob(known, result.value));
    };
    // Subscribed before the first read, so nothing between the two is lost.
    const off = events.subscribe((event) => {
      if (event.type === 'job' && event.job.jobId === jobId) setJob((known) => newerJob(known, event.job));
      else if (event.type === 'stream-open') void read();
    });
    void read();
    return () => {
      live = false;
      off();
    };
  }, [api, events, jobId]);
  const cancel = useCallback(() => {
    if (jobId) void api.cancelJob({ jobId });
  }, [api, jobId]);
  return { job, error, cancel };
}

/** "12 of 40 documents" style progress as a fraction 0..1 (0 while the total is unknown). */
export function jobFraction(job: Pick<JobStatus, 'done' | 'total' | 'finished'> | null): number {
  if (!job) return 0;
  if (job.finished) return 1;
  return job.total > 0 ? Math.min(1, job.done / job.total) : 0;
}
