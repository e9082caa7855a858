import { useSession } from './session-context.js';
import { WelcomeScreen } from './WelcomeScreen.js';

/** Connects the welcome screen to the session. */
export function WelcomeContainer() {
  const { state, pickCorpus, openRecent } = useSession();
  return (
    <WelcomeScreen
      recent={state.session?.recent ?? []}
      canPickFolder={state.session?.canPickFolder ?? false}
      busy={state.busy}
      onOpen={pickCorpus}
      onOpenRecent={openRecent}
    />
  );
}
