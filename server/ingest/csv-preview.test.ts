import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { previewCsv } from './csv-preview';
import { tempFile } from './ingest-test-support';

const preview = (content: string | Uint8Array, given = {}) => previewCsv(tempFile(content), given);
const types = async (content: string) =>
  Object.fromEntries((await preview(content)).columns.map((c) => [c.name, c.type]));

describe('type inference from all rows', () => {
  it('infers each type', async () => {
    const csv = [
      'count,ratio,ok,day,at,label',
      '1,1.5,true,2024-05-01,2024-05-01T12:00:00Z,pump',
      '-2,3,no,2024-05-02,2024-05-01 13:00:00+02:00,valve',
      '30,1e3,Yes,2024-05-03,2024-05-03,fan',
    ].join('\n');
    expect(await types(csv)).toEqual({
      count: 'int8',
      ratio: 'float8',
      ok: 'bool',
      day: 'date',
      at: 'timestamptz',
      label: 'text',
    });
  });

  it('treats empty cells as nulls that fit every type', async () => {
    const result = await preview('a,b,c\n1,,x\n,,y\n3,,\n');
    expect(result.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['a', 'int8', true],
      ['b', 'text', true],
      ['c', 'text', true],
    ]);
    expect(result.sampleRows).toEqual([
      ['1', null, 'x'],
      [null, null, 'y'],
      ['3', null, null],
    ]);
  });

  it('falls back to text for mixed columns, looking at every row', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i}`);
    rows.push('4999.5,n/a');
    const result = await preview(`x,y\n${rows.join('\n')}\n`);
    expect(result.columns.map((c) => c.type)).toEqual(['float8', 'text']);
    expect(result.rowCount).toBe(5001);
    expect(result.sampleRows).toHaveLength(10);
  });

  it('keeps leading zeros: such columns are text', async () => {
    expect(await types('zip,n\n01234,1\n98765,2\n')).toEqual({ zip: 'text', n: 'int8' });
  });

  it('keeps a few distinct examples per column', async () => {
    const result = await preview('a\n1\n1\n2\n3\n4\n');
    expect(result.columns[0].examples).toEqual(['1', '2', '3']);
  });
});

describe('reading CSV', () => {
  it('handles quoted fields, commas and quotes in quotes, and line breaks in quotes', async () => {
    const result = await preview('name,note\n"Smith, Ada","said ""hi"""\n"multi\nline",x\n');
    expect(result.sampleRows).toEqual([
      ['Smith, Ada', 'said "hi"'],
      ['multi\nline', 'x'],
    ]);
    expect(result.rowCount).toBe(2);
  });

  it('handles CRLF line ends and a byte order mark', async () => {
    const result = await preview('\ufeffid,temp\r\n1,20.5\r\n2,21\r\n');
    expect(result.columns.map((c) => [c.sourceName, c.type])).toEqual([
      ['id', 'int8'],
      ['temp', 'float8'],
    ]);
    expect(result.rowCount).toBe(2);
  });

  it('detects a semicolon delimiter (commas inside values do not fool it)', async () => {
    const result = await preview('city;comment;n\nParis;"a, b, c";1\nLyon;d, e;2\n');
    expect(result.delimiter).toBe(';');
    expect(result.sampleRows[0]).toEqual(['Paris', 'a, b, c', '1']);
  });

  it('detects tabs and pipes', async () => {
    expect((await preview('a\tb\n1\t2\n')).delimiter).toBe('\t');
    expect((await preview('a|b\n1|2\n')).delimiter).toBe('|');
  });

  it('turns header names into identifiers, unique, and keeps the source names', async () => {
    const result = await preview('Température (°C),Pump ID,pump id,,2nd\n1,2,3,4,5\n');
    expect(result.columns.map((c) => c.name)).toEqual([
      'temperature_c',
      'pump_id',
      'pump_id_2',
      'column_4',
      'c_2nd',
    ]);
    expect(result.columns[0].sourceName).toBe('Température (°C)');
    expect(result.problems).toEqual(['Column 4 has no name in the header.']);
  });

  it('detects a file without a header', async () => {
    const result = await preview('1,2.5,pump\n2,3.5,valve\n');
    expect(result.header).toBe(false);
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['column_1', 'int8'],
      ['column_2', 'float8'],
      ['column_3', 'text'],
    ]);
    expect(result.rowCount).toBe(2);
  });

  it('takes the delimiter and header when given', async () => {
    const result = await preview('a;b\nc;d\n', { delimiter: ';', header: false });
    expect(result).toMatchObject({ delimiter: ';', header: false, rowCount: 2 });
  });

  it('notes rows with too many or too few values', async () => {
    const result = await preview('a,b\n1,2\n3\n4,5,6\n7,8,\n');
    expect(result.problems).toEqual([
      'line 3 has 1 values but there are 2 columns; the missing ones will be empty.',
      'line 4 has 3 values but there are 2 columns; it will be refused at import.',
    ]);
    expect(result.problemCount).toBe(2);
  });

  it('refuses an empty file and broken quoting, naming the line', async () => {
    await expect(preview('')).rejects.toMatchObject({ status: 422, code: 'empty_csv' });
    const error = (await preview('a,b\n1,2\n3,"open\n').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('invalid_csv');
    expect(error.message).toMatch(/quoted value is never closed/);
  });
});
