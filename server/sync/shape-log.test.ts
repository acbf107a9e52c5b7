import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFile } from './log-file';
import { ShapeLog, parseEntries } from './shape-log';

const dir = mkdtempSync(join(tmpdir(), 'projecttwin-shape-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshotLine = (id: number) =>
  `{"headers":{"operation":"insert"},"key":"\\"public\\".\\"t\\"/\\"${id}\\"","value":{"id":"${id}"}},\n`;
const changeLine = (lsn: number, op: number, last = false) =>
  `{"headers":{"operation":"update","lsn":"${lsn}","op_position":${op},"txids":[7]${last ? ',"last":true' : ''}},"key":"k${op}","value":{"id":"${op}"}},\n`;

describe('parseEntries (log format 2)', () => {
  it('numbers snapshot rows by position and reads change offsets from lsn and op_position', () => {
    const data = Buffer.from(
      snapshotLine(1) + snapshotLine(2) + changeLine(501, 1) + changeLine(501, 2, true),
    );
    expect(parseEntries(data).map((e) => e.offset)).toEqual([
      { tx: 0, op: 1 },
      { tx: 0, op: 2 },
      { tx: 500, op: 1 },
      { tx: 500, op: 2 },
    ]);
  });

  it('numbers a chunk read from the middle of the snapshot from its first offset', () => {
    const data = Buffer.from(snapshotLine(41) + snapshotLine(42));
    expect(parseEntries(data, 41).map((e) => e.offset.op)).toEqual([41, 42]);
  });

  it('skips a line cut short and lines of the old format (which carried "offset")', () => {
    const old =
      '{"offset":"0_1","headers":{"operation":"insert","relation":["public","t"]},"key":"k","value":{}},\n';
    const data = Buffer.from(old + changeLine(9, 1, true) + changeLine(9, 2).slice(0, 30));
    expect(parseEntries(data).map((e) => e.offset)).toEqual([{ tx: 8, op: 1 }]);
  });
});

describe('ShapeLog.read', () => {
  it('gives readers at the same offset one shared result until the log changes', async () => {
    const log = new ShapeLog(await LogFile.open(join(dir, 'shared')), 1 << 20);
    log.finishSnapshot();
    log.append([{ offset: { tx: 10, op: 1 }, line: changeLine(11, 1, true) }]);
    const after = { tx: 5, op: 0 };
    const [a, b] = await Promise.all([log.read(after), log.read(after)]);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(a!.data.toString()).toBe(changeLine(11, 1, true));
    log.append([{ offset: { tx: 20, op: 1 }, line: changeLine(21, 1, true) }]);
    const c = await log.read(after);
    expect(c).not.toBe(a);
    expect(c!.data.toString()).toBe(changeLine(11, 1, true) + changeLine(21, 1, true));
    expect(c!.last).toEqual({ tx: 20, op: 1 });
    await log.file.close();
  });
});
