import type { TableInput } from '../../schemas/blueprint/blueprint.types';
import type { DemoTable } from '../deploy/deploy-api';
import { sampleMapping, sourceColumnsOf } from './sample-rows';

/** The sample data the preview can use, as the editor knows it. */
export type SampleTables =
  | { status: 'unavailable' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; tables: readonly DemoTable[] };

interface SamplePickerProps {
  input: string;
  declared: TableInput;
  tables: SampleTables;
  picked: string | undefined;
  /** The demo table saved as this input's sample data that no longer exists, if any. */
  missing?: string;
  onPick(table: string | undefined): void;
  limit: number;
  intervalS: number;
}

/**
 * Picks a demo table as sample data for one table input of the preview, and says which of its columns feed
 * which declared column (matched by name) and which stay empty.
 * @example <SamplePicker input="telemetry" declared={input} tables={tables} picked="readings" onPick={pick} limit={100} intervalS={5} />
 */
export function SamplePicker({
  input,
  declared,
  tables,
  picked,
  missing,
  onPick,
  limit,
  intervalS,
}: SamplePickerProps) {
  if (tables.status === 'unavailable')
    return (
      <p className="pt-hint">
        Sample data for the preview comes from the platform's demo tables, which cannot be reached from this
        page.
      </p>
    );
  if (tables.status === 'loading') return <p className="pt-hint">Loading the demo tables…</p>;
  if (tables.status === 'failed')
    return (
      <p className="pt-hint" role="alert">
        The demo tables could not be loaded: {tables.message}. Reload the page to try again; the rest of the
        editor works without them.
      </p>
    );
  const table = tables.tables.find((t) => t.name === picked);
  const mapping = table ? sampleMapping(declared, sourceColumnsOf(table)) : {};
  const unmatched = Object.keys(declared.columns).filter((c) => mapping[c] === undefined);
  return (
    <div className="pt-sample">
      <label className="pt-field">
        <span>Sample data for the preview</span>
        <select
          className="pt-input"
          aria-label={`Sample data for ${input}`}
          value={picked ?? ''}
          onChange={(e) => onPick(e.target.value || undefined)}
        >
          <option value="">None (no rows in the preview)</option>
          {tables.tables.map((t) => (
            <option key={t.name} value={t.name}>
              Demo table {t.name} (about {t.rowEstimate.toLocaleString()} rows)
            </option>
          ))}
        </select>
      </label>
      {missing && !picked && (
        <p className="pt-refused" role="alert">
          The demo table "{missing}" saved as sample data for {input} no longer exists, so the preview shows
          no rows for this input. Pick another table above.
        </p>
      )}
      {!table && !missing && (
        <p className="pt-hint">Pick a demo table to see rows flow through the nodes that read {input}.</p>
      )}
      {table && (
        <p className="pt-hint">
          The preview reads up to {limit} rows of the demo table {table.qualifiedName}
          {table.timeColumn ? ' (newest first)' : ''}, again every {intervalS} seconds. Columns:{' '}
          {Object.entries(mapping)
            .map(([to, from]) => (to === from ? to : `${to} ← ${from}`))
            .join(', ') || 'none match'}
          .{unmatched.length > 0 && ` No column of it matches ${unmatched.join(', ')}; those stay empty.`}
        </p>
      )}
    </div>
  );
}
