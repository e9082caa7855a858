import { useCallback } from 'react';
import { useOpenDocument } from '../document-view/document-context.js';
import { SaveStatus } from '../document-view/SaveStatus.js';
import { useOverlay } from '../shortcuts/overlay-context.js';
import { FileMenu } from './FileMenu.js';
import { useSession } from './session-context.js';
import { TopBar } from './TopBar.js';

/** Connects the top bar and File menu to the session, document and overlay slices. */
export function TopBarContainer() {
  const { state, pickCorpus, openRecent, closeCorpus } = useSession();
  const { save } = useOpenDocument();
  const overlay = useOverlay();
  const session = state.session;
  const setMenuOpen = useCallback((open: boolean) => (open ? overlay.open('file-menu') : overlay.close('file-menu')), [overlay]);

  return (
    <TopBar
      corpus={session?.corpus ?? null}
      annotator={session?.annotator ?? null}
      onChangeAnnotator={() => overlay.open('annotator')}
      onHelp={() => overlay.open('shortcut-sheet')}
      saveStatus={<SaveStatus label={save} />}
      menu={
        <FileMenu
          open={overlay.overlay === 'file-menu'}
          onOpenChange={setMenuOpen}
          recent={session?.recent ?? []}
          canPickFolder={session?.canPickFolder ?? false}
          hasCorpus={Boolean(session?.corpus)}
          busy={state.busy}
          onOpenCorpus={pickCorpus}
          onOpenRecent={openRecent}
          onCloseCorpus={closeCorpus}
        />
      }
    />
  );
}
