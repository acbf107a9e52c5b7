import { useId, type InputHTMLAttributes } from 'react';

/**
 * A labelled text input with its hint and its problem, both tied to the input for screen readers.
 * @example <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} problem={problems.email} />
 */
export function TextField({
  label,
  hint,
  problem,
  ...input
}: { label: string; hint?: string; problem?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p className="field-problem" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}
