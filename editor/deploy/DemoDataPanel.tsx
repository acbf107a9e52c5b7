import { useRequest } from '../api/use-request';
import type { ChosenTable } from './deploy-choices';
import { listDemoTables, type DemoTable } from './deploy-api';
import { Nothing, Trouble, Waiting } from './DeployStates';

function rowsWords(table: DemoTable): string {
  return `about ${table.rowEstimate.toLocaleString('en-US')} rows`;
}

/**
 * The chosen-table form of a demo table: bound on the platform's own database as `demo.<name>`.
 * @example demoChoice(table).table // 'demo.pump_telemetry'
 */
export function demoChoice(table: DemoTable): ChosenTable {
  return {
    origin: 'demo',
    connection: 'builtin',
    table: table.qualifiedName,
    label: `${table.qualifiedName} (built-in demo data, ${rowsWords(table)})`,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type, pgType: c.pgType })),
  };
}

/**
 * Choosing one of the built-in demo tables (schema `demo`), which any twin may read.
 * @example <DemoDataPanel onChosen={(table) => choose(table)} />
 */
export function DemoDataPanel({ onChosen }: { onChosen: (table: ChosenTable) => void }) {
  const { state, reload } = useRequest(listDemoTables, []);
  if (state.status === 'loading') return <Waiting>Loading the demo tables…</Waiting>;
  if (state.status === 'error')
    return <Trouble title="The demo tables could not be listed" message={state.message} onRetry={reload} />;
  if (state.data.length === 0)
    return (
      <Nothing title="This server has no demo data">
        No built-in demo tables are installed here. Upload a CSV file or use one of your databases instead.
      </Nothing>
    );
  return (
    <ul className="dw-choices" aria-label="Demo tables">
      {state.data.map((table) => (
        <li key={table.name} className="dw-choice">
          <div>
            <strong>{table.qualifiedName}</strong>{' '}
            <span className="dw-muted">
              {rowsWords(table)} · {table.columns.map((c) => c.name).join(', ')}
            </span>
          </div>
          <button type="button" className="dw-button dw-primary" onClick={() => onChosen(demoChoice(table))}>
            Use {table.qualifiedName}
          </button>
        </li>
      ))}
    </ul>
  );
}
