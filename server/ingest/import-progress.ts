/** Where a CSV import stands, for the polling route GET /api/ingest/csv/{uploadId}. */
export interface ImportProgress {
  ownerId: string;
  status: 'importing' | 'imported' | 'failed';
  rowsDone: number;
  rowsTotal: number;
  startedAt: Date;
  finishedAt?: Date;
  /** The created table, once imported. */
  tableId?: string;
  /** Why the last attempt failed. */
  error?: { code: string; message: string };
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;

/**
 * The progress of running and recent CSV imports, in this server's memory: an import runs inside one database
 * transaction, whose rows no other connection can see before it commits, so its progress cannot be read from
 * the database. Finished imports are remembered for an hour.
 * @example
 * if (!importProgress.begin(uploadId, user.id, rowCount)) throw conflict importProgress.advance(uploadId,
 * rowsDone)
 */
export class ImportProgressBoard {
  private readonly entries = new Map<string, ImportProgress>();

  /** Starts tracking an import; false when one of the same upload is already running. */
  begin(uploadId: string, ownerId: string, rowsTotal: number): boolean {
    this.prune();
    if (this.entries.get(uploadId)?.status === 'importing') return false;
    this.entries.set(uploadId, {
      ownerId,
      status: 'importing',
      rowsDone: 0,
      rowsTotal,
      startedAt: new Date(),
    });
    return true;
  }

  /** Records how many rows are done. */
  advance(uploadId: string, rowsDone: number): void {
    const entry = this.entries.get(uploadId);
    if (entry) entry.rowsDone = rowsDone;
  }

  /** Marks an import done, with the table it created. */
  succeed(uploadId: string, tableId: string): void {
    const entry = this.entries.get(uploadId);
    if (entry)
      Object.assign(entry, {
        status: 'imported',
        tableId,
        finishedAt: new Date(),
        rowsDone: entry.rowsTotal,
      });
  }

  /** Marks an import failed (nothing was kept), with why. */
  fail(uploadId: string, error: { code: string; message: string }): void {
    const entry = this.entries.get(uploadId);
    if (entry) Object.assign(entry, { status: 'failed', error, finishedAt: new Date() });
  }

  /** The progress of an upload's latest import, if this server ran one recently. */
  get(uploadId: string): ImportProgress | undefined {
    return this.entries.get(uploadId);
  }

  private prune(): void {
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    for (const [id, entry] of this.entries) {
      if (entry.finishedAt && entry.finishedAt.getTime() < cutoff) this.entries.delete(id);
    }
  }
}

/** This server's import progress board. */
export const importProgress = new ImportProgressBoard();
