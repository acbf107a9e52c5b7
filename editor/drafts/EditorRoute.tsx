import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { PreviewSettings } from '../graph/sample-choice';
import { useRequest } from '../api/use-request';
import { demoTableRows, listDemoTables } from '../deploy/deploy-api';
import { GraphEditorPage } from '../graph/GraphEditorPage';
import { Failure, Loading } from '../shell/PageStates';
import { loadDraft, publishBlueprint, saveDraft } from './drafts-api';

/** The live preview's sample data: the platform's demo tables. */
const demoSampleData = { listTables: listDemoTables, rows: demoTableRows };

/**
 * The graph editor at `/editor` (a new blueprint) and `/editor/:draftId` (a saved draft): "Save draft" keeps the
 * document on the server (the first save gives the page its draft address); "Publish" sends it to the registry.
 * @example <Route path="/editor/:draftId?" element={<EditorRoute />} />
 */
export function EditorRoute() {
  const { draftId } = useParams();
  // The draft this page saves to: the one opened, or the one its first save created.
  const [savedId, setSavedId] = useState<string | undefined>(draftId);
  const opened = draftId && draftId !== savedId ? draftId : (draftId ?? null);
  const { state, reload } = useRequest(
    () => (opened ? loadDraft(opened) : Promise.resolve(undefined)),
    [opened],
  );
  const navigate = useNavigate();
  const [published, setPublished] = useState<{ name: string; version: string } | null>(null);

  if (state.status === 'loading') return <Loading what="the draft" />;
  if (state.status === 'error')
    return (
      <Failure
        title="This draft could not be opened"
        message={state.message}
        onRetry={state.notFound ? undefined : reload}
      >
        <p>
          <Link to="/editor">Start a new blueprint</Link>
        </p>
      </Failure>
    );

  const onSaveDraft = async (doc: Blueprint, preview: PreviewSettings) => {
    const saved = await saveDraft(savedId, doc, preview);
    if (!savedId) {
      setSavedId(saved.id);
      navigate(`/editor/${saved.id}`, { replace: true });
    }
  };
  const onPublish = async (doc: Blueprint) => {
    await publishBlueprint(doc);
    setPublished({ name: doc.name, version: doc.version });
  };
  return (
    <>
      {published && (
        <p className="state" role="status">
          Published {published.name} {published.version}.{' '}
          <Link to={`/library/blueprints/${encodeURIComponent(published.name)}`}>See it in the library</Link>
        </p>
      )}
      <GraphEditorPage
        key={opened ?? 'new'}
        initial={state.data?.document}
        initialPreview={state.data?.preview}
        sampleData={demoSampleData}
        onSaveDraft={onSaveDraft}
        onPublish={onPublish}
      />
    </>
  );
}
