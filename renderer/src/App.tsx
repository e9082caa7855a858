import type { QuotebenchApi } from '../../shared/api.js';
import type { EventSource } from '../../shared/events.js';
import { ApiContext } from './api/api-context.js';
import { EventsContext, noEvents } from './api/events.js';
import { AnnotatorGate } from './features/corpus/AnnotatorGate.js';
import { SessionGate } from './features/corpus/SessionGate.js';
import { SessionProvider } from './features/corpus/SessionProvider.js';
import { TopBarContainer } from './features/corpus/TopBarContainer.js';
import { WelcomeContainer } from './features/corpus/WelcomeContainer.js';
import { DocumentListContainer } from './features/document-list/DocumentListContainer.js';
import { DocumentListProvider } from './features/document-list/DocumentListProvider.js';
import { DocumentProvider } from './features/document-view/DocumentProvider.js';
import { DocumentViewContainer } from './features/document-view/DocumentViewContainer.js';
import { ChangeWatcher } from './features/changes/ChangeWatcher.js';
import { CorpusViews } from './features/insight/CorpusViews.js';
import { InspectorRequestProvider } from './features/inspector/InspectorRequestProvider.js';
import { ReviewProvider } from './features/review/ReviewProvider.js';
import { RightPane } from './features/review/RightPane.js';
import { NoticesProvider } from './features/notices/NoticesProvider.js';
import { ToastContainer } from './features/notices/ToastContainer.js';
import { EditProvider } from './features/history/EditProvider.js';
import { RegistryProvider } from './features/registry/RegistryProvider.js';
import { SuggestionsProvider } from './features/suggest/SuggestionsProvider.js';
import { GlobalShortcuts } from './features/shortcuts/GlobalShortcuts.js';
import { KeymapProvider } from './features/keymap/KeymapProvider.js';
import { OverlayProvider } from './features/shortcuts/OverlayProvider.js';

/** The whole UI: providers around the three-pane layout. */
export function App({ api, events = noEvents }: { api: QuotebenchApi; events?: EventSource }) {
  return (
    <ApiContext.Provider value={api}>
    <EventsContext.Provider value={events}>
      <KeymapProvider>
      <NoticesProvider>
        <OverlayProvider>
          <SessionProvider>
            <RegistryProvider>
            <DocumentListProvider>
              <ReviewProvider>
              <DocumentProvider>
                <EditProvider>
                <SuggestionsProvider>
                <InspectorRequestProvider>
                <div className="app">
                  <TopBarContainer />
                  <SessionGate welcome={<WelcomeContainer />}>
                    <main className="workbench">
                      <DocumentListContainer />
                      <DocumentViewContainer />
                      <RightPane />
                    </main>
                  </SessionGate>
                  <AnnotatorGate />
                  <GlobalShortcuts />
                  <ChangeWatcher />
                  <CorpusViews />
                  <ToastContainer />
                </div>
                </InspectorRequestProvider>
                </SuggestionsProvider>
                </EditProvider>
              </DocumentProvider>
              </ReviewProvider>
            </DocumentListProvider>
            </RegistryProvider>
          </SessionProvider>
        </OverlayProvider>
      </NoticesProvider>
      </KeymapProvider>
    </EventsContext.Provider>
    </ApiContext.Provider>
  );
}
