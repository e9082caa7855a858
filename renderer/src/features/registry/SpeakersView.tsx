import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SpeakerUsage } from '../../../../shared/api.js';
import { SPEAKER_KINDS, type SpeakerKind, type Target } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';
import { Modal } from '../../ui/Modal.js';
import type { SpeakerFields } from '../history/commands.js';
import { useEdits } from '../history/edit-context.js';
import { useRegistry } from './registry-context.js';
import { mergeDirection, parseAliases, speakerRows } from './speakers-table.js';

/** Moves focus to the next or previous row of the same list (↑/↓). */
function moveRowFocus(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
  const rows = Array.from(event.currentTarget.parentElement?.querySelectorAll<HTMLElement>(':scope > [data-row]') ?? []);
  const at = rows.indexOf(event.currentTarget);
  rows[at + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
  event.preventDefault();
  return true;
}

/** G: every speaker with quote counts, likely duplicates with one-key merge, rename, delete when unused; and the targets. */
export function SpeakersView({ onClose, onShowQuotes }: { onClose: () => void; onShowQuotes: (speaker: SpeakerUsage) => void }) {
  const registry = useRegistry();
  const edits = useEdits();
  const [tab, setTab] = useState<'speakers' | 'targets'>('speakers');
  const { refreshUsage } = registry;
  useEffect(() => refreshUsage(), [refreshUsage]);

  return (
    <Modal title="Speakers and targets" testId="speakers-view" onClose={onClose} wide>
      <div className="tabs" role="tablist" aria-label="Registry">
        <button type="button" role="tab" aria-selected={tab === 'speakers'} className="tab" data-testid="tab-speakers" onClick={() => setTab('speakers')}>
          Speakers ({registry.speakers.length})
        </button>
        <button type="button" role="tab" aria-selected={tab === 'targets'} className="tab" data-testid="tab-targets" onClick={() => setTab('targets')}>
          Targets ({registry.targets.length})
        </button>
      </div>
      {tab === 'speakers' ? (
        registry.usage ? (
          <SpeakersTab usage={registry.usage.speakers} duplicates={registry.usage.duplicates} edits={edits} onShowQuotes={onShowQuotes} />
        ) : (
          <p className="loading view-body">Counting quotes…</p>
        )
      ) : (
        <TargetsTab targets={registry.targets} edits={edits} />
      )}
    </Modal>
  );
}

type Edits = ReturnType<typeof useEdits>;

function SpeakersTab({ usage, duplicates, edits, onShowQuotes }: { usage: SpeakerUsage[]; duplicates: { a: string; b: string; reason: string; score: number }[]; edits: Edits; onShowQuotes: (s: SpeakerUsage) => void }) {
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const rows = useMemo(() => speakerRows(usage, filter), [usage, filter]);
  const pairs = useMemo(() => duplicates.map((d) => ({ d, dir: mergeDirection(d, usage) })).filter((p) => p.dir !== null), [duplicates, usage]);
  // The counts arrive after the dialog opened: focus the first duplicate (M merges it), else the filter.
  const tabRef = useRef<HTMLDivElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current) return;
    focused.current = true;
    const target = tabRef.current?.querySelector<HTMLElement>('[data-testid="duplicate-row"]') ?? tabRef.current?.querySelector<HTMLElement>('[data-testid="speaker-filter"]');
    target?.focus();
  }, []);

  return (
    <div className="registry-tab" ref={tabRef}>
      <section aria-label="Likely duplicates" className="dupes">
        <h3 className="section-title">Likely duplicates {pairs.length > 0 ? <span className="muted">· press M on a row to merge</span> : null}</h3>
        {pairs.length === 0 ? <p className="muted">No likely duplicates.</p> : null}
        <ul className="dupe-list">
          {pairs.map(({ d, dir }) => {
            const { keep, merge } = dir!;
            const doMerge = (k: SpeakerUsage, m: SpeakerUsage) => void edits.mergeSpeakers(k.id, m.id);
            return (
              <li
                key={`${d.a}-${d.b}`}
                data-row
                tabIndex={0}
                className="dupe-row"
                data-testid="duplicate-row"
                onKeyDown={(e) => {
                  if (moveRowFocus(e)) return;
                  if (e.key.toLowerCase() === 'm' && !e.ctrlKey && !e.altKey && !e.metaKey) {
                    e.preventDefault();
                    doMerge(keep, merge);
                  }
                }}
              >
                <span className="dupe-names">
                  <strong>{merge.name}</strong> <span className="muted">({merge.quoteCount})</span> → <strong>{keep.name}</strong>{' '}
                  <span className="muted">({keep.quoteCount})</span>
                </span>
                <span className="dupe-reason">{d.reason}</span>
                <span className="dupe-actions">
                  <button type="button" className="btn btn-small btn-primary" data-testid="merge" onClick={() => doMerge(keep, merge)}>
                    Merge <Kbd>M</Kbd>
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => doMerge(merge, keep)} title={`Keep “${merge.name}” instead`}>
                    Keep {merge.name}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <div className="registry-toolbar">
        <input className="input" aria-label="Filter speakers" placeholder="Filter by name, alias, affiliation or role" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="speaker-filter" />
        <span className="muted">↑/↓ rows · E edit · Del delete an unused speaker</span>
      </div>
      <div className="registry-table" role="table" aria-label="Speakers">
        <div className="registry-head" role="row">
          <span role="columnheader">Name</span>
          <span role="columnheader">Kind</span>
          <span role="columnheader">Aliases</span>
          <span role="columnheader">Affiliation · role</span>
          <span role="columnheader" className="num">Quotes</span>
          <span role="columnheader" />
        </div>
        <div className="registry-body">
          {rows.map((s) =>
            editing === s.id ? (
              <SpeakerEditor
                key={s.id}
                speaker={s}
                onCancel={() => setEditing(null)}
                onSave={(patch) => {
                  setEditing(null);
                  if (Object.keys(patch).length > 0) void edits.updateSpeaker(s, patch);
                }}
              />
            ) : (
              <div
                key={s.id}
                role="row"
                data-row
                tabIndex={0}
                className="registry-row"
                data-testid="speaker-row"
                data-speaker-id={s.id}
                onKeyDown={(e) => {
                  if (moveRowFocus(e) || e.ctrlKey || e.altKey || e.metaKey) return;
                  if (e.key.toLowerCase() === 'e') {
                    e.preventDefault();
                    setEditing(s.id);
                  } else if (e.key === 'Delete' && s.linkCount === 0) {
                    e.preventDefault();
                    void edits.deleteSpeaker(s);
                  }
                }}
              >
                <span role="cell" className="cell-name">
                  {s.name}
                </span>
                <span role="cell">
                  <span className={`kind kind-${s.kind}`}>{s.kind}</span>
                </span>
                <span role="cell" className="cell-muted">
                  {s.aliases.join(', ')}
                </span>
                <span role="cell" className="cell-muted">
                  {[s.affiliation, s.role].filter(Boolean).join(' · ')}
                </span>
                <span role="cell" className="num">
                  {s.quoteCount}
                </span>
                <span role="cell" className="cell-actions">
                  <button type="button" className="btn btn-small" onClick={() => onShowQuotes(s)} disabled={s.linkCount === 0}>
                    Quotes
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(s.id)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    disabled={s.linkCount > 0}
                    title={s.linkCount > 0 ? `In use by ${s.linkCount} span(s): merge it instead` : 'Delete this speaker'}
                    onClick={() => void edits.deleteSpeaker(s)}
                  >
                    Delete
                  </button>
                </span>
              </div>
            ),
          )}
          {rows.length === 0 ? <p className="muted registry-empty">{usage.length === 0 ? 'No speakers yet: select a quote and press L.' : 'No speaker fits the filter.'}</p> : null}
        </div>
      </div>
    </div>
  );
}

function SpeakerEditor({ speaker, onSave, onCancel }: { speaker: SpeakerUsage; onSave: (patch: Partial<SpeakerFields>) => void; onCancel: () => void }) {
  const [name, setName] = useState(speaker.name);
  const [aliases, setAliases] = useState(speaker.aliases.join(', '));
  const [kind, setKind] = useState<SpeakerKind>(speaker.kind);
  const [affiliation, setAffiliation] = useState(speaker.affiliation);
  const [role, setRole] = useState(speaker.role);
  const save = () => {
    const patch: Partial<SpeakerFields> = {};
    if (name.trim() && name.trim() !== speaker.name) patch.name = name.trim();
    const parsed = parseAliases(aliases);
    if (parsed.join('\u0000') !== speaker.aliases.join('\u0000')) patch.aliases = parsed;
    if (kind !== speaker.kind) patch.kind = kind;
    if (affiliation.trim() !== speaker.affiliation) patch.affiliation = affiliation.trim();
    if (role.trim() !== speaker.role) patch.role = role.trim();
    onSave(patch);
  };
  return (
    <form
      className="registry-row editing"
      data-testid="speaker-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <input className="input" aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="speaker-edit-name" />
      <select className="input" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as SpeakerKind)}>
        {SPEAKER_KINDS.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <input className="input" aria-label="Aliases, comma-separated" value={aliases} onChange={(e) => setAliases(e.target.value)} placeholder="aliases, comma-separated" />
      <span className="edit-pair">
        <input className="input" aria-label="Affiliation" value={affiliation} onChange={(e) => setAffiliation(e.target.value)} placeholder="affiliation" />
        <input className="input" aria-label="Role" value={role} onChange={(e) => setRole(e.target.value)} placeholder="role" />
      </span>
      <span className="num">{speaker.quoteCount}</span>
      <span className="cell-actions">
        <button type="submit" className="btn btn-small btn-primary">
          Save
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </form>
  );
}

function TargetsTab({ targets, edits }: { targets: readonly Target[]; edits: Edits }) {
  const [label, setLabel] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  return (
    <div className="registry-tab">
      <form
        className="registry-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (label.trim()) void edits.createTarget(label.trim());
          setLabel('');
        }}
      >
        <input className="input" aria-label="New target" placeholder="New target, e.g. army operation in North Waziristan" value={label} onChange={(e) => setLabel(e.target.value)} data-testid="target-new-input" />
        <button type="submit" className="btn btn-small" disabled={!label.trim()}>
          Add target
        </button>
      </form>
      <ul className="target-list">
        {targets.map((t) => (
          <li key={t.id} className="target-row" data-testid="target-row">
            {editing === t.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  setEditing(null);
                  if (draft.trim() && draft.trim() !== t.label) void edits.renameTarget(t.id, draft.trim());
                }}
              >
                <input className="input" aria-label="Target" value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setEditing(null))} />
              </form>
            ) : (
              <span>{t.label}</span>
            )}
            <span className="cell-actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setEditing(t.id);
                  setDraft(t.label);
                }}
              >
                Rename
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void edits.deleteTarget(t.id)}>
                Delete
              </button>
            </span>
          </li>
        ))}
        {targets.length === 0 ? <li className="muted">No targets yet: select a quote and press T.</li> : null}
      </ul>
    </div>
  );
}
