import type { ExecutionPlan } from '../compiler/plan';
import { batchRowCount, isEmptyBatch } from './change-queue';
import {
  buildGraph,
  checkedInstance,
  discardInput,
  hasInput,
  isBatch,
  isCongested,
  isFailed,
  isThenable,
  queuedRows,
  type NodeState,
} from './engine-graph';
import { ENGINE_CODES, engineProblem, normaliseProblem } from './engine-problems';
import type { Engine, EngineEvent, EngineOptions } from './engine-types';
import type { ChangeBatch, NodeContext, RuntimeProblem, Value } from './node-api';
import { loadImplementations } from './load-implementations';
import { defaultScheduler } from './scheduler';

export type { Engine, EngineEvent, EngineOptions, NodeStats } from './engine-types';
export type { Scheduler } from './scheduler';

const DEFAULT_QUEUE_LIMIT = 10_000;

/**
 * Runs an execution plan: creates its nodes, pushes change batches and values along its typed edges, once per
 * scheduler tick in topological order, with per-edge coalescing, backpressure and per-node error isolation.
 * @example
 * ```ts
 * const engine = createEngine(plan, { implementations: builtinImplementations, services });
 * await engine.start();
 * engine.subscribe(() => showProblems(engine.problems()));
 * ```
 */
export function createEngine(plan: ExecutionPlan, options: EngineOptions): Engine {
  const scheduler = options.scheduler ?? defaultScheduler();
  const queueLimit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT;
  const { nodes, order } = buildGraph(plan);

  const listeners = new Set<(event: EngineEvent) => void>();
  const pending = new Set<Promise<unknown>>();
  const dirtyProblems = new Set<string>();
  const dirtyStats = new Set<string>();
  let cancelTick: (() => void) | null = null;
  let ticking = false;
  let disposed = false;
  let startPromise: Promise<void> | null = null;
  let disposePromise: Promise<void> | null = null;

  const failed = isFailed;

  function checkDrains(): void {
    for (const n of order) {
      if (!n.congested || isCongested(n, queueLimit)) continue;
      n.congested = false;
      for (const listener of [...n.drainListeners]) {
        try {
          listener();
        } catch (error) {
          crash(n, ENGINE_CODES.receiveFailed, 'stopped working when its downstream caught up', error);
        }
      }
    }
  }

  function scheduleTick(): void {
    if (disposed || cancelTick || ticking) return;
    cancelTick = scheduler.schedule(runTick);
  }

  function hasWork(): boolean {
    if (dirtyProblems.size > 0 || dirtyStats.size > 0) return true;
    return order.some((n) => n.instance && !n.busy && hasInput(n));
  }

  function runTick(): void {
    cancelTick = null;
    if (disposed) return;
    ticking = true;
    try {
      for (const n of order) deliver(n);
      checkDrains();
    } finally {
      ticking = false;
    }
    publish();
    if (hasWork()) scheduleTick();
  }

  function publish(): void {
    if (dirtyProblems.size === 0 && dirtyStats.size === 0) return;
    const event: EngineEvent = { type: 'changed', problems: [...dirtyProblems], stats: [...dirtyStats] };
    dirtyProblems.clear();
    dirtyStats.clear();
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the twin; the next event still reaches the others.
      }
    }
  }

  function crash(n: NodeState, code: string, what: string, error?: unknown): void {
    if (n.crashed) return;
    n.crashed = true;
    n.engineProblems.push(engineProblem(n.plan, code, 'error', what, error));
    discardInput(n);
    n.controller.abort();
    dirtyProblems.add(n.plan.id);
    dirtyStats.add(n.plan.id);
    scheduleTick();
  }

  /** Calls into a node; a throw or a rejection crashes it, a promise makes it busy until settled. */
  function call(n: NodeState, what: string, code: string, fn: () => unknown): Promise<void> | undefined {
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      crash(n, code, what, error);
      return undefined;
    }
    if (!isThenable(result)) return undefined;
    n.busy = true;
    const settled: Promise<void> = Promise.resolve(result).then(
      () => undefined,
      (error: unknown) => crash(n, code, what, error),
    );
    const tracked = settled.finally(() => {
      n.busy = false;
      pending.delete(tracked);
      scheduleTick();
    });
    pending.add(tracked);
    return tracked;
  }

  function deliver(n: NodeState): void {
    const instance = n.instance;
    if (!instance || n.busy) return;
    if (failed(n)) {
      discardInput(n);
      return;
    }
    for (const e of n.inEdges) {
      const port = e.edge.to.port;
      if (e.edge.kind === 'table') {
        if (e.queue.size === 0) continue;
        const batch = e.queue.take();
        if (isEmptyBatch(batch)) continue;
        n.stats.rowsIn += batchRowCount(batch);
        dirtyStats.add(n.plan.id);
        if (!instance.receive) continue;
        const what = `stopped working while processing new rows on its input "${port}"`;
        call(n, what, ENGINE_CODES.receiveFailed, () => instance.receive!(port, batch));
      } else {
        if (e.value === undefined) continue;
        const { value } = e.value;
        e.value = undefined;
        if (!instance.receiveValue) continue;
        const what = `stopped working while taking a new value on its input "${port}"`;
        const from = { edge: e.edge.id, node: e.edge.from.node, port: e.edge.from.port };
        call(n, what, ENGINE_CODES.receiveFailed, () => instance.receiveValue!(port, value, from));
      }
      if (n.busy || failed(n)) return;
    }
  }

  /** An engine warning on a node (one per code, the latest replacing an earlier one). */
  function warn(n: NodeState, code: string, what: string): void {
    const problem = engineProblem(n.plan, code, 'warning', what);
    n.engineProblems = [...n.engineProblems.filter((p) => p.code !== code), problem];
    dirtyProblems.add(n.plan.id);
    scheduleTick();
  }

  function emit(n: NodeState, port: string, batch: ChangeBatch): void {
    if (disposed || n.crashed) return;
    const out = Object.hasOwn(n.plan.outputs, port) ? n.plan.outputs[port] : undefined;
    if (!out || out.kind !== 'table' || !isBatch(batch)) {
      const why = !out
        ? `sent rows on "${port}", an output it does not have; they were dropped`
        : out.kind !== 'table'
          ? `sent rows on "${port}", which carries a value, not rows; they were dropped`
          : `sent something on "${port}" that is not a change batch; it was dropped`;
      warn(n, ENGINE_CODES.badEmit, why);
      return;
    }
    if (isEmptyBatch(batch)) return;
    n.stats.rowsOut += batchRowCount(batch);
    n.stats.batches += 1;
    dirtyStats.add(n.plan.id);
    for (const e of n.outEdges.get(port) ?? []) {
      if (failed(e.consumer)) continue;
      e.queue.push(batch);
      if (queuedRows(e.consumer) > queueLimit) n.congested = true;
    }
    scheduleTick();
  }

  function emitValue(n: NodeState, port: string, value: Value): void {
    if (disposed || n.crashed) return;
    const out = Object.hasOwn(n.plan.outputs, port) ? n.plan.outputs[port] : undefined;
    if (!out || out.kind === 'table') {
      const why = !out
        ? `sent a value on "${port}", an output it does not have; it was dropped`
        : `sent a single value on "${port}", which carries rows; it was dropped`;
      warn(n, ENGINE_CODES.badEmit, why);
      return;
    }
    n.stats.batches += 1;
    dirtyStats.add(n.plan.id);
    // Latest wins: a consumer that has not taken the previous value yet only ever sees this one.
    for (const e of n.outEdges.get(port) ?? []) e.value = { value };
    scheduleTick();
  }

  function context(n: NodeState): NodeContext {
    return {
      nodeId: n.plan.id,
      config: n.plan.config,
      node: n.plan,
      plan,
      inputs: n.plan.inputs,
      outputs: n.plan.outputs,
      emit: (port, batch) => emit(n, port, batch),
      emitValue: (port, value) => emitValue(n, port, value),
      report(problem) {
        if (disposed) return;
        const p = normaliseProblem(problem);
        // One problem per code: a problem reported again replaces the earlier one.
        n.nodeProblems = [...n.nodeProblems.filter((q) => q.code !== p.code), p];
        if (p.severity === 'error') discardInput(n);
        dirtyProblems.add(n.plan.id);
        scheduleTick();
      },
      clearProblems() {
        if (n.nodeProblems.length === 0) return;
        n.nodeProblems = [];
        dirtyProblems.add(n.plan.id);
        scheduleTick();
      },
      signal: n.controller.signal,
      services: options.services,
      isCongested() {
        const congested = isCongested(n, queueLimit);
        if (congested) n.congested = true;
        return congested;
      },
      onDrain(listener) {
        n.drainListeners.add(listener);
        return () => n.drainListeners.delete(listener);
      },
    };
  }

  async function startAll(): Promise<void> {
    const modules = await loadImplementations(plan, options.implementations);
    if (disposed) return;
    for (const n of order) {
      const loaded = modules.get(n.plan.typeId);
      if (loaded === undefined) {
        const what = `cannot run: this twin has no implementation of the node type ${n.plan.typeId}@${n.plan.version}. The rest of the twin runs without it`;
        crash(n, ENGINE_CODES.unknownType, what);
        continue;
      }
      if ('error' in loaded) {
        const what = `cannot run: the code of ${n.plan.typeId} did not load`;
        crash(n, ENGINE_CODES.loadFailed, what, loaded.error);
        continue;
      }
      try {
        n.instance = checkedInstance(loaded.module.create(context(n)));
      } catch (error) {
        crash(n, ENGINE_CODES.createFailed, 'could not be set up', error);
      }
    }
    const starts: Promise<unknown>[] = [];
    for (const n of order) {
      const instance = n.instance;
      if (!instance?.start || n.crashed) continue;
      const started = call(n, 'stopped working while starting', ENGINE_CODES.startFailed, () =>
        instance.start!(),
      );
      if (started) starts.push(started);
    }
    for (const n of order) dirtyStats.add(n.plan.id);
    scheduleTick();
    await Promise.allSettled(starts);
  }

  return {
    start() {
      startPromise ??= startAll();
      return startPromise;
    },
    instance: (nodeId) => (nodes.get(nodeId)?.crashed ? undefined : nodes.get(nodeId)?.instance),
    renderPanel(nodeId, panel) {
      const n = nodes.get(nodeId);
      const instance = n?.instance;
      if (!n || !instance || n.crashed || disposed) return () => {};
      if (!instance.render) {
        warn(n, ENGINE_CODES.renderFailed, 'has nothing to show in a panel');
        return () => {};
      }
      let cleanup: unknown;
      try {
        cleanup = instance.render(panel);
      } catch (error) {
        crash(n, ENGINE_CODES.renderFailed, 'could not draw its panel', error);
        return () => {};
      }
      return () => {
        if (typeof cleanup !== 'function') return;
        try {
          cleanup();
        } catch (error) {
          crash(n, ENGINE_CODES.renderFailed, 'failed while clearing its panel', error);
        }
      };
    },
    setValue(nodeId, value) {
      const n = nodes.get(nodeId);
      const instance = n?.instance;
      if (!n || !instance || n.crashed || disposed) return;
      if (!instance.setValue) {
        warn(n, ENGINE_CODES.noValue, 'does not take a value you set');
        return;
      }
      call(n, 'stopped working while taking the value you set', ENGINE_CODES.receiveFailed, () =>
        instance.setValue!(value),
      );
    },
    problems() {
      const all: Record<string, readonly RuntimeProblem[]> = {};
      for (const n of order) {
        const list = [...n.engineProblems, ...n.nodeProblems];
        if (list.length > 0) all[n.plan.id] = list;
      }
      return all;
    },
    stats(nodeId) {
      const n = nodes.get(nodeId);
      if (!n) return { rowsIn: 0, rowsOut: 0, batches: 0, failed: false };
      return { ...n.stats, failed: failed(n) };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      for (;;) {
        if (disposed) return;
        if (pending.size > 0) {
          await Promise.allSettled([...pending]);
          continue;
        }
        if (!hasWork()) return;
        cancelTick?.();
        cancelTick = null;
        runTick();
        // Let promise callbacks of what this tick started settle before looking again.
        await Promise.resolve();
      }
    },
    dispose() {
      disposePromise ??= (async () => {
        disposed = true;
        cancelTick?.();
        cancelTick = null;
        for (const n of order) n.controller.abort();
        for (const n of [...order].reverse()) {
          const instance = n.instance;
          if (!instance?.dispose) continue;
          try {
            await instance.dispose();
          } catch (error) {
            n.engineProblems.push(
              engineProblem(
                n.plan,
                ENGINE_CODES.disposeFailed,
                'warning',
                'did not shut down cleanly',
                error,
              ),
            );
          }
        }
        for (const n of order) {
          discardInput(n);
          n.drainListeners.clear();
        }
        listeners.clear();
      })();
      return disposePromise;
    },
  };
}
