import { useEffect, useRef, useState } from 'react';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import type { CompileResult } from '../../runtime/compiler/plan';
import type { InMemoryNodeTypeRegistry } from '../../runtime/compiler/registry';

export type CompileState =
  { status: 'compiling' } | { status: 'done'; result: CompileResult } | { status: 'failed'; message: string };

/**
 * Compiles the text with the built-in node types whenever it changes (debounced), in the browser.
 * @example const state = useCompile(text)
 */
export function useCompile(text: string, delayMs = 150): CompileState {
  const [state, setState] = useState<CompileState>({ status: 'compiling' });
  const registry = useRef<Promise<InMemoryNodeTypeRegistry> | null>(null);
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'compiling' });
    const timer = setTimeout(async () => {
      try {
        registry.current ??= builtinRegistry();
        const result = await compileBlueprint(text, { registry: await registry.current });
        if (!cancelled) setState({ status: 'done', result });
      } catch (error) {
        if (!cancelled)
          setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, delayMs]);
  return state;
}
