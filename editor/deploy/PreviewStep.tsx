import type { InputInfo, TableInputInfo, ValueInputInfo } from './blueprint-inputs';
import { parseValue } from './blueprint-inputs';
import type { Choices, InputChoice } from './deploy-choices';
import { useRequest } from '../api/use-request';
import { demoTableRows } from './deploy-api';
import { Trouble, Waiting } from './DeployStates';
import { previewRows } from './preview-rows';

/** How many rows the preview shows. */
const PREVIEW_ROWS = 8;

function shownValue(input: ValueInputInfo, typed: string): string {
  const parsed = parseValue(input.type, typed);
  if (!parsed.ok) return typed;
  return typeof parsed.value === 'string' ? parsed.value : JSON.stringify(parsed.value);
}

/** A demo table's first rows, read live from the server (newest first when it has a time column). */
function DemoTablePreview({ input, choice }: { input: TableInputInfo; choice: InputChoice }) {
  const name = (choice.table?.table ?? '').replace(/^demo\./, '');
  const { state, reload } = useRequest(() => demoTableRows(name, PREVIEW_ROWS), [name]);
  if (state.status === 'loading') return <Waiting>Reading the first rows of {choice.table?.table}…</Waiting>;
  if (state.status === 'error')
    return <Trouble title="The rows could not be read" message={state.message} onRetry={reload} />;
  const { columns, rows, order } = state.data;
  return (
    <>
      <p className="dw-hint">
        The first {rows.length} rows of {state.data.table} ({order}), as the twin will see them:
      </p>
      <TablePreview
        input={input}
        choice={{ ...choice, table: { ...choice.table!, sample: { columns, rows } } }}
      />
    </>
  );
}

function TablePreview({ input, choice }: { input: TableInputInfo; choice: InputChoice | undefined }) {
  const preview = previewRows(input, choice, PREVIEW_ROWS);
  const mapped = input.columns.filter((c) => choice?.mapping[c.name]);
  if (!preview) {
    return (
      <div className="dw-note" role="note">
        <p>
          No rows can be shown before the twin runs: the server offers a preview only of files uploaded in
          this wizard and of its demo tables. Once deployed, the twin reads{' '}
          <strong>{choice?.table?.table ?? 'the chosen table'}</strong> live, with:
        </p>
        <ul>
          {mapped.map((c) => (
            <li key={c.name}>
              <strong>{c.name}</strong> from its column {choice?.mapping[c.name]}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="dw-scroll">
      <table className="dw-table dw-preview" aria-label={`Preview of ${input.title}`}>
        <thead>
          <tr>
            {preview.columns.map((name) => (
              <th key={name} scope="col">
                {name}
                <span className="dw-muted dw-from">from {choice?.mapping[name]}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                'generated' in cell ? (
                  <td key={c} className="dw-muted">
                    numbered automatically
                  </td>
                ) : (
                  <td key={c}>{cell.value ?? <span className="dw-muted">(empty)</span>}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TableInputPreview({ input, choice }: { input: TableInputInfo; choice: InputChoice | undefined }) {
  if (choice?.table?.origin === 'demo' && !choice.table.sample)
    return <DemoTablePreview input={input} choice={choice} />;
  return <TablePreview input={input} choice={choice} />;
}

/**
 * Step 3: the first rows of each bound table as the twin will see them (in the blueprint's column names), and
 * the value of each value input. Reads the first rows of a demo table; creates nothing.
 * @example <PreviewStep inputs={inputs} choices={choices} />
 */
export function PreviewStep({ inputs, choices }: { inputs: readonly InputInfo[]; choices: Choices }) {
  return (
    <div className="dw-stack">
      {inputs.map((input) => (
        <section key={input.name} className="dw-card" aria-label={`Preview of ${input.title}`}>
          <h3>{input.title}</h3>
          {input.kind === 'table' ? (
            <TableInputPreview input={input} choice={choices[input.name]} />
          ) : (
            <p>
              {input.title}: <strong>{shownValue(input, choices[input.name]?.typed ?? '')}</strong>
              {input.unit ? ` ${input.unit}` : ''}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
