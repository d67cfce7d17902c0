// Uploads limited in size and type, downloads never path-traversable (issue #8 §2; ASVS 5.0 V5).
// The import upload (the only upload): one .zip, 50 MB at most (tests/server/import.test.ts), no
// entry escaping the folder (zip slip), no decompression bomb, one file only. Downloads go by opaque
// id; file names cannot break out of Content-Disposition; a tampered storage path serves nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { contentDisposition } from '../../src/jobs/http.js';
import { fileStore } from '../../src/jobs/document-store.js';
import { enqueueJob } from '../../src/jobs/repository.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { testApp, type Session } from '../server/helpers.js';
import { MEMO_SAMPLE } from './support.js';
import { loginAll, securityWorld, type Who } from './world.js';

/** The memo's sample session, zipped: a valid upload. */
/** The memo sample as one archive; `etat` replaces the jury's state in jurys.csv. */
function memoZip(etat?: string): Uint8Array {
  const read = (f: string) => {
    const bytes = readFileSync(join(MEMO_SAMPLE, f));
    return etat && f === 'jurys.csv' ? strToU8(bytes.toString('utf8').replace(/;110(\r?\n)/, `;${etat}$1`)) : new Uint8Array(bytes);
  };
  return zipSync(Object.fromEntries(readdirSync(MEMO_SAMPLE).map((f) => [f, read(f)])));
}

