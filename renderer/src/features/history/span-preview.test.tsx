// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Span } from '../../../../shared/model.js';
import type { Effect } from './execute.js';
import type { SpanPreview } from './edit-context.js';

const TEXT = 'One said so. Two said no.';

// The contexts useEditState reads, as plain fakes: what it applies and when is what is tested.
const fakes = vi.hoisted(() => ({
  log: [] as string[],
  createSpan: null as unknown as (args: { id: string; start: number; end: number; label: string }) => Promise<unknown>,
  editDocument: null as unknown as (args: { edits: { id: string; start: number; end: number; label: string }[] }) => Promise<unknown>,
}));
vi.mock('../../api/api-context.js', () => ({ useApi: () => ({ createSpan: (args: never) => fakes.createSpan(args), editDocument: (args: never) => fakes.editDocument(args) }) }));
vi.mock('../notices/notices-context.js', () => ({ useNotices: () => ({ notify: (m: string) => fakes.log.push(`notify ${m}`) }) }));
vi.mock('../corpus/session-context.js', () => ({ useSession: () => ({ state: { session: { annotator: 'ann', corpus: { path: '/c' } } }, labels: [] }) }));
vi.mock('../document-list/list-context.js', () => ({ useDocumentList: () => ({ open: () => undefined }) }));
vi.mock('../review/review-context.js', () => ({ useReview: () => ({ colleagues: [], reload: () => undefined }) }));
vi.mock('../registry/registry-context.js', () => ({ useRegistry: () => ({ speakers: [], targets: [], refresh: () => undefined }) }));
vi.mock('../document-view/document-context.js', async () => {
  const { createOffsetMap } = await import('../../../../shared/offsets.js');
  const offsets = createOffsetMap('One said so. Two said no.');
  const api = {
    state: {
      phase: 'ready',
      docId: 'd.txt',
      selectedSpanId: null,
      error: null,
      reveal: null,
      opened: { doc: { id: 'd.txt', text: 'One said so. Two said no.', sha256: 'f'.repeat(64) }, spans: [], relations: [], status: 'todo', annotator: 'ann' },
    },
    offsets,
    applyEffects: (effects: readonly Effect[]) => fakes.log.push(`apply ${effects.map((e) => `${e.type}${'spanId' in e ? ` ${e.spanId}` : ''}`).join(', ')}`),
    saveStarted: () => fakes.log.push('save started'),
    saveProgress: (text: string | null) => fakes.log.push(`progress ${text}`),
    saveFinished: (error: string | null) => fakes.log.push(`save finished ${error ?? 'ok'}`),
    retry: () => undefined,
  };
  return { useOpenDocument: () => api };
});

const { useEditState } = await import('./use-edit-state.js');

function saved(args: { id: string; start: number; end: number; label: string }): Span {
  return { id: args.id, docId: 'd.txt', start: args.start, end: args.end, label: args.label, quote: TEXT.slice(args.start, args.end), prefix: '', suffix: '', attrs: {}, note: '', author: 'ann', created: 't', modified: 't' };
}

/** A preview that records its calls; `paints` says whether it can paint. */
function preview(paints: boolean): SpanPreview & { ids: string[] } {
  const ids: string[] = [];
  return {
    ids,
    show: (id) => {
      ids.push(id);
      fakes.log.push('preview shown');
      return paints;
    },
    drop: () => void fakes.log.push('preview dropped'),
  };
}

