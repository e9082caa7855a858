import type { LabelDef, Relation, Span, Speaker, SpeakerKind, StanceValue, Target } from '../../../../shared/model.js';
import { piecesOf } from '../../../../shared/fragments.js';
import { labelForRole, labelRole } from '../../../../shared/schema.js';
import { missingFields } from '../../../../shared/spans.js';
import { Kbd } from '../../ui/Kbd.js';
import { formatTime } from '../../ui/format.js';
import { AttributeField } from './AttributeField.js';
import type { InspectorRequest } from './inspector-requests.js';
import { LinkField } from './LinkField.js';
import { linkCandidates, linkedSpans, linkingQuotes } from './link-candidates.js';
import { NoteField } from './NoteField.js';
import { SpeakerField } from './SpeakerField.js';
import { StanceField } from './StanceField.js';

/** Everything the selected span's card shows and changes. */
export interface SpanDetailsProps {
  span: Span;
  labels: LabelDef[];
  color: string;
  /** A darker shade of `color` for text. */
  ink: string;
  spans: readonly Span[];
  relations: readonly Relation[];
  speakers: readonly Speaker[];
  targets: readonly Target[];
  stanceNames: Record<StanceValue, string>;
  defaultTargetId: string | null;
  request: InspectorRequest | null;
  onDelete(): void;
  onLabel(label: string): void;
  onAttr(name: string, value: string | null): void;
  onNote(note: string): void;
  onSpeaker(speakerId: string | null): void;
  onCreateSpeaker(fields: { name: string; kind: SpeakerKind }): void;
  onStance(targetId: string, value: StanceValue | null): void;
  onCreateTarget(label: string, value: StanceValue): void;
  onLink(childId: string, label: 'source' | 'cue'): void;
  onUnlink(relation: Relation): void;
  onRemoveFragment(index: number): void;
  onSelectSpan(spanId: string): void;
  onPeek(spanId: string | null): void;
  /** Gives focus back to the document. */
  onDone(): void;
}

function seq(request: InspectorRequest | null, field: InspectorRequest['field']): number | null {
  return request && request.field === field ? request.seq : null;
}

