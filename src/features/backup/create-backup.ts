// Use case: write a backup archive of the whole database (format.ts), from one consistent snapshot
// (one read transaction; REPEATABLE READ on PostgreSQL). The file appears only when complete
// (written as <file>.part, flushed, renamed) and is readable by its owner only (it holds personal
// data and password hashes). Documents stored as files (DELIB_DOCUMENTS_DIR) are archived with their
// rows (documents.ts).
import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { DbHandle } from '../../db/connect.js';
import { formatAnchor, sessionAnchor } from '../../db/repositories/journal.js';
import { getExamSession } from '../../db/repositories/session.js';
import {
  BACKUP_FORMAT, BACKUP_VERSION, UNARCHIVED_TABLES, MANIFEST_ENTRY, MANIFEST_SUM_ENTRY, encodeCell, tableEntryName, type Manifest, type TableEntry,
} from './format.js';
import { documentInliner, type SkippedDocument } from './documents.js';
import { appliedMigrations, describeTables, readTable } from './introspect.js';

export interface BackupSummary {
  readonly file: string;
  readonly tables: number;
  readonly rows: number;
  readonly bytes: number;
  readonly anchor: string | null;
  /** documents stored as files (DELIB_DOCUMENTS_DIR) archived with their bytes */
  readonly documents: number;
  /** documents stored as files that could not be archived (missing or altered file) */
  readonly skippedDocuments: readonly SkippedDocument[];
}

export interface BackupOptions {
  /** the folder of documents stored as files (DELIB_DOCUMENTS_DIR): their bytes go into the archive */
  readonly documentsDir?: string;
}

/** Encoded rows are handed to the zip by chunks of about this size (rows with documents can be large). */
const CHUNK_CHARS = 4 * 1024 * 1024;

export async function createBackup(handle: DbHandle, file: string, now: Date = new Date(), options: BackupOptions = {}): Promise<BackupSummary> {
  const partial = `${file}.part`;
  const fh = await open(partial, 'w', 0o600);
  let pending: Uint8Array[] = [];
  let failure: Error | null = null;
  let bytes = 0;
  const zip = new Zip((err, data) => {
    if (err) failure ??= err;
    else pending.push(data);
  });
  const flush = async (): Promise<void> => {
    if (failure) throw failure;
    const chunks = pending;
    pending = [];
    for (const c of chunks) {
      await fh.write(c);
      bytes += c.length;
    }
  };
  const skipped: SkippedDocument[] = [];
  let inlined = 0;
  try {
    const manifest = await handle.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const tables = (await describeTables(trx)).filter((t) => !UNARCHIVED_TABLES.includes(t.name));
      const entries: TableEntry[] = [];
      for (const t of tables) {
        const entry = new ZipDeflate(tableEntryName(t.name), { level: 6 });
        zip.add(entry);
        const hash = createHash('sha256');
        const inline = documentInliner(t, options.documentsDir, skipped);
        let rows = 0;
        let text = '';
        const push = async (): Promise<void> => {
          if (!text) return;
          const chunk = strToU8(text);
          text = '';
          hash.update(chunk);
          entry.push(chunk);
          await flush();
        };
        for await (const page of readTable(trx, t)) {
          for (const r of page) {
            if (inline && (await inline(r))) inlined++;
            text += JSON.stringify(r.map(encodeCell)) + '\n';
            if (text.length > CHUNK_CHARS) await push();
          }
          rows += page.length;
          await push();
        }
        entry.push(new Uint8Array(0), true);
        await flush();
        entries.push({ name: t.name, columns: [...t.columns], rows, sha256: hash.digest('hex') });
      }
      const session = await getExamSession(trx);
      const head = await sessionAnchor(trx);
      const m: Manifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: now.toISOString(),
        source: { dialect: handle.dialect },
        migrations: await appliedMigrations(trx),
        session: session ? { domaine: session.domaine, session: session.session, academieCode: session.academie_code } : null,
        journal: { entries: entries.find((e) => e.name === 'journal')?.rows ?? 0, anchor: head ? formatAnchor(head) : null },
        tables: entries,
        excluded: [...UNARCHIVED_TABLES],
        documents: { files: inlined, skipped: skipped.map((d) => d.id) },
      };
      return m;
    });
    const manifestBytes = strToU8(JSON.stringify(manifest, null, 2) + '\n');
    const m = new ZipDeflate(MANIFEST_ENTRY, { level: 6 });
    zip.add(m);
    m.push(manifestBytes, true);
    const sum = new ZipDeflate(MANIFEST_SUM_ENTRY, { level: 0 });
    zip.add(sum);
    sum.push(strToU8(createHash('sha256').update(manifestBytes).digest('hex') + '\n'), true);
    zip.end();
    await flush();
    await fh.sync();
    await fh.close();
    await rename(partial, file);
    return {
      file,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((s, t) => s + t.rows, 0),
      bytes,
      anchor: manifest.journal.anchor,
      documents: inlined,
      skippedDocuments: skipped,
    };
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  }
}
