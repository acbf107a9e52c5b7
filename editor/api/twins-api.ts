import { apiRequest } from '../twin/api-client';

/** A twin as the home page lists it (the API sends more; only this is read). */
export interface TwinListing {
  id: string;
  title: string;
  owner: { id: string; name: string };
  blueprint: { name: string; version: string };
  document: { description?: string };
  visibility: 'private' | 'unlisted' | 'public';
  createdAt: string;
  updatedAt: string;
}

/**
 * The signed-in user's twins, latest change first.
 * @example const twins = await listMyTwins()
 */
export async function listMyTwins(): Promise<TwinListing[]> {
  const { twins } = await apiRequest<{ twins: TwinListing[] }>('GET', '/api/twins');
  return twins;
}
