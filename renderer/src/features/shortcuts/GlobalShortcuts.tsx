import { useEffect, useMemo } from 'react';
import { useSession } from '../corpus/session-context.js';
import { isTextEntry } from './key-target.js';
import { useOverlay } from './overlay-context.js';
import { shortcutGroups } from './shortcut-list.js';
import { ShortcutSheet } from './ShortcutSheet.js';

/** App-wide keys (Ctrl+O, Alt+F / F10, ?) and the shortcut sheet. */
export function GlobalShortcuts() {
  const { state, labels, pickCorpus } = useSession();
  const overlay = useOverlay();
  const groups = useMemo(() => shortcutGroups(labels), [labels]);
  const ready = state.session?.annotator != null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!ready || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && key === 'o') {
        event.preventDefault();
        overlay.close();
        pickCorpus();
        return;
      }
      if ((event.altKey && !event.ctrlKey && !event.metaKey && key === 'f') || (event.key === 'F10' && !event.ctrlKey && !event.altKey)) {
        event.preventDefault();
        if (overlay.overlay === 'file-menu') overlay.close('file-menu');
        else if (overlay.overlay === 'none') overlay.open('file-menu');
        return;
      }
      if (event.key === '?' && !event.ctrlKey && !event.altKey && !event.metaKey && !isTextEntry(event.target) && overlay.overlay === 'none') {
        event.preventDefault();
        overlay.open('shortcut-sheet');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, overlay, pickCorpus]);

  if (overlay.overlay !== 'shortcut-sheet') return null;
  return <ShortcutSheet groups={groups} onClose={() => overlay.close('shortcut-sheet')} />;
}
