/** Schedules a callback for the next frame; returns a handle for `cancel`. */
export type RequestFrame = (callback: () => void) => number;

export interface FrameScheduler {
  /** Asks for one flush on the next frame; many requests before it still give one flush. */
  request(): void;
  /** Runs a pending flush now (e.g. before measuring), if there is one. */
  flushNow(): void;
  /** Drops a pending flush; later requests are ignored. */
  dispose(): void;
}

const defaultRequest: RequestFrame = (callback) =>
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(() => callback())
    : (setTimeout(callback, 16) as unknown as number);
const defaultCancel = (handle: number) =>
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(handle) : clearTimeout(handle);

/**
 * Coalesces many change notifications into at most one `flush` per animation frame, so a panel fed thousands of
 * batches a second still draws at most once a frame.
 *
 * @example
 * ```ts
 * const frames = createFrameScheduler(() => root.render(view()));
 * for (const batch of batches) { rows.apply(batch); frames.request(); } // one render on the next frame
 * ```
 */
export function createFrameScheduler(
  flush: () => void,
  requestFrame: RequestFrame = defaultRequest,
  cancelFrame: (handle: number) => void = defaultCancel,
): FrameScheduler {
  let handle: number | undefined;
  let disposed = false;
  const run = () => {
    handle = undefined;
    if (!disposed) flush();
  };
  return {
    request() {
      if (disposed || handle !== undefined) return;
      handle = requestFrame(run);
    },
    flushNow() {
      if (handle === undefined) return;
      cancelFrame(handle);
      run();
    },
    dispose() {
      disposed = true;
      if (handle !== undefined) cancelFrame(handle);
      handle = undefined;
    },
  };
}
