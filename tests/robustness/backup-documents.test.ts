// Documents stored as files (DELIB_DOCUMENTS_DIR, job_document.storage = 'fs') in `delib backup` /
// `delib restore` (issue #8 §3): the files travel in the archive with their rows, come back byte for
// byte in the documents folder of the restoring instance (or into the database without one); a
// missing, altered or symlinked-away file is reported, never archived from outside the folder; a
// forged archive cannot make the restore write outside the folder; a refused restore leaves neither
// rows nor files.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { createBackup } from '../../src/features/backup/create-backup.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { BackupError, EPHEMERAL_TABLES } from '../../src/features/backup/format.js';
import { restoreBackup } from '../../src/features/backup/restore-backup.js';
import { databaseStore, fileStore } from '../../src/jobs/document-store.js';
import { enqueueJob, findJobDocument, type DocumentMeta } from '../../src/jobs/repository.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { standardWorld } from '../support/factories.js';
import { runDelib } from '../security/support.js';

const now = new Date('2023-06-06T09:00:00Z');
const exclude = { exclude: EPHEMERAL_TABLES };
const work = mkdtempSync(join(tmpdir(), 'delib-backup-docs-'));
let n = 0;
const fresh = (name: string) => {
  const p = join(work, `${name}-${++n}`);
  mkdirSync(p);
  return p;
};
/** Every byte value, and more than one zip chunk. */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.alloc(200_000, 0xa5)]);
const SECRET = `SECRET-HORS-DU-DOSSIER-${process.pid}`;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name).slice(dir.length + 1));
  return out.sort();
}

/** Rewrites an archive (the job_document rows), recomputing every checksum: a forgery, not a corruption. */
function forge(file: string, edit: (rows: unknown[][], columns: string[]) => void): string {
  const entries = unzipSync(readFileSync(file));
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
  const t = manifest.tables.find((x: { name: string }) => x.name === 'job_document');
  const key = 'tables/job_document.jsonl';
  const rows = strFromU8(entries[key]!).split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown[]);
  edit(rows, t.columns);
  entries[key] = strToU8(rows.map((r) => JSON.stringify(r) + '\n').join(''));
  t.rows = rows.length;
  t.sha256 = createHash('sha256').update(entries[key]!).digest('hex');
  const m = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  const ordered: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(entries)) if (k.startsWith('tables/')) ordered[k] = v;
  ordered['manifest.json'] = m;
  ordered['manifest.sha256'] = strToU8(createHash('sha256').update(m).digest('hex') + '\n');
  const out = join(work, `forgee-${++n}.zip`);
  writeFileSync(out, zipSync(ordered));
  return out;
}

