/** Follows an export or import job: polls getJob until it finishes. */
import { useEffect, useState } from 'react';
import type { JobStatus } from '../../../../shared/api.js';
import { useApi } from '../../api/api-context.js';

/** Poll interval while a job runs. */
const POLL_MS = 150;

/** The job's latest status (null before the first answer); `error` when polling itself failed. */
export function useJob(jobId: string | null): { job: JobStatus | null; error: string | null } {
  const api = useApi();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (!jobId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await api.getJob({ jobId });
      if (!live) return;
      if (!result.ok) return setError(result.error.message);
      setJob(result.value);
      if (!result.value.finished) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, jobId]);
  return { job, error };
}

/** "12 of 40 documents" style progress as a fraction 0..1 (0 while the total is unknown). */
export function jobFraction(job: Pick<JobStatus, 'done' | 'total' | 'finished'> | null): number {
  if (!job) return 0;
  if (job.finished) return 1;
  return job.total > 0 ? Math.min(1, job.done / job.total) : 0;
}
