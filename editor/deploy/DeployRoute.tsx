import { useParams } from 'react-router';
import { DeployWizardPage } from './DeployWizardPage';

/**
 * The deploy wizard at `/deploy/:name/:version` ("Use this blueprint" in the library).
 * @example <Route path="/deploy/:name/:version" element={<DeployRoute />} />
 */
export function DeployRoute() {
  const { name = '', version = '' } = useParams();
  return <DeployWizardPage name={name} version={version} />;
}
