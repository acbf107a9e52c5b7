/**
 * A test page that mounts built-in component nodes alone, through the same node contract the engine uses, so
 * end-to-end tests and benchmarks can push change batches into one panel and look at what it draws.
 *
 * @example
 * ```ts
 * // in a Playwright test, on /harness/components.html
 * const id = await page.evaluate(() => window.ptHarness.mount({ typeId: 'core/kpi', config: { value: 'rul' },
 *   columns: [{ name: 'rul', type: 'float8' }], width: 300, height: 200 }));
 * await page.evaluate((id) => window.ptHarness.push(id, { inserts: [{ key: '1', row: { rul: 5 } }],
 *   updates: [], deletes: [] }), id);
 * ```
 */
import type { ExecutionPlan, PlanNode } from '../../runtime/compiler/plan';
import type { ChangeBatch, NodeInstance, RuntimeProblem, Value } from '../../runtime/engine/node-api';
import { builtinImplementations } from '../../nodes/implementations';
import { createPanelHost } from './panel-host';

interface MountRequest {
  typeId: string;
  config: Record<string, unknown>;
  columns: PlanNode['inputs'][string]['columns'];
  /** The input port to feed (default `rows`). */
  port?: string;
  width?: number;
  height?: number;
}

interface Mounted {
  instance: NodeInstance;
  element: HTMLElement;
  problems: RuntimeProblem[];
  resize(width: number, height: number): void;
  abort: AbortController;
}

const mounted = new Map<string, Mounted>();
let counter = 0;

async function mount(request: MountRequest): Promise<string> {
  const load = builtinImplementations[request.typeId];
  if (!load) throw new Error(`No implementation for ${request.typeId}`);
  const module = await load();
  const id = `panel-${++counter}`;
  const port = request.port ?? 'rows';
  const node: PlanNode = {
    id,
    title: request.typeId,
    typeId: request.typeId,
    range: '^1',
    version: '1.0.0',
    category: 'component',
    config: request.config,
    inputs: { [port]: { kind: 'table', columns: request.columns ?? [] } },
    outputs: {},
  };
  const plan: ExecutionPlan = {
    blueprint: { name: 'harness', version: '1.0.0', title: 'Harness' },
    nodes: [node],
    edges: [],
    inputs: {},
    panels: [id],
    lock: {},
  };
  const element = document.createElement('div');
  element.className = 'harness-panel';
  element.id = id;
  element.dataset.typeId = request.typeId;
  document.getElementById('panels')!.append(element);
  const abort = new AbortController();
  const host = createPanelHost(element, request.width ?? 480, request.height ?? 300, abort.signal);
  const problems: RuntimeProblem[] = [];
  const instance = module.create({
    nodeId: id,
    config: request.config,
    node,
    plan,
    inputs: node.inputs,
    outputs: {},
    emit: () => undefined,
    emitValue: () => undefined,
    report: (problem) => void problems.push(problem),
    clearProblems: () => void problems.splice(0),
    signal: abort.signal,
    services: {},
    isCongested: () => false,
    onDrain: () => () => undefined,
  });
  await instance.start?.();
  instance.render?.(host.panel);
  mounted.set(id, { instance, element, problems, resize: host.resize, abort });
  return id;
}

function entry(id: string): Mounted {
  const found = mounted.get(id);
  if (!found) throw new Error(`No mounted panel ${id}`);
  return found;
}

const harness = {
  mount,
  /** Delivers a change batch to the panel's input port (default `rows`). */
  push: async (id: string, batch: ChangeBatch, port = 'rows') => entry(id).instance.receive?.(port, batch),
  /** Delivers a value to a value input port. */
  pushValue: async (id: string, port: string, value: Value) => entry(id).instance.receiveValue?.(port, value),
  resize: (id: string, width: number, height: number) => entry(id).resize(width, height),
  problems: (id: string) => entry(id).problems,
  unmount: async (id: string) => {
    const found = entry(id);
    found.abort.abort();
    await found.instance.dispose?.();
    found.element.remove();
    mounted.delete(id);
  },
};

declare global {
  interface Window {
    ptHarness: typeof harness;
  }
}

window.ptHarness = harness;
document.body.dataset.ready = 'true';
