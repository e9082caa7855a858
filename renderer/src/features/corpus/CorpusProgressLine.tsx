import { useEffect, useState } from 'react';
import type { CorpusProgress } from '../../../../shared/api.js';
import { useApi } from '../../api/api-context.js';
import { useEvents } from '../../api/events.js';
import { formatInt } from '../../ui/format.js';

/** The words for a progress report: "Reading articles: 4,200 of 20,005". */
export function progressText(p: CorpusProgress): string {
  if (p.phase === 'scanning') return 'Looking for articles in the folder…';
  const what = p.phase === 'reading' ? 'Reading articles' : 'Reading annotations';
  return `${what}: ${formatInt(p.done)} of ${formatInt(p.total)}`;
}

/**
 * While `active`, shows how far opening the corpus has got (main's `corpus-progress` events,
 * after one read of the state); `idle` is shown otherwise.
 */
export function CorpusProgressLine({ active, idle, className }: { active: boolean; idle: string; className: string }) {
  const api = useApi();
  const events = useEvents();
  const [progress, setProgress] = useState<CorpusProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!active) return;
    let live = true;
    // An event that arrived before the read answered is newer than the read's answer.
    let heard = false;
    const read = async () => {
      heard = false;
      const result = await api.getCorpusProgress({});
      if (live && result.ok && !heard) setProgress(result.value);
    };
    const off = events.subscribe((event) => {
      if (event.type === 'corpus-progress') {
        heard = true;
        setProgress(event.progress);
      } else if (event.type === 'stream-open') void read();
    });
    void read();
    return () => {
      live = false;
      off();
    };
  }, [api, events, active]);
  if (!progress) return <p className={`loading ${className}`}>{idle}</p>;
  return (
    <div className={className} data-testid="corpus-progress" data-phase={progress.phase} role="status">
      <p className="loading">{progressText(progress)}</p>
      {progress.total > 0 ? <progress className="corpus-progress-bar" max={progress.total} value={progress.done} /> : null}
    </div>
  );
}
