import { useEffect } from 'react';
import { colleagueLayers, useReview } from '../review/review-context.js';
import { useOverlay } from '../shortcuts/overlay-context.js';
import { AnnotatorDialog } from './AnnotatorDialog.js';
import { useSession } from './session-context.js';

/** Asks for the annotator's name on first run (no way around it) or when asked to change it. */
export function AnnotatorGate() {
  const { state, saveAnnotator } = useSession();
  const overlay = useOverlay();
  const { layers, refreshLayers } = useReview();
  const session = state.session;
  const firstRun = session?.annotator === null;
  const asking = Boolean(session?.corpus) && (firstRun || overlay.overlay === 'annotator');
  // The corpus's layers, so the dialog can say when a name is already a colleague's layer.
  useEffect(() => {
    if (asking) refreshLayers();
  }, [asking, refreshLayers]);
  if (!session) return null;
  if (!firstRun && overlay.overlay !== 'annotator') return null;
  const close = () => overlay.close('annotator');
  return (
    <AnnotatorDialog
      key={firstRun ? 'first-run' : 'change'}
      initialName={session.annotator ?? session.defaultAnnotator}
      firstRun={firstRun}
      otherLayers={colleagueLayers(layers, session.annotator).map((l) => l.name)}
      onCancel={firstRun ? null : close}
      onSave={async (name) => {
        const problem = await saveAnnotator(name);
        if (problem === null) close();
        return problem;
      }}
    />
  );
}
