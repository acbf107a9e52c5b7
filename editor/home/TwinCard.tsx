import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TwinListing } from '../api/twins-api';
import { formatDate } from '../library/document-views';

/**
 * One twin in a list: its title (a link to it), description, blueprint, one line of detail and when it changed.
 * @example <TwinCard twin={twin} detail={`by ${twin.owner.name}`} />
 */
export function TwinCard({ twin, detail }: { twin: TwinListing; detail: ReactNode }) {
  return (
    <li className="twin-card">
      <h3>
        <Link to={`/twins/${twin.id}`}>{twin.title}</Link>
      </h3>
      {twin.document.description && <p>{twin.document.description}</p>}
      <p className="entry-meta">
        <span>
          from {twin.blueprint.name} {twin.blueprint.version}
        </span>
        <span>{detail}</span>
        <span>changed {formatDate(twin.updatedAt)}</span>
      </p>
    </li>
  );
}
