import { useEffect, useRef } from 'react';
import type { Engine } from '../../runtime/engine/engine-types';
import { createObservedPanelHost } from './observed-panel-host';

/**
 * The body of one dashboard tile: an element the component node draws into, through the engine. The node is
 * asked to draw as soon as it exists (the engine may still be starting), and its drawing is cleaned up when the
 * tile goes away (hidden, moved to another place in the tree, or the page left).
 * @example <PanelTile engine={engine} nodeId="trend" />
 */
export function PanelTile({ engine, nodeId }: { engine: Engine; nodeId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const abort = new AbortController();
    let cleanup: (() => void) | null = null;
    const draw = () => {
      if (cleanup || abort.signal.aborted || !engine.instance(nodeId)) return false;
      cleanup = engine.renderPanel(nodeId, createObservedPanelHost(element, abort.signal));
      return true;
    };
    const unsubscribe = draw() ? null : engine.subscribe(() => void (draw() && unsubscribe?.()));
    return () => {
      unsubscribe?.();
      cleanup?.();
      abort.abort();
      element.replaceChildren();
    };
  }, [engine, nodeId]);
  return <div className="panel-body" ref={ref} data-panel={nodeId} />;
}
