import { useEffect, useRef, useState } from 'react';
import type { Problem } from '../../schemas/problems';
import { ConfigPanel } from './ConfigPanel';
import { useGraph } from './editor-context';
import { useInputFocus } from './input-focus';
import { InputsPanel, type SampleControls } from './InputsPanel';

type Tab = 'node' | 'inputs';

/**
 * The right-hand side: two tabs, the selected node's settings and the blueprint's inputs ("Data this blueprint
 * needs"). Selecting a node brings its settings to the front; clicking a problem about an input brings that
 * input's card.
 * @example <SidePanel problemsByNode={byNode} sample={sampleControls} />
 */
export function SidePanel({
  problemsByNode,
  sample,
}: {
  problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  sample: SampleControls;
}) {
  const [tab, setTab] = useState<Tab>('node');
  const selectedNodes = useGraph((s) => s.selectedNodes);
  useEffect(() => {
    if (selectedNodes.size > 0) setTab('node');
  }, [selectedNodes]);
  // A problem about an input was clicked: show that input's card and put the cursor in its first field.
  const focusRequest = useInputFocus((s) => s.request);
  const handled = useRef(focusRequest); // requests made before this editor opened are not for it
  const [focusName, setFocusName] = useState<{ name: string } | null>(null);
  useEffect(() => {
    const name = useInputFocus.getState().name;
    if (focusRequest === handled.current || !name) return;
    handled.current = focusRequest;
    setTab('inputs');
    setFocusName({ name });
  }, [focusRequest]);
  useEffect(() => {
    if (!focusName || tab !== 'inputs') return;
    setFocusName(null);
    const card = document.querySelector<HTMLElement>(
      `.pt-input-card[aria-label="Input ${CSS.escape(focusName.name)}"]`,
    );
    card?.scrollIntoView({ block: 'nearest' });
    card?.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
  }, [focusName, tab]);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'node', label: 'Node settings' },
    { id: 'inputs', label: 'Data this blueprint needs' },
  ];
  return (
    <div className="pt-side-wrap">
      <div className="pt-side-tabs" role="tablist" aria-label="Side panel">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`pt-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`pt-tabpanel-${t.id}`}
            className={`pt-side-tab${tab === t.id ? ' pt-side-tab-on' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="pt-side-body"
        role="tabpanel"
        id={`pt-tabpanel-${tab}`}
        aria-labelledby={`pt-tab-${tab}`}
      >
        {tab === 'node' ? (
          <ConfigPanel problemsByNode={problemsByNode} />
        ) : (
          <div className="pt-side">
            <InputsPanel sample={sample} />
          </div>
        )}
      </div>
    </div>
  );
}
