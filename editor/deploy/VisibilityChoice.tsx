import { useId } from 'react';
import type { Visibility } from './deploy-api';

const OPTIONS: readonly { value: Visibility; label: string; hint: string }[] = [
  {
    value: 'private',
    label: 'Private',
    hint: 'Only you. A share link still lets its holders look, read-only.',
  },
  { value: 'unlisted', label: 'Unlisted', hint: 'You, and whoever you give a share link to.' },
  { value: 'public', label: 'Public', hint: 'Anyone, and it is listed among the public twins.' },
];

/**
 * The three visibilities of a twin as radio buttons, each explained.
 * @example <VisibilityChoice value={visibility} onChange={setVisibility} />
 */
export function VisibilityChoice({
  value,
  onChange,
  disabled,
  problem,
}: {
  value: Visibility;
  onChange: (visibility: Visibility) => void;
  disabled?: boolean;
  problem?: string;
}) {
  const name = useId();
  return (
    <fieldset className="dw-origins dw-visibility" disabled={disabled}>
      <legend>Who can open this twin?</legend>
      {OPTIONS.map((o) => (
        <label key={o.value} className={value === o.value ? 'dw-origin dw-picked' : 'dw-origin'}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <span>
            <strong>{o.label}</strong>
            <span className="dw-muted">{o.hint}</span>
          </span>
        </label>
      ))}
      {problem && (
        <p className="dw-field-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
