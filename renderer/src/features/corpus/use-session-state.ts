/** Every session call to main (getSession, setAnnotator, pickCorpus, openRecent, closeCorpus, getProject). */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Session } from '../../../../shared/api.js';
import type { Result } from '../../../../shared/result.js';
import { useApi } from '../../api/api-context.js';
import { useNotices } from '../notices/notices-context.js';
import { corpusPath, initialSession, selectLabels, sessionReducer } from './session-reducer.js';
import type { SessionApi } from './session-context.js';

/** Owns the session slice and runs its effects. */
export function useSessionState(): SessionApi {
  const api = useApi();
  const { notify } = useNotices();
  const [state, dispatch] = useReducer(sessionReducer, initialSession);
  const busyRef = useRef(false);

  const load = useCallback(async () => {
    dispatch({ type: 'session-requested' });
    const result = await api.getSession({});
    if (result.ok) dispatch({ type: 'session-received', session: result.value });
    else dispatch({ type: 'session-failed', message: result.error.message });
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const path = corpusPath(state);
  const pathRef = useRef(path);
  pathRef.current = path;
  const reloadProject = useCallback(async () => {
    const at = pathRef.current;
    if (!at) return;
    const result = await api.getProject({});
    if (result.ok) dispatch({ type: 'project-received', corpusPath: at, project: result.value });
    else notify(`Cannot read the project settings: ${result.error.message}`);
  }, [api, notify]);
  useEffect(() => {
    if (path) void reloadProject();
  }, [path, reloadProject]);

  /** Runs one session-changing call at a time and applies the session it answers. */
  const change = useCallback(
    async (call: () => Promise<Result<Session | null>>, failurePrefix: string) => {
      if (busyRef.current) return;
      busyRef.current = true;
      dispatch({ type: 'busy-changed', busy: true });
      try {
        const result = await call();
        if (!result.ok) notify(`${failurePrefix}: ${result.error.message}`);
        else if (result.value) dispatch({ type: 'session-received', session: result.value });
      } finally {
        busyRef.current = false;
        dispatch({ type: 'busy-changed', busy: false });
      }
    },
    [notify],
  );

  const saveAnnotator = useCallback(
    async (name: string) => {
      const result = await api.setAnnotator({ name });
      if (!result.ok) return result.error.message;
      dispatch({ type: 'session-received', session: result.value });
      return null;
    },
    [api],
  );

  const canPick = state.session?.canPickFolder ?? false;
  const pickCorpus = useCallback(() => {
    if (!canPick) {
      notify('In browser mode, start `quotebench serve FOLDER` to open another corpus.', 'info');
      return;
    }
    void change(() => api.pickCorpus({}), 'Cannot open the folder');
  }, [api, canPick, change, notify]);
  const openRecent = useCallback((recentId: string) => void change(() => api.openRecent({ recentId }), 'Cannot open that corpus'), [api, change]);
  const closeCorpus = useCallback(() => void change(() => api.closeCorpus({}), 'Cannot close the corpus'), [api, change]);
  const retry = useCallback(() => void load(), [load]);

  const labels = selectLabels(state);
  return useMemo(
    () => ({ state, labels, saveAnnotator, pickCorpus, openRecent, closeCorpus, retry, reloadProject }),
    [state, labels, saveAnnotator, pickCorpus, openRecent, closeCorpus, retry, reloadProject],
  );
}
