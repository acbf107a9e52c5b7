import { create } from 'zustand';

interface InputFocusState {
  /** The input last asked for, or null. */
  name: string | null;
  /** Increases with every request, so asking twice for the same input shows it twice. */
  request: number;
  show(name: string): void;
}

/**
 * Requests to bring a blueprint input's card into view (from the problems panel to the side panel, which sit
 * side by side under the editor page and share nothing else).
 * @example useInputFocus.getState().show('telemetry')
 */
export const useInputFocus = create<InputFocusState>()((set) => ({
  name: null,
  request: 0,
  show: (name) => set((s) => ({ name, request: s.request + 1 })),
}));

/**
 * The input a problem is about, from its JSON pointer (`/inputs/<name>/...`), or null for other problems.
 * @example inputOfPointer('/inputs/telemetry/primaryKey/0') // 'telemetry'
 */
export function inputOfPointer(pointer: string): string | null {
  const match = /^\/inputs\/([^/]+)/.exec(pointer);
  return match ? match[1].replace(/~1/g, '/').replace(/~0/g, '~') : null;
}
