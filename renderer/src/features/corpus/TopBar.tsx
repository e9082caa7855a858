import type { ReactNode } from 'react';
import type { CorpusInfo } from '../../../../shared/api.js';

/** Props of the top bar. */
export interface TopBarProps {
  corpus: CorpusInfo | null;
  annotator: string | null;
  menu: ReactNode;
  /** Buttons for the corpus views, shown when a corpus is open. */
  nav: ReactNode;
  saveStatus: ReactNode;
  onChangeAnnotator: () => void;
  onHelp: () => void;
}

/** App name, File menu, open corpus, save status and annotator. */
export function TopBar({ corpus, annotator, menu, nav, saveStatus, onChangeAnnotator, onHelp }: TopBarProps) {
  return (
    <header className="topbar">
      <span className="app-name">Quotebench</span>
      {menu}
      <div className="topbar-corpus" data-testid="corpus-name" title={corpus?.path ?? ''}>
        {corpus ? (
          <>
            <span className="corpus-name">{corpus.name}</span>
            <span className="corpus-path">{corpus.path}</span>
          </>
        ) : (
          <span className="corpus-path">No corpus open</span>
        )}
      </div>
      {corpus ? nav : null}
      <div className="topbar-right">
        {saveStatus}
        {annotator && (
          <button type="button" className="annotator-button" data-testid="annotator-name" title="Change annotator" onClick={onChangeAnnotator}>
            <span className="annotator-avatar" aria-hidden="true">
              {annotator.slice(0, 1).toUpperCase()}
            </span>
            {annotator}
          </button>
        )}
        <button type="button" className="icon-btn help-btn" aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)" onClick={onHelp}>
          ?
        </button>
      </div>
    </header>
  );
}
