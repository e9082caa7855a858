import type { RecentCorpus } from '../../../../shared/api.js';
import { Kbd } from '../../ui/Kbd.js';
import { formatTime } from '../../ui/format.js';

/** Props of the no-corpus screen. */
export interface WelcomeScreenProps {
  recent: RecentCorpus[];
  canPickFolder: boolean;
  busy: boolean;
  onOpen: () => void;
  onOpenRecent: (recentId: string) => void;
}

/** Shown while no corpus is open: open a folder or pick a recent corpus. */
export function WelcomeScreen({ recent, canPickFolder, busy, onOpen, onOpenRecent }: WelcomeScreenProps) {
  return (
    <main className="welcome" data-testid="welcome">
      <div className="welcome-card">
        <h1 className="welcome-title">Open a corpus</h1>
        <p className="welcome-text">A corpus is a folder of .txt articles (and .jsonl article dumps, one article per line). Annotations are kept in a .quotebench folder inside it.</p>
        <button type="button" className="btn btn-primary btn-large" data-testid="open-corpus" onClick={onOpen} disabled={!canPickFolder || busy}>
          Open Corpus Folder… <Kbd>Ctrl+O</Kbd>
        </button>
        {!canPickFolder && (
          <p className="welcome-note" data-testid="browser-mode-note">
            Browser mode has no folder dialog: start <code>quotebench serve FOLDER</code> to open another corpus.
          </p>
        )}
        <h2 className="welcome-subtitle">Recent corpora</h2>
        {recent.length === 0 ? (
          <p className="welcome-empty">None yet.</p>
        ) : (
          <ul className="recent-list" data-testid="recent-list">
            {recent.map((r) => (
              <li key={r.id}>
                <button type="button" className="recent-item" data-testid="recent-item" data-recent-id={r.id} title={r.path} disabled={busy} onClick={() => onOpenRecent(r.id)}>
                  <span className="recent-name">{r.name}</span>
                  <span className="recent-path">{r.path}</span>
                  <span className="recent-time">{formatTime(r.openedAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
