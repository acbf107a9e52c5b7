import { useEffect, useState } from 'react';
import type { GraphCompiler } from './compile-client';
import type { GraphStore } from './graph-store';
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { Problem } from '../../schemas/problems';

/** The compiler's verdict on the document being edited. */
export type GraphCompileState =
  | { status: 'checking'; problems: readonly Problem[] }
  | { status: 'done'; problems: readonly Problem[]; ok: boolean }
  | { status: 'failed'; problems: readonly Problem[]; message: string };

/**
 * Compiles the document with the real compiler (in a Web Worker when it can) a moment after it stops changing (debounced, and paused during
 * a gesture, so dragging and typing stay smooth), keeping the last problems on screen while it checks again.
 * @example const state = useGraphCompile(doc, compiler, dragging)
 */
export function useGraphCompile(
  doc: Blueprint,
  compiler: GraphCompiler | null,
  paused = false,
  delayMs = 250,
): GraphCompileState {
  const [state, setState] = useState<GraphCompileState>({ status: 'checking', problems: [] });
  useEffect(() => {
    let cancelled = false;
    setState((old) => (old.status === 'checking' ? old : { status: 'checking', problems: old.problems }));
    // Not while a gesture (e.g. a drag) is under way: it would steal frames; the check runs when it ends.
    if (paused || !compiler) return;
    const timer = setTimeout(async () => {
      try {
        const result = await compiler.compile(doc);
        if (!cancelled) setState({ status: 'done', problems: result.problems, ok: result.valid });
      } catch (error) {
        if (!cancelled)
          setState({
            status: 'failed',
            problems: [],
            message: error instanceof Error ? error.message : String(error),
          });
      }
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [doc, compiler, paused, delayMs]);
  return state;
}

/**
 * The store's document, updated only once it has stopped changing for a moment and no gesture is under way,
 * without re-rendering the caller while it changes (e.g. on every frame of a drag).
 * @example const doc = useSettledDoc(store, 300)
 */
export function useSettledDoc(store: GraphStore, delayMs: number): Blueprint {
  const [doc, setDoc] = useState(() => store.getState().doc);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc === previous.doc && state.gestureBase === previous.gestureBase) return;
      clearTimeout(timer);
      if (state.gestureBase) return;
      timer = setTimeout(() => setDoc(store.getState().doc), delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, delayMs]);
  return doc;
}
