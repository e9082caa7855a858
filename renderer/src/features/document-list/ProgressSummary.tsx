import { formatInt } from '../../ui/format.js';

/** "3 of 8 done" with a thin bar. */
export function ProgressSummary({ done, total }: { done: number; total: number }) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-text">
        <span data-testid="progress-text">
          {formatInt(done)} of {formatInt(total)} done
        </span>
        <span className="progress-percent">{percent}%</span>
      </div>
      <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label="Documents done">
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
