// Use case: restore a backup archive, all or nothing.
//  1. the archive is checked whole first (verifyArchive: checksums, counts, manifest);
//  2. it must match this database's schema (same migrations, same tables and columns);
//  3. one transaction empties every table (sessions included: everybody logs in again) and loads
//     the rows, re-checking each entry's checksum as it goes; PostgreSQL sequences move past the
//     restored ids; the journal chain must verify against the archived anchor before the commit;
//  4. documents stored as files are checked and staged in the documents folder (or kept in the
//     database without one), put in place once the transaction committed (documents.ts).
// Any failure rolls everything back: the database is left as it was.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DbHandle } from '../../db/connect.js';
import { withGradePackingSuspended } from '../../db/grade-packing.js';
import type { Database } from '../../db/schema.js';
import { describeProblem, parseAnchor, verifyJournal } from '../../db/repositories/journal.js';
import { placeRestoredDocuments, type PlacedDocuments } from './documents.js';
import { BackupError, TABLE_ENTRY_PREFIX, UNARCHIVED_TABLES, decodeCell, type Manifest, type TableEntry } from './format.js';
import { appliedMigrations, countRows, describeTables, type TableInfo } from './introspect.js';
import { readArchive, verifyArchive } from './read-archive.js';

export interface RestoreOptions {
  /** replace a database that already holds data (else refused) */
  readonly replace?: boolean;
  /**
   * the documents folder of this instance (DELIB_DOCUMENTS_DIR): archived files go back there;
   * without it they are kept in the database
   */
  readonly documentsDir?: string;
}

export interface RestoreSummary {
  readonly tables: number;
  readonly rows: number;
  readonly journalEntries: number;
  /** documents stored as files, restored from the archive (to the folder, or into the database) */
  readonly documents: number;
  readonly manifest: Manifest;
}

const MAX_PARAMS = 30_000;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkSchema(manifest: Manifest, migrations: readonly string[], tables: readonly TableInfo[]): void {
  if (!sameList(manifest.migrations, migrations)) {
    const extra = manifest.migrations.filter((m) => !migrations.includes(m));
    throw new BackupError(extra.length
      ? `sauvegarde faite par une version plus récente de Délib (migrations inconnues : ${extra.join(', ')})`
      : `sauvegarde faite par une autre version de Délib (migrations ${manifest.migrations.at(-1) ?? 'aucune'} ; base ${migrations.at(-1) ?? 'aucune'})`);
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    const target = byName.get(t.name);
    if (!target || UNARCHIVED_TABLES.includes(t.name)) throw new BackupError(`sauvegarde incompatible : table ${t.name} inconnue de cette base`);
    if (!sameList([...t.columns].sort(), [...target.columns].sort())) throw new BackupError(`sauvegarde incompatible : colonnes de ${t.name} différentes`);
  }
  const archived = new Set(manifest.tables.map((t) => t.name));
  const missing = tables.filter((t) => !archived.has(t.name) && !UNARCHIVED_TABLES.includes(t.name));
  if (missing.length) throw new BackupError(`sauvegarde incomplète : table(s) ${missing.map((t) => t.name).join(', ')} absente(s)`);
}

async function insertRows(trx: Transaction<Database>, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  const perChunk = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns.length)));
  const t = trx as unknown as Kysely<any>;
  for (let i = 0; i < rows.length; i += perChunk) {
    const values = rows.slice(i, i + perChunk).map((r) => Object.fromEntries(columns.map((c, j) => [c, decodeCell(r[j])])));
    await t.insertInto(table).values(values).execute();
  }
}

async function emptyTables(trx: Transaction<Database>, dialect: DbHandle['dialect'], tables: readonly TableInfo[]): Promise<void> {
  if (dialect === 'postgres') {
    if (tables.length) await sql`TRUNCATE TABLE ${sql.join(tables.map((t) => sql.table(t.name)))}`.execute(trx);
    return;
  }
  for (const t of [...tables].reverse()) await sql`DELETE FROM ${sql.table(t.name)}`.execute(trx);
}

async function resetSequences(trx: Transaction<Database>, tables: readonly TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.serialColumns) {
      await sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${c}), COALESCE((SELECT MAX(${sql.ref(c)}) FROM ${sql.table(t.name)}), 0) + 1, false)`.execute(trx);
    }
  }
}

async function loadArchive(trx: Transaction<Database>, file: string, manifest: Manifest): Promise<number> {
  const byEntry = new Map(manifest.tables.map((t) => [`${TABLE_ENTRY_PREFIX}${t.name}.jsonl`, t]));
  let total = 0;
  await readArchive(file, (name) => {
    const t: TableEntry | undefined = byEntry.get(name);
    if (!t) return { lines: () => undefined, end: () => undefined }; // manifest entries: checked by verifyArchive
    let rows = 0;
    return {
      async lines(lines) {
        const parsed = lines.map((l) => JSON.parse(l) as unknown[]);
        rows += parsed.length;
        await insertRows(trx, t.name, t.columns, parsed);
      },
      end(sha256) {
        if (sha256 !== t.sha256 || rows !== t.rows) throw new BackupError(`la sauvegarde a changé pendant la restauration (${t.name})`);
        total += rows;
      },
    };
  });
  return total;
}

export async function restoreBackup(handle: DbHandle, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const manifest = await verifyArchive(file);
  const tables = await describeTables(handle.db);
  checkSchema(manifest, await appliedMigrations(handle.db), tables);
  const expected = manifest.journal.anchor ? parseAnchor(manifest.journal.anchor) : null;
  if (manifest.journal.anchor && !expected) throw new BackupError('sauvegarde invalide : ancre du journal illisible');

  const placed: { documents: PlacedDocuments | null } = { documents: null };
  const rows = await handle.db.transaction().execute(async (trx) => {
    if (!options.replace) {
      for (const t of tables) {
        if (UNARCHIVED_TABLES.includes(t.name)) continue;
        if ((await countRows(trx, t.name)) > 0) {
          throw new BackupError('la base contient déjà des données : relancez avec --replace pour les remplacer par la sauvegarde');
        }
      }
    }
    // millions of grade rows: candidate_grades is rebuilt once from them, not at each row (ADR 0021)
    const n = await withGradePackingSuspended(trx, handle.dialect, async () => {
      await emptyTables(trx, handle.dialect, tables);
      return loadArchive(trx, file, manifest);
    });
    if (handle.dialect === 'postgres') await resetSequences(trx, tables);
    const check = await verifyJournal(trx, expected ? { expected } : {});
    if (check.problems.length) {
      throw new BackupError(`journal de la sauvegarde altéré (${check.problems.length} anomalie(s), dont : ${describeProblem(check.problems[0]!)}) : restauration refusée`);
    }
    placed.documents = await placeRestoredDocuments(trx, options.documentsDir);
    return n;
  }).catch(async (e: unknown) => {
    await placed.documents?.discard(); // rolled back: the staged files go too
    throw e;
  });
  // committed: the database names the files, put them in place (written and flushed before the commit)
  await placed.documents?.commit();
  return { tables: manifest.tables.length, rows, journalEntries: manifest.journal.entries, documents: placed.documents?.count ?? 0, manifest };
}
