import { Kbd } from '../../ui/Kbd.js';
import { useSuggestions } from './suggest-context.js';

/** The focused suggestion in the right pane: its form, proposed speaker, cue and source, and the keys. */
export function SuggestionPanel() {
  const { focused, suggestions, loading } = useSuggestions();
  const position = focused ? suggestions.indexOf(focused) + 1 : 0;
  return (
    <section className="suggestion-card" data-testid="suggestion-card" data-suggestion-id={focused?.id ?? ''} aria-label="Suggestion">
      {focused ? (
        <>
          <div className="suggestion-card-title">
            Suggested {focused.quote.form} quote <span className="suggestion-count">{position} of {suggestions.length}</span>
          </div>
          <blockquote className="suggestion-quote">{focused.quote.text.length > 160 ? focused.quote.text.slice(0, 157) + '…' : focused.quote.text}</blockquote>
          <dl className="suggestion-fields">
            <dt>Speaker</dt>
            <dd data-testid="suggestion-speaker">
              {focused.speaker ? (
                <>
                  {focused.speaker.name} <span className="muted">({focused.speaker.kind}, {focused.speaker.speakerId ? 'in the registry' : 'new'})</span>
                </>
              ) : (
                <span className="muted">none found</span>
              )}
            </dd>
            <dt>Cue</dt>
            <dd data-testid="suggestion-cue">{focused.cue ? `“${focused.cue.text}”` : <span className="muted">none found</span>}</dd>
            <dt>Source</dt>
            <dd>{focused.source ? `“${focused.source.text}”` : <span className="muted">none found</span>}</dd>
          </dl>
          <div className="suggestion-keys">
            <Kbd>Enter</Kbd> accept · <Kbd>X</Kbd> reject · <Kbd>I</Kbd> / <Kbd>Shift+I</Kbd> next / previous
            <br />
            <Kbd>Shift+Enter</Kbd> accept all {suggestions.length} · <Kbd>Esc</Kbd> hide
          </div>
        </>
      ) : (
        <p className="muted">{loading ? 'Looking for quotes…' : 'No open suggestions in this document: every quote found is annotated or rejected.'}</p>
      )}
    </section>
  );
}
