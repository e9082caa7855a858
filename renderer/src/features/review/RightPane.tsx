import { useSession } from '../corpus/session-context.js';
import { InspectorContainer } from '../inspector/InspectorContainer.js';
import { useRegistry } from '../registry/registry-context.js';
import { useReview } from './review-context.js';
import { ReviewPanel } from './ReviewPanel.js';

/** The right pane: the inspector, or in review mode the review panel. */
export function RightPane() {
  const review = useReview();
  const registry = useRegistry();
  const { labels } = useSession();
  return review.active ? <ReviewPanel speakers={registry.speakers} targets={registry.targets} labels={labels} /> : <InspectorContainer />;
}
