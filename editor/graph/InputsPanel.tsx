import type { ColumnRole, ColumnType, Input } from '../../runtime/compiler/document-types';
import type { TableInput } from '../../schemas/blueprint/blueprint.types';
import type { Problem } from '../../schemas/problems';
import { COLUMN_TYPES } from '../../runtime/compiler/type-classes';
import { typeWords } from '../deploy/column-matcher';
import {
  addColumn,
  addInput,
  nameProblem,
  parseDefault,
  removeColumn,
  removeInput,
  renameColumn,
  renameInput,
  setColumn,
  setValueInput,
} from './blueprint-inputs-ops';
import { useGraph, useGraphEditor } from './editor-context';
import { InputProblemList, InputTexts, PrimaryKeyField } from './InputDetails';
import { otherProblemsOfInput } from './input-problems';
import { NameField } from './NameField';
import type { MissingSample } from './sample-choice';
import { SamplePicker, type SampleTables } from './SamplePicker';
import './inputs-panel.css';

const ROLES: { role: ColumnRole | ''; words: string }[] = [
  { role: '', words: 'no role' },
  { role: 'entity', words: 'entity (which thing)' },
  { role: 'time', words: 'time (when)' },
  { role: 'measure', words: 'measure (a reading)' },
  { role: 'label', words: 'label (a name to show)' },
  { role: 'category', words: 'category (a class)' },
  { role: 'key', words: 'key (unique id)' },
];

/** What the inputs panel needs to offer sample data for the preview. */
export interface SampleControls {
  tables: SampleTables;
  picked: Readonly<Record<string, string>>;
  pick(input: string, table: string | undefined): void;
  /** Demo tables saved as sample data that no longer exist (their picks were dropped). */
  missing?: readonly MissingSample[];
  /** The compiler's problems, for those about an input to show in its card. */
  problems?: readonly Problem[];
  limit: number;
  intervalS: number;
}

function TypeSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: ColumnType;
  onChange(t: ColumnType): void;
}) {
  return (
    <select
      className="pt-input"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as ColumnType)}
    >
      {COLUMN_TYPES.map((t) => (
        <option key={t} value={t}>
          {t} ({typeWords(t)})
        </option>
      ))}
    </select>
  );
}

function TableColumns({ name, input }: { name: string; input: TableInput }) {
  const { store } = useGraphEditor();
  const edit = store.getState().edit;
  const columns = Object.entries(input.columns);
  return (
    <div className="pt-input-columns" role="group" aria-label={`Columns of ${name}`}>
      <p className="pt-hint">
        <strong>Columns</strong>: each one the data must bring, with its type, unit, role and whether it may
        be missing.
      </p>
      {columns.map(([column, spec]) => (
        <fieldset key={column} className="pt-input-column">
          <legend className="pt-visually-hidden">Column {column}</legend>
          <NameField
            label={`Name of column ${column} of ${name}`}
            value={column}
            check={(n) => nameProblem(n, Object.keys(input.columns), 'column')}
            onRename={(n) => edit((d) => void renameColumn(d, name, column, n))}
          />
          <TypeSelect
            label={`Type of column ${column} of ${name}`}
            value={spec.type}
            onChange={(type) => edit((d) => setColumn(d, name, column, { type }))}
          />
          <input
            className="pt-input"
            aria-label={`Unit of column ${column} of ${name}`}
            placeholder="unit, e.g. mm/s"
            maxLength={32}
            value={spec.unit ?? ''}
            onChange={(e) =>
              edit((d) => setColumn(d, name, column, { unit: e.target.value }), `unit:${name}:${column}`)
            }
          />
          <select
            className="pt-input"
            aria-label={`Role of column ${column} of ${name}`}
            value={spec.role ?? ''}
            onChange={(e) =>
              edit((d) =>
                setColumn(d, name, column, { role: (e.target.value || undefined) as ColumnRole | undefined }),
              )
            }
          >
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.words}
              </option>
            ))}
          </select>
          <select
            className="pt-input"
            aria-label={`Is column ${column} of ${name} required`}
            value={spec.optional ? 'optional' : 'required'}
            onChange={(e) =>
              edit((d) => setColumn(d, name, column, { optional: e.target.value === 'optional' }))
            }
          >
            <option value="required">required</option>
            <option value="optional">optional (the data may lack it)</option>
          </select>
          <button
            type="button"
            className="pt-link"
            disabled={columns.length <= 1}
            title={columns.length <= 1 ? 'A table input needs at least one column.' : undefined}
            onClick={() => edit((d) => removeColumn(d, name, column))}
          >
            Remove column {column}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button" onClick={() => edit((d) => void addColumn(d, name))}>
        Add a column to {name}
      </button>
    </div>
  );
}

