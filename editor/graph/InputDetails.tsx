import { useId } from 'react';
import type { Input } from '../../runtime/compiler/document-types';
import type { Problem } from '../../schemas/problems';
import {
  INPUT_TEXT_LIMITS,
  inputTextProblem,
  primaryKeyProblems,
  setInputText,
  setPrimaryKeyColumn,
} from './blueprint-inputs-ops';
import { useGraphEditor } from './editor-context';

/** A title or description field: edits as typed (one undo step per run of typing), the length rule in words. */
function TextField({ name, input, field }: { name: string; input: Input; field: 'title' | 'description' }) {
  const { store } = useGraphEditor();
  const id = useId();
  const value = input[field] ?? '';
  const problem = inputTextProblem(field, value);
  const props = {
    id,
    className: `pt-input${problem ? ' pt-input-refused' : ''}`,
    value,
    'aria-invalid': problem !== null,
    'aria-describedby': `${id}-hint`,
    onChange: (e: { target: { value: string } }) =>
      store.getState().edit((d) => setInputText(d, name, field, e.target.value), `${field}:${name}`),
    onBlur: () => store.getState().endTyping(),
  };
  const label = field === 'title' ? `Title of input ${name}` : `Description of input ${name}`;
  return (
    <label className="pt-field" htmlFor={id}>
      <span>
        {field === 'title' ? 'Title' : 'Description'} <small>(optional)</small>
      </span>
      {field === 'title' ? (
        <input {...props} aria-label={label} placeholder="a readable name, e.g. Pump readings" />
      ) : (
        <textarea
          {...props}
          aria-label={label}
          rows={2}
          placeholder="what this data is and where it usually comes from"
        />
      )}
      {problem ? (
        <span id={`${id}-hint`} className="pt-refused" role="alert">
          {problem}
        </span>
      ) : (
        <small id={`${id}-hint`}>
          {value.length.toLocaleString('en')} of {INPUT_TEXT_LIMITS[field].toLocaleString('en')} characters
        </small>
      )}
    </label>
  );
}

/**
 * An input's title and description, the readable name and explanation a twin's owner sees when binding it.
 * @example <InputTexts name="telemetry" input={input} />
 */
export function InputTexts({ name, input }: { name: string; input: Input }) {
  return (
    <div className="pt-input-texts">
      <TextField name={name} input={input} field="title" />
      <TextField name={name} input={input} field="description" />
    </div>
  );
}

/**
 * A table input's primary key: one tick box per column (ticked: it identifies a row), and any name the key lists
 * that is not a column, to untick. No tick means the twin's bound table's own primary key applies.
 * @example <PrimaryKeyField name="telemetry" input={input} />
 */
export function PrimaryKeyField({ name, input }: { name: string; input: Extract<Input, { kind: 'table' }> }) {
  const { store } = useGraphEditor();
  const key: readonly string[] = input.primaryKey ?? [];
  const unknown = [...new Set(key.filter((c) => !(c in input.columns)))];
  const problems = primaryKeyProblems(input);
  const hintId = useId();
  const toggle = (column: string, on: boolean) =>
    store.getState().edit((d) => setPrimaryKeyColumn(d, name, column, on));
  return (
    <fieldset className="pt-primary-key" aria-describedby={hintId}>
      <legend>Columns that identify a row (primary key)</legend>
      {[...Object.keys(input.columns), ...unknown].map((column) => (
        <label key={column} className="pt-primary-key-column">
          <input
            type="checkbox"
            checked={key.includes(column)}
            onChange={(e) => toggle(column, e.target.checked)}
            aria-label={`Column ${column} identifies a row of ${name}`}
          />{' '}
          {column}
          {!(column in input.columns) && <em> (not a column of this input)</em>}
        </label>
      ))}
      <p id={hintId} className="pt-hint">
        {key.length === 0
          ? 'None ticked: each twin uses the primary key of the table it binds. Tick the columns whose values together identify one row (e.g. a reading id) to require them.'
          : `A row is identified by ${key.join(' + ')}.`}
      </p>
      {problems.map((p) => (
        <p key={p} className="pt-refused" role="alert">
          {p}
        </p>
      ))}
    </fieldset>
  );
}

/**
 * The compiler's problems about one input, listed in its card (they are in the problems panel too).
 * @example <InputProblemList name="telemetry" problems={problemsOfInput(all, 'telemetry')} />
 */
export function InputProblemList({ name, problems }: { name: string; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="pt-side-problems" aria-label={`Problems with input ${name}`}>
      {problems.map((p, i) => (
        <li key={`${p.code}-${p.pointer}-${i}`} className={`pt-sev-${p.severity}`}>
          <strong>{p.code}</strong> {p.message}
        </li>
      ))}
    </ul>
  );
}
