import type { AttributeDef } from '../../../../shared/model.js';
import { Kbd } from '../../ui/Kbd.js';

/** One attribute as a row of toggle buttons (form: direct / indirect / mixed; checkworthy: yes / no). */
export function AttributeField({ attribute, value, keyHint, onChange }: { attribute: AttributeDef; value: string | undefined; keyHint: string | null; onChange(value: string | null): void }) {
  return (
    <div className="attr-field" role="radiogroup" aria-label={attribute.name} data-testid={`attr-${attribute.name}`}>
      {attribute.values.map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          className={value === v ? 'seg-btn on' : 'seg-btn'}
          data-value={v}
          onClick={() => onChange(value === v ? null : v)}
        >
          {v}
        </button>
      ))}
      {keyHint ? <Kbd>{keyHint}</Kbd> : null}
    </div>
  );
}
