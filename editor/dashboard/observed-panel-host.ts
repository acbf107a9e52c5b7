import type { PanelHost } from '../../runtime/engine/node-api';

/**
 * A `PanelHost` over an element that the page lays out (a mosaic tile): its size is the element's content box,
 * and listeners hear about every change a `ResizeObserver` sees (at most once per animation frame, and only when
 * the size really changed). `disconnect()` stops observing; aborting `signal` does too.
 *
 * @example
 * ```ts
 * const host = createObservedPanelHost(div, abort.signal);
 * const cleanup = engine.renderPanel('trend', host);
 * // on unmount: cleanup(); abort.abort();
 * ```
 */
export function createObservedPanelHost(
  element: HTMLElement,
  signal: AbortSignal,
): PanelHost & { disconnect(): void } {
  const measure = () => ({
    width: Math.floor(element.clientWidth),
    height: Math.floor(element.clientHeight),
  });
  let size = measure();
  const listeners = new Set<(size: { width: number; height: number }) => void>();
  const observer = new ResizeObserver(() => {
    const next = measure();
    if (next.width === size.width && next.height === size.height) return;
    size = next;
    for (const listener of [...listeners]) listener(size);
  });
  observer.observe(element);
  const disconnect = () => {
    observer.disconnect();
    listeners.clear();
  };
  signal.addEventListener('abort', disconnect, { once: true });
  return {
    element,
    size: () => measure(),
    onResize(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    signal,
    disconnect,
  };
}