function clip(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The selected span: label, text, speaker, stance, links, attributes, fragments, note and facts. */
export function SpanDetails(props: SpanDetailsProps) {
  const { span, labels, color, ink, spans, relations, speakers, targets, request } = props;
  const def = labels.find((l) => l.name === span.label) ?? null;
  const role = labelRole(labels, span.label);
  const isQuote = role === 'QUOTE';
  const takesSpeaker = isQuote || role === 'SOURCE';
  const speaker = span.speakerId ? (speakers.find((s) => s.id === span.speakerId) ?? null) : null;
  const missing = missingFields(span, role);
  const pieces = piecesOf(span);
  const backLinks = isQuote ? [] : linkingQuotes(span, spans, relations);

  return (
    <div className="span-details" data-testid="span-details" data-span-id={span.id} data-missing={missing.join(' ') || undefined}>
      <div className="span-label-row">
        <span className="label-chip" style={{ borderColor: color, color: ink }}>
          <span className="label-dot" style={{ background: color }} aria-hidden="true" />
          {span.label}
        </span>
        <select className="input input-small" aria-label="Change the label" data-testid="span-label-select" value={span.label} onChange={(e) => props.onLabel(e.target.value)}>
          {labels.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
          {def ? null : <option value={span.label}>{span.label}</option>}
        </select>
        {missing.length > 0 ? (
          <span className="incomplete" data-testid="span-incomplete" title="A quote needs a speaker and a stance">
            missing {missing.join(' and ')}
          </span>
        ) : null}
      </div>
      <blockquote className="span-quote" data-testid="span-quote">
        {pieces.length > 1 ? pieces.map(([s, e], i) => <span key={s}>{i > 0 ? ' … ' : ''}{sliceCp(span, s, e)}</span>) : span.quote}
      </blockquote>

      {takesSpeaker ? (
        <section className="insp-section" aria-label="Speaker">
          <h3>{isQuote ? 'Speaker' : 'Names the speaker'}</h3>
          <SpeakerField
            speakers={speakers}
            current={speaker}
            suggestion={role === 'SOURCE' ? span.quote : ''}
            focusRequest={seq(request, 'speaker')}
            onPick={props.onSpeaker}
            onCreate={props.onCreateSpeaker}
            onDone={props.onDone}
          />
        </section>
      ) : null}

      {isQuote ? (
        <section className="insp-section" aria-label="Stance">
          <h3>Stance toward</h3>
          <StanceField
            targets={targets}
            stance={span.stance ?? null}
            names={props.stanceNames}
            defaultTargetId={props.defaultTargetId}
            focusRequest={seq(request, 'target')}
            onStance={props.onStance}
            onCreateTarget={props.onCreateTarget}
            onDone={props.onDone}
          />
        </section>
      ) : null}

      {isQuote ? (
        <section className="insp-section links" aria-label="Links">
          <h3>Source mention</h3>
          <LinkField
            title="Source"
            keyName="R"
            testId="link-source"
            linked={linkedSpans(span, spans, relations, 'source')}
            candidates={linkCandidates(span, spans, relations, labelForRole(labels, 'SOURCE'), 'source')}
            focusRequest={seq(request, 'link-source')}
            onLink={(id) => props.onLink(id, 'source')}
            onUnlink={props.onUnlink}
            onPeek={props.onPeek}
            onDone={props.onDone}
          />
          <h3>Cue</h3>
          <LinkField
            title="Cue"
            keyName="U"
            testId="link-cue"
            linked={linkedSpans(span, spans, relations, 'cue')}
            candidates={linkCandidates(span, spans, relations, labelForRole(labels, 'CUE'), 'cue')}
            focusRequest={seq(request, 'link-cue')}
            onLink={(id) => props.onLink(id, 'cue')}
            onUnlink={props.onUnlink}
            onPeek={props.onPeek}
            onDone={props.onDone}
          />
        </section>
      ) : null}

      {backLinks.length > 0 ? (
        <section className="insp-section" aria-label="Linked from">
          <h3>{role === 'CUE' ? 'Cue of' : 'Source of'}</h3>
          <ul className="linked">
            {backLinks.map(({ relation, span: quote }) => (
              <li key={relation.id}>
                <button type="button" className="link-btn" onClick={() => props.onSelectSpan(quote.id)}>
                  {clip(quote.quote)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {def && def.attributes.length > 0 ? (
        <section className="insp-section" aria-label="Attributes">
          {def.attributes.map((attribute, i) => (
            <div key={attribute.name} className="attr-row">
              <h3>{attribute.name}</h3>
              <AttributeField attribute={attribute} value={span.attrs[attribute.name]} keyHint={i === 0 ? 'F' : null} onChange={(v) => props.onAttr(attribute.name, v)} />
            </div>
          ))}
        </section>
      ) : null}

      {pieces.length > 1 ? (
        <section className="insp-section" aria-label="Fragments">
          <h3>Fragments</h3>
          <ol className="fragments" data-testid="span-fragments">
            {pieces.map(([s, e], i) => (
              <li key={s} data-testid="span-fragment">
                <span className="muted">
                  {s}–{e}
                </span>{' '}
                {clip(sliceCp(span, s, e), 40)}
                <button type="button" className="btn btn-small btn-quiet" aria-label={`Remove fragment ${i + 1}`} onClick={() => props.onRemoveFragment(i)}>
                  ×
                </button>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="hint-line">
          Select more text and press <Kbd>A</Kbd> to add it as a fragment of this span.
        </p>
      )}

      <section className="insp-section" aria-label="Note">
        <h3>Note</h3>
        <NoteField note={span.note} focusRequest={seq(request, 'note')} onSave={props.onNote} onDone={props.onDone} />
      </section>

      <dl className="facts">
        <dt>Offsets</dt>
        <dd data-testid="span-offsets">
          chars {span.start}–{span.end}
        </dd>
        <dt>Author</dt>
        <dd>{span.author}</dd>
        <dt>Modified</dt>
        <dd>
          <time dateTime={span.modified}>{formatTime(span.modified)}</time>
        </dd>
      </dl>
      <button type="button" className="btn btn-danger" data-testid="delete-span" onClick={props.onDelete}>
        Delete span <Kbd>Del</Kbd>
      </button>
    </div>
  );
}

/** The text of code points [s, e) of a span's own quote (which starts at span.start). */
function sliceCp(span: Span, s: number, e: number): string {
  return Array.from(span.quote).slice(s - span.start, e - span.start).join('');
}
