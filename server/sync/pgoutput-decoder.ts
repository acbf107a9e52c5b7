import type { Client } from 'pg';

/**
 * Decodes PostgreSQL's `pgoutput` logical replication messages (protocol version 1), keeping every column value as
 * the text Postgres wrote (its output function under the replication connection's display settings): exactly the
 * text the Electric protocol sends, so values are never parsed and re-printed.
 */

/** A column as a Relation message describes it. */
export interface RelationColumn {
  name: string;
  typeOid: number;
  typeMod: number;
  isKey: boolean;
}

export interface RelationMessage {
  tag: 'relation';
  oid: number;
  schema: string;
  name: string;
  columns: RelationColumn[];
}

/** A row as text values by column name; null is SQL NULL; undefined is an unchanged TOASTed value not sent. */
export type TextRow = Record<string, string | null | undefined>;

export type PgoutputMessage =
  | { tag: 'begin'; commitLsn: number; xid: number }
  | { tag: 'commit'; commitLsn: number; endLsn: number }
  | RelationMessage
  | { tag: 'insert'; relationOid: number; row: TextRow }
  /** `old` is the whole old row with REPLICA IDENTITY FULL, only its key when the key changed, else null. */
  | { tag: 'update'; relationOid: number; old: TextRow | null; oldIsFull: boolean; row: TextRow }
  | { tag: 'delete'; relationOid: number; old: TextRow }
  | { tag: 'truncate'; relationOids: number[] }
  | { tag: 'other' };

const decoder = new TextDecoder();

class Reader {
  position = 0;
  constructor(private readonly buffer: Buffer) {}
  u8(): number {
    return this.buffer[this.position++];
  }
  i16(): number {
    const value = this.buffer.readInt16BE(this.position);
    this.position += 2;
    return value;
  }
  i32(): number {
    const value = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return value;
  }
  u64(): number {
    const value =
      this.buffer.readUInt32BE(this.position) * 2 ** 32 + this.buffer.readUInt32BE(this.position + 4);
    this.position += 8;
    return value;
  }
  cstring(): string {
    const end = this.buffer.indexOf(0, this.position);
    const text = decoder.decode(this.buffer.subarray(this.position, end));
    this.position = end + 1;
    return text;
  }
  text(length: number): string {
    const text = decoder.decode(this.buffer.subarray(this.position, this.position + length));
    this.position += length;
    return text;
  }
}

/**
 * Decodes one pgoutput message. Relations are remembered by the caller (`relations`) so tuples get column names.
 * @example decodePgoutput(buffer, relations) // { tag: 'insert', relationOid: 16384, row: { id: '1' } }
 */
export function decodePgoutput(buffer: Buffer, relations: Map<number, RelationMessage>): PgoutputMessage {
  const r = new Reader(buffer);
  const tag = String.fromCharCode(r.u8());
  switch (tag) {
    case 'B': {
      const commitLsn = r.u64();
      r.u64(); // commit timestamp
      return { tag: 'begin', commitLsn, xid: r.i32() >>> 0 };
    }
    case 'C': {
      r.u8(); // flags
      const commitLsn = r.u64();
      return { tag: 'commit', commitLsn, endLsn: r.u64() };
    }
    case 'R': {
      const oid = r.i32() >>> 0;
      const schema = r.cstring();
      const name = r.cstring();
      r.u8(); // replica identity setting
      const count = r.i16();
      const columns: RelationColumn[] = [];
      for (let i = 0; i < count; i++) {
        const flags = r.u8();
        columns.push({
          isKey: (flags & 1) === 1,
          name: r.cstring(),
          typeOid: r.i32() >>> 0,
          typeMod: r.i32(),
        });
      }
      const relation: RelationMessage = { tag: 'relation', oid, schema, name, columns };
      relations.set(oid, relation);
      return relation;
    }
    case 'I': {
      const relation = relationOf(r.i32() >>> 0, relations);
      r.u8(); // 'N'
      return { tag: 'insert', relationOid: relation.oid, row: readTuple(r, relation) };
    }
    case 'U': {
      const relation = relationOf(r.i32() >>> 0, relations);
      const kind = String.fromCharCode(r.u8());
      let old: TextRow | null = null;
      if (kind === 'K' || kind === 'O') {
        old = readTuple(r, relation);
        r.u8(); // 'N'
      }
      const row = readTuple(r, relation);
      const oldIsFull = kind === 'O';
      if (old && oldIsFull)
        for (const key of Object.keys(row)) if (row[key] === undefined) row[key] = old[key];
      return { tag: 'update', relationOid: relation.oid, old, oldIsFull, row };
    }
    case 'D': {
      const relation = relationOf(r.i32() >>> 0, relations);
      r.u8(); // 'K' or 'O'
      return { tag: 'delete', relationOid: relation.oid, old: readTuple(r, relation) };
    }
    case 'T': {
      const count = r.i32();
      r.u8(); // options
      const relationOids: number[] = [];
      for (let i = 0; i < count; i++) relationOids.push(r.i32() >>> 0);
      return { tag: 'truncate', relationOids };
    }
    default:
      return { tag: 'other' }; // origin, type and logical decoding messages carry nothing the sync needs
  }
}

function relationOf(oid: number, relations: Map<number, RelationMessage>): RelationMessage {
  const relation = relations.get(oid);
  if (!relation) throw new Error(`pgoutput sent a change for relation ${oid} before describing it`);
  return relation;
}

function readTuple(r: Reader, relation: RelationMessage): TextRow {
  const count = r.i16();
  const row: TextRow = {};
  for (let i = 0; i < count; i++) {
    const name = relation.columns[i]?.name ?? `column_${i}`;
    const kind = r.u8();
    if (kind === 0x74 /* t */ || kind === 0x62 /* b */) row[name] = r.text(r.i32());
    else if (kind === 0x6e /* n */) row[name] = null;
    else row[name] = undefined; // 'u': an unchanged TOASTed value
  }
  return row;
}

/**
 * The pgoutput plugin for pg-logical-replication's transport, decoding with {@link decodePgoutput}.
 * @example await service.subscribe(new TextPgoutputPlugin(['projecttwin_sync']), 'projecttwin_sync_db')
 */
export class TextPgoutputPlugin {
  readonly relations = new Map<number, RelationMessage>();

  constructor(readonly options: { publicationNames: string[] }) {}

  get name(): string {
    return 'pgoutput';
  }

  start(client: Client, slotName: string, lastLsn: string): Promise<unknown> {
    const publications = this.options.publicationNames.map((p) => p.replace(/'/g, "''")).join(',');
    return client.query(
      `START_REPLICATION SLOT "${slotName.replace(/"/g, '""')}" LOGICAL ${lastLsn} (proto_version '1', publication_names '${publications}')`,
    );
  }

  parse(buffer: Buffer): PgoutputMessage {
    return decodePgoutput(buffer, this.relations);
  }
}
