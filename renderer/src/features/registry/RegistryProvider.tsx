import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SpeakerList } from '../../../../shared/api.js';
import type { Speaker, Target } from '../../../../shared/model.js';
import { useApi } from '../../api/api-context.js';
import { useSession } from '../corpus/session-context.js';
import { useNotices } from '../notices/notices-context.js';
import { RegistryContext } from './registry-context.js';

const NO_SPEAKERS: Speaker[] = [];
const NO_TARGETS: Target[] = [];

/** Provides the registry. Speakers and targets come from the session's project.json; usage is loaded on demand. */
export function RegistryProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { notify } = useNotices();
  const { state, reloadProject } = useSession();
  const [usage, setUsage] = useState<SpeakerList | null>(null);
  const usageWanted = useRef(false);

  const refreshUsage = useCallback(() => {
    usageWanted.current = true;
    void api.listSpeakers({}).then((result) => {
      if (result.ok) setUsage(result.value);
      else notify(`Cannot count speakers: ${result.error.message}`);
    });
  }, [api, notify]);

  const refresh = useCallback(() => {
    void reloadProject();
    if (usageWanted.current) refreshUsage();
  }, [reloadProject, refreshUsage]);

  const speakers = state.project?.speakers ?? NO_SPEAKERS;
  const targets = state.project?.targets ?? NO_TARGETS;
  const value = useMemo(() => ({ speakers, targets, usage, refresh, refreshUsage }), [speakers, targets, usage, refresh, refreshUsage]);
  return <RegistryContext.Provider value={value}>{children}</RegistryContext.Provider>;
}
