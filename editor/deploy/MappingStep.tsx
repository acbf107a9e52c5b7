import { useId } from 'react';
import type { InputInfo, TableInputInfo } from './blueprint-inputs';
import { rankCandidates, SUGGEST_THRESHOLD, typeWords, type DeclaredColumn } from './column-matcher';
import { mappingProblems, type Choices, type InputChoice } from './deploy-choices';
import { Nothing } from './DeployStates';

const ROLE_WORDS: Readonly<Record<string, string>> = {
  entity: 'which thing',
  time: 'when',
  measure: 'a reading',
  label: 'a name to show',
  category: 'a class',
  key: 'a unique id',
};

function ColumnRow({
  declared,
  choice,
  problem,
  onMap,
}: {
  declared: DeclaredColumn;
  choice: InputChoice;
  problem: string | undefined;
  onMap: (column: string) => void;
}) {
  const id = useId();
  const ranked = rankCandidates(declared, choice.table?.columns ?? []);
  const mapped = choice.mapping[declared.name] ?? '';
  const picked = ranked.find((c) => c.column === mapped);
  const best = ranked[0];
  const suggested = best && best.compatibility.ok && best.score >= SUGGEST_THRESHOLD ? best.column : null;
  const about = [typeWords(declared.type), declared.unit, declared.role && ROLE_WORDS[declared.role]]
    .filter(Boolean)
    .join(' · ');
  return (
    <tr className={problem ? 'dw-row-problem' : undefined}>
      <th scope="row">
        <label htmlFor={id}>
          <span className="dw-colname">{declared.name}</span>
          {declared.optional ? (
            <span className="dw-badge">optional</span>
          ) : (
            <span className="dw-badge dw-required">required</span>
          )}
        </label>
        <span className="dw-muted dw-about">{about}</span>
      </th>
      <td>
        <select
          id={id}
          className="dw-input"
          value={mapped}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : `${id}-note`}
          onChange={(e) => onMap(e.target.value)}
        >
          <option value="">{declared.optional ? '(leave out)' : 'Choose a column…'}</option>
          {ranked.map((c) => (
            <option key={c.column} value={c.column}>
              {c.column}
              {c.column === suggested ? ' — suggested' : ''}
              {c.compatibility.ok ? '' : ' — type does not fit'}
            </option>
          ))}
        </select>
        {problem ? (
          <p id={`${id}-problem`} className="dw-field-problem" role="alert">
            {problem}
          </p>
        ) : (
          <p id={`${id}-note`} className="dw-hint">
            {picked?.compatibility.ok && picked.compatibility.note
              ? picked.compatibility.note
              : mapped && mapped === suggested
                ? 'Suggested from its name and type.'
                : ''}
          </p>
        )}
      </td>
    </tr>
  );
}

function InputMapping({
  input,
  choice,
  onChoice,
}: {
  input: TableInputInfo;
  choice: InputChoice | undefined;
  onChoice: (choice: InputChoice) => void;
}) {
  if (!choice?.table)
    return <Nothing title={`No data chosen for “${input.title}”`}>Go back to step 1.</Nothing>;
  const problems = mappingProblems(input, choice);
  return (
    <>
      <p className="dw-hint">
        Your data: <strong>{choice.table.label}</strong>. Suggested columns are chosen already; change any
        that is wrong.
      </p>
      <table className="dw-table dw-mapping" aria-label={`Columns of ${input.title}`}>
        <thead>
          <tr>
            <th scope="col">The blueprint needs</th>
            <th scope="col">Your column</th>
          </tr>
        </thead>
        <tbody>
          {input.columns.map((declared) => (
            <ColumnRow
              key={declared.name}
              declared={declared}
              choice={choice}
              problem={choice.mapping[declared.name] ? problems[declared.name] : undefined}
              onMap={(column) => {
                const mapping = { ...choice.mapping };
                if (column) mapping[declared.name] = column;
                else delete mapping[declared.name];
                onChoice({ ...choice, mapping });
              }}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Step 2: for each table input, which of the user's columns supplies each declared column. Suggestions are
 * preselected (name and type); a column whose type does not fit is refused with the reason.
 * @example <MappingStep inputs={inputs} choices={choices} onChoice={(name, choice) => …} />
 */
export function MappingStep({
  inputs,
  choices,
  onChoice,
}: {
  inputs: readonly InputInfo[];
  choices: Choices;
  onChoice: (input: string, choice: InputChoice) => void;
}) {
  const tables = inputs.filter((i): i is TableInputInfo => i.kind === 'table');
  if (tables.length === 0)
    return (
      <Nothing title="Nothing to match">This blueprint reads no tables: go on to the next step.</Nothing>
    );
  return (
    <div className="dw-stack">
      {tables.map((input) => (
        <section key={input.name} className="dw-card" aria-label={`Match the columns of ${input.title}`}>
          <h3>{input.title}</h3>
          <InputMapping
            input={input}
            choice={choices[input.name]}
            onChoice={(c) => onChoice(input.name, c)}
          />
        </section>
      ))}
    </div>
  );
}
