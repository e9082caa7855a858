import { useCallback, useMemo } from 'react';
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
  const views = useMemo(
    () => [
      { id: 'speakers', label: 'Speakers and targets', short: 'Speakers', hint: 'G', onSelect: () => overlay.open('speakers') },
      { id: 'search', label: 'Search the corpus', short: 'Search', hint: 'Ctrl+Shift+F', onSelect: () => overlay.open('search') },
      { id: 'overview', label: 'Corpus overview', short: 'Overview', hint: 'O', onSelect: () => overlay.open('overview') },
      { id: 'review', label: 'Review a colleague… / agreement', short: 'Review', hint: 'Shift+R', onSelect: () => overlay.open('review-setup') },
      { id: 'schema', label: 'Labels and attributes…', short: null, hint: undefined, onSelect: () => overlay.open('schema') },
      { id: 'export', label: 'Export…', short: null, hint: undefined, onSelect: () => overlay.open('export') },
      { id: 'import', label: 'Import…', short: null, hint: undefined, onSelect: () => overlay.open('import') },
    ],
    [overlay],
  );
  const nav = (
    <nav className="topbar-nav" aria-label="Corpus views">
      {views
        .filter((v) => v.short)
        .map((v) => (
          <button key={v.id} type="button" className="nav-btn" data-testid={`nav-${v.id}`} title={v.hint ? `${v.label} (${v.hint})` : v.label} onClick={v.onSelect}>
            {v.short} {v.hint ? <span className="kbd">{v.hint}</span> : null}
          </button>
        ))}
    </nav>
  );

  return (
    <TopBar
      corpus={session?.corpus ?? null}
      annotator={session?.annotator ?? null}
      onChangeAnnotator={() => overlay.open('annotator')}
      onHelp={() => overlay.open('shortcut-sheet')}
      nav={nav}
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
          views={views}
        />
      }
    />
  );
}
