import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelExecutor, Outputs } from './model-executor';
import { ModelWorkerStopped } from './model-executor';
import { readModelSignature } from './model-signature';
import type { ModelWorkerReply, ModelWorkerRequest } from './model-worker-protocol';
import { linearModel, testCard } from './onnx-test-models';
import { createWorkerModelExecutor, type ModelWorkerPort } from './worker-model-executor';

/** Starts model-worker-thread.ts in a real Node worker thread, with TypeScript loaded through tsx. */
function startThread(options: { exitOnRun?: boolean; failAtStart?: boolean }): Worker {
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/index\.cjs$/, 'index.mjs');
  const script = new URL('./model-worker-thread.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(pathToFileURL(tsx).href)};
register();
await import(${JSON.stringify(script)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: options });
}

/**
 * A worker thread seen through the Web Worker surface the executor uses: messages, and an error event when
 * the thread fails or ends without being terminated by the executor (what a browser shows for a crash).
 */
function threadPort(thread: Worker): ModelWorkerPort {
  let terminated = false;
  const errorListeners: ((event: ErrorEvent) => void)[] = [];
  const fail = (message: string) => {
    for (const listener of errorListeners) listener({ message } as ErrorEvent);
  };
  thread.on('error', (error) => fail(error.message));
  thread.on('exit', (code) => {
    if (!terminated) fail(`its thread ended with code ${code}`);
  });
  return {
    postMessage(message: ModelWorkerRequest, { transfer }: { transfer: Transferable[] }) {
      thread.postMessage(message, transfer as ArrayBuffer[]);
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type === 'message')
        thread.on('message', (data: ModelWorkerReply) =>
          (listener as (event: MessageEvent<ModelWorkerReply>) => void)({ data } as MessageEvent),
        );
      else errorListeners.push(listener as (event: ErrorEvent) => void);
    },
    terminate() {
      terminated = true;
      void thread.terminate();
    },
  };
}

const card = testCard('lin', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }]);
const read = readModelSignature(card);
if (!read.ok) throw new Error(read.problem.message);
const signature = read.signature;
const onnx = linearModel([[2], [3]], [0.5]);
const feeds = () => ({ x: new Float32Array([1, 1, 2, 0]) });
/** The model's predictions for the two rows of `feeds()`: 2a + 3b + 0.5. */
const predictions = (outputs: Outputs) => Array.from(outputs.y as Float32Array);

let executor: ModelExecutor | undefined;
const threads: Worker[] = [];
afterEach(async () => {
  await executor?.dispose();
  executor = undefined;
  await Promise.all(threads.splice(0).map((t) => t.terminate()));
});

/** A spawn function that starts threads with the options given for each start in turn (the last repeats). */
function spawner(plan: { exitOnRun?: boolean; failAtStart?: boolean }[]) {
  let started = 0;
  const spawn = () => {
    const thread = startThread(plan[Math.min(started++, plan.length - 1)]);
    threads.push(thread);
    return threadPort(thread);
  };
  return { spawn, started: () => started };
}

describe('the worker executor with a real worker thread', () => {
  it('runs the model in the worker', async () => {
    const { spawn } = spawner([{}]);
    executor = await createWorkerModelExecutor(spawn, onnx, signature);
    expect(executor.where).toBe('worker');
    expect(predictions(await executor.run(feeds(), 2))).toEqual([5.5, 4.5]);
  });

  it('fails the call of a worker that stops mid-call, then runs the next call in a fresh worker', async () => {
    const { spawn, started } = spawner([{ exitOnRun: true }, {}]);
    executor = await createWorkerModelExecutor(spawn, onnx, signature);
    const lost = await executor.run(feeds(), 2).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(ModelWorkerStopped);
    expect(lost).toMatchObject({ lasting: false, times: 1, reason: 'its thread ended with code 3' });
    expect(started()).toBe(1);
    expect(predictions(await executor.run(feeds(), 2))).toEqual([5.5, 4.5]);
    expect(started()).toBe(2);
    // The fresh worker keeps serving.
    expect(predictions(await executor.run(feeds(), 2))).toEqual([5.5, 4.5]);
    expect(started()).toBe(2);
  });

  it('fails every call waiting on a stopped worker, and shares one fresh worker among the next calls', async () => {
    const { spawn, started } = spawner([{ exitOnRun: true }, {}]);
    executor = await createWorkerModelExecutor(spawn, onnx, signature);
    const first = await Promise.allSettled([executor.run(feeds(), 2), executor.run(feeds(), 2)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = await Promise.all([executor.run(feeds(), 2), executor.run(feeds(), 2)]);
    expect(next.map(predictions)).toEqual([
      [5.5, 4.5],
      [5.5, 4.5],
    ]);
    expect(started()).toBe(2);
  });

  it('gives up with a lasting failure after the worker stops too many times in a row', async () => {
    // The first worker crashes on its run; every later one fails as it starts.
    const { spawn, started } = spawner([{ exitOnRun: true }, { failAtStart: true }]);
    executor = await createWorkerModelExecutor(spawn, onnx, signature, 2);
    const outcomes: unknown[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await executor.run(feeds(), 2).catch((e: unknown) => e));
    const seen = outcomes.map((e) => e instanceof ModelWorkerStopped && [e.lasting, e.times]);
    expect(seen).toEqual([
      [false, 1],
      [false, 2],
      [false, 3],
      [true, 3],
      [true, 3],
    ]);
    expect((outcomes[1] as ModelWorkerStopped).reason).toBe('the model worker could not start');
    expect((outcomes[3] as Error).message).toBe(
      'the model worker stopped 3 times in a row (the model worker could not start)',
    );
    // Two restarts, then no more workers.
    expect(started()).toBe(3);
  });
});
