// Documents stored as files (DELIB_DOCUMENTS_DIR, job_document.storage = 'fs') in the backup:
// - backup: each file is read (real path checked inside the folder), checked against its recorded
//   SHA-256, and its bytes are archived in the row's `bytes` cell — covered by the table's checksum
//   like every other cell. A file missing or altered is not archived; it is reported;
// - restore: the rows come back with their bytes; then each file is checked against its SHA-256 and
//   either written back to the documents folder of the restoring instance (staged as "<id>.restore",
//   put in place only once the database transaction committed) or, without a folder, kept in the
//   database (storage 'db'). Paths are rebuilt from the job and document ids, never taken from the
//   archive (a forged archive cannot write outside the folder).
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/connect.js';
import { DOCUMENT_ID_RE, documentsFolder } from '../../jobs/document-store.js';
import { BackupError } from './format.js';
import type { TableInfo } from './introspect.js';

export const DOCUMENT_TABLE = 'job_document';

export interface SkippedDocument {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * For the rows of job_document: puts the bytes of a file-stored document into the row (in place).
 * Returns null for any other table.
 */
export function documentInliner(t: TableInfo, dir: string | undefined, skipped: SkippedDocument[]): ((row: unknown[]) => Promise<boolean>) | null {
  if (t.name !== DOCUMENT_TABLE) return null;
  const col = (name: string): number => {
    const i = t.columns.indexOf(name);
    if (i < 0) throw new Error(`colonne ${DOCUMENT_TABLE}.${name} absente`);
    return i;
  };
  const [iId, iName, iStorage, iPath, iBytes, iSha] = ['id', 'name', 'storage', 'storage_path', 'bytes', 'sha256'].map(col) as [number, number, number, number, number, number];
  const folder = dir ? documentsFolder(dir) : null;
  return async (row) => {
    if (row[iStorage] !== 'fs' || row[iBytes] !== null) return false;
    const id = String(row[iId]);
    const name = String(row[iName]);
    if (!folder) {
      throw new BackupError('des documents sont enregistrés dans un dossier : définissez DELIB_DOCUMENTS_DIR (le même que celui du serveur) pour les sauvegarder');
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(await folder.existing(String(row[iPath] ?? '')));
    } catch (e) {
      const code = (e as { code?: string }).code;
      skipped.push({ id, name, reason: code === 'ENOENT' ? 'fichier absent du dossier des documents' : (e as Error).message });
      return false;
    }
    if (sha256(bytes) !== row[iSha]) {
      skipped.push({ id, name, reason: 'fichier modifié (empreinte SHA-256 différente de celle enregistrée)' });
      return false;
    }
    row[iBytes] = bytes;
    return true;
  };
}

export interface PlacedDocuments {
  readonly count: number;
  /** after the commit: moves the staged files into place */
  commit(): Promise<void>;
  /** after a failure: removes the staged files */
  discard(): Promise<void>;
}

/**
 * Inside the restore's transaction, after the rows are loaded: the archived files of file-stored
 * documents are checked, then staged in `dir` (rows keep storage 'fs', without bytes) or, without a
 * folder, kept in the database (storage 'db').
 */
export async function placeRestoredDocuments(trx: Db, dir: string | undefined): Promise<PlacedDocuments> {
  const staged: { temp: string; final: string }[] = [];
  const discard = async (): Promise<void> => {
    for (const s of staged) await rm(s.temp, { force: true });
  };
  const folder = dir ? documentsFolder(dir) : null;
  const rows = await trx.selectFrom('job_document').select(['id', 'job_id', 'sha256', 'size'])
    .where('storage', '=', 'fs').where('bytes', 'is not', null).orderBy('id').execute();
  try {
    for (const r of rows) {
      if (!DOCUMENT_ID_RE.test(r.id) || !Number.isSafeInteger(r.job_id) || r.job_id <= 0) {
        throw new BackupError(`sauvegarde invalide : identifiant de document « ${r.id.slice(0, 40)} » incorrect`);
      }
      const { bytes } = await trx.selectFrom('job_document').select('bytes').where('id', '=', r.id).executeTakeFirstOrThrow();
      const data = Buffer.from(bytes!);
      if (data.length !== Number(r.size) || sha256(data) !== r.sha256) {
        throw new BackupError(`sauvegarde invalide : le document ${r.id} ne correspond pas à son empreinte`);
      }
      if (!folder) {
        await trx.updateTable('job_document').set({ storage: 'db', storage_path: null }).where('id', '=', r.id).execute();
        continue;
      }
      const jobFolder = folder.jobFolder(r.job_id);
      const final = join(jobFolder, r.id);
      const temp = `${final}.restore`;
      const fh = await open(temp, 'w', 0o600);
      staged.push({ temp, final });
      try {
        await fh.write(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await trx.updateTable('job_document').set({ bytes: null, storage_path: `${r.job_id}/${r.id}` }).where('id', '=', r.id).execute();
    }
  } catch (e) {
    await discard();
    if (e instanceof BackupError) throw e;
    throw new BackupError(`documents de la sauvegarde impossibles à écrire dans le dossier des documents : ${(e as Error).message}`);
  }
  return {
    count: rows.length,
    async commit() {
      for (const s of staged) await rename(s.temp, s.final);
    },
    discard,
  };
}
