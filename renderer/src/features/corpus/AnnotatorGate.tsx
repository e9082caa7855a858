import { useOverlay } from '../shortcuts/overlay-context.js';
import { AnnotatorDialog } from './AnnotatorDialog.js';
import { useSession } from './session-context.js';

/** Asks for the annotator's name on first run (no way around it) or when asked to change it. */
export function AnnotatorGate() {
  const { state, saveAnnotator } = useSession();
  const overlay = useOverlay();
  const session = state.session;
  if (!session) return null;
  const firstRun = session.annotator === null;
  if (!firstRun && overlay.overlay !== 'annotator') return null;
  const close = () => overlay.close('annotator');
  return (
    <AnnotatorDialog
      key={firstRun ? 'first-run' : 'change'}
      initialName={session.annotator ?? session.defaultAnnotator}
      firstRun={firstRun}
      onCancel={firstRun ? null : close}
      onSave={async (name) => {
        const problem = await saveAnnotator(name);
        if (problem === null) close();
        return problem;
      }}
    />
  );
}
