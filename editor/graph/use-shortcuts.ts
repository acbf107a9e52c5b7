import { useEffect } from 'react';
import type { GraphStore } from './graph-store';

/** What the shortcuts do beyond the store: tidy up and show the list. */
export interface ShortcutHandlers {
  layout(): void;
  showHelp(): void;
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * The graph editor's keyboard shortcuts (listed in SHORTCUTS), active while the focus is not in a text field.
 * @example useShortcuts(store, { layout, showHelp })
 */
export function useShortcuts(store: GraphStore, handlers: ShortcutHandlers): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || event.defaultPrevented) return;
      if ((event.target as HTMLElement | null)?.closest?.('dialog')) return;
      const s = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !event.shiftKey) s.undo();
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) s.redo();
      else if (mod && key === 'c' && !document.getSelection()?.toString()) s.copySelection();
      else if (mod && key === 'v') s.paste();
      else if (mod && key === 'd') s.duplicateSelection();
      else if (mod && key === 'a')
        s.select(
          s.doc.nodes.map((n) => n.id),
          [],
        );
      else if (mod && key === 'l') handlers.layout();
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) s.deleteSelection();
      else if (!mod && event.key === '?') handlers.showHelp();
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, handlers]);
}
