import type { Notice } from './notices-reducer.js';

/** The toasts, bottom-left, never covering the text column. */
export function ToastStack({ items, onDismiss }: { items: Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div className="toast-stack" role="status" aria-live="polite">
      {items.map((n) => (
        <div key={n.id} className={`toast toast-${n.tone}`} data-testid="toast" data-tone={n.tone}>
          <span className="toast-message">{n.message}</span>
          <button type="button" className="toast-close" aria-label="Dismiss message" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
