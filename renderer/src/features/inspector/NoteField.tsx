import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** The span's free-text note: saved when focus leaves the box or on Ctrl+Enter; Escape drops the change. */
export function NoteField({ note, focusRequest, onSave, onDone }: { note: string; focusRequest: number | null; onSave(note: string): void; onDone(): void }) {
  const [draft, setDraft] = useState(note);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setDraft(note), [note]);
  useLayoutEffect(() => {
    if (focusRequest !== null) ref.current?.focus();
  }, [focusRequest]);
  const commit = () => {
    if (draft !== note) onSave(draft);
  };
  return (
    <textarea
      ref={ref}
      className="input note"
      data-testid="span-note"
      aria-label="Note"
      placeholder="A note for this span (saved when you leave the box)"
      rows={2}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          commit();
          onDone();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setDraft(note);
          onDone();
        }
      }}
    />
  );
}
