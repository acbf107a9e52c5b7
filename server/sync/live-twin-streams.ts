/**
 * The live shape requests open on each twin, so that a change of rights ends them at once instead of when their
 * long-poll or SSE response times out: revoking or replacing a share link ends the ones opened through links;
 * changing or deleting the twin ends them all. Their clients ask again and get the new answer (or a refusal).
 */
type Via = 'link' | 'id';

const open = new Map<string, Set<{ via: Via; controller: AbortController }>>();

/**
 * A signal that aborts when `request` ends or when the twin's streams are ended; call `done` once the response
 * is complete.
 * @example const { signal, done } = trackTwinStream(twinId, 'link', request)
 */
export function trackTwinStream(
  twinId: string,
  via: Via,
  request: Request,
): { signal: AbortSignal; done(): void } {
  const entry = { via, controller: new AbortController() };
  let set = open.get(twinId);
  if (!set) open.set(twinId, (set = new Set()));
  set.add(entry);
  const done = () => {
    set.delete(entry);
    if (set.size === 0 && open.get(twinId) === set) open.delete(twinId);
  };
  request.signal.addEventListener('abort', done, { once: true });
  return { signal: AbortSignal.any([request.signal, entry.controller.signal]), done };
}

/**
 * Ends the live requests on a twin: only those opened through share links, or all of them.
 * @example endTwinStreams(twinId, 'link')
 */
export function endTwinStreams(twinId: string, which: 'link' | 'all'): number {
  const set = open.get(twinId);
  if (!set) return 0;
  let ended = 0;
  for (const entry of [...set])
    if (which === 'all' || entry.via === which) {
      entry.controller.abort();
      set.delete(entry);
      ended++;
    }
  if (set.size === 0) open.delete(twinId);
  return ended;
}
