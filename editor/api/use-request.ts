import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError } from '../twin/api-client';
import { plainError } from './plain-error';

/** Where a request stands: waiting, failed (with a plain message), or answered. */
export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string; code: string | null; notFound: boolean }
  | { status: 'ready'; data: T };

/**
 * Runs `load` when the component mounts and whenever `deps` change; an answer that arrives after a newer request
 * started is dropped. `reload` runs it again.
 * @example const { state, reload } = useRequest(() => getEntry('model', name), [name])
 */
export function useRequest<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): { state: RequestState<T>; reload(): void } {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({
          status: 'error',
          message: plainError(error),
          code: error instanceof ApiError ? error.code : null,
          notFound: error instanceof ApiError && error.status === 404,
        }),
    );
    return () => {
      current = false;
    };
    // `load` is a new function on each render; `deps` says when it changes meaning.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { state, reload };
}
