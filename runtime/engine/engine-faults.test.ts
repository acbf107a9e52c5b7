import { describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import {
  compileTestPlan,
  inserts,
  testImplementations,
  type TestSink,
  type TestSource,
} from './engine-test-nodes';
import type { NodeInstance, NodeModule } from './node-api';

const as = <T>(instance: NodeInstance | undefined) => instance as unknown as T;
const rowsOf = (sink: TestSink) => Object.fromEntries([...sink.table].map(([k, r]) => [k, r.v]));

/** src → left (scale) → outLeft, src → right (scale) → outRight */
async function twoBranches(
  right: Record<string, unknown>,
  queueLimit?: number,
  extra: Record<string, () => Promise<NodeModule>> = {},
) {
  const plan = await compileTestPlan(
    [
      { id: 'src', type: 'test/source' },
      { id: 'left', type: 'test/scale', config: { factor: 2 } },
      { id: 'right', type: 'test/scale', config: right },
      { id: 'outLeft', type: 'test/sink' },
      { id: 'outRight', type: 'test/sink' },
    ],
    [
      ['src.rows', 'left.rows'],
      ['src.rows', 'right.rows'],
      ['left.rows', 'outLeft.rows'],
      ['right.rows', 'outRight.rows'],
    ],
  );
  const engine = createEngine(plan, {
    implementations: { ...testImplementations(), ...extra },
    services: {},
    ...(queueLimit === undefined ? {} : { queueLimit }),
  });
  await engine.start();
  return {
    engine,
    plan,
    src: as<TestSource>(engine.instance('src')),
    outLeft: as<TestSink>(engine.instance('outLeft')),
    outRight: as<TestSink>(engine.instance('outRight')),
  };
}

describe('a failing node stops alone', () => {
  it('marks a node whose receive throws as failed, names it, and keeps the rest running', async () => {
    const { engine, src, outLeft, outRight } = await twoBranches({ factor: 3, failAbove: 100 });
    src.push(inserts({ a: 1 }));
    await engine.flush();
    src.push(inserts({ big: 500 }));
    await engine.flush();
    src.push(inserts({ c: 3 }));
    await engine.flush();
    expect(rowsOf(outLeft)).toEqual({ a: 2, big: 1000, c: 6 });
    expect(rowsOf(outRight)).toEqual({ a: 3 }); // stopped at the bad row, receives nothing more
    expect(engine.stats('right').failed).toBe(true);
    expect(engine.stats('left').failed).toBe(false);
    const [problem] = engine.problems().right;
    expect(problem).toMatchObject({ code: 'PTR104', severity: 'error' });
    expect(problem.message).toBe(
      '"Test scale" (node right) stopped working while processing new rows on its input "rows": v=500 is too large',
    );
    expect(engine.instance('right')).toBeUndefined();
    expect(Object.keys(engine.problems())).toEqual(['right']);
    await engine.dispose();
  });

  it('reports an unknown type, a module that fails to load, create and start failures, and runs the rest', async () => {
    const broken = (create: NodeModule['create']) => async () => ({ create });
    const { engine, src, outLeft } = await twoBranches({ factor: 1 }, undefined, {
      'test/scale': broken((ctx) =>
        ctx.nodeId === 'right'
          ? { start: () => Promise.reject(new Error('no model')) }
          : (Promise.resolve({ receive() {} }) as never),
      ),
    });
    // `left` returned a promise instead of a node: it could not be set up. `right` failed to start.
    expect(engine.problems().left?.[0]).toMatchObject({ code: 'PTR102' });
    expect(engine.problems().right?.[0]).toMatchObject({
      code: 'PTR103',
      message: '"Test scale" (node right) stopped working while starting: no model',
    });
    src.push(inserts({ a: 1 }));
    await engine.flush();
    expect(outLeft.table.size).toBe(0);
    await engine.dispose();

    const plan = await compileTestPlan(
      [
        { id: 'src', type: 'test/source' },
        { id: 'mystery', type: 'test/merge' },
        { id: 'out', type: 'test/sink' },
      ],
      [
        ['src.rows', 'mystery.a'],
        ['src.rows', 'mystery.b'],
        ['src.rows', 'out.rows'],
      ],
    );
    const withoutMerge = Object.fromEntries(
      Object.entries(testImplementations()).filter(([type]) => type !== 'test/merge'),
    );
    const missing = createEngine(plan, { implementations: withoutMerge, services: {} });
    await missing.start();
    expect(missing.problems().mystery?.[0]).toMatchObject({ code: 'PTR100', severity: 'error' });
    expect(missing.problems().mystery?.[0].message).toMatch(
      /no implementation of the node type test\/merge@1\.0\.0/,
    );
    as<TestSource>(missing.instance('src')).push(inserts({ a: 1 }));
    await missing.flush();
    expect(rowsOf(as<TestSink>(missing.instance('out')))).toEqual({ a: 1 });
    await missing.dispose();

    const unloadable = createEngine(plan, {
      implementations: {
        ...testImplementations(),
        'test/merge': () => Promise.reject(new Error('404 not found')),
      },
      services: {},
    });
    await unloadable.start();
    expect(unloadable.problems().mystery?.[0]).toMatchObject({ code: 'PTR101' });
    expect(unloadable.problems().mystery?.[0].message).toMatch(/did not load: 404 not found/);
    await unloadable.dispose();
  });

  it('lets a node report and clear its own problems; an error stops it until cleared', async () => {
    let ctxOf: Parameters<NodeModule['create']>[0] | undefined;
    const { engine, src, outLeft } = await twoBranches({ factor: 1 }, undefined, {
      'test/source': async () => ({
        create(ctx) {
          ctxOf = ctx;
          return { push: (b: never) => ctx.emit('rows', b) } as never;
        },
      }),
    });
    ctxOf!.report({ code: 'PTR110', message: 'The input is not bound.', severity: 'error' });
    ctxOf!.report({ code: 'PTR110', message: 'The input is still not bound.', severity: 'error' });
    await engine.flush();
    expect(engine.problems().src).toEqual([
      { code: 'PTR110', message: 'The input is still not bound.', severity: 'error' },
    ]);
    expect(engine.stats('src').failed).toBe(true);
    ctxOf!.clearProblems();
    await engine.flush();
    expect(engine.problems().src).toBeUndefined();
    src.push(inserts({ a: 1 }));
    await engine.flush();
    expect(rowsOf(outLeft)).toEqual({ a: 2 });
    // Rows sent on a port the node does not have are dropped with a warning.
    ctxOf!.emit('nope', inserts({ b: 1 }));
    ctxOf!.emitValue('rows', 3);
    await engine.flush();
    expect(engine.problems().src).toEqual([expect.objectContaining({ code: 'PTR105', severity: 'warning' })]);
    expect(engine.problems().src?.[0].message).toMatch(/"rows", which carries rows/);
    engine.setValue('left', 3);
    expect(engine.problems().left).toEqual([expect.objectContaining({ code: 'PTR107' })]);
    await engine.dispose();
  });
});

describe('backpressure', () => {
  it('holds batches for a busy node, coalesces them, and tells the source when the queue drains', async () => {
    const { engine, src, outRight, outLeft } = await twoBranches({ factor: 1, delayMs: 60 }, 5);
    src.push(inserts({ a: 1, b: 1, c: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 10)); // `right` is now busy with the first batch
    expect(src.congested()).toBe(false);
    for (let i = 0; i < 50; i++)
      src.push({ inserts: [], updates: [{ key: 'a', row: { v: i } }], deletes: [] });
    src.push(inserts({ d: 1, e: 1, f: 1, g: 1, h: 1 }));
    expect(src.congested()).toBe(true); // 6 keys wait for `right`, over the limit of 5
    expect(src.drains).toBe(0);
    await engine.flush();
    expect(src.congested()).toBe(false);
    expect(src.drains).toBe(1);
    // `right` got the first batch, then everything else coalesced into one.
    expect(outRight.batches).toHaveLength(2);
    expect(outRight.batches[1].inserts).toHaveLength(5);
    expect(outRight.batches[1].updates).toEqual([{ key: 'a', row: { v: 49 } }]);
    expect(rowsOf(outRight)).toEqual({ a: 49, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1, h: 1 });
    expect(rowsOf(outLeft)).toEqual({ a: 98, b: 2, c: 2, d: 2, e: 2, f: 2, g: 2, h: 2 });
    expect(engine.stats('right').failed).toBe(false);
    await engine.dispose();
  });
});

describe('teardown', () => {
  it('aborts, disposes every node once in reverse order, leaves no timer behind, and is idempotent', async () => {
    const disposed: string[] = [];
    const signals: AbortSignal[] = [];
    const tracked = (module: () => Promise<NodeModule>) => async () => {
      const inner = await module();
      return {
        create(ctx: Parameters<NodeModule['create']>[0]) {
          signals.push(ctx.signal);
          const instance = inner.create(ctx);
          return {
            ...instance,
            receive: instance.receive?.bind(instance),
            dispose: () => void disposed.push(ctx.nodeId),
          };
        },
      };
    };
    const base = testImplementations();
    const timers = () =>
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
    const before = timers();
    const { engine, src, plan } = await twoBranches({ factor: 1, delayMs: 10_000 }, undefined, {
      'test/source': base['test/source'],
      'test/scale': tracked(base['test/scale']),
      'test/sink': tracked(base['test/sink']),
    });
    src.push(inserts({ a: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20)); // `right` now sleeps on a 10 s timer
    expect(timers()).toBeGreaterThan(before);
    const first = engine.dispose();
    expect(engine.dispose()).toBe(first);
    await first;
    expect(signals.every((s) => s.aborted)).toBe(true);
    const order = plan.nodes.map((n) => n.id).filter((id) => id !== 'src');
    expect(disposed).toEqual([...order].reverse());
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBeLessThanOrEqual(before);
    src.push(inserts({ b: 1 })); // ignored after dispose
    await engine.flush();
    expect(engine.stats('left').rowsIn).toBe(1);
  });
});
