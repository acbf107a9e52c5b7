/**
 * A test page that mounts the deploy wizard alone, served by the real platform in end-to-end tests (so the
 * session cookie and the API work): `deploy.html?name=<blueprint>&version=<version>`.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeployWizardPage } from '../deploy/DeployWizardPage';
import '../styles.css';

const params = new URLSearchParams(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeployWizardPage name={params.get('name') ?? ''} version={params.get('version') ?? ''} />
  </StrictMode>,
);
