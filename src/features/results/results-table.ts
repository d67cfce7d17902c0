// The results contract of SPEC §7 (`delib results`): one line per inscription, sorted by
// numero_candidat then numero_inscription; averages truncated to 2 decimals with a decimal comma.
import type { Db, DbHandle } from '../../db/connect.js';
import { parallelResultLines, type ParallelOptions } from './parallel-lines.js';
import { openReader, readerSource } from './reader.js';
import { RESULTS_COLUMNS, sortedLines, type ResultLine } from './result-line.js';

export type { ResultLine } from './result-line.js';

export interface ResultLinesOptions extends ParallelOptions {
  /**
   * The handle `db` comes from. With it, outside a transaction, for a SQLite file or a PostgreSQL
   * server, the lines are computed on several threads, each with its own connection (on PostgreSQL,
   * on connections of its own even on one thread); without it, in a transaction or for an in-memory
   * database, on this thread and connection.
   */
  readonly handle?: DbHandle;
}

/** Every inscription's result line, sorted. */
export async function computeResultLines(db: Db, options: ResultLinesOptions = {}): Promise<ResultLine[]> {
  const source = options.handle && options.handle.db === db && !db.isTransaction ? readerSource(options.handle) : null;
  if (!source) return sortedLines(db);
  const lines = await parallelResultLines(db, source, options);
  if (lines) return lines;
  if (source.dialect === 'sqlite') return sortedLines(db);
  // One thread on PostgreSQL: still on a reader of its own, for its planner settings (reader.ts).
  const reader = await openReader(source);
  try {
    return await sortedLines(reader.db);
  } finally {
    await reader.close();
  }
}

/** The CSV of `delib results --format csv` (header, `;`, `\n`, no BOM — a machine contract). */
export function resultsCsv(lines: readonly ResultLine[]): string {
  // one concatenation per line (a column array per line was a tenth of `delib results`)
  const out = new Array<string>(lines.length + 1);
  out[0] = RESULTS_COLUMNS.join(';');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    out[i + 1] = l.numero_candidat + ';' + l.numero_inscription + ';' + l.jury + ';' + l.moyenne_1 + ';' + l.moyenne_pro_1 + ';'
      + l.decision_1 + ';' + l.moyenne_2 + ';' + l.decision_2;
  }
  return out.join('\n') + '\n';
}
