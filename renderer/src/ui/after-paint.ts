/**
 * Defers a state update past the next painted frame, so that frame shows only what was painted
 * without React (a custom highlight) and React's DOM change lands in the frame after.
 */
import { flushSync } from 'react-dom';

const waiting = new Set<() => void>();
/** Runs the work anyway when no frame came this long after the call (a hidden window). */
export const NO_FRAME_MS = 100;
let listening = false;

function runAll(): void {
  for (const run of [...waiting]) run();
}

/**
 * Runs `work` in a task right after the next frame is painted (a message posted from that
 * frame's animation callback runs after its paint), committing React's update at once
 * (`flushSync`). A keydown or pointerdown before then runs it first, in the capture phase, so
 * that event's own handlers see the state the edit made (the new span selected, its text
 * re-rendered). Where the browser has no animation frames (jsdom) it runs at once, and when no
 * frame comes within NO_FRAME_MS (a hidden window) it runs then. Resolves once `work` has run.
 */
export function afterNextPaint(work: () => void): Promise<void> {
  return new Promise((resolve) => {
    const commit = () => {
      try {
        flushSync(work);
      } finally {
        resolve();
      }
    };
    if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
      commit();
      return;
    }
    const run = () => {
      if (!waiting.delete(run)) return;
      clearTimeout(fallback);
      commit();
    };
    waiting.add(run);
    if (!listening) {
      for (const type of ['keydown', 'pointerdown'] as const) window.addEventListener(type, runAll, { capture: true });
      listening = true;
    }
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = run;
      channel.port2.postMessage(0);
    });
    // A hidden window gets no animation frames; the edit must not wait for it to be shown.
    const fallback = setTimeout(run, NO_FRAME_MS);
  });
}
