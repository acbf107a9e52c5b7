import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot } from '../test-support/database-snapshot';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { dataSchemaTables, json, uploadCsv } from './ingest-test-support';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  bob = await t.signup('bob');
});
afterAll(() => t?.close());

async function previewOf(csv: string, user = ada) {
  const response = await uploadCsv(t, user, csv);
  expect(response.status, await response.clone().text()).toBe(201);
  return json(response);
}

function importAs(user: TestUser, uploadId: string, body: unknown) {
  return t.as(user).request('POST', `/api/ingest/csv/${uploadId}/import`, body);
}

const PUMPS = [
  'Pump ID,Recorded At,Temperature,Running,Note',
  'p1,2024-05-01T12:00:00Z,21.5,true,"ok, fine"',
  'p2,2024-05-01T12:01:00Z,,false,',
  'p1,2024-05-01T12:02:00+02:00,22,yes,"said ""hi"""',
].join('\r\n');

describe('CSV upload and import', () => {
  it('previews, then imports all rows with a generated key and registers the table', async () => {
    const preview = await previewOf(PUMPS);
    expect(preview).toMatchObject({ delimiter: ',', header: true, rowCount: 3, problems: [] });
    expect(preview.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual([
      'pump_id:text',
      'recorded_at:timestamptz',
      'temperature:float8',
      'running:bool',
      'note:text',
    ]);
    const response = await importAs(ada, preview.uploadId, {
      title: 'Pump telemetry',
      columns: preview.columns.map(({ name, type }: { name: string; type: string }) => ({ name, type })),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const table = await json(response);
    expect(table).toMatchObject({
      title: 'Pump telemetry',
      tableName: 'pump_telemetry',
      qualifiedName: 'data.pump_telemetry',
      source: 'csv',
      primaryKey: ['id'],
      keyGenerated: true,
      rowCount: 3,
    });
    expect(table.columns[0]).toEqual({ name: 'id', type: 'int8', nullable: false, generated: true });
    const rows = await t.database.sql`select * from data.pump_telemetry order by id`;
    expect(
      rows.map((r) => [
        r.id,
        r.pump_id,
        new Date(r.recorded_at).toISOString(),
        r.temperature,
        r.running,
        r.note,
      ]),
    ).toEqual([
      ['1', 'p1', '2024-05-01T12:00:00.000Z', 21.5, true, 'ok, fine'],
      ['2', 'p2', '2024-05-01T12:01:00.000Z', null, false, null],
      ['3', 'p1', '2024-05-01T10:02:00.000Z', 22, true, 'said "hi"'],
    ]);
    const [registered] = await t.database
      .sql`select owner_id, row_count from data_tables where id = ${table.id}`;
    expect(registered).toEqual({ owner_id: ada.id, row_count: 3 });
    // The upload is used up: its status says imported, a second import finds nothing.
    const status = await json(await t.as(ada).request('GET', `/api/ingest/csv/${preview.uploadId}`));
    expect(status).toMatchObject({
      status: 'imported',
      progress: { rowsDone: 3, rowsTotal: 3 },
      preview: null,
    });
    expect(status.table.id).toBe(table.id);
    const again = await importAs(ada, preview.uploadId, { title: 'Again', columns: [] });
    expect(again.status).toBe(400);
  });

  it('takes renamed columns, changed types, a chosen key and a table name', async () => {
    const preview = await previewOf('code,reading\n007,1\n008,2\n');
    expect(preview.columns.map((c: { type: string }) => c.type)).toEqual(['text', 'int8']);
    const response = await importAs(ada, preview.uploadId, {
      title: 'Codes',
      tableName: 'codes',
      columns: [
        { name: 'device_code', type: 'text' },
        { name: 'value', type: 'float8' },
      ],
      primaryKey: ['device_code'],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await json(response)).toMatchObject({
      tableName: 'codes',
      primaryKey: ['device_code'],
      keyGenerated: false,
    });
    const rows = await t.database.sql`select * from data.codes order by device_code`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { device_code: '007', value: 1 },
      { device_code: '008', value: 2 },
    ]);
    const [{ constraint_type }] = await t.database.sql`
      select constraint_type from information_schema.table_constraints
      where table_schema = 'data' and table_name = 'codes' and constraint_type = 'PRIMARY KEY'`;
    expect(constraint_type).toBe('PRIMARY KEY');
  });

  it('refuses a bad row by line number and leaves nothing behind', async () => {
    const lines = ['sensor,temperature'];
    for (let i = 0; i < 1500; i++) lines.push(`s${i},${i}.5`);
    lines[1203] = 's1202,abc';
    lines[1400] = 's1399,';
    const preview = await previewOf(lines.join('\n'));
    const before = await databaseSnapshot(t.database);
    const tablesBefore = await dataSchemaTables(t);
    const response = await importAs(ada, preview.uploadId, {
      title: 'Bad temperatures',
      columns: [
        { name: 'sensor', type: 'text' },
        { name: 'temperature', type: 'float8' },
      ],
      primaryKey: ['sensor'],
    });
    expect(response.status).toBe(422);
    const { error } = await json(response);
    expect(error.code).toBe('rows_do_not_fit');
    expect(error.message).toMatch(
      /^line 1,204: "abc" is not a number for column temperature\. Nothing was imported/,
    );
    expect(error.details.badLines).toEqual([
      {
        line: 1204,
        column: 'temperature',
        message: 'line 1,204: "abc" is not a number for column temperature',
      },
    ]);
    expect(await databaseSnapshot(t.database)).toEqual(before);
    expect(await dataSchemaTables(t)).toEqual(tablesBefore);
    // A key column may not be empty: line 1,401 is refused too when the key is the temperature.
    const keyed = await importAs(ada, preview.uploadId, {
      title: 'Bad keys',
      columns: [
        { name: 'sensor', type: 'text' },
        { name: 'temperature', type: 'text' },
      ],
      primaryKey: ['temperature'],
    });
    expect(keyed.status).toBe(422);
    expect((await json(keyed)).error.message).toMatch(/^line 1,401: the key column temperature is empty/);
    const status = await json(await t.as(ada).request('GET', `/api/ingest/csv/${preview.uploadId}`));
    expect(status).toMatchObject({ status: 'failed', error: { code: 'rows_do_not_fit' } });
    expect(status.preview.uploadId).toBe(preview.uploadId);
    expect(await dataSchemaTables(t)).toEqual(tablesBefore);
  });

  it('reports up to 100 bad lines', async () => {
    const lines = ['n', ...Array.from({ length: 300 }, (_, i) => (i % 2 ? `${i}` : `x${i}`))];
    const preview = await previewOf(lines.join('\n'));
    const response = await importAs(ada, preview.uploadId, {
      title: 'Many',
      columns: [{ name: 'n', type: 'int8' }],
    });
    const { error } = await json(response);
    expect(error.details).toMatchObject({ badLineCount: 100, complete: false });
    expect(error.message).toMatch(
      /^At least 100 lines do not fit the chosen column types; the first: line 2: "x0"/,
    );
  });

  it('refuses a repeated key, naming its line', async () => {
    const preview = await previewOf('id,v\n1,a\n2,b\n1,c\n');
    const before = await dataSchemaTables(t);
    const response = await importAs(ada, preview.uploadId, {
      title: 'Dupes',
      columns: [
        { name: 'id', type: 'int8' },
        { name: 'v', type: 'text' },
      ],
      primaryKey: ['id'],
    });
    expect(response.status).toBe(422);
    const { error } = await json(response);
    expect(error.code).toBe('duplicate_key');
    expect(error.message).toMatch(/^line 4: the key id = 1 appears twice/);
    expect(await dataSchemaTables(t)).toEqual(before);
  });

  it('checks the confirmed columns', async () => {
    const preview = await previewOf('a,b\n1,2\n');
    const cases = [
      [{ title: 'x', columns: [{ name: 'a', type: 'int8' }] }, /has 2 columns but "columns" lists 1/],
      [
        {
          title: 'x',
          columns: [
            { name: 'A b', type: 'int8' },
            { name: 'b', type: 'int8' },
          ],
        },
        /"A b" is not allowed/,
      ],
      [
        {
          title: 'x',
          columns: [
            { name: 'a', type: 'int8' },
            { name: 'a', type: 'int8' },
          ],
        },
        /two columns called "a"/,
      ],
      [
        {
          title: 'x',
          columns: [
            { name: 'a', type: 'int8' },
            { name: 'b', type: 'int8' },
          ],
          primaryKey: ['c'],
        },
        /key column "c" is not one of the columns/,
      ],
      [
        {
          title: 'x',
          columns: [
            { name: 'a', type: 'money' },
            { name: 'b', type: 'int8' },
          ],
        },
        /must be one of/,
      ],
    ] as const;
    for (const [body, message] of cases) {
      const response = await importAs(ada, preview.uploadId, body);
      expect(response.status).toBe(400);
      expect((await json(response)).error.message).toMatch(message);
    }
  });

  it('refuses a taken table name with 409', async () => {
    const preview = await previewOf('a\n1\n');
    const response = await importAs(ada, preview.uploadId, {
      title: 'Taken',
      tableName: 'pump_telemetry',
      columns: [{ name: 'a', type: 'int8' }],
    });
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe('table_name_taken');
  });

  it('derives a free table name from the title', async () => {
    const preview = await previewOf('a\n1\n');
    const response = await importAs(ada, preview.uploadId, {
      title: 'Pump telemetry',
      columns: [{ name: 'a', type: 'int8' }],
    });
    expect((await json(response)).tableName).toBe('pump_telemetry_2');
  });

  it('keeps uploads private to their owner', async () => {
    const preview = await previewOf('a\n1\n');
    expect((await t.as(bob).request('GET', `/api/ingest/csv/${preview.uploadId}`)).status).toBe(404);
    const response = await importAs(bob, preview.uploadId, {
      title: 'Mine',
      columns: [{ name: 'a', type: 'int8' }],
    });
    expect(response.status).toBe(404);
    expect((await uploadCsv(t, null, 'a\n1\n')).status).toBe(401);
  });

  it('refuses a file past the size limit and a form without a file', async () => {
    const big = `a\n${'1\n'.repeat(t.config.maxArtifactBytes / 2 + 10)}`;
    const response = await uploadCsv(t, ada, big);
    expect(response.status).toBe(413);
    expect((await json(response)).error.code).toBe('payload_too_large');
    const empty = await t.as(ada).request('POST', '/api/ingest/csv', undefined, {
      body: new FormData(),
      headers: { origin: 'http://localhost' },
    });
    expect(empty.status).toBe(400);
    const wrongType = await t.as(ada).request('POST', '/api/ingest/csv', { file: 'a,b' });
    expect(wrongType.status).toBe(415);
  });

  it('refuses a file that is not CSV with 422 naming the line', async () => {
    const response = await uploadCsv(t, ada, 'a,b\n1,"2\n');
    expect(response.status).toBe(422);
    expect((await json(response)).error).toMatchObject({ code: 'invalid_csv', details: { line: 2 } });
  });
});
