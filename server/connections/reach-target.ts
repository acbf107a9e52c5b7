import { ApiError } from '../http/api-error';
import { explainConnectError } from './connect-errors';
import type { Finding } from './findings';
import { checkHost, normalizeHost, type HostPolicy } from './host-allowlist';
import { connectToTarget, type Target, type TargetSession, type TlsMode } from './target-client';

/** Where a connection points, as the user entered it, with its password in clear. */
export interface TargetParams {
  host: string;
  port: number;
  database: string;
  username: string;
  password: string;
  tlsMode: TlsMode;
}

/**
 * The host as stored: normalised, or a 400 when it is neither a host name nor an IP address.
 * @example const host = cleanHost(body.host)
 */
export function cleanHost(input: string): string {
  const host = normalizeHost(input);
  if (!host) {
    throw new ApiError(
      400,
      'invalid_request',
      `"host" should be a host name or an IP address, such as db.example.com or 192.168.1.20, not "${input}".`,
    );
  }
  return host;
}

/**
 * Checks the host against the allowlist before anything connects to it: a 403 `host_not_allowed` when refused,
 * a failed `connect` finding when its name does not resolve, or the target with its approved address.
 * @example const reach = await approveTarget(settings.hosts, params)
 */
export async function approveTarget(
  hosts: HostPolicy,
  params: TargetParams,
): Promise<{ target: Target } | { failure: Finding }> {
  const decision = await checkHost(hosts, params.host);
  if (decision.kind === 'refused') {
    throw new ApiError(
      403,
      'host_not_allowed',
      `ProjectTwin is not allowed to connect to "${params.host}": ${decision.reason}. The administrator of this ` +
        'ProjectTwin server decides which database hosts it may reach (the setting PROJECTTWIN_CONNECTION_HOSTS).',
      { host: params.host, allowedHosts: hosts.entries },
    );
  }
  if (decision.kind === 'unresolved') {
    return { failure: explainConnectError({ code: decision.code }, params) };
  }
  return { target: { ...params, ...decision.target } };
}

/**
 * The 422 for a server that could not be reached, with the finding that says why.
 * @example if ('failure' in attempt) throw connectionFailed(attempt.failure, true)
 */
export function connectionFailed(failure: Finding, nothingSaved = false): ApiError {
  return new ApiError(
    422,
    'connection_failed',
    `${failure.message}${nothingSaved ? ' Nothing was saved.' : ''}`,
    { findings: [failure] },
  );
}

/**
 * An open session on the user's server, after the allowlist check; a 403 or a 422 `connection_failed` otherwise.
 * Close it when done.
 * @example const session = await openSession(settings.hosts, params); try { ... } finally { await session.close() }
 */
export async function openSession(hosts: HostPolicy, params: TargetParams): Promise<TargetSession> {
  const reach = await approveTarget(hosts, params);
  if ('failure' in reach) throw connectionFailed(reach.failure);
  const attempt = await connectToTarget(reach.target);
  if ('failure' in attempt) throw connectionFailed(attempt.failure);
  return attempt.session;
}
