import { memo, useRef, useState, type ReactNode } from 'react';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { blueprintFileName, readBlueprintFile, writeBlueprintFile } from './blueprint-file';
import { useGraph, useGraphEditor } from './editor-context';

interface EditorToolbarProps {
  onLayout(): void;
  onHelp(): void;
  busy: string | null;
  onSaveDraft?(doc: Blueprint): void | Promise<void>;
  onPublish?(doc: Blueprint): void | Promise<void>;
  canPublish: boolean;
  /** Extra controls the host page adds (e.g. Fork). */
  actions?: ReactNode;
}

function EditorToolbarInner({
  onLayout,
  onHelp,
  busy,
  onSaveDraft,
  onPublish,
  canPublish,
  actions,
}: EditorToolbarProps) {
  const { store } = useGraphEditor();
  const title = useGraph((s) => s.doc.title);
  const name = useGraph((s) => s.doc.name);
  const version = useGraph((s) => s.doc.version);
  const canUndo = useGraph((s) => s.past.length > 0);
  const canRedo = useGraph((s) => s.future.length > 0);
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [working, setWorking] = useState<string | null>(null);

  const importFile = async (file: File) => {
    const result = readBlueprintFile(await file.text(), `“${file.name}”`);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.message });
      return;
    }
    store.getState().replaceDocument(result.doc);
    setMessage({ kind: 'ok', text: `Opened “${file.name}”. Press Ctrl+Z to go back to the previous graph.` });
  };

  const exportFile = () => {
    const doc = store.getState().doc;
    const url = URL.createObjectURL(new Blob([writeBlueprintFile(doc)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = blueprintFileName(doc);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const run = async (label: string, action: (doc: Blueprint) => void | Promise<void>, done: string) => {
    setWorking(label);
    setMessage(null);
    try {
      await action(store.getState().doc);
      setMessage({ kind: 'ok', text: done });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setWorking(null);
    }
  };

  const header = (key: 'title' | 'name' | 'version', value: string) =>
    store.getState().setHeader({ [key]: value });
  return (
    <header className="pt-toolbar">
      <div className="pt-header-form" role="group" aria-label="Blueprint details">
        <label className="pt-field pt-field-title">
          <span>Title</span>
          <input
            className="pt-input"
            value={title}
            onChange={(e) => header('title', e.target.value)}
            onBlur={() => store.getState().endTyping()}
          />
        </label>
        <label className="pt-field">
          <span>Name (for links)</span>
          <input className="pt-input" value={name} onChange={(e) => header('name', e.target.value)} />
        </label>
        <label className="pt-field pt-field-version">
          <span>Version</span>
          <input className="pt-input" value={version} onChange={(e) => header('version', e.target.value)} />
        </label>
      </div>
      <div className="pt-commands" role="toolbar" aria-label="Editor commands">
        <button
          type="button"
          className="button"
          disabled={!canUndo}
          onClick={() => store.getState().undo()}
          title="Ctrl+Z"
        >
          Undo
        </button>
        <button
          type="button"
          className="button"
          disabled={!canRedo}
          onClick={() => store.getState().redo()}
          title="Ctrl+Shift+Z"
        >
          Redo
        </button>
        <button type="button" className="button" onClick={onLayout} disabled={busy !== null} title="Ctrl+L">
          {busy ?? 'Tidy up layout'}
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="pt-visually-hidden"
          aria-label="Blueprint file to import"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button type="button" className="button" onClick={exportFile}>
          Export file
        </button>
        {actions}
        {onSaveDraft && (
          <button
            type="button"
            className="button"
            disabled={working !== null}
            onClick={() => run('save', onSaveDraft, 'Draft saved.')}
          >
            {working === 'save' ? 'Saving…' : 'Save draft'}
          </button>
        )}
        {onPublish && (
          <button
            type="button"
            className="button pt-primary"
            disabled={working !== null || !canPublish}
            title={canPublish ? undefined : 'Fix the problems listed below the canvas first'}
            onClick={() => run('publish', onPublish, 'Published.')}
          >
            {working === 'publish' ? 'Publishing…' : 'Publish'}
          </button>
        )}
        <button
          type="button"
          className="button pt-help"
          onClick={onHelp}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
      {message && (
        <p
          className={`pt-toolbar-message pt-msg-${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}{' '}
          <button type="button" className="pt-link" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </p>
      )}
    </header>
  );
}

/**
 * The blueprint's name, title and version, and the editor's commands, each a labelled button.
 * @example <EditorToolbar onLayout={layout} onHelp={showHelp} busy={null} canPublish={false} />
 */
export const EditorToolbar = memo(EditorToolbarInner);
