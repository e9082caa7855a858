/** Which caret motion a key press in the document view means. Pure, so the bindings are testable. */
import type { Motion } from './caret-motion.js';

/** A caret motion and whether it extends the selection. */
export interface MotionCommand {
  motion: Motion;
  extend: boolean;
}

/** The motion bound to `event`, or null when the key is not a caret key. Alt+arrows belong to the document list. */
export function motionForKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): MotionCommand | null {
  if (event.altKey) return null;
  const word = event.ctrlKey || event.metaKey;
  const extend = event.shiftKey;
  switch (event.key) {
    case 'ArrowLeft':
      return { motion: word ? 'word-left' : 'grapheme-left', extend };
    case 'ArrowRight':
      return { motion: word ? 'word-right' : 'grapheme-right', extend };
    case 'Home':
      return { motion: word ? 'document-start' : 'paragraph-start', extend };
    case 'End':
      return { motion: word ? 'document-end' : 'paragraph-end', extend };
    case 'ArrowUp':
      return word ? null : { motion: extend ? 'paragraph-back' : 'previous-paragraph', extend };
    case 'ArrowDown':
      return word ? null : { motion: extend ? 'paragraph-forward' : 'next-paragraph', extend };
    default:
      return null;
  }
}
