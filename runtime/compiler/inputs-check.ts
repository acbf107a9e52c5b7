import { pointerOf, problem } from '../../schemas/problems';
import { nodeLabel, type CompileContext } from './context';
import { valueAt } from './pointer';

/**
 * Matches nodes that read blueprint inputs against the declared inputs: used but undeclared (PT151), of the
 * wrong kind (PT152), declared but unused (PT150, a warning). Returns each binding node's input name.
 * @example const inputOf = checkInputs(ctx) // Map { 'telemetry' => 'telemetry' }
 */
export function checkInputs(ctx: CompileContext): Map<string, string> {
  const declared = ctx.blueprint.inputs ?? {};
  const used = new Set<string>();
  const inputOf = new Map<string, string>();
  for (const entry of ctx.nodes.values()) {
    const binds = entry.manifest?.binds;
    if (!binds) continue;
    const name = valueAt(entry.config ?? entry.node.config ?? {}, binds.input);
    if (typeof name !== 'string' || name === '') continue;
    used.add(name);
    if (!entry.config) continue;
    const at = `${pointerOf('nodes', entry.index, 'config')}${binds.input}`;
    const input = declared[name];
    if (!input) {
      const names = Object.keys(declared);
      ctx.problems.push(
        problem(
          'PT151',
          at,
          `${nodeLabel(entry)} reads the input "${name}", which the blueprint does not declare; ${names.length ? `declare it under "inputs" or use one of: ${names.join(', ')}` : 'declare it under "inputs"'}.`,
          { nodeId: entry.node.id, details: { input: name } },
        ),
      );
      continue;
    }
    if (input.kind !== binds.kind) {
      ctx.problems.push(
        problem(
          'PT152',
          at,
          `${nodeLabel(entry)} needs a ${binds.kind} input, but "${name}" is declared as a ${input.kind}; pick a ${binds.kind} input.`,
          { nodeId: entry.node.id, details: { input: name, expected: binds.kind, found: input.kind } },
        ),
      );
      continue;
    }
    inputOf.set(entry.node.id, name);
  }
  for (const [name, input] of Object.entries(declared)) {
    if (input.kind !== 'table') continue;
    (input.primaryKey ?? []).forEach((column, i) => {
      if (input.columns[column]) return;
      ctx.problems.push(
        problem(
          'PT153',
          pointerOf('inputs', name, 'primaryKey', i),
          `The primary key of the input "${name}" names the column "${column}", which the input does not declare; declare it under "columns" or fix the name.`,
          { details: { input: name, column } },
        ),
      );
    });
  }
  for (const [name, input] of Object.entries(declared)) {
    if (used.has(name)) continue;
    const reader = input.kind === 'value' ? 'a Parameter node' : 'a Table source node';
    ctx.problems.push(
      problem(
        'PT150',
        pointerOf('inputs', name),
        `The input "${name}" is declared but no node reads it; add ${reader} that reads it, or remove it, since every twin would have to bind it for nothing.`,
        { severity: 'warning', details: { input: name } },
      ),
    );
  }
  return inputOf;
}
