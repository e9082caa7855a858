import { useEffect, useState } from 'react';
import type { CorpusProgress } from '../../../../shared/api.js';
import { useApi } from '../../api/api-context.js';
import { formatInt } from '../../ui/format.js';

/** Poll interval while the corpus is being opened or listed. */
const POLL_MS = 200;

/** The words for a progress report: "Reading articles: 4,200 of 20,005". */
export function progressText(p: CorpusProgress): string {
  if (p.phase === 'scanning') return 'Looking for articles in the folder…';
  const what = p.phase === 'reading' ? 'Reading articles' : 'Reading annotations';
  return `${what}: ${formatInt(p.done)} of ${formatInt(p.total)}`;
}

/** While `active`, polls main for how far opening the corpus has got and shows it; `idle` is shown otherwise. */
export function CorpusProgressLine({ active, idle, className }: { active: boolean; idle: string; className: string }) {
  const api = useApi();
  const [progress, setProgress] = useState<CorpusProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!active) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await api.getCorpusProgress({});
      if (!live) return;
      if (result.ok) setProgress(result.value);
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, active]);
  if (!progress) return <p className={`loading ${className}`}>{idle}</p>;
  return (
    <div className={className} data-testid="corpus-progress" data-phase={progress.phase} role="status">
      <p className="loading">{progressText(progress)}</p>
      {progress.total > 0 ? <progress className="corpus-progress-bar" max={progress.total} value={progress.done} /> : null}
    </div>
  );
}
