import { blueprintInputs } from './document-views';

const ROLES: Record<string, string> = {
  entity: 'Which thing (e.g. a pump)',
  time: 'When',
  measure: 'A reading',
  label: 'A name to show',
  category: 'A class',
  key: 'Unique row id',
};

/**
 * The data a blueprint needs, input by input: for a table, each column with its kind of value, unit and meaning;
 * for a single value, its type, unit and default.
 * @example <BlueprintInputs document={detail.document} />
 */
export function BlueprintInputs({ document }: { document: unknown }) {
  const inputs = blueprintInputs(document);
  if (inputs.length === 0) {
    return <p className="hint">This blueprint needs no data of yours: it runs on what it holds.</p>;
  }
  return (
    <div className="inputs-list">
      {inputs.map((input) => (
        <div key={input.name} className="input-block">
          <h3>
            {input.title}{' '}
            <span className="muted">
              ({input.kind === 'table' ? 'a table of rows' : 'a single value'}, named{' '}
              <code>{input.name}</code>)
            </span>
          </h3>
          {input.description && <p>{input.description}</p>}
          {input.kind === 'table' ? (
            <table className="data-table">
              <caption className="visually-hidden">Columns of {input.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Kind of value</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Meaning</th>
                </tr>
              </thead>
              <tbody>
                {input.columns.map((column) => (
                  <tr key={column.name}>
                    <th scope="row">
                      <code>{column.name}</code>
                      {column.optional && <span className="muted"> (optional)</span>}
                    </th>
                    <td>{column.typeWords}</td>
                    <td>{column.unit || '—'}</td>
                    <td>{[ROLES[column.role], column.description].filter(Boolean).join('. ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>
              A {input.type ? input.type : 'value'}
              {input.unit && ` in ${input.unit}`}
              {input.defaultValue && `, ${input.defaultValue} unless you choose another`}.
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
