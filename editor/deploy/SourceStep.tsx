import { useId } from 'react';
import type { InputInfo, TableInputInfo, ValueInputInfo } from './blueprint-inputs';
import { parseValue } from './blueprint-inputs';
import { suggestMapping } from './column-matcher';
import type { ChosenTable, Choices, InputChoice, TableOrigin } from './deploy-choices';
import { ConnectionPanel } from './ConnectionPanel';
import { CsvUploadPanel } from './CsvUploadPanel';
import { DemoDataPanel } from './DemoDataPanel';
import { MyTablesPanel } from './MyTablesPanel';
import { Nothing } from './DeployStates';

const ORIGINS: readonly { origin: TableOrigin; label: string; hint: string }[] = [
  {
    origin: 'upload',
    label: 'Upload a CSV file',
    hint: 'A spreadsheet export; it becomes a table of yours.',
  },
  { origin: 'mine', label: 'A table I uploaded before', hint: 'Reuse one of your tables.' },
  {
    origin: 'connection',
    label: 'My PostgreSQL database',
    hint: 'Live data from a database you registered.',
  },
  { origin: 'demo', label: 'Built-in demo data', hint: 'Sample data that ships with ProjectTwin.' },
];

function describeColumns(input: TableInputInfo): string {
  const required = input.columns.filter((c) => !c.optional).map((c) => c.name);
  const optional = input.columns.filter((c) => c.optional).map((c) => c.name);
  return `Needs the columns ${required.join(', ')}${optional.length ? `; may also use ${optional.join(', ')}` : ''}.`;
}

function TableSource({
  input,
  choice,
  origin,
  onOrigin,
  onChoice,
}: {
  input: TableInputInfo;
  choice: InputChoice | undefined;
  origin: TableOrigin | undefined;
  onOrigin: (origin: TableOrigin) => void;
  onChoice: (choice: InputChoice) => void;
}) {
  const group = useId();
  const choose = (table: ChosenTable) =>
    onChoice({ table, mapping: suggestMapping(input.columns, table.columns) });
  if (choice?.table) {
    return (
      <div className="dw-chosen" role="status">
        <span className="dw-check" aria-hidden="true">
          ✓
        </span>
        <span>
          Using <strong>{choice.table.label}</strong>.
        </span>
        <button type="button" className="dw-button" onClick={() => onChoice({ mapping: {} })}>
          Choose other data for “{input.title}”
        </button>
      </div>
    );
  }
  return (
    <>
      <fieldset className="dw-origins">
        <legend>Where is the data for “{input.title}”?</legend>
        {ORIGINS.map((o) => (
          <label key={o.origin} className={origin === o.origin ? 'dw-origin dw-picked' : 'dw-origin'}>
            <input
              type="radio"
              name={group}
              value={o.origin}
              checked={origin === o.origin}
              onChange={() => onOrigin(o.origin)}
            />
            <span>
              <strong>{o.label}</strong>
              <span className="dw-muted">{o.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {origin === 'upload' && <CsvUploadPanel inputTitle={input.title} onCreated={choose} />}
      {origin === 'mine' && <MyTablesPanel onChosen={choose} />}
      {origin === 'connection' && <ConnectionPanel onChosen={choose} />}
      {origin === 'demo' && <DemoDataPanel onChosen={choose} />}
    </>
  );
}

function ValueField({
  input,
  typed,
  onTyped,
}: {
  input: ValueInputInfo;
  typed: string;
  onTyped: (typed: string) => void;
}) {
  const id = useId();
  const parsed = parseValue(input.type, typed);
  const unit = input.unit ? ` (${input.unit})` : '';
  if (input.type === 'bool') {
    return (
      <label className="dw-inline">
        <input
          type="checkbox"
          checked={typed === 'true'}
          onChange={(e) => onTyped(String(e.target.checked))}
        />
        {input.title}
      </label>
    );
  }
  const numeric = ['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'].includes(input.type);
  return (
    <div>
      <label className="dw-label" htmlFor={id}>
        {input.title}
        {unit}
      </label>
      <input
        id={id}
        className="dw-input dw-short"
        inputMode={numeric ? 'decimal' : undefined}
        value={typed}
        aria-invalid={!parsed.ok}
        aria-describedby={parsed.ok ? undefined : `${id}-problem`}
        onChange={(e) => onTyped(e.target.value)}
      />
      {!parsed.ok && (
        <p id={`${id}-problem`} className="dw-field-problem">
          {parsed.reason}
        </p>
      )}
    </div>
  );
}

/**
 * Step 1: for each blueprint input, where its data comes from (a table from one of four sources), or the value
 * of a value input.
 * @example <SourceStep inputs={inputs} choices={choices} origins={origins} onOrigin={…} onChoice={…} />
 */
export function SourceStep({
  inputs,
  choices,
  origins,
  onOrigin,
  onChoice,
}: {
  inputs: readonly InputInfo[];
  choices: Choices;
  origins: Record<string, TableOrigin>;
  onOrigin: (input: string, origin: TableOrigin) => void;
  onChoice: (input: string, choice: InputChoice) => void;
}) {
  if (inputs.length === 0) {
    return (
      <Nothing title="This blueprint needs no data">It runs on its own: go on to the next step.</Nothing>
    );
  }
  return (
    <div className="dw-stack">
      {inputs.map((input) => (
        <section key={input.name} className="dw-card" aria-label={`Data for ${input.title}`}>
          <h3>{input.title}</h3>
          {input.description && <p className="dw-muted">{input.description}</p>}
          {input.kind === 'table' ? (
            <>
              <p className="dw-hint">{describeColumns(input)}</p>
              <TableSource
                input={input}
                choice={choices[input.name]}
                origin={origins[input.name]}
                onOrigin={(origin) => onOrigin(input.name, origin)}
                onChoice={(choice) => onChoice(input.name, choice)}
              />
            </>
          ) : (
            <ValueField
              input={input}
              typed={choices[input.name]?.typed ?? ''}
              onTyped={(typed) => onChoice(input.name, { mapping: {}, typed })}
            />
          )}
        </section>
      ))}
    </div>
  );
}
