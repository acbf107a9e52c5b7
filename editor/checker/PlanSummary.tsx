import type { ExecutionPlan } from '../../runtime/compiler/plan';

/** The execution plan in words: the nodes in the order they run, and the columns flowing on each connection. */
export function PlanSummary({ plan }: { plan: ExecutionPlan }) {
  return (
    <section className="plan" aria-label="Execution plan">
      <h3>
        Runs in this order ({plan.nodes.length} node{plan.nodes.length === 1 ? '' : 's'}, {plan.panels.length}{' '}
        panel
        {plan.panels.length === 1 ? '' : 's'})
      </h3>
      <ol className="plan-nodes">
        {plan.nodes.map((node) => (
          <li key={node.id}>
            <strong>{node.id}</strong> <span className="muted">{node.title}</span>{' '}
            <code>
              {node.typeId}@{node.version}
            </code>
          </li>
        ))}
      </ol>
      <h3>Connections</h3>
      <table className="plan-edges">
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Carries</th>
          </tr>
        </thead>
        <tbody>
          {plan.edges.map((edge) => (
            <tr key={edge.id}>
              <td>
                {edge.from.node}.{edge.from.port}
              </td>
              <td>
                {edge.to.node}.{edge.to.port}
              </td>
              <td>
                {edge.columns
                  ? edge.columns.map((c) => `${c.name} (${c.type}${c.unit ? `, ${c.unit}` : ''})`).join(', ')
                  : edge.valueType
                    ? `a ${edge.valueType} value`
                    : edge.kind}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
