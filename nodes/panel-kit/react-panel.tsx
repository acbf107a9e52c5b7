import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PanelHost } from '../../runtime/engine/node-api';
import { createFrameScheduler } from './frame-scheduler';
import './panel.css';

export type PanelSize = { width: number; height: number };

/** A React root drawing into a panel. */
export interface ReactPanel {
  /** Asks for a redraw; many calls within one animation frame give one redraw. */
  invalidate(): void;
  /** Unmounts the root and removes what it drew. Safe to call twice. */
  dispose(): void;
}

/**
 * Mounts a React root into `panel.element` and draws `view(size)` into it: now, after every `invalidate()` (at
 * most once per animation frame) and whenever the panel is resized. The root is unmounted when the returned
 * `dispose` is called or the panel's signal aborts.
 *
 * @example
 * ```ts
 * render(panel) {
 *   const view = mountReactPanel(panel, (size) => <KpiView state={state} size={size} />);
 *   unsubscribe = () => view.dispose();
 *   return () => view.dispose();
 * }
 * ```
 */
export function mountReactPanel(panel: PanelHost, view: (size: PanelSize) => ReactNode): ReactPanel {
  const container = document.createElement('div');
  container.className = 'pt-panel';
  panel.element.append(container);
  const root = createRoot(container);
  let size = panel.size();
  let disposed = false;
  const frames = createFrameScheduler(() => root.render(view(size)));
  const stopResize = panel.onResize((next) => {
    size = next;
    frames.request();
  });
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    frames.dispose();
    stopResize();
    panel.signal.removeEventListener('abort', dispose);
    root.unmount();
    container.remove();
  };
  panel.signal.addEventListener('abort', dispose, { once: true });
  root.render(view(size));
  return { invalidate: () => frames.request(), dispose };
}

/**
 * Keeps at most one React view per node instance: `show(panel, view)` replaces a previous one (a panel
 * re-mounted elsewhere), `invalidate()` redraws it, `dispose()` removes it.
 *
 * @example
 * ```ts
 * const panels = new PanelSlot();
 * return { receive() { panels.invalidate(); }, render: (panel) => panels.show(panel, () => <View />) };
 * ```
 */
export class PanelSlot {
  #current: ReactPanel | undefined;

  show(panel: PanelHost, view: (size: PanelSize) => ReactNode): () => void {
    this.#current?.dispose();
    const mounted = mountReactPanel(panel, view);
    this.#current = mounted;
    return () => {
      mounted.dispose();
      if (this.#current === mounted) this.#current = undefined;
    };
  }

  invalidate(): void {
    this.#current?.invalidate();
  }

  dispose(): void {
    this.#current?.dispose();
    this.#current = undefined;
  }
}
