import type { PanelHost } from '../../runtime/engine/node-api';

/**
 * A `PanelHost` over an element of a fixed size that the caller can change, telling the component like a
 * ResizeObserver would.
 *
 * @example
 * ```ts
 * const { panel, resize } = createPanelHost(div, 400, 300, abort.signal);
 * instance.render?.(panel);
 * resize(600, 300);
 * ```
 */
export function createPanelHost(
  element: HTMLElement,
  width: number,
  height: number,
  signal: AbortSignal,
): { panel: PanelHost; resize(width: number, height: number): void } {
  let size = { width, height };
  const listeners = new Set<(size: { width: number; height: number }) => void>();
  const apply = () => {
    element.style.width = `${size.width}px`;
    element.style.height = `${size.height}px`;
  };
  apply();
  const panel: PanelHost = {
    element,
    size: () => size,
    onResize(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    signal,
  };
  return {
    panel,
    resize(nextWidth, nextHeight) {
      size = { width: nextWidth, height: nextHeight };
      apply();
      for (const listener of listeners) listener(size);
    },
  };
}
