import { valueAt } from '../../runtime/compiler/pointer';
import { defineNode } from '../../runtime/engine/define-node';
import type { NodeInstance, Value } from '../../runtime/engine/node-api';
import manifest from './manifest.json';
import { checkParamValue, type ParamType } from './param-value';

/** The parameter's config, defaults filled in by the compiler. */
export interface ParamConfig {
  name: string;
  label?: string;
  type: ParamType;
  default: number | string | boolean;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
  input?: string;
}

/** Problem codes of the parameter node, documented in docs/errors.md. */
export const PARAM_CODES = { wrongType: 'PTR120', outOfRange: 'PTR121' } as const;

/**
 * A parameter: sends its value on its `value` port when it starts (the twin's value for the blueprint input the
 * manifest binds, else that input's default, else the configured starting value) and again each time the viewer
 * sets one. A value of the wrong type is refused with a problem (the previous value stays); one outside
 * min..max is brought within it, with a warning.
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { name: 'speed', type: 'float8', default: 1500, min: 0, max: 3000 }
 * node.start?.();           // emits 1500 (or the twin's value for the bound input)
 * node.setValue?.(1800);    // emits 1800
 * ```
 */
export const create = defineNode<ParamConfig>((ctx) => {
  const config = ctx.config;
  const label = config.label ?? config.name;
  let current: Value | undefined;

  /** The candidate converted to the parameter's type, or undefined (reported) when it does not fit. */
  function typed(candidate: unknown, from: string): Value | undefined {
    const checked = checkParamValue(candidate, config.type);
    if (checked.ok) return checked.value;
    ctx.report({
      code: PARAM_CODES.wrongType,
      severity: 'warning',
      message: `The parameter "${label}" ignored ${from}: ${checked.reason}.${current === undefined ? '' : ' It keeps its previous value.'}`,
      details: { nodeId: ctx.nodeId, value: (candidate ?? null) as Value, type: config.type },
    });
    return undefined;
  }

  /** The value brought within min..max, with a warning when it was outside. */
  function bounded(value: Value, from: string): Value {
    if (typeof value !== 'number') return value;
    const { min, max } = config;
    const within = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, value));
    if (within !== value)
      ctx.report({
        code: PARAM_CODES.outOfRange,
        severity: 'warning',
        message: `The parameter "${label}" was given ${value} (${from}), outside its range ${min ?? '…'} to ${max ?? '…'}; it uses ${within} instead.`,
        details: { nodeId: ctx.nodeId, value, min: min ?? null, max: max ?? null },
      });
    return within;
  }

  function set(value: Value): void {
    current = value;
    ctx.emitValue('value', value);
  }

  const boundInput = (): string | undefined => {
    const name = ctx.node.input ?? (manifest.binds ? valueAt(config, manifest.binds.input) : undefined);
    return typeof name === 'string' ? name : undefined;
  };

  const instance: NodeInstance = {
    start() {
      const input = boundInput();
      const candidates: [unknown, string][] = [];
      if (input !== undefined) {
        const fromTwin = ctx.services.inputValue?.(input);
        if (fromTwin !== undefined) candidates.push([fromTwin, `the twin's value for the input "${input}"`]);
        const declared = ctx.plan.inputs[input];
        if (declared?.kind === 'value' && declared.default !== undefined)
          candidates.push([declared.default, `the default of the input "${input}"`]);
      }
      candidates.push([config.default, 'its starting value']);
      for (const [candidate, from] of candidates) {
        const value = typed(candidate, from);
        if (value !== undefined) return set(bounded(value, from));
      }
    },
    setValue(value) {
      const accepted = typed(value, 'the value you set');
      if (accepted === undefined) return;
      ctx.clearProblems();
      set(bounded(accepted, 'the value you set'));
    },
    preview: () => ({
      rowCount: current === undefined ? 0 : 1,
      sample: current === undefined ? [] : [{ [config.name]: current }],
    }),
  };
  return instance;
});
