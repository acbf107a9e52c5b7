import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { json, uploadCsv } from './ingest-test-support';

let t: TestApp;
let ada: TestUser;

beforeAll(async () => {
  t = await createTestApp({ maxArtifactBytes: 64 * 1024 * 1024 });
  ada = await t.signup('ada');
});
afterAll(() => t?.close());

const ROWS = 100_000;

/** A generated CSV of pump readings, built in chunks. */
function pumpReadings(rows: number): string {
  const lines = ['pump_id,recorded_at,vibration_rms,running,note'];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * 1000).toISOString();
    const note = i % 1000 === 0 ? '"checked, ok"' : '';
    lines.push(`pump-${i % 50},${at},${(Math.sin(i) * 3 + 4).toFixed(3)},${i % 7 !== 0},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a 100,000-row CSV', () => {
  it(
    'is streamed, previewed and imported with its row count, reporting progress',
    { timeout: 120_000 },
    async () => {
      const upload = await uploadCsv(t, ada, pumpReadings(ROWS));
      expect(upload.status, await upload.clone().text()).toBe(201);
      const preview = await json(upload);
      expect(preview.rowCount).toBe(ROWS);
      expect(preview.columns.map((c: { type: string }) => c.type)).toEqual([
        'text',
        'timestamptz',
        'float8',
        'bool',
        'text',
      ]);

      const path = `/api/ingest/csv/${preview.uploadId}`;
      const importing = t.as(ada).request('POST', `${path}/import`, {
        title: 'Pump readings',
        columns: preview.columns.map(({ name, type }: { name: string; type: string }) => ({ name, type })),
      });
      let done = false;
      void importing.finally(() => (done = true));
      const seen: { status: string; rowsDone: number; rowsTotal: number }[] = [];
      while (!done) {
        const status = await json(await t.as(ada).request('GET', path));
        seen.push({ status: status.status, ...status.progress });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const response = await importing;
      expect(response.status, await response.clone().text()).toBe(201);
      const table = await json(response);
      expect(table.rowCount).toBe(ROWS);
      const [{ count }] = await t.database.sql.unsafe(
        `select count(*)::int as count from data.${table.tableName}`,
      );
      expect(count).toBe(ROWS);

      const during = seen.filter((s) => s.status === 'importing');
      expect(during.length).toBeGreaterThan(0);
      expect(during.some((s) => s.rowsDone > 0 && s.rowsDone < ROWS)).toBe(true);
      expect(during.every((s) => s.rowsTotal === ROWS)).toBe(true);
      const doneCounts = during.map((s) => s.rowsDone);
      expect(doneCounts).toEqual([...doneCounts].sort((a, b) => a - b));
      const final = await json(await t.as(ada).request('GET', path));
      expect(final).toMatchObject({ status: 'imported', progress: { rowsDone: ROWS, rowsTotal: ROWS } });
    },
  );
});
