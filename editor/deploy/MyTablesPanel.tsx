import { useRequest } from '../api/use-request';
import type { ChosenTable } from './deploy-choices';
import { listDataTables, type DataTable } from './deploy-api';
import { Nothing, Trouble, Waiting } from './DeployStates';

function asChosen(table: DataTable): ChosenTable {
  return {
    origin: 'mine',
    connection: 'builtin',
    table: table.qualifiedName,
    label: `${table.title} (${table.rowCount.toLocaleString('en-US')} rows)`,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
  };
}

/**
 * Choosing one of the tables the user uploaded or created before (schema `data`).
 * @example <MyTablesPanel onChosen={(table) => choose(table)} />
 */
export function MyTablesPanel({ onChosen }: { onChosen: (table: ChosenTable) => void }) {
  const { state, reload } = useRequest(listDataTables, []);
  if (state.status === 'loading') return <Waiting>Loading your tables…</Waiting>;
  if (state.status === 'error')
    return <Trouble title="Your tables could not be listed" message={state.message} onRetry={reload} />;
  if (state.data.length === 0)
    return (
      <Nothing title="You have no tables yet">
        Upload a CSV file instead: it becomes one of your tables.
      </Nothing>
    );
  return (
    <ul className="dw-choices" aria-label="Your tables">
      {state.data.map((table) => (
        <li key={table.id} className="dw-choice">
          <div>
            <strong>{table.title}</strong>{' '}
            <span className="dw-muted">
              {table.rowCount.toLocaleString('en-US')} rows · {table.columns.map((c) => c.name).join(', ')}
            </span>
          </div>
          <button type="button" className="dw-button dw-primary" onClick={() => onChosen(asChosen(table))}>
            Use {table.title}
          </button>
        </li>
      ))}
    </ul>
  );
}
