import { useLayoutEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { STANCE_VALUES, type Stance, type StanceValue, type Target } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';
import { handleListKey } from '../../ui/list-keys.js';

/** Props of the stance row of a quote. */
export interface StanceFieldProps {
  targets: readonly Target[];
  stance: Stance | null;
  /** Display names of FAVOR / AGAINST / NONE from the schema. */
  names: Record<StanceValue, string>;
  /** The target the keys 1/2/3 use when the quote has none yet (the last one used). */
  defaultTargetId: string | null;
  focusRequest: number | null;
  onStance(targetId: string, value: StanceValue | null): void;
  onCreateTarget(label: string, value: StanceValue): void;
  onDone(): void;
}

/** The quote's target (a combobox over the corpus-wide list, or a new one) and stance buttons 1/2/3. */
export function StanceField({ targets, stance, names, defaultTargetId, focusRequest, onStance, onCreateTarget, onDone }: StanceFieldProps) {
  const [editing, setEditing] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const targetId = stance?.targetId ?? defaultTargetId;
  const target = targets.find((t) => t.id === targetId) ?? null;

  useLayoutEffect(() => {
    if (focusRequest === null) return;
    setEditing(true);
    setQuery('');
    setActive(0);
  }, [focusRequest]);
  // Layout effect: focus lands before the browser paints, so fast typing is never lost.
  useLayoutEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const q = query.trim().toLowerCase();
  const matches = useMemo(() => targets.filter((t) => t.label.toLowerCase().includes(q)).slice(0, 8), [targets, q]);
  const exact = targets.some((t) => t.label.toLowerCase() === q);
  const options = [...matches.map((t) => ({ type: 'pick' as const, target: t })), ...(q && !exact ? [{ type: 'new' as const }] : [])];
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const value = stance?.value ?? 'NONE';

  const close = () => {
    setEditing(false);
    onDone();
  };
  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    if (option.type === 'pick') onStance(option.target.id, stance?.value ?? value);
    else onCreateTarget(query.trim(), stance?.value ?? 'NONE');
    close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => handleListKey(event, options.length, activeIndex, { move: setActive, choose, close });

  return (
    <div className="stance-field" data-testid="stance-field">
      {editing ? (
        <div className="combo">
          <input
            ref={inputRef}
            className="input"
            data-testid="target-input"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={options.length ? `${listId}-${activeIndex}` : undefined}
            aria-label="Target: type to find or add"
            placeholder="e.g. army operation in North Waziristan"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setEditing(false)}
          />
          <ul className="combo-list" id={listId} role="listbox" aria-label="Targets">
            {options.map((option, i) => (
              <li
                key={option.type === 'pick' ? option.target.id : 'new'}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                className={i === activeIndex ? 'combo-option active' : 'combo-option'}
                data-testid={option.type === 'pick' ? 'target-option' : 'target-new'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(i)}
              >
                {option.type === 'pick' ? option.target.label : <>New target: <strong>“{query.trim()}”</strong></>}
              </li>
            ))}
            {options.length === 0 ? <li className="combo-empty">Type to find a target or add one.</li> : null}
          </ul>
        </div>
      ) : (
        <div className="field-row">
          {target ? (
            <span className="target-chip" data-testid="target-current" data-target-id={target.id}>
              {target.label}
              {!stance ? <span className="muted"> (last used)</span> : null}
            </span>
          ) : (
            <span className="missing">No target</span>
          )}
          <button type="button" className="btn btn-small" data-testid="target-change" onClick={() => setEditing(true)}>
            {target ? 'Change' : 'Set'} <Kbd>T</Kbd>
          </button>
        </div>
      )}
      <div className="stance-buttons" role="radiogroup" aria-label="Stance toward the target">
        {STANCE_VALUES.map((v, i) => (
          <button
            key={v}
            type="button"
            role="radio"
            aria-checked={stance?.value === v}
            disabled={!target}
            className={`stance-btn stance-${v.toLowerCase()}${stance?.value === v ? ' on' : ''}`}
            data-testid={`stance-${v}`}
            onClick={() => target && onStance(target.id, stance?.value === v ? null : v)}
          >
            <Kbd>{String(i + 1)}</Kbd> {names[v]}
          </button>
        ))}
      </div>
    </div>
  );
}
