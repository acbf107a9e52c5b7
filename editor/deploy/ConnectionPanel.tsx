import { useId, useState } from 'react';
import { plainError } from '../api/plain-error';
import { useRequest } from '../api/use-request';
import type { ChosenTable } from './deploy-choices';
import {
  listConnectionTables,
  listConnections,
  publishConnectionTables,
  type Connection,
  type ConnectionTable,
  type Finding,
} from './deploy-api';
import { Nothing, Trouble, Waiting } from './DeployStates';

function asChosen(connection: Connection, table: ConnectionTable): ChosenTable {
  return {
    origin: 'connection',
    connection: connection.id,
    table: table.name,
    label: `${table.name} in ${connection.name}`,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type, pgType: c.pgType })),
  };
}

/** The server's findings, failing ones first, each with its fix. */
function Findings({ findings, label }: { findings: Finding[]; label: string }) {
  const sorted = [...findings].sort((a, b) => Number(a.ok) - Number(b.ok));
  return (
    <ul className="dw-findings" aria-label={label}>
      {sorted.map((f) => (
        <li key={`${f.check}-${f.message}`} className={f.ok ? 'dw-ok' : 'dw-bad'}>
          <span aria-hidden="true">{f.ok ? '✓' : '!'}</span> {f.message}
          {!f.ok && f.fix && <span className="dw-fix"> To fix: {f.fix}</span>}
        </li>
      ))}
    </ul>
  );
}

function TablesOf({
  connection,
  onChosen,
}: {
  connection: Connection;
  onChosen: (table: ChosenTable) => void;
}) {
  const { state, reload } = useRequest(() => listConnectionTables(connection.id), [connection.id]);
  const [publishing, setPublishing] = useState<string | null>(null);
  const [published, setPublished] = useState<{ table: string; findings: Finding[] } | null>(null);
  const [refusal, setRefusal] = useState<{ table: string; message: string; findings: Finding[] } | null>(
    null,
  );

  async function publish(table: ConnectionTable) {
    setPublishing(table.name);
    setRefusal(null);
    try {
      const result = await publishConnectionTables(connection.id, [
        ...new Set([...connection.tables, table.name]),
      ]);
      setPublished({ table: table.name, findings: result.findings });
      reload();
    } catch (error) {
      const details = (error as { details?: { findings?: Finding[] } }).details;
      setRefusal({ table: table.name, message: plainError(error), findings: details?.findings ?? [] });
    } finally {
      setPublishing(null);
    }
  }

  if (state.status === 'loading') return <Waiting>Looking at the tables of {connection.name}…</Waiting>;
  if (state.status === 'error')
    return (
      <Trouble
        title={`The tables of ${connection.name} could not be read`}
        message={state.message}
        onRetry={reload}
      />
    );
  const { tables, serverReady, findings } = state.data;
  if (tables.length === 0)
    return (
      <Nothing title="This database has no tables you can read">
        Create a table there, or give the connection’s user the right to read one, then try again.
      </Nothing>
    );
  return (
    <div className="dw-stack">
      {!serverReady && (
        <div className="dw-note dw-warn">
          <strong>This database cannot stream changes yet.</strong> The twin will not update live until this
          is fixed:
          <Findings findings={findings.filter((f) => !f.ok)} label="What the server found" />
        </div>
      )}
      <ul className="dw-choices" aria-label={`Tables of ${connection.name}`}>
        {tables.map((table) => (
          <li key={table.name} className="dw-choice">
            <div>
              <strong>{table.name}</strong>{' '}
              <span className="dw-muted">
                {table.columns.length} columns
                {table.primaryKey.length > 0 ? `, key ${table.primaryKey.join(', ')}` : ', no key'}
              </span>
              {table.published ? (
                <span className="dw-badge dw-ok">Streaming</span>
              ) : (
                <span className="dw-badge">Not streamed yet</span>
              )}
              {table.problems.length > 0 && (
                <ul className="dw-problems">
                  {table.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
              {published?.table === table.name && (
                <div role="status" className="dw-note">
                  {table.name} is now published for streaming.
                  <Findings findings={published.findings} label="What the server checked" />
                </div>
              )}
              {refusal?.table === table.name && (
                <Trouble title={`${table.name} could not be published`} message={refusal.message}>
                  {refusal.findings.length > 0 && (
                    <Findings findings={refusal.findings} label="What the server found" />
                  )}
                </Trouble>
              )}
            </div>
            <div className="dw-actions">
              {!table.published && (
                <button
                  type="button"
                  className="dw-button"
                  disabled={publishing !== null || !table.streamable}
                  onClick={() => void publish(table)}
                >
                  {publishing === table.name ? 'Publishing…' : `Publish ${table.name} for streaming`}
                </button>
              )}
              <button
                type="button"
                className="dw-button dw-primary"
                disabled={!table.published}
                title={table.published ? undefined : 'Publish it for streaming first'}
                onClick={() => onChosen(asChosen(connection, table))}
              >
                Use {table.name}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Choosing a table of one of the user's registered PostgreSQL databases; a table not yet published for
 * streaming can be published here, with the server's findings shown in plain words.
 * @example <ConnectionPanel onChosen={(table) => choose(table)} />
 */
export function ConnectionPanel({ onChosen }: { onChosen: (table: ChosenTable) => void }) {
  const { state, reload } = useRequest(listConnections, []);
  const [picked, setPicked] = useState<string>('');
  const selectId = useId();
  if (state.status === 'loading') return <Waiting>Loading your databases…</Waiting>;
  if (state.status === 'error')
    return <Trouble title="Your databases could not be listed" message={state.message} onRetry={reload} />;
  const connections = state.data;
  if (connections.length === 0)
    return (
      <Nothing title="You have not registered a database yet">
        Register your PostgreSQL server under Connections, then come back; or upload a CSV file instead.
      </Nothing>
    );
  const connection = connections.find((c) => c.id === picked);
  return (
    <div className="dw-panel">
      <label className="dw-label" htmlFor={selectId}>
        Database
      </label>
      <select id={selectId} className="dw-input" value={picked} onChange={(e) => setPicked(e.target.value)}>
        <option value="">Choose one of your databases…</option>
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.database} on {c.host})
          </option>
        ))}
      </select>
      {connection?.passwordNeedsReentry && (
        <Trouble
          title="The password of this connection must be entered again"
          message="The server can no longer read its saved password. Enter it again under Connections."
        />
      )}
      {connection && !connection.passwordNeedsReentry && (
        <TablesOf connection={connection} onChosen={onChosen} />
      )}
    </div>
  );
}
