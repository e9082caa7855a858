import { useCallback, useEffect, useState } from 'react';
import type { SearchHit } from '../../../../shared/api.js';
import type { StanceValue } from '../../../../shared/model.js';
import { DEFAULT_STANCE_LABELS } from '../../../../shared/schema.js';
import { useSession } from '../corpus/session-context.js';
import { useDocumentList } from '../document-list/list-context.js';
import { useOpenDocument } from '../document-view/document-context.js';
import { useEdits } from '../history/edit-context.js';
import { useNotices } from '../notices/notices-context.js';
import { useRegistry } from '../registry/registry-context.js';
import { SpeakersView } from '../registry/SpeakersView.js';
import { SchemaEditor } from '../schema-editor/SchemaEditor.js';
import { useCommandHandlers } from '../keymap/keymap-context.js';
import { useOverlay } from '../shortcuts/overlay-context.js';
import { ExportDialog } from '../data/ExportDialog.js';
import { ImportDialog } from '../data/ImportDialog.js';
import { AgreementView } from '../review/AgreementView.js';
import { useReview } from '../review/review-context.js';
import { ReviewSetup } from '../review/ReviewSetup.js';
import { CorpusSearchView } from './CorpusSearchView.js';
import { OverviewView } from './OverviewView.js';
import type { SearchForm } from './search-request.js';

/** The corpus-wide views (speakers G, search Ctrl+Shift+F, overview O, review Shift+R, labels) and their keys. */
export function CorpusViews() {
  const overlay = useOverlay();
  const { state: session, labels } = useSession();
  const registry = useRegistry();
  const list = useDocumentList();
  const doc = useOpenDocument();
  const { notify } = useNotices();
  const { undo, redo } = useEdits();
  const review = useReview();
  const { refreshLayers } = review;
  const [agreementNames, setAgreementNames] = useState<string[] | null>(null);
  useEffect(() => {
    if (overlay.overlay === 'review-setup') refreshLayers();
  }, [overlay.overlay, refreshLayers]);
  const [searchInitial, setSearchInitial] = useState<Partial<SearchForm> | null>(null);
  const ready = Boolean(session.session?.corpus && session.session.annotator);

  // Undo and redo work anywhere outside text fields and dialogs, with or without an open document.
  useCommandHandlers(
    {
      'edit.undo': () => undo(),
      'edit.redo': () => redo(),
      'search.open': () => {
        setSearchInitial(null);
        overlay.open('search');
      },
      'view.speakers': () => overlay.open('speakers'),
      'view.overview': () => overlay.open('overview'),
      'review.setup': () => overlay.open('review-setup'),
    },
    ready,
  );

  const openHit = useCallback(
    (hit: SearchHit) => {
      overlay.close('search');
      doc.reveal({ docId: hit.docId, spanId: hit.spanId, start: hit.start, end: hit.end });
      list.open(hit.docId);
    },
    [overlay, doc, list],
  );
  // After a written import: labels, speakers, the list's counts and the open document may all have changed.
  const { reloadProject } = useSession();
  const { reload: reloadList } = list;
  const { retry: reloadDocument } = doc;
  const imported = useCallback(() => {
    void reloadProject();
    reloadList();
    reloadDocument();
    refreshLayers();
    notify('Import written.', 'info');
  }, [reloadProject, reloadList, reloadDocument, notify, refreshLayers]);
  const stanceNames: Record<StanceValue, string> = session.project?.schema.stanceLabels ?? DEFAULT_STANCE_LABELS;

  switch (overlay.overlay) {
    case 'speakers':
      return (
        <SpeakersView
          onClose={() => overlay.close('speakers')}
          onShowQuotes={(speaker) => {
            setSearchInitial({ scope: 'spans', speaker: speaker.name });
            overlay.open('search');
          }}
        />
      );
    case 'search':
      return <CorpusSearchView labels={labels} targets={registry.targets} initial={searchInitial} onClose={() => overlay.close('search')} onOpenHit={openHit} />;
    case 'overview':
      return (
        <OverviewView
          stanceNames={stanceNames}
          onClose={() => overlay.close('overview')}
          onOpenDocument={(docId) => {
            overlay.close('overview');
            list.open(docId);
          }}
        />
      );
    case 'schema':
      return session.project ? (
        <SchemaEditor
          project={session.project}
          onClose={() => overlay.close('schema')}
          onSaved={() => {
            overlay.close('schema');
            doc.retry();
            notify('Labels saved.', 'info');
          }}
        />
      ) : null;
    case 'review-setup':
      return session.session?.annotator ? (
        <ReviewSetup
          layers={review.layers}
          me={session.session.annotator}
          onClose={() => overlay.close('review-setup')}
          onStart={(names) => {
            review.start(names);
            overlay.close('review-setup');
          }}
          onAgreement={(names) => {
            setAgreementNames(names);
            overlay.open('agreement');
          }}
        />
      ) : null;
    case 'agreement':
      return agreementNames ? <AgreementView annotators={agreementNames} onClose={() => overlay.close('agreement')} /> : null;
    case 'export':
      return session.session?.annotator ? <ExportDialog annotator={session.session.annotator} onClose={() => overlay.close('export')} /> : null;
    case 'import':
      return session.session?.annotator ? (
        <ImportDialog annotator={session.session.annotator} canBrowse={session.session.mode === 'electron' && session.session.canPickFolder} onClose={() => overlay.close('import')} onImported={imported} />
      ) : null;
    default:
      return null;
  }
}
