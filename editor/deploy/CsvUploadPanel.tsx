import { useId, useState } from 'react';
import { plainError } from '../api/plain-error';
import type { ChosenTable } from './deploy-choices';
import {
  badLinesOf,
  importCsv,
  uploadCsv,
  UPLOAD_TYPES,
  type BadLine,
  type CsvPreview,
  type UploadType,
} from './deploy-api';
import { Trouble, Waiting } from './DeployStates';

const TYPE_LABELS: Readonly<Record<UploadType, string>> = {
  int8: 'Whole number',
  float8: 'Number',
  bool: 'Yes / no',
  timestamptz: 'Date and time',
  date: 'Date',
  text: 'Text',
};

type Stage =
  | { at: 'pick'; error?: string }
  | { at: 'reading'; file: string }
  | { at: 'preview'; preview: CsvPreview; types: UploadType[]; title: string }
  | { at: 'importing'; preview: CsvPreview; types: UploadType[]; title: string }
  | {
      at: 'refused';
      preview: CsvPreview;
      types: UploadType[];
      title: string;
      message: string;
      lines: BadLine[];
    };

function titleOf(filename: string): string {
  const base = filename
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
  return base ? base[0].toUpperCase() + base.slice(1) : 'Uploaded data';
}

/**
 * Uploading a CSV file for one input: the file, the server's reading of it (columns with inferred types the
 * user may change, sample rows, problems by line), then creating the table; lines the server refuses are listed
 * by number. Calls `onCreated` with the new table, including the sample rows for the preview step.
 * @example <CsvUploadPanel inputTitle="Readings" onCreated={(table) => choose(table)} />
 */
export function CsvUploadPanel({
  inputTitle,
  onCreated,
}: {
  inputTitle: string;
  onCreated: (table: ChosenTable) => void;
}) {
  const [stage, setStage] = useState<Stage>({ at: 'pick' });
  const fileId = useId();
  const titleId = useId();

  async function read(file: File) {
    setStage({ at: 'reading', file: file.name });
    try {
      const preview = await uploadCsv(file);
      setStage({
        at: 'preview',
        preview,
        types: preview.columns.map((c) => c.type),
        title: titleOf(file.name),
      });
    } catch (error) {
      setStage({ at: 'pick', error: plainError(error) });
    }
  }

  async function create(preview: CsvPreview, types: UploadType[], title: string) {
    setStage({ at: 'importing', preview, types, title });
    try {
      const columns = preview.columns.map((c, i) => ({ name: c.name, type: types[i] }));
      const table = await importCsv(preview.uploadId, {
        title: title.trim() || titleOf(preview.filename),
        columns,
      });
      onCreated({
        origin: 'upload',
        connection: 'builtin',
        table: table.qualifiedName,
        label: `${table.title} (uploaded from ${preview.filename}, ${table.rowCount.toLocaleString('en-US')} rows)`,
        columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
        sample: { columns: preview.columns.map((c) => c.name), rows: preview.sampleRows },
      });
    } catch (error) {
      setStage({
        at: 'refused',
        preview,
        types,
        title,
        message: plainError(error),
        lines: badLinesOf(error),
      });
    }
  }

  if (stage.at === 'pick' || stage.at === 'reading') {
    return (
      <div className="dw-panel">
        <label className="dw-label" htmlFor={fileId}>
          CSV file with the data for “{inputTitle}”
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          disabled={stage.at === 'reading'}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void read(file);
          }}
        />
        <p className="dw-hint">The first line should name the columns. Nothing is saved until you confirm.</p>
        {stage.at === 'reading' && <Waiting>Reading {stage.file}…</Waiting>}
        {stage.at === 'pick' && stage.error && (
          <Trouble title="The file could not be read" message={stage.error}>
            <p>Choose the file again, or another file.</p>
          </Trouble>
        )}
      </div>
    );
  }

  const { preview, types, title } = stage;
  const busy = stage.at === 'importing';
  const setTypes = (next: UploadType[]) => setStage({ ...stage, types: next });
  return (
    <div className="dw-panel">
      <p className="dw-lead">
        <strong>{preview.filename}</strong>: {preview.rowCount.toLocaleString('en-US')} rows,{' '}
        {preview.columns.length} columns. Check the type of each column, then create the table.
      </p>
      {preview.problemCount > 0 && (
        <div className="dw-note dw-warn" role="note" aria-label="Problems in the file">
          <strong>
            {preview.problemCount === 1
              ? 'One line needs attention'
              : `${preview.problemCount} lines need attention`}
          </strong>
          <ul>
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="dw-scroll">
        <table className="dw-table" aria-label={`Columns found in ${preview.filename}`}>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Examples</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column, i) => (
              <tr key={column.name}>
                <th scope="row">
                  {column.name}
                  {column.sourceName !== column.name && (
                    <span className="dw-muted"> (“{column.sourceName}”)</span>
                  )}
                </th>
                <td>
                  <select
                    aria-label={`Type of column ${column.name}`}
                    value={types[i]}
                    disabled={busy}
                    onChange={(e) =>
                      setTypes(types.map((t, j) => (j === i ? (e.target.value as UploadType) : t)))
                    }
                  >
                    {UPLOAD_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {TYPE_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="dw-muted">{column.examples.slice(0, 3).join(' · ') || '(empty)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="dw-label" htmlFor={titleId}>
        Name of the new table
      </label>
      <input
        id={titleId}
        className="dw-input"
        value={title}
        disabled={busy}
        maxLength={200}
        onChange={(e) => setStage({ ...stage, title: e.target.value })}
      />
      {stage.at === 'refused' && (
        <Trouble title="The table was not created" message={stage.message}>
          {stage.lines.length > 0 && (
            <ul className="dw-lines" aria-label="Lines the server refused">
              {stage.lines.slice(0, 20).map((l) => (
                <li key={`${l.line}-${l.column ?? ''}`}>
                  <strong>Line {l.line.toLocaleString('en-US')}</strong>
                  {l.column ? `, column ${l.column}` : ''}: {l.message.replace(/^line [\d,]+:\s*/, '')}
                </li>
              ))}
            </ul>
          )}
          <p>Fix these lines in the file and upload it again, or choose “Text” for the column.</p>
        </Trouble>
      )}
      <div className="dw-actions">
        <button
          type="button"
          className="dw-button dw-primary"
          disabled={busy}
          onClick={() => void create(preview, types, title)}
        >
          {busy ? 'Creating the table…' : 'Create the table'}
        </button>
        <button type="button" className="dw-button" disabled={busy} onClick={() => setStage({ at: 'pick' })}>
          Choose another file
        </button>
      </div>
      {busy && <Waiting>Importing {preview.rowCount.toLocaleString('en-US')} rows…</Waiting>}
    </div>
  );
}
