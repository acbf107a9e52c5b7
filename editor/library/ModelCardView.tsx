import type { EntryDetail } from '../api/registry-types';
import { formatBytes, modelMetrics, modelSignature, taskInWords, type FeatureRow } from './document-views';

function SignatureTable({ caption, rows, first }: { caption: string; rows: FeatureRow[]; first: string }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">Meaning</th>
          <th scope="col">Unit</th>
          <th scope="col">Tensor</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.tensor}/${row.name}`}>
            <th scope="row">
              <code>{row.name}</code>
            </th>
            <td>{row.description || '—'}</td>
            <td>{row.unit || '—'}</td>
            <td>
              <code>{row.tensor}</code> <span className="muted">{row.dtype}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A model's card: what it does, whether it runs here, its inputs and outputs with units, its measured quality
 * and its licence.
 * @example <ModelCardView detail={detail} />
 */
export function ModelCardView({ detail }: { detail: EntryDetail }) {
  const card = detail.document;
  const { inputs, outputs } = modelSignature(card);
  const metrics = modelMetrics(card);
  const training = (
    typeof card.training === 'object' && card.training !== null ? card.training : {}
  ) as Record<string, unknown>;
  const authors = Array.isArray(card.authors) ? card.authors.filter((a) => typeof a === 'string') : [];
  return (
    <section className="detail-section" aria-labelledby="model-card-title">
      <h2 id="model-card-title">Model card</h2>
      <dl className="facts">
        <dt>Task</dt>
        <dd>{taskInWords(card.task)}</dd>
        <dt>Licence</dt>
        <dd>{typeof card.license === 'string' ? card.license : 'Not stated'}</dd>
        <dt>File</dt>
        <dd>
          {typeof card.format === 'string' ? card.format.toUpperCase() : 'Unknown format'}
          {detail.artifact && `, ${formatBytes(detail.artifact.bytes)}`}
        </dd>
        {detail.status && (
          <>
            <dt>Runs in the browser</dt>
            <dd className={detail.status.code === 'ready' ? 'ok-text' : 'warning-text'}>
              {detail.status.message}
            </dd>
          </>
        )}
        {authors.length > 0 && (
          <>
            <dt>Authors</dt>
            <dd>{authors.join(', ')}</dd>
          </>
        )}
      </dl>
      <h3>What it reads and what it predicts</h3>
      <p className="hint">
        Each input is a column of your data, in the unit given; each output is a column the model adds.
      </p>
      {inputs.length > 0 ? (
        <SignatureTable caption="Inputs" rows={inputs} first="Input" />
      ) : (
        <p className="hint">The card lists no inputs.</p>
      )}
      {outputs.length > 0 ? (
        <SignatureTable caption="Outputs" rows={outputs} first="Output" />
      ) : (
        <p className="hint">The card lists no outputs.</p>
      )}
      <h3>How good it is</h3>
      {metrics.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">Metrics</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Value</th>
              <th scope="col">Measured on</th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((m) => (
              <tr key={m.name}>
                <th scope="row">{m.name}</th>
                <td className="number">{m.value || '—'}</td>
                <td>{m.dataset || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">
          The publisher gave no measurements of this model's quality: test it on your data first.
        </p>
      )}
      {(typeof training.data === 'string' || typeof training.date === 'string') && (
        <>
          <h3>Training</h3>
          <dl className="facts">
            {typeof training.data === 'string' && (
              <>
                <dt>Data</dt>
                <dd>{training.data}</dd>
              </>
            )}
            {typeof training.date === 'string' && (
              <>
                <dt>Trained on</dt>
                <dd>{training.date}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
