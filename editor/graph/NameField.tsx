import { useEffect, useId, useState } from 'react';

interface NameFieldProps {
  label: string;
  value: string;
  /** Why a name cannot be used, or null when it can (see nameProblem). */
  check(name: string): string | null;
  /** Called with an accepted new name when the field is left or Enter is pressed. */
  onRename(name: string): void;
}

/**
 * A name field that renames only when the user is done typing (field left or Enter) and the name is accepted;
 * a refused name stays in the field with the reason in plain words beside it. Escape puts the old name back.
 * @example <NameField label="Input name" value="data" check={(n) => nameProblem(n, taken)} onRename={rename} />
 */
export function NameField({ label, value, check, onRename }: NameFieldProps) {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setDraft(value);
    setProblem(null);
  }, [value]);
  const commit = () => {
    if (draft === value) {
      setProblem(null);
      return;
    }
    const why = check(draft);
    setProblem(why);
    if (why === null) onRename(draft);
  };
  return (
    <span className="pt-name-field">
      <input
        className={`pt-input${problem ? ' pt-input-refused' : ''}`}
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? id : undefined}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (problem) setProblem(check(e.target.value) === null ? null : problem);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(value);
            setProblem(null);
          }
        }}
      />
      {problem && (
        <span id={id} className="pt-refused" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
