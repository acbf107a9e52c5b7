import { describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import {
  compileTestPlan,
  inserts,
  testImplementations,
  type TestSink,
  type TestSource,
} from './engine-test-nodes';
import type { EngineEvent } from './engine-types';
import type { ChangeBatch, NodeInstance, PanelHost } from './node-api';
import type { Scheduler } from './scheduler';

/** A scheduler the test advances by hand, one tick at a time. */
function manualScheduler() {
  let next: (() => void) | null = null;
  const scheduler: Scheduler = {
    schedule(callback) {
      next = callback;
      return () => {
        if (next === callback) next = null;
      };
    },
  };
  return {
    scheduler,
    pending: () => next !== null,
    /** Lets pending promise callbacks settle (as between two frames), then runs the scheduled tick. */
    async tick() {
      await new Promise((resolve) => setImmediate(resolve));
      const run = next;
      next = null;
      run?.();
    },
  };
}

const as = <T>(instance: NodeInstance | undefined) => instance as unknown as T;
const rowsOf = (sink: TestSink) => Object.fromEntries([...sink.table].map(([k, r]) => [k, r.v]));

async function chain() {
  const plan = await compileTestPlan(
    [
      { id: 'src', type: 'test/source' },
      { id: 'double', type: 'test/scale', config: { factor: 2 } },
      { id: 'triple', type: 'test/scale', config: { factor: 3 } },
      { id: 'out', type: 'test/sink' },
    ],
    [
      ['src.rows', 'double.rows'],
      ['double.rows', 'triple.rows'],
      ['triple.rows', 'out.rows'],
    ],
  );
  const log: string[] = [];
  const clock = manualScheduler();
  const engine = createEngine(plan, {
    implementations: testImplementations(log),
    services: {},
    scheduler: clock.scheduler,
  });
  await engine.start();
  return {
    engine,
    clock,
    log,
    src: as<TestSource>(engine.instance('src')),
    out: as<TestSink>(engine.instance('out')),
  };
}

describe('the engine propagates changes', () => {
  it('carries inserts, updates and deletes through a chain in one tick', async () => {
    const { engine, clock, src, out } = await chain();
    src.push(inserts({ a: 1, b: 2, c: 3 }));
    expect(out.table.size).toBe(0); // nothing moves before the tick
    await clock.tick();
    expect(rowsOf(out)).toEqual({ a: 6, b: 12, c: 18 });
    src.push({ inserts: [], updates: [{ key: 'b', row: { v: 5 } }], deletes: ['a'] });
    await clock.tick();
    expect(rowsOf(out)).toEqual({ b: 30, c: 18 });
    expect(engine.stats('double')).toEqual({ rowsIn: 5, rowsOut: 5, batches: 2, failed: false });
    expect(engine.stats('src')).toEqual({ rowsIn: 0, rowsOut: 5, batches: 2, failed: false });
    await engine.dispose();
  });

  it('coalesces what queued between ticks by key, so a consumer sees the net effect once', async () => {
    const { engine, clock, src, out } = await chain();
    src.push(inserts({ a: 1, b: 2 }));
    await clock.tick();
    out.batches.length = 0;
    src.push({
      inserts: [{ key: 'c', row: { v: 1 } }],
      updates: [{ key: 'a', row: { v: 10 } }],
      deletes: [],
    });
    src.push({ inserts: [], updates: [{ key: 'c', row: { v: 4 } }], deletes: ['b'] }); // insert+update = insert
    src.push({ inserts: [{ key: 'b', row: { v: 7 } }], updates: [], deletes: ['a'] }); // update+delete = delete
    src.push({ inserts: [{ key: 'd', row: { v: 1 } }], updates: [], deletes: [] });
    src.push({ inserts: [], updates: [], deletes: ['d'] }); // insert+delete = nothing
    await clock.tick();
    expect(out.batches).toEqual<ChangeBatch[]>([
      {
        inserts: [{ key: 'c', row: { v: 24 } }],
        updates: [{ key: 'b', row: { v: 42 } }], // delete+insert = update
        deletes: ['a'],
      },
    ]);
    expect(rowsOf(out)).toEqual({ b: 42, c: 24 });
    await engine.dispose();
  });

  it('visits nodes in topological order and crosses a diamond in one tick', async () => {
    const plan = await compileTestPlan(
      [
        { id: 'out', type: 'test/sink' },
        { id: 'join', type: 'test/merge' },
        { id: 'right', type: 'test/scale', config: { factor: 3 } },
        { id: 'left', type: 'test/scale', config: { factor: 2 } },
        { id: 'src', type: 'test/source' },
      ],
      [
        ['src.rows', 'left.rows'],
        ['src.rows', 'right.rows'],
        ['left.rows', 'join.a'],
        ['right.rows', 'join.b'],
        ['join.rows', 'out.rows'],
      ],
    );
    const log: string[] = [];
    const clock = manualScheduler();
    const engine = createEngine(plan, {
      implementations: testImplementations(log),
      services: {},
      scheduler: clock.scheduler,
    });
    await engine.start();
    const src = as<TestSource>(engine.instance('src'));
    const out = as<TestSink>(engine.instance('out'));
    src.push(inserts({ k: 1, m: 2 }));
    await clock.tick();
    const order = plan.nodes.map((n) => n.id);
    expect(order.indexOf('src')).toBeLessThan(order.indexOf('left'));
    expect(order.indexOf('join')).toBeLessThan(order.indexOf('out'));
    // Every node ran once, each after all its producers, in this one tick.
    expect(log.map((entry) => order.indexOf(entry.split(':')[0]))).toEqual(
      [...log.map((entry) => order.indexOf(entry.split(':')[0]))].sort((a, b) => a - b),
    );
    expect(log.filter((e) => e.startsWith('join'))).toEqual(['join:a', 'join:b']);
    expect(rowsOf(out)).toEqual({ 'a:k': 2, 'a:m': 4, 'b:k': 3, 'b:m': 6 });
    src.push({ inserts: [], updates: [{ key: 'k', row: { v: 10 } }], deletes: ['m'] });
    await clock.tick();
    expect(rowsOf(out)).toEqual({ 'a:k': 20, 'b:k': 30 });
    expect(clock.pending()).toBe(false);
    await engine.dispose();
  });

  it('delivers the latest value only, and a value emitted before its consumer existed', async () => {
    const plan = await compileTestPlan(
      [
        { id: 'k', type: 'test/value' },
        { id: 'src', type: 'test/source' },
        { id: 'scale', type: 'test/scale', config: { factor: 1 } },
        { id: 'watch', type: 'test/sink' },
        { id: 'out', type: 'test/sink' },
      ],
      [
        ['k.value', 'scale.factor'],
        ['k.value', 'watch.value'],
        ['src.rows', 'scale.rows'],
        ['scale.rows', 'out.rows'],
      ],
    );
    expect(plan.edges.find((e) => e.from.node === 'k')).toMatchObject({ kind: 'value', valueType: 'float8' });
    const clock = manualScheduler();
    const engine = createEngine(plan, {
      implementations: {
        ...testImplementations(),
        // A parameter that sends its starting value while being created, before any consumer exists.
        'test/value': async () => ({
          create(ctx) {
            ctx.emitValue('value', 5);
            return { setValue: (v) => ctx.emitValue('value', v) };
          },
        }),
      },
      services: {},
      scheduler: clock.scheduler,
    });
    await engine.start();
    const watch = as<TestSink>(engine.instance('watch'));
    const out = as<TestSink>(engine.instance('out'));
    as<TestSource>(engine.instance('src')).push(inserts({ a: 2 }));
    await clock.tick();
    expect(watch.values).toEqual([5]);
    expect(rowsOf(out)).toEqual({ a: 10 }); // the value port is delivered before the rows (port order)
    engine.setValue('k', 1);
    engine.setValue('k', 2);
    engine.setValue('k', 3);
    await clock.tick();
    expect(watch.values).toEqual([5, 3]);
    await engine.dispose();
  });

  it('sends one event per tick naming the nodes whose stats or problems changed', async () => {
    const { engine, clock, src } = await chain();
    const events: EngineEvent[] = [];
    const unsubscribe = engine.subscribe((e) => events.push(e));
    await clock.tick(); // the start's own event
    events.length = 0;
    src.push(inserts({ a: 1 }));
    src.push(inserts({ b: 1 }));
    await clock.tick();
    expect(events).toHaveLength(1);
    expect([...events[0].stats].sort()).toEqual(['double', 'out', 'src', 'triple']);
    expect(events[0].problems).toEqual([]);
    unsubscribe();
    src.push(inserts({ c: 1 }));
    await clock.tick();
    expect(events).toHaveLength(1);
    await engine.dispose();
  });

  it('runs on the default scheduler in Node, and flush waits for the work to finish', async () => {
    const plan = await compileTestPlan(
      [
        { id: 'src', type: 'test/source' },
        { id: 'slow', type: 'test/scale', config: { factor: 2, delayMs: 20 } },
        { id: 'out', type: 'test/sink' },
      ],
      [
        ['src.rows', 'slow.rows'],
        ['slow.rows', 'out.rows'],
      ],
    );
    const engine = createEngine(plan, { implementations: testImplementations(), services: {} });
    await engine.start();
    as<TestSource>(engine.instance('src')).push(inserts({ a: 1, b: 2 }));
    await engine.flush();
    expect(rowsOf(as<TestSink>(engine.instance('out')))).toEqual({ a: 2, b: 4 });
    await engine.dispose();
  });

  it('lets a component draw into a panel and clean up, and reports one that fails to draw', async () => {
    const plan = await compileTestPlan(
      [
        { id: 'good', type: 'test/sink' },
        { id: 'bad', type: 'test/source' },
      ],
      [],
    );
    const drawn: string[] = [];
    const engine = createEngine(plan, {
      implementations: {
        'test/sink': async () => ({
          create: () => ({
            render(panel: PanelHost) {
              drawn.push(`draw ${panel.size().width}`);
              return () => drawn.push('clean');
            },
          }),
        }),
        'test/source': async () => ({
          create: () => ({
            render() {
              throw new Error('no canvas');
            },
          }),
        }),
      },
      services: {},
    });
    await engine.start();
    const controller = new AbortController();
    // A host for Node: the nodes under test only ask for the size, so no DOM element is needed.
    const panel: PanelHost = {
      element: {} as HTMLElement,
      size: () => ({ width: 320, height: 200 }),
      onResize: () => () => {},
      signal: controller.signal,
    };
    const cleanup = engine.renderPanel('good', panel);
    expect(drawn).toEqual(['draw 320']);
    cleanup();
    expect(drawn).toEqual(['draw 320', 'clean']);
    engine.renderPanel('bad', panel)();
    expect(engine.problems().bad?.[0]).toMatchObject({
      code: 'PTR106',
      severity: 'error',
      message: '"Test source" (node bad) could not draw its panel: no canvas',
    });
    expect(engine.renderPanel('nope', panel)).toBeTypeOf('function');
    await engine.dispose();
  });
});
