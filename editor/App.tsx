import { BlueprintChecker } from './checker/BlueprintChecker';

/** The ProjectTwin web app. For now it holds the blueprint checker; the editor and library come next. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">ProjectTwin</span>
        <span className="tagline">Digital twins without the specialists</span>
      </header>
      <main>
        <BlueprintChecker />
      </main>
    </div>
  );
}
