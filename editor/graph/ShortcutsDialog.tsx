import { useEffect, useRef } from 'react';

/** Every keyboard shortcut of the graph editor, in plain words; shown by the "?" button. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Ctrl+Z', what: 'Undo the last change' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'Redo what was undone' },
  { keys: 'Ctrl+C', what: 'Copy the selected nodes' },
  { keys: 'Ctrl+V', what: 'Paste the copied nodes' },
  { keys: 'Ctrl+D', what: 'Duplicate the selected nodes' },
  { keys: 'Ctrl+A', what: 'Select every node' },
  { keys: 'Delete or Backspace', what: 'Remove the selected nodes and connections' },
  { keys: 'Shift+drag', what: 'Select several nodes with a box' },
  { keys: 'Shift+click or Ctrl+click', what: 'Add a node to the selection' },
  { keys: 'Ctrl+L', what: 'Tidy up: arrange the graph from left to right' },
  { keys: 'Enter (in the node list)', what: 'Add the focused node type' },
  { keys: '?', what: 'Show this list' },
  { keys: 'Escape', what: 'Close this list' },
];

/**
 * A dialog listing the keyboard shortcuts.
 * @example <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="pt-dialog" aria-labelledby="pt-shortcuts-title" onClose={onClose}>
      <h2 id="pt-shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
