import { useNotices } from './notices-context.js';
import { ToastStack } from './ToastStack.js';

/** Connects the toast stack to the notices state. */
export function ToastContainer() {
  const { items, dismiss } = useNotices();
  return <ToastStack items={items} onDismiss={dismiss} />;
}
