/**
 * A model worker in a Node worker thread, for testing the worker executor against a real thread that really
 * stops (not a test itself). It serves the same handler as the browser's model-worker.ts. workerData:
 * `exitOnRun` ends the thread when a run arrives (a crash mid-call); `failAtStart` throws before serving (the
 * thread's error event).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createModelWorkerHandler } from './model-worker-core';
import type { ModelWorkerRequest } from './model-worker-protocol';

const options = (workerData ?? {}) as { exitOnRun?: boolean; failAtStart?: boolean };
const port = parentPort;
if (!port) throw new Error('model-worker-thread.ts runs only as a worker thread');
if (options.failAtStart) throw new Error('the model worker could not start');

const handle = createModelWorkerHandler({
  post: (reply, transfer) => port.postMessage(reply, transfer),
  close: () => process.exit(1),
});
port.on('message', (request: ModelWorkerRequest) => {
  if (options.exitOnRun && request.kind === 'run') process.exit(3);
  handle(request);
});
