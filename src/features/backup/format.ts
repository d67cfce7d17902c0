// The backup archive (ADR 0007): a zip (fflate) holding, in this order,
//   tables/<table>.jsonl   one JSON array per row, cells in the manifest's column order;
//   manifest.json          format, version, migrations, tables (columns, row count, SHA-256 of the entry),
//                          journal anchor (seq:hash of the last entry), documents stored as files
//                          (archived in tables/job_document.jsonl with their bytes, see documents.ts);
//   manifest.sha256        the SHA-256 of manifest.json.
// Portable: the same archive restores on SQLite and on PostgreSQL. Cells are JSON numbers, strings or
// null; binary cells are {"b64": "…"}.
import { z } from 'zod';

export const BACKUP_FORMAT = 'delib-sauvegarde';
export const BACKUP_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const MANIFEST_SUM_ENTRY = 'manifest.sha256';
export const TABLE_ENTRY_PREFIX = 'tables/';

/**
 * Not archived, emptied by a restore: open sessions (and their CSRF tokens) and login-failure
 * counters belong to the running instance, not to the exam's record. After a restore everybody
 * logs in again.
 */
export const EPHEMERAL_TABLES: readonly string[] = ['app_session', 'auth_failure'];

/**
 * Not archived, rebuilt by a restore from the archived tables: each candidate's grades packed in one
 * row, derived from `grade` (migration 0019, ADR 0021). An archive cannot make them disagree.
 */
export const DERIVED_TABLES: readonly string[] = ['candidate_grades'];

/** Tables a backup leaves out. */
export const UNARCHIVED_TABLES: readonly string[] = [...EPHEMERAL_TABLES, ...DERIVED_TABLES];

export const TableEntry = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TableEntry = z.infer<typeof TableEntry>;

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  source: z.object({ dialect: z.enum(['sqlite', 'postgres']) }),
  migrations: z.array(z.string()),
  session: z.object({ domaine: z.string(), session: z.string(), academieCode: z.string() }).nullable(),
  journal: z.object({ entries: z.number().int().min(0), anchor: z.string().nullable() }),
  tables: z.array(TableEntry),
  excluded: z.array(z.string()),
  /** documents stored as files: how many are archived in job_document's bytes, and those that could not be */
  documents: z.object({ files: z.number().int().min(0), skipped: z.array(z.string()) }).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export function tableEntryName(table: string): string {
  return `${TABLE_ENTRY_PREFIX}${table}.jsonl`;
}

export type Cell = string | number | null | { b64: string };

/** A database value as a JSON cell. */
export function encodeCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`valeur numérique non finie : ${v}`);
    return v;
  }
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return v.toString();
    return Number(v);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return { b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  throw new Error(`type de valeur non pris en charge : ${typeof v}`);
}

/** A JSON cell back into a value to bind. */
export function decodeCell(c: unknown): string | number | null | Buffer {
  if (c === null || typeof c === 'string' || typeof c === 'number') return c;
  if (typeof c === 'object' && c !== null && typeof (c as { b64?: unknown }).b64 === 'string' && Object.keys(c).length === 1) {
    return Buffer.from((c as { b64: string }).b64, 'base64');
  }
  throw new BackupError('cellule de type inattendu dans la sauvegarde');
}

/** A refusal, with its French message (the CLI prints it). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
