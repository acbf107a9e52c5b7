/**
 * What control a parameter node (core/param) gets in the dashboard's parameter bar, from its config: a slider when
 * it has both bounds, a number box otherwise, a switch for yes/no and a text box for text. Pure.
 */
import type { PlanNode } from '../../runtime/compiler/plan';
import type { Value } from '../../runtime/engine/node-api';

export type ParamControl =
  | { kind: 'slider'; min: number; max: number; step: number }
  | { kind: 'number'; min?: number; max?: number; step?: number; integer: boolean }
  | { kind: 'switch' }
  | { kind: 'text' };

/** A parameter as the bar shows it. */
export interface ParamSpec {
  nodeId: string;
  label: string;
  unit?: string;
  control: ParamControl;
  /** The starting value: the twin's value input when the parameter reads one, else its configured default. */
  initial: Value;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The parameter bar's specs for a plan's core/param nodes, in plan order.
 * @example paramSpecs(plan.nodes, (input) => services.inputValue?.(input))
 */
export function paramSpecs(
  nodes: readonly PlanNode[],
  inputValue: (input: string) => Value | undefined,
): ParamSpec[] {
  return nodes.filter((n) => n.typeId === 'core/param').map((node) => paramSpec(node, inputValue));
}

function paramSpec(node: PlanNode, inputValue: (input: string) => Value | undefined): ParamSpec {
  const c = node.config;
  const type = typeof c.type === 'string' ? c.type : 'float8';
  const fromInput = typeof c.input === 'string' ? inputValue(c.input) : undefined;
  const label =
    typeof c.label === 'string' && c.label ? c.label : typeof c.name === 'string' ? c.name : node.id;
  const unit = typeof c.unit === 'string' && c.unit ? c.unit : undefined;
  const fallback = (c.default ?? null) as Value;
  if (type === 'bool') {
    return {
      nodeId: node.id,
      label,
      unit,
      control: { kind: 'switch' },
      initial: Boolean(fromInput ?? fallback),
    };
  }
  if (type === 'text') {
    return {
      nodeId: node.id,
      label,
      unit,
      control: { kind: 'text' },
      initial: String(fromInput ?? fallback ?? ''),
    };
  }
  const min = num(c.min);
  const max = num(c.max);
  const step = num(c.step) ?? (type === 'int8' ? 1 : undefined);
  const start = num(fromInput) ?? num(fallback) ?? min ?? 0;
  if (min !== undefined && max !== undefined && max > min) {
    const sliderStep = step ?? niceStep(max - min);
    return {
      nodeId: node.id,
      label,
      unit,
      control: { kind: 'slider', min, max, step: sliderStep },
      initial: start,
    };
  }
  return {
    nodeId: node.id,
    label,
    unit,
    control: { kind: 'number', min, max, step, integer: type === 'int8' },
    initial: start,
  };
}

/** A step giving about a hundred positions over `span`, rounded to 1, 2 or 5 times a power of ten. */
function niceStep(span: number): number {
  const raw = span / 100;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/**
 * Reads what the viewer typed into a parameter's number box: the number, or a plain sentence saying what is wrong.
 * @example parseParamNumber('12.5', { min: 0 }) // { ok: true, value: 12.5 }
 */
export function parseParamNumber(
  text: string,
  control: { min?: number; max?: number; integer?: boolean },
): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { ok: false, message: 'Type a number.' };
  if (control.integer && !Number.isInteger(value)) return { ok: false, message: 'Type a whole number.' };
  if (control.min !== undefined && value < control.min)
    return { ok: false, message: `The smallest value is ${control.min}.` };
  if (control.max !== undefined && value > control.max)
    return { ok: false, message: `The largest value is ${control.max}.` };
  return { ok: true, value };
}