describe('a new span painted before the views draw it', () => {
  let frames: FrameRequestCallback[];
  beforeEach(() => {
    fakes.log = [];
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    fakes.createSpan = async (args) => {
      fakes.log.push('main asked');
      return { ok: true, value: { span: saved(args), status: 'in-progress' } };
    };
  });
  afterEach(() => vi.unstubAllGlobals());

  it('starts the save at once, applies the provisional span only after the painted frame, then main’s answer, then drops the preview', async () => {
    const { result } = renderHook(() => useEditState());
    const p = preview(true);
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.createSpan(4, 8, 'QUOTE', p);
    });
    // The keypress's own frame: painted by the preview alone; the views are untouched.
    expect(fakes.log).toEqual(['preview shown', 'main asked']);
    expect(frames).toHaveLength(1);
    await act(async () => {
      frames[0]!(0);
      await done;
    });
    const id = p.ids[0]!;
    expect(id).toMatch(/^s/);
    expect(fakes.log).toEqual(['preview shown', 'main asked', 'save started', 'apply span-upserted', 'apply span-upserted', 'save finished ok', 'preview dropped']);
    await expect(done).resolves.toBe(true);
  });

  it('takes the provisional span and the preview away when the save fails', async () => {
    fakes.createSpan = async () => {
      fakes.log.push('main asked');
      return { ok: false, error: { code: 'io', message: 'disk full' } };
    };
    const { result } = renderHook(() => useEditState());
    const p = preview(true);
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.createSpan(4, 8, 'QUOTE', p);
    });
    await act(async () => {
      frames[0]!(0);
      await done;
    });
    const id = p.ids[0]!;
    expect(fakes.log).toEqual(['preview shown', 'main asked', 'save started', 'apply span-upserted', `apply span-removed ${id}`, 'save finished disk full', 'preview dropped', 'notify Not saved (create QUOTE span): disk full']);
    await expect(done).resolves.toBe(false);
  });

  it('applies the span at once, as before, when the preview cannot paint (no custom highlights) or none is given', async () => {
    const { result } = renderHook(() => useEditState());
    const p = preview(false);
    await act(async () => {
      await result.current.createSpan(4, 8, 'QUOTE', p);
    });
    expect(frames).toHaveLength(0);
    expect(fakes.log).toEqual(['preview shown', 'save started', 'apply span-upserted', 'main asked', 'apply span-upserted', 'save finished ok']);

    fakes.log = [];
    await act(async () => {
      await result.current.createSpan(13, 16, 'QUOTE');
    });
    expect(frames).toHaveLength(0);
    expect(fakes.log).toEqual(['save started', 'apply span-upserted', 'main asked', 'apply span-upserted', 'save finished ok']);
  });
});

describe('a long batch', () => {
  beforeEach(() => {
    fakes.log = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const suggestion = (start: number, end: number) => ({ id: `sg_${start}_${end}`, quote: { label: 'QUOTE', start, end, text: '', form: 'indirect' }, source: null, cue: null, speaker: null });

  it('says what it does, with its count, once it has run half a second, and takes it away when saved', async () => {
    let answer!: () => void;
    fakes.editDocument = (args) => {
      fakes.log.push(`main asked for ${args.edits.length} edits`);
      return new Promise((resolve) => (answer = () => resolve({ ok: true, value: { results: args.edits.map((e) => ({ op: 'createSpan', span: saved(e) })), status: 'in-progress' } })));
    };
    const { result } = renderHook(() => useEditState());
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.acceptSuggestions([suggestion(0, 3), suggestion(4, 8)] as never);
    });
    await act(async () => vi.advanceTimersByTime(499));
    expect(fakes.log).toEqual(['save started', 'main asked for 2 edits']);
    await act(async () => vi.advanceTimersByTime(1));
    expect(fakes.log.at(-1)).toBe('progress Accepting 2 suggestions…');
    await act(async () => {
      answer();
      await done;
    });
    expect(fakes.log.slice(3)).toEqual(['apply layer-edited', 'save finished ok', 'progress null']);
  });

  it('says nothing when it answers within half a second', async () => {
    fakes.editDocument = async (args) => ({ ok: true, value: { results: args.edits.map((e) => ({ op: 'createSpan', span: saved(e) })), status: 'in-progress' } });
    const { result } = renderHook(() => useEditState());
    await act(async () => {
      await result.current.acceptSuggestions([suggestion(0, 3), suggestion(4, 8)] as never);
    });
    await act(async () => vi.advanceTimersByTime(1000));
    expect(fakes.log.filter((l) => l.startsWith('progress'))).toEqual([]);
  });
});
