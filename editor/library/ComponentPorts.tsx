import { componentPorts } from './document-views';

const KINDS: Record<string, string> = {
  table: 'rows of a table',
  value: 'a single value',
  media: 'images or video',
  scene: 'a 3D scene',
};

/**
 * What a component (node type) takes in and gives out, port by port.
 * @example <ComponentPorts manifest={detail.document} />
 */
export function ComponentPorts({ manifest }: { manifest: unknown }) {
  const sides = [
    { side: 'inputs' as const, title: 'Takes in', none: 'Nothing: it is where data starts.' },
    { side: 'outputs' as const, title: 'Gives out', none: 'Nothing: it shows its input in a panel.' },
  ];
  return (
    <section className="detail-section" aria-labelledby="ports-title">
      <h2 id="ports-title">Connections</h2>
      <div className="two-columns">
        {sides.map(({ side, title, none }) => {
          const ports = componentPorts(manifest, side);
          return (
            <div key={side}>
              <h3>{title}</h3>
              {ports.length === 0 ? (
                <p className="hint">{none}</p>
              ) : (
                <ul className="plain-list">
                  {ports.map((port) => (
                    <li key={port.name}>
                      <strong>{port.title}</strong>{' '}
                      <span className="muted">({KINDS[port.kind] ?? port.kind})</span>
                      {port.description && <div className="hint">{port.description}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
