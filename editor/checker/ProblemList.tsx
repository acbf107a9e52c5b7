import type { Problem } from '../../schemas/problems';

interface Props {
  problems: readonly Problem[];
  onSelect(problem: Problem): void;
}

/** The compiler's problems, errors first; each one is a button that shows where it is in the text. */
export function ProblemList({ problems, onSelect }: Props) {
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <ul className="problems" aria-label="Problems">
      {sorted.map((p, i) => (
        <li key={`${p.code}-${p.pointer}-${i}`}>
          <button type="button" className={`problem ${p.severity}`} onClick={() => onSelect(p)}>
            <span className="problem-code">{p.code}</span>
            <span className="problem-severity">{p.severity}</span>
            <span className="problem-message">{p.message}</span>
            {p.pointer && <span className="problem-pointer">{p.pointer}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