function ValueSettings({ name, input }: { name: string; input: Extract<Input, { kind: 'value' }> }) {
  const { store } = useGraphEditor();
  const edit = store.getState().edit;
  return (
    <>
      <p className="pt-hint">
        Its type, its unit, and the default value a twin starts with (each twin may change it).
      </p>
      <div className="pt-input-column">
        <TypeSelect
          label={`Type of ${name}`}
          value={input.type}
          onChange={(type) => edit((d) => setValueInput(d, name, { type }))}
        />
        <input
          className="pt-input"
          aria-label={`Unit of ${name}`}
          placeholder="unit, e.g. bar"
          maxLength={32}
          value={input.unit ?? ''}
          onChange={(e) => edit((d) => setValueInput(d, name, { unit: e.target.value }), `unit:${name}`)}
        />
        <input
          className="pt-input"
          aria-label={`Default of ${name}`}
          placeholder="default value"
          value={input.default === undefined ? '' : String(input.default)}
          onChange={(e) =>
            edit(
              (d) => setValueInput(d, name, { default: parseDefault(e.target.value, input.type) }),
              `default:${name}`,
            )
          }
        />
      </div>
    </>
  );
}

/**
 * The blueprint's declared inputs ("Data this blueprint needs"): add, rename and remove table and value inputs,
 * give each a title and description, edit a table's columns (name, type, unit, role, required) and primary key,
 * a value's type, unit and default, and pick sample data for the live preview. The compiler's problems about an
 * input show in its card. Every change is an undoable edit of the document.
 * @example <InputsPanel sample={sampleControls} />
 */
export function InputsPanel({ sample }: { sample: SampleControls }) {
  const { store } = useGraphEditor();
  const inputs = useGraph((s) => s.doc.inputs);
  const edit = store.getState().edit;
  const names = Object.keys(inputs ?? {});
  return (
    <section className="pt-inputs" aria-label="Data this blueprint needs">
      <h2>Data this blueprint needs</h2>
      <p className="pt-hint">
        Declare here the tables and values a twin must supply. A table source node reads one table input by
        its name; each twin binds its own data to it.
      </p>
      {names.length === 0 && (
        <p className="pt-hint">
          No inputs yet. Click "Add a table input" below for rows a table source node reads (e.g. sensor
          readings), or "Add a value input" for one setting each twin supplies (e.g. a price).
        </p>
      )}
      {Object.entries(inputs ?? {}).map(([name, input]) => (
        <article key={name} className="pt-input-card" aria-label={`Input ${name}`}>
          <div className="pt-input-head">
            <NameField
              label={`Name of input ${name}`}
              value={name}
              check={(n) => nameProblem(n, names)}
              onRename={(n) => {
                edit((d) => void renameInput(d, name, n));
                if (sample.picked[name]) {
                  sample.pick(n, sample.picked[name]);
                  sample.pick(name, undefined);
                }
              }}
            />
            <span className="pt-input-kind">{input.kind === 'table' ? 'table input' : 'value input'}</span>
            <button type="button" className="pt-link" onClick={() => edit((d) => removeInput(d, name))}>
              Remove input {name}
            </button>
          </div>
          <InputProblemList name={name} problems={otherProblemsOfInput(sample.problems ?? [], name)} />
          <InputTexts name={name} input={input} />
          {input.kind === 'table' ? (
            <>
              <TableColumns name={name} input={input} />
              <PrimaryKeyField name={name} input={input} />
              <SamplePicker
                input={name}
                declared={input}
                tables={sample.tables}
                picked={sample.picked[name]}
                missing={sample.missing?.find((m) => m.input === name)?.table}
                onPick={(t) => sample.pick(name, t)}
                limit={sample.limit}
                intervalS={sample.intervalS}
              />
            </>
          ) : (
            <ValueSettings name={name} input={input} />
          )}
        </article>
      ))}
      <div className="pt-input-add">
        <button type="button" className="button" onClick={() => edit((d) => void addInput(d, 'table'))}>
          Add a table input
        </button>
        <button type="button" className="button" onClick={() => edit((d) => void addInput(d, 'value'))}>
          Add a value input
        </button>
      </div>
    </section>
  );
}