function multipart(parts: { name: string; filename: string; bytes: Uint8Array }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----delibupload';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/zip\r\n\r\n`));
    chunks.push(Buffer.from(p.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A zip whose central directory declares a huge uncompressed size (a decompression bomb's signature). */
function bomb(): Uint8Array {
  const zip = zipSync({ 'session.csv': strToU8('domaine;session\n') });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xf0000000, true); // central directory: uncompressed size
  }
  return zip;
}

describeEachDialect('security: uploads and downloads', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let s: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await securityWorld(h);
    app = await testApp(h);
    s = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const upload = (parts: { name: string; filename: string; bytes: Uint8Array }[]) => {
    const aca = s.get('academie')!;
    const { payload, headers } = multipart(parts);
    return app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf, ...headers }, payload });
  };

  it('zip slip: every way out of the extraction folder is refused, nothing is written anywhere', async () => {
    const before = await databaseDigest(h.db);
    const tmpBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('evil'));
    for (const name of ['../evil.csv', '../../evil.csv', 'a/../../evil.csv', '/tmp/evil.csv', 'C:/evil.csv', 'c:\\evil.csv', 'a\\..\\..\\evil.csv', 'a/\u0000/evil.csv']) {
      const res = await upload([{ name: 'file', filename: 'session.zip', bytes: zipSync({ [name]: strToU8('x') }) }]);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().message, name).toMatch(/chemin interdit|illisible/);
    }
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('evil'))).toEqual(tmpBefore);
    expect(await databaseDigest(h.db)).toBe(before);
  });

  it('a decompression bomb (declared size over 1 GB) is refused before anything is inflated', async () => {
    const res = await upload([{ name: 'file', filename: 'session.zip', bytes: bomb() }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/1 Go/);
  });

  it('a corrupted archive is a 400 in French; the extraction folder never outlives the request', async () => {
    const good = zipSync({ 'session.csv': strToU8('x'.repeat(1000)) });
    const corrupted = good.slice(0, good.length - 30);
    const res = await upload([{ name: 'file', filename: 'session.zip', bytes: corrupted }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/illisible ou corrompue/);
    const left = readdirSync(tmpdir()).filter((n) => n.startsWith('delib-import-'));
    const again = await upload([{ name: 'file', filename: 'session.zip', bytes: zipSync({ 'notes.csv': strToU8('x') }) }]);
    expect(again.statusCode).toBe(422);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('delib-import-')).length).toBeLessThanOrEqual(left.length);
  });

  it('only the académie may upload, and only with its CSRF token', async () => {
    const centre = s.get('centre-0250001R')!;
    const { payload, headers } = multipart([{ name: 'file', filename: 'session.zip', bytes: zipSync({ 'x.csv': strToU8('x') }) }]);
    const res = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf, ...headers }, payload });
    expect(res.statusCode).toBe(403);
  });

  it('Content-Disposition cannot be broken out of, whatever the document name', () => {
    for (const name of ['a"; filename="evil.exe', 'a\r\nSet-Cookie: x=1.pdf', '../../etc/passwd', 'liste\u0000.pdf', 'Résultats « admis » ; juin.pdf', '%0d%0a.pdf']) {
      const header = contentDisposition(name);
      expect(/[\r\n]/.test(header) || header.includes('\u0000'), name).toBe(false);
      const ascii = /filename="([^"]*)"/.exec(header)![1]!;
      expect(ascii, name).not.toMatch(/["/\\]|\.\./);
      expect(header.match(/filename=/g)!.length, name).toBe(1);
      const star = /filename\*=UTF-8''(\S*)$/.exec(header)![1]!;
      expect(star, name).toMatch(/^[A-Za-z0-9%._~!$&+,=:@-]*$/);
    }
  });

  it('an edition title cannot steer the file name out of its folder or the header', async () => {
    const centre = s.get('centre-0250001R')!;
    const res = await app.inject({
      method: 'POST', url: '/api/editions/resultats-admis/documents', headers: { cookie: centre.cookie, 'x-csrf-token': centre.csrf },
      payload: { juries: ['31311'], title: '../../..\\evil"\r\nX-Injected: 1', format: 'csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-injected']).toBeUndefined();
    const cd = String(res.headers['content-disposition']);
    expect(cd).not.toMatch(/\.\.|\\|[\r\n]/);
  });

  it('files store: a storage path tampered in the database serves no file outside the documents folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delib-docs-'));
    const outside = join(dir, '..', `secret-${process.pid}.txt`);
    writeFileSync(outside, 'SECRET');
    const store = fileStore(dir);
    const job = await enqueueJob(h.db, { kind: 'x', title: 'x', params: {}, owner: { login: 'a', name: 'a', role: 'centre', scope: '0250001R' } }, new Date());
    const meta = await store.save(h.db, { jobId: job, name: 'ok.txt', mediaType: 'text/plain', content: Buffer.from('OK'), now: new Date() });
    expect(Buffer.from(await store.read(h.db, meta)).toString()).toBe('OK');
    for (const path of [`../secret-${process.pid}.txt`, outside, `${job}/../../secret-${process.pid}.txt`]) {
      await expect(store.read(h.db, { ...meta, storage_path: path })).rejects.toThrow(/hors du dossier/);
    }
  });

  it('files store: a symbolic link in the documents folder (on a document or on a job folder) never leads outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delib-docs-'));
    const secret = join(tmpdir(), `secret-lien-${process.pid}.txt`);
    writeFileSync(secret, 'SECRET-HORS-DU-DOSSIER');
    const store = fileStore(dir);
    const owner = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre', scope: '0250001R' };
    const job = await enqueueJob(h.db, { kind: 'plan-secours', title: 'x', params: {}, owner }, new Date());
    const meta = await store.save(h.db, { jobId: job, name: 'ok.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF ok'), now: new Date() });
    // the document's file replaced by a link to a file outside: lexically inside, really outside
    rmSync(join(dir, meta.storage_path!));
    symlinkSync(secret, join(dir, meta.storage_path!));
    await expect(store.read(h.db, meta)).rejects.toThrow(/hors du dossier/);
    // a job folder that is a link to a folder outside: nothing read there, nothing written there
    const outsideFolder = mkdtempSync(join(tmpdir(), 'delib-ailleurs-'));
    writeFileSync(join(outsideFolder, 'doc'), 'SECRET-HORS-DU-DOSSIER');
    const job2 = await enqueueJob(h.db, { kind: 'plan-secours', title: 'y', params: {}, owner }, new Date());
    symlinkSync(outsideFolder, join(dir, String(job2)));
    await expect(store.read(h.db, { ...meta, job_id: job2, storage_path: `${job2}/doc` })).rejects.toThrow(/hors du dossier/);
    await expect(store.save(h.db, { jobId: job2, name: 'z.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF z'), now: new Date() })).rejects.toThrow(/hors du dossier/);
    expect(readdirSync(outsideFolder)).toEqual(['doc']);
    // over HTTP (DELIB_DOCUMENTS_DIR): the download of the linked document gives no byte of the secret
    const saved = process.env.DELIB_DOCUMENTS_DIR;
    process.env.DELIB_DOCUMENTS_DIR = dir;
    const served = await testApp(h);
    try {
      const centre = await loginAll(served, ['centre-0250001R']);
      const c = centre.get('centre-0250001R')!;
      const res = await served.inject({ method: 'GET', url: `/api/documents/${meta.id}`, headers: { cookie: c.cookie } });
      expect(res.statusCode).not.toBe(200);
      expect(res.body).not.toContain('SECRET');
    } finally {
      if (saved === undefined) delete process.env.DELIB_DOCUMENTS_DIR;
      else process.env.DELIB_DOCUMENTS_DIR = saved;
      await served.close();
    }
  });

  it('a second file part is refused (400 in French), even next to a valid session: nothing is imported', async () => {
    const valid = memoZip();
    const junk = zipSync({ 'y.csv': strToU8('y') });
    const before = await databaseDigest(h.db);
    for (const parts of [
      [{ name: 'file', filename: 'session.zip', bytes: valid }, { name: 'file2', filename: 'b.zip', bytes: junk }],
      [{ name: 'file', filename: 'session.zip', bytes: valid }, { name: 'file', filename: 'session.zip', bytes: valid }],
      [{ name: 'file', filename: 'a.zip', bytes: junk }, { name: 'file', filename: 'session.zip', bytes: valid }],
      [{ name: 'file', filename: 'session.zip', bytes: valid }, { name: 'x', filename: 'notes.csv', bytes: strToU8('a;b\n') }, { name: 'y', filename: 'c.zip', bytes: junk }],
    ]) {
      const res = await upload(parts);
      expect(res.statusCode, parts.map((p) => p.filename).join(' + ')).toBe(400);
      expect(res.json().message).toMatch(/^Un seul fichier est attendu/);
    }
    expect(await databaseDigest(h.db)).toBe(before);
    // control: the same valid archive alone is imported (last test of the file: it replaces the world's
    // data — which an import does only for juries that have not opened their deliberation, ADR 0014)
    await h.db.updateTable('jury').set({ etat: '000' }).execute();
    const reopened = await databaseDigest(h.db);
    const alone = await upload([{ name: 'file', filename: 'session.zip', bytes: memoZip('000') }]);
    expect(alone.statusCode, alone.body).toBe(200);
    expect(await databaseDigest(h.db)).not.toBe(reopened);
  });
});
