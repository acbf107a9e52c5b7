import { lazy } from 'react';

// Each page is its own chunk, loaded when first visited: the library and account pages never download the
// graph editor (React Flow), the dashboard (vega, onnxruntime-web) or the checker's compiler.

/** The home page (a user's twins and published entries). */
export const HomePage = lazy(() => import('../home/HomePage').then((m) => ({ default: m.HomePage })));
/** The library: one registry's list, searchable. */
export const LibraryPage = lazy(() =>
  import('../library/LibraryPage').then((m) => ({ default: m.LibraryPage })),
);
/** The page of one registry entry. */
export const EntryPage = lazy(() => import('../library/EntryPage').then((m) => ({ default: m.EntryPage })));
/** The deploy wizard: a blueprint on the user's own data. */
export const DeployPage = lazy(() =>
  import('../deploy/DeployRoute').then((m) => ({ default: m.DeployRoute })),
);
/** The blueprint checker (paste JSON, see problems and the plan). */
export const CheckerPage = lazy(() =>
  import('../checker/BlueprintChecker').then((m) => ({ default: m.BlueprintChecker })),
);
/** The graph editor, on a new blueprint or a saved draft. */
export const EditorPage = lazy(() =>
  import('../drafts/EditorRoute').then((m) => ({ default: m.EditorRoute })),
);
/** A twin's dashboard. */
export const TwinPage = lazy(() => import('../twin/TwinPage').then((m) => ({ default: m.TwinPage })));
