import type { TwinListing } from '../api/twins-api';
import { useRequest } from '../api/use-request';
import { Empty, Failure, Loading } from '../shell/PageStates';
import { TwinCard } from './TwinCard';
import { apiRequest } from '../twin/api-client';

/** How many public twins the home page lists at most. */
const LIMIT = 12;

/**
 * The most recently changed public twins (anyone's; no login needed), newest first.
 * @example const twins = await listPublicTwins(12)
 */
export async function listPublicTwins(limit: number = LIMIT): Promise<TwinListing[]> {
  const { twins } = await apiRequest<{ twins: TwinListing[] }>('GET', `/api/twins/public?limit=${limit}`);
  return twins;
}

/**
 * The "Live twins" section of the home page: public twins anyone can open, with their blueprint and owner.
 * Shown to visitors and signed-in users alike.
 * @example <LiveTwins />
 */
export function LiveTwins() {
  const { state, reload } = useRequest(() => listPublicTwins(), []);
  return (
    <section className="detail-section live-twins" aria-labelledby="live-twins">
      <div className="section-heading">
        <h2 id="live-twins">Live twins</h2>
      </div>
      <p className="section-lead">Twins shared publicly, running live. Open one to see its dashboard.</p>
      {state.status === 'loading' && <Loading what="the live twins" />}
      {state.status === 'error' && (
        <Failure title="The live twins could not be loaded" message={state.message} onRetry={reload} />
      )}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty title="No public twins yet">
          When someone makes a twin public, it appears here for everyone to open.
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="twin-list" aria-label="Live twins">
          {state.data.map((twin) => (
            <TwinCard key={twin.id} twin={twin} detail={`by ${twin.owner.name}`} />
          ))}
        </ul>
      )}
    </section>
  );
}
