/** Non-blocking messages (mostly API errors) shown as toasts. */

/** One message on screen. */
export interface Notice {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

/** The toasts currently shown, newest last. */
export interface NoticesState {
  items: Notice[];
  nextId: number;
}

/** What can happen to the toasts. */
export type NoticesAction =
  | { type: 'notice-posted'; message: string; tone: Notice['tone'] }
  | { type: 'notice-dismissed'; id: number };

/** At most this many toasts stay on screen; older ones give way. */
export const MAX_NOTICES = 4;

/** No toasts. */
export const initialNotices: NoticesState = { items: [], nextId: 1 };

/** Pure reducer for the toast list; a repeat of the newest message does not stack. */
export function noticesReducer(state: NoticesState, action: NoticesAction): NoticesState {
  switch (action.type) {
    case 'notice-posted': {
      const last = state.items[state.items.length - 1];
      const kept = last && last.message === action.message && last.tone === action.tone ? state.items.slice(0, -1) : state.items;
      const items = [...kept, { id: state.nextId, message: action.message, tone: action.tone }].slice(-MAX_NOTICES);
      return { items, nextId: state.nextId + 1 };
    }
    case 'notice-dismissed':
      return { ...state, items: state.items.filter((n) => n.id !== action.id) };
  }
}
