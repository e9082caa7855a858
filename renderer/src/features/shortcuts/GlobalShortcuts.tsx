import { useMemo } from 'react';
import { useSession } from '../corpus/session-context.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { shortcutGroups } from '../keymap/shortcut-list.js';
import { useOverlay } from './overlay-context.js';
import { ShortcutSheet } from './ShortcutSheet.js';

/** App-wide commands (Ctrl+O, Alt+F / F10, ?) and the shortcut sheet. */
export function GlobalShortcuts() {
  const { state, labels, pickCorpus } = useSession();
  const overlay = useOverlay();
  const groups = useMemo(() => shortcutGroups(labels), [labels]);
  const ready = state.session?.annotator != null;

  useCommandHandlers(
    {
      'corpus.open': () => {
        overlay.close();
        pickCorpus();
      },
      'menu.file': () => {
        if (overlay.overlay === 'file-menu') overlay.close('file-menu');
        else if (overlay.overlay === 'none') overlay.open('file-menu');
      },
      'sheet.open': () => {
        if (overlay.overlay !== 'none') return false;
        overlay.open('shortcut-sheet');
      },
    },
    ready,
  );

  if (overlay.overlay !== 'shortcut-sheet') return null;
  return <ShortcutSheet groups={groups} onClose={() => overlay.close('shortcut-sheet')} />;
}
