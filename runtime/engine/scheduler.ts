/** Runs the engine's ticks: one callback per tick, cancellable. */
export interface Scheduler {
  /** Runs `callback` on the next tick; returns a function that cancels it if it has not run yet. */
  schedule(callback: () => void): () => void;
}

/**
 * The default scheduler: one tick per animation frame in a browser (so propagation lines up with drawing), and
 * `setImmediate` (or `setTimeout(0)`) in Node and workers.
 * @example const scheduler = defaultScheduler(); const cancel = scheduler.schedule(() => tick());
 */
export function defaultScheduler(): Scheduler {
  const g = globalThis as {
    requestAnimationFrame?: (callback: () => void) => number;
    cancelAnimationFrame?: (handle: number) => void;
  };
  if (typeof g.requestAnimationFrame === 'function' && typeof g.cancelAnimationFrame === 'function') {
    const raf = g.requestAnimationFrame.bind(globalThis);
    const caf = g.cancelAnimationFrame.bind(globalThis);
    return {
      schedule(callback) {
        const handle = raf(() => callback());
        return () => caf(handle);
      },
    };
  }
  return immediateScheduler();
}

/**
 * A scheduler that runs each tick as soon as the current task ends (`setImmediate`, else `setTimeout(0)`).
 * @example const engine = createEngine(plan, { implementations, services, scheduler: immediateScheduler() });
 */
export function immediateScheduler(): Scheduler {
  if (typeof setImmediate === 'function') {
    return {
      schedule(callback) {
        const handle = setImmediate(callback);
        return () => clearImmediate(handle);
      },
    };
  }
  return {
    schedule(callback) {
      const handle = setTimeout(callback, 0);
      return () => clearTimeout(handle);
    },
  };
}
