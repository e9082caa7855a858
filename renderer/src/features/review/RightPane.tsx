import { useSession } from '../corpus/session-context.js';
import { InspectorContainer } from '../inspector/InspectorContainer.js';
import { useRegistry } from '../registry/registry-context.js';
import { useReview } from './review-context.js';
import { ReviewPanel } from './ReviewPanel.js';
import { SuggestionPanel } from '../suggest/SuggestionPanel.js';
import { useSuggestions } from '../suggest/suggest-context.js';

/** The right pane: the inspector (under the focused suggestion while suggestions are shown), or in review mode the review panel. */
export function RightPane() {
  const review = useReview();
  const registry = useRegistry();
  const { labels } = useSession();
  const suggest = useSuggestions();
  if (review.active) return <ReviewPanel speakers={registry.speakers} targets={registry.targets} labels={labels} />;
  return suggest.active ? (
    <div className="right-stack">
      <SuggestionPanel />
      <InspectorContainer />
    </div>
  ) : (
    <InspectorContainer />
  );
}
