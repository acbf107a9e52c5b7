import { Suspense } from 'react';
import { matchPath, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { LoginPage, SignupPage } from '../account/AuthPages';
import { AppHeader } from './AppHeader';
import {
  CheckerPage,
  DeployPage,
  EntryPage,
  EditorPage,
  HomePage,
  LibraryPage,
  TwinPage,
} from './lazy-pages';
import { Loading, NotFoundPage } from './PageStates';
import { RouteErrorBoundary } from './RouteErrorBoundary';
// The shell's base styles first, so that the pages' own rules override them.
import './shell.css';
import '../home/home.css';
import '../library/library.css';

/** Pages that fill the window below the header (no page margins, no scrolling body). */
const FULL_WINDOW = ['/twins/:id', '/shared/:token', '/s/:token', '/editor', '/editor/:draftId'];

function TwinRoute() {
  const { id = '' } = useParams();
  return <TwinPage source={{ kind: 'twin', id }} />;
}

function SharedTwinRoute() {
  const { token = '' } = useParams();
  return <TwinPage source={{ kind: 'shared', token }} />;
}

/**
 * Every page of the app, by address, inside the header and main area.
 * @example <BrowserRouter><SessionProvider><AppRoutes /></SessionProvider></BrowserRouter>
 */
export function AppRoutes() {
  const location = useLocation();
  const full = FULL_WINDOW.some((pattern) => matchPath(pattern, location.pathname));
  return (
    <div className={full ? 'app app-twin' : 'app'}>
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1}>
        <RouteErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading what="the page" />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/signup" element={<SignupPage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/library" element={<Navigate to="/library/blueprints" replace />} />
              <Route path="/library/:segment" element={<LibraryPage />} />
              <Route path="/library/:segment/:name" element={<EntryPage />} />
              <Route path="/library/:segment/:scope/:name" element={<EntryPage />} />
              <Route path="/deploy/:name/:version" element={<DeployPage />} />
              <Route path="/check" element={<CheckerPage />} />
              <Route path="/editor/:draftId?" element={<EditorPage />} />
              <Route path="/twins/:id" element={<TwinRoute />} />
              <Route path="/shared/:token" element={<SharedTwinRoute />} />
              <Route path="/s/:token" element={<SharedTwinRoute />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