describeEachDialect('backup and restore of documents stored as files', (dialect) => {
  let src: DbHandle;
  let dst: DbHandle;
  let srcDir: string;
  let docs: DocumentMeta[];
  let jobId: number;
  beforeAll(async () => {
    src = await freshDb(dialect);
    await standardWorld(src.db);
    srcDir = fresh('src-docs');
    const store = fileStore(srcDir);
    jobId = await enqueueJob(src.db, { kind: 'plan-secours', title: 'Plan', params: {}, owner: { login: 'centre-0250001R', name: 'C', role: 'centre', scope: '0250001R' } }, now);
    docs = [
      await store.save(src.db, { jobId, name: 'Plan_31310.zip', mediaType: 'application/zip', content: BINARY, now }),
      await store.save(src.db, { jobId, name: 'Papillon « 31310 ».pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4 papillon'), now }),
    ];
    // and one document kept in the database, for comparison
    await databaseStore().save(src.db, { jobId, name: 'liste.csv', mediaType: 'text/csv', content: Buffer.from('a;b\n'), now });
    dst = await freshDb(dialect);
  });
  afterAll(async () => {
    await src.close();
    await dst.close();
  });

  it('round trip: the files are in the archive and come back byte for byte in the restoring folder, rows identical', async () => {
    const archive = join(work, `sauvegarde-${++n}.zip`);
    const s = await createBackup(src, archive, now, { documentsDir: srcDir });
    expect(s.documents).toBe(2);
    expect(s.skippedDocuments).toEqual([]);
    const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(archive))['manifest.json']!));
    expect(manifest.documents).toEqual({ files: 2, skipped: [] });

    const dstDir = fresh('dst-docs');
    const r = await restoreBackup(dst, archive, { replace: true, documentsDir: dstDir });
    expect(r.documents).toBe(2);
    expect(await databaseDigest(dst.db, exclude)).toBe(await databaseDigest(src.db, exclude));
    expect(listFiles(dstDir)).toEqual(docs.map((d) => `${jobId}/${d.id}`).sort());
    const store = fileStore(dstDir);
    for (const d of docs) {
      const meta = (await findJobDocument(dst.db, d.id))!;
      expect(Buffer.from(await store.read(dst.db, meta))).toEqual(Buffer.from(await fileStore(srcDir).read(src.db, d)));
    }
  });

  it('restored without a documents folder, the documents are kept in the database and still served', async () => {
    const archive = join(work, `sauvegarde-${++n}.zip`);
    await createBackup(src, archive, now, { documentsDir: srcDir });
    await restoreBackup(dst, archive, { replace: true });
    for (const d of docs) {
      const meta = (await findJobDocument(dst.db, d.id))!;
      expect(meta).toMatchObject({ storage: 'db', storage_path: null, sha256: d.sha256, size: d.size });
      expect(Buffer.from(await databaseStore().read(dst.db, meta))).toEqual(Buffer.from(await fileStore(srcDir).read(src.db, d)));
    }
  });

  it('a backup needs the documents folder when files exist (French refusal, no archive written)', async () => {
    const archive = join(work, `sauvegarde-${++n}.zip`);
    const e = await createBackup(src, archive).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(/définissez DELIB_DOCUMENTS_DIR/);
    expect(existsSync(archive) || existsSync(`${archive}.part`)).toBe(false);
  });

  it('a missing, altered or symlinked-away file is reported and not archived; nothing outside the folder is read', async () => {
    const dir = fresh('copy-docs');
    const copy = (d: DocumentMeta) => {
      mkdirSync(join(dir, String(jobId)), { recursive: true });
      writeFileSync(join(dir, d.storage_path!), readFileSync(join(srcDir, d.storage_path!)));
    };
    const outside = join(work, `secret-${process.pid}.txt`);
    writeFileSync(outside, SECRET);
    for (const [label, prepare, reason] of [
      ['missing', () => undefined, /absent/],
      ['altered', (d: DocumentMeta) => { copy(d); writeFileSync(join(dir, d.storage_path!), 'modifié'); }, /empreinte/],
      ['symlink', (d: DocumentMeta) => { mkdirSync(join(dir, String(jobId)), { recursive: true }); symlinkSync(outside, join(dir, d.storage_path!)); }, /hors du dossier/],
    ] as const) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      copy(docs[0]!);
      prepare(docs[1]!);
      const archive = join(work, `sauvegarde-${++n}.zip`);
      const s = await createBackup(src, archive, now, { documentsDir: dir });
      expect(s.documents, label).toBe(1);
      expect(s.skippedDocuments, label).toEqual([{ id: docs[1]!.id, name: docs[1]!.name, reason: expect.stringMatching(reason) }]);
      const entries = unzipSync(readFileSync(archive));
      expect(JSON.parse(strFromU8(entries['manifest.json']!)).documents, label).toEqual({ files: 1, skipped: [docs[1]!.id] });
      const table = strFromU8(entries['tables/job_document.jsonl']!);
      expect(table, label).not.toContain(Buffer.from(SECRET).toString('base64'));
    }
  });

  it('symlinked job folder: a backup does not follow it out of the documents folder', async () => {
    const dir = fresh('linked-docs');
    const elsewhere = fresh('elsewhere');
    mkdirSync(join(elsewhere, String(jobId)));
    for (const d of docs) writeFileSync(join(elsewhere, d.storage_path!), readFileSync(join(srcDir, d.storage_path!)));
    symlinkSync(join(elsewhere, String(jobId)), join(dir, String(jobId)));
    const s = await createBackup(src, join(work, `sauvegarde-${++n}.zip`), now, { documentsDir: dir });
    expect(s.documents).toBe(0);
    expect(s.skippedDocuments.map((d) => d.reason)).toEqual([expect.stringMatching(/hors du dossier/), expect.stringMatching(/hors du dossier/)]);
  });

  it('a forged archive cannot write outside the folder: paths are rebuilt from ids, bad ids and mismatched bytes refuse everything', async () => {
    const archive = join(work, `sauvegarde-${++n}.zip`);
    await createBackup(src, archive, now, { documentsDir: srcDir });
    // a storage path pointing outside: ignored, the file goes to <job>/<id>
    const dstDir = fresh('dst-forged');
    const escaped = forge(archive, (rows, cols) => {
      for (const r of rows) if (r[cols.indexOf('storage')] === 'fs') r[cols.indexOf('storage_path')] = `../../evil-${process.pid}`;
    });
    await restoreBackup(dst, escaped, { replace: true, documentsDir: dstDir });
    expect(listFiles(dstDir)).toEqual(docs.map((d) => `${jobId}/${d.id}`).sort());
    expect(existsSync(join(work, `evil-${process.pid}`)) || existsSync(join(dstDir, '..', `evil-${process.pid}`))).toBe(false);
    expect((await findJobDocument(dst.db, docs[0]!.id))!.storage_path).toBe(`${jobId}/${docs[0]!.id}`);

    // a traversal in the document id, or bytes that do not match the recorded digest: refused, nothing changed
    const before = await databaseDigest(dst.db, exclude);
    const filesBefore = listFiles(dstDir);
    for (const [label, edit] of [
      ['id', (rows: unknown[][], cols: string[]) => {
        const r = rows.find((x) => x[cols.indexOf('id')] === docs[1]!.id)!;
        r[cols.indexOf('id')] = '../../../evil';
      }],
      ['bytes', (rows: unknown[][], cols: string[]) => {
        // one document's bytes swapped (the other one may already be staged: it must not stay)
        const r = rows.find((x) => x[cols.indexOf('id')] === docs[1]!.id)!;
        r[cols.indexOf('bytes')] = { b64: Buffer.from('%PDF-1.4 faux').toString('base64') };
      }],
    ] as const) {
      const forged = forge(archive, edit);
      const e = await restoreBackup(dst, forged, { replace: true, documentsDir: dstDir }).then(() => null, (x: unknown) => x);
      expect(e, label).toBeInstanceOf(BackupError);
      expect((e as Error).message, label).toMatch(/sauvegarde invalide : .*document/);
      expect(await databaseDigest(dst.db, exclude), label).toBe(before);
      expect(listFiles(dstDir), label).toEqual(filesBefore); // no staged file left behind
    }
  });

  it('`delib backup` / `delib restore` take DELIB_DOCUMENTS_DIR', async () => {
    const archive = join(work, `sauvegarde-${++n}.zip`);
    const b = runDelib(src, ['backup', archive], { DELIB_DOCUMENTS_DIR: srcDir });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain('Documents du dossier');
    expect(b.stdout).toMatch(/inclus : 2\./);
    const dstDir = fresh('dst-cli');
    const r = runDelib(dst, ['restore', archive, '--replace'], { DELIB_DOCUMENTS_DIR: dstDir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Documents réécrits dans .* : 2\./);
    expect(listFiles(dstDir)).toEqual(docs.map((d) => `${jobId}/${d.id}`).sort());
    const noDir = runDelib(src, ['backup', join(work, `sauvegarde-${++n}.zip`)], { DELIB_DOCUMENTS_DIR: '' });
    expect(noDir.status).toBe(1);
    expect(noDir.stderr).toMatch(/Sauvegarde impossible : .*DELIB_DOCUMENTS_DIR/);
  });
});
