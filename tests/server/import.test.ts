import { afterAll, beforeAll, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { user } from '../support/factories.js';
import { login, testApp, type Session } from './helpers.js';

const SAMPLE = join(import.meta.dirname, '../fixtures/samples/memo-31310');

function sampleFiles(prefix = ''): Record<string, Uint8Array> {
  return Object.fromEntries(readdirSync(SAMPLE).map((f) => [prefix + f, new Uint8Array(readFileSync(join(SAMPLE, f)))]));
}

function upload(app: FastifyInstance, s: Session, filename: string, bytes: Uint8Array) {
  const boundary = '----delibimport';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/zip\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({
    method: 'POST', url: '/api/imports', payload,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describeEachDialect('import route', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: Session;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await user(h.db, { login: 'academie', role: 'academie', scope: 'A03' });
    app = await testApp(h);
    aca = await login(app, 'academie');
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('imports the zipped session folder (files at the root or in one sub-folder)', async () => {
    const res = await upload(app, aca, 'memo-31310.zip', zipSync({ 'memo-31310/': new Uint8Array(), ...sampleFiles('memo-31310/') }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toBeTypeOf('object');
    const juries = await h.db.selectFrom('jury').select('code').execute();
    expect(juries.map((j) => j.code)).toEqual(['31310']);
    const again = await upload(app, aca, 'session.ZIP', zipSync(sampleFiles()));
    expect(again.statusCode, again.body).toBe(200);
  });

  it('answers the bilan labelled in French (issue #14 item 13: no raw key such as candidatsNouveaux)', async () => {
    const res = await upload(app, aca, 'session.zip', zipSync(sampleFiles()));
    expect(res.statusCode, res.body).toBe(200);
    const bilan = res.json().bilan as { libelle: string; nombre: number }[];
    expect(bilan).toContainEqual({ libelle: 'Candidats', nombre: 2 });
    expect(bilan).toContainEqual({ libelle: 'dont nouveaux candidats', nombre: 0 });
    expect(bilan).toContainEqual({ libelle: 'dont candidats déjà présents (mis à jour)', nombre: 2 });
    expect(bilan).toContainEqual({ libelle: 'Notes du 1er groupe', nombre: 15 });
    for (const l of bilan) expect(l.libelle).not.toMatch(/^[a-z]+[A-Z]/);
  });

  it('a NUL byte or invalid UTF-8 in an uploaded file: 422 naming file and line (was a 500 on PostgreSQL), nothing written', async () => {
    const files = sampleFiles();
    const text = new TextDecoder().decode(files['candidats.csv']);
    files['candidats.csv'] = strToU8(text.replace(';AZBTSUN;', ';AZB\u0000TSUN;'));
    const notes = Buffer.from(files['notes.csv']!);
    files['notes.csv'] = new Uint8Array(Buffer.concat([notes, Buffer.from([0x30, 0x32, 0x33, 0x32, 0x31, 0x32, 0x35, 0x32, 0x32, 0x31, 0x37, 0x3b, 0x30, 0x30, 0x31, 0x3b, 0x55, 0x31, 0x3b, 0x31, 0x32, 0x3b, 0xff, 0x0a])]));
    const before = await h.db.selectFrom('journal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await upload(app, aca, 'session.zip', zipSync(files));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.errors).toContainEqual({ file: 'candidats.csv', line: 2, message: 'nom : caractère nul (U+0000) interdit' });
    expect(body.errors).toContainEqual({ file: 'notes.csv', line: 17, message: 'benefice : octets invalides (le fichier doit être encodé en UTF-8)' });
    expect(body.errorsByFile).toMatchObject({ 'candidats.csv': 1 });
    const after = await h.db.selectFrom('journal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await h.db.selectFrom('candidate').select('nom').execute()).map((c) => c.nom)).not.toContain('AZB\u0000TSUN');
  });

  it('answers 422 with the file, line and message of each error, and writes nothing', async () => {
    const files = sampleFiles();
    files['notes.csv'] = strToU8('numero_candidat;numero_inscription;epreuve;note;benefice\n02319252150;001;U1;25;\n');
    const before = await h.db.selectFrom('grade').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await upload(app, aca, 'session.zip', zipSync(files));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_REJECTED');
    expect(body.errors[0]).toMatchObject({ file: 'notes.csv', line: 2 });
    const after = await h.db.selectFrom('grade').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses what is not a .zip, in French', async () => {
    const notZip = await upload(app, aca, 'session.zip', strToU8('bonjour'));
    expect(notZip.statusCode).toBe(415);
    expect(notZip.json().message).toMatch(/archive \.zip/);
    const csv = await upload(app, aca, 'notes.csv', zipSync(sampleFiles()));
    expect(csv.statusCode).toBe(415);
    const json = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf }, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('refuses a file over 50 MB', async () => {
    const big = new Uint8Array(51 * 1024 * 1024);
    big.set([0x50, 0x4b, 3, 4]);
    const res = await upload(app, aca, 'gros.zip', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/50 Mo/);
  });
});
