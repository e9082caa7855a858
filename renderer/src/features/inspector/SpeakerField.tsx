import { useLayoutEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SPEAKER_KINDS, type Speaker, type SpeakerKind } from '../../../../shared/model.js';
import { findSpeakers, guessSpeakerKind } from '../../../../shared/speakers.js';
import { Kbd } from '../../ui/Kbd.js';
import { handleListKey } from '../../ui/list-keys.js';

/** Props of the speaker box. */
export interface SpeakerFieldProps {
  speakers: readonly Speaker[];
  current: Speaker | null;
  /** Prefilled when creating a speaker from a SOURCE mention. */
  suggestion: string;
  /** Set when a key (L) asked for the box: it opens with focus. */
  focusRequest: number | null;
  onPick(speakerId: string | null): void;
  onCreate(fields: { name: string; kind: SpeakerKind }): void;
  /** Where focus goes when the box closes (the document). */
  onDone(): void;
}

/**
 * The speaker combobox: names and aliases matched fuzzily (typing "Kiyani" finds "Kayani"),
 * plus a "new speaker" option whose kind is guessed from the words ("a senior official" →
 * anonymous) and can be changed before pressing Enter.
 */
export function SpeakerField({ speakers, current, suggestion, focusRequest, onPick, onCreate, onDone }: SpeakerFieldProps) {
  const [editing, setEditing] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [kind, setKind] = useState<SpeakerKind | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  // Only a new key request opens the box; a registry reload arriving while typing must not reset it.
  const startRef = useRef({ current, suggestion });
  startRef.current = { current, suggestion };
  useLayoutEffect(() => {
    if (focusRequest === null) return;
    setEditing(true);
    setQuery(startRef.current.current ? '' : startRef.current.suggestion);
    setActive(0);
    setKind(null);
  }, [focusRequest]);
  // Layout effect: focus lands before the browser paints, so fast typing is never lost.
  useLayoutEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const matches = useMemo(() => (editing ? findSpeakers(speakers, query, 8) : []), [editing, speakers, query]);
  const trimmed = query.trim();
  const exact = matches.some((m) => m.speaker.name.toLowerCase() === trimmed.toLowerCase());
  const newKind = kind ?? guessSpeakerKind(trimmed);
  const options = [...matches.map((m) => ({ type: 'pick' as const, match: m })), ...(trimmed && !exact ? [{ type: 'new' as const }] : [])];
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const close = () => {
    setEditing(false);
    onDone();
  };
  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    if (option.type === 'pick') onPick(option.match.speaker.id);
    else onCreate({ name: trimmed, kind: newKind });
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => handleListKey(event, options.length, activeIndex, { move: setActive, choose, close });

  if (!editing) {
    return (
      <div className="field-row" data-testid="speaker-field">
        {current ? (
          <span className="speaker-chip" data-testid="speaker-current" data-speaker-id={current.id}>
            <strong>{current.name}</strong>
            <span className={`kind kind-${current.kind}`}>{current.kind}</span>
            {current.affiliation ? <span className="muted">{current.affiliation}</span> : null}
          </span>
        ) : (
          <span className="missing">No speaker</span>
        )}
        <button type="button" className="btn btn-small" data-testid="speaker-change" onClick={() => { setEditing(true); setQuery(current ? '' : suggestion); }}>
          {current ? 'Change' : 'Set'} <Kbd>L</Kbd>
        </button>
        {current ? (
          <button type="button" className="btn btn-small btn-quiet" aria-label="Remove the speaker" onClick={() => onPick(null)}>
            ×
          </button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="combo" data-testid="speaker-field">
      <input
        ref={inputRef}
        className="input"
        data-testid="speaker-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={options.length ? `${listId}-${activeIndex}` : undefined}
        aria-label="Speaker: type a name, alias or description"
        placeholder="Name, alias or “a senior official”"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) setEditing(false);
        }}
      />
      <ul className="combo-list" id={listId} role="listbox" aria-label="Matching speakers" data-testid="speaker-options">
        {options.map((option, i) => (
          <li
            key={option.type === 'pick' ? option.match.speaker.id : 'new'}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === activeIndex}
            className={i === activeIndex ? 'combo-option active' : 'combo-option'}
            data-testid={option.type === 'pick' ? 'speaker-option' : 'speaker-new'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(i)}
          >
            {option.type === 'pick' ? (
              <>
                <strong>{option.match.speaker.name}</strong>
                <span className={`kind kind-${option.match.speaker.kind}`}>{option.match.speaker.kind}</span>
                {option.match.matched !== option.match.speaker.name ? <span className="muted">alias “{option.match.matched}”</span> : null}
              </>
            ) : (
              <>
                New {newKind} speaker: <strong>“{trimmed}”</strong>
              </>
            )}
          </li>
        ))}
        {options.length === 0 ? <li className="combo-empty">Type a name to find or create a speaker.</li> : null}
      </ul>
      {trimmed && !exact ? (
        <label className="combo-kind">
          Kind of a new speaker
          <select className="input" value={newKind} data-testid="speaker-kind" onChange={(e) => setKind(e.target.value as SpeakerKind)}>
            {SPEAKER_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
