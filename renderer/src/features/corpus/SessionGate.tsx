import type { ReactNode } from 'react';
import { CorpusProgressLine } from './CorpusProgressLine.js';
import { useSession } from './session-context.js';

/** Shows the workbench once a corpus is open, the welcome screen before, and loading or failure states. */
export function SessionGate({ welcome, children }: { welcome: ReactNode; children: ReactNode }) {
  const { state, retry } = useSession();
  if (state.phase === 'loading') {
    return (
      <main className="center-state">
        <CorpusProgressLine active idle="Starting Quotebench…" className="start-progress" />
      </main>
    );
  }
  if (state.phase === 'failed' || !state.session) {
    return (
      <main className="center-state">
        <div className="doc-error" role="alert">
          <p>Quotebench could not start: {state.loadError}</p>
          <button type="button" className="btn" onClick={retry}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (state.session.annotator === null) return <main className="center-state" />;
  return <>{state.session.corpus ? children : welcome}</>;
}
