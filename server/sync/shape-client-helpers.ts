import { Shape, ShapeStream, type Message, type Row, type ShapeStreamOptions } from '@electric-sql/client';
import { TEST_SECRET } from './sync-test-server';

/** A ShapeStream + Shape on the test server, recording every message and request URL. */
export interface OpenShape {
  stream: ShapeStream<Row>;
  shape: Shape<Row>;
  messages: Message<Row>[];
  urls: URL[];
  close(): void;
}

/**
 * Opens the official client on a test server's shape endpoint (with the secret and quick retries).
 * @example const { shape } = openShape(t.shapeUrl, { table: 'items' }); await shape.rows
 */
export function openShape(
  url: string,
  params: Record<string, string | string[]>,
  options: Partial<ShapeStreamOptions<never>> = {},
): OpenShape {
  const aborter = new AbortController();
  const messages: Message<Row>[] = [];
  const urls: URL[] = [];
  const stream = new ShapeStream<Row>({
    url,
    params: { ...params, secret: TEST_SECRET },
    signal: aborter.signal,
    backoffOptions: { initialDelay: 50, maxDelay: 300, multiplier: 1.5 },
    fetchClient: (input, init) => {
      urls.push(new URL(input.toString()));
      return fetch(input, init);
    },
    ...options,
  });
  stream.subscribe((batch) => {
    messages.push(...batch);
  });
  const shape = new Shape(stream);
  return { stream, shape, messages, urls, close: () => aborter.abort() };
}

/**
 * Fetches the raw protocol (for headers, status codes and bodies).
 * @example const response = await raw(t.shapeUrl, { table: 'items', offset: '-1' })
 */
export function raw(url: string, query: Record<string, string>, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  for (const [k, v] of Object.entries({ secret: TEST_SECRET, ...query })) target.searchParams.set(k, v);
  return fetch(target, init);
}
