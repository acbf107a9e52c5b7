import { BrowserRouter } from 'react-router';
import { SessionProvider } from './account/session';
import { AppRoutes } from './shell/AppRoutes';

/**
 * The ProjectTwin web app: the header, and the page the address names (see shell/AppRoutes.tsx): the home page,
 * the library, sign up and log in, the graph editor at /editor, the blueprint checker at /check, and twins at
 * /twins/<id>, /shared/<token> and /s/<token> (the form of share links).
 */
export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </BrowserRouter>
  );
}
