import type { DocStatus } from '../../../shared/model.js';

const TEXT: Record<DocStatus, string> = { todo: 'todo', 'in-progress': 'in progress', done: 'done' };

/** A document's status as a small pill: todo (outline), in progress (half), done (accent). */
export function StatusPill({ status }: { status: DocStatus }) {
  return <span className={`pill pill-${status}`}>{TEXT[status]}</span>;
}
