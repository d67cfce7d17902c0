// `delib backup` / `delib restore` (issue #8 §3): a portable, checksummed archive of every table;
// round trip on each dialect and SQLite → PostgreSQL; a corrupted, truncated, foreign or
// incompatible archive is refused and changes nothing; a restore is all or nothing; the journal
// chain verifies after it; open sessions do not survive it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { appendJournal, sessionAnchor, verifyJournal, formatAnchor } from '../../src/db/repositories/journal.js';
import { createBackup } from '../../src/features/backup/create-backup.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { BackupError, EPHEMERAL_TABLES } from '../../src/features/backup/format.js';
import { restoreBackup } from '../../src/features/backup/restore-backup.js';
import { importSession } from '../../src/features/import/import-session.js';
import { generateSession } from '../../src/features/generate/synthetic.js';
import { openSession } from '../../src/features/auth/sessions.js';
import { DIALECTS, describeEachDialect, freshDb } from '../support/db.js';
import { TEST_SCRYPT, user } from '../support/factories.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { MEMO_SAMPLE, runDelib } from '../security/support.js';

const actor = { role: 'academie' as const, login: 'academie', name: 'Service des examens', scope: 'A03' };
const now = new Date('2023-06-06T09:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'delib-backup-'));
let fileNo = 0;
const tmpFile = (name = 'sauvegarde') => join(work, `${name}-${++fileNo}.zip`);

/** A database with a bit of everything: the memo session, accounts, a session, journal, a binary document. */
async function populate(h: DbHandle): Promise<void> {
  const res = await importSession(h, MEMO_SAMPLE, actor, now);
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  await user(h.db, { login: 'academie', role: 'academie', scope: 'A03' });
  await user(h.db, { login: 'jury-31310', role: 'jury', scope: '31310', name: 'Jury « 31310 » — ÉÀ' });
  await openSession(h.db, 'academie', now);
  await h.db.insertInto('auth_failure').values({ key: 'k', at: now.toISOString() }).execute();
  await appendJournal(h.db, [{ at: now, actor, action: 'JURY_ETAT_EXCEPTIONNEL', juryCode: '31310', subject: 'jury:31310', before: { etat: '110' }, after: { etat: '105' }, reason: 'Motif ; avec "guillemets"\net saut de ligne' }]);
  const jobId = (await h.db.insertInto('job').values({
    kind: 'plan-secours', title: 'Plan', params_json: '{}', owner_login: 'academie', owner_name: 'A', owner_role: 'academie', owner_scope: 'A03',
    status: 'done', created_at: now.toISOString(),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await h.db.insertInto('job_document').values({
    id: 'a'.repeat(32), job_id: jobId, name: 'plan.zip', media_type: 'application/zip', size: 256, sha256: 'x', storage: 'db', storage_path: null,
    bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)), created_at: now.toISOString(),
  }).execute();
}

const exclude = { exclude: EPHEMERAL_TABLES };

/** Rewrites an archive: `edit` changes entries; table checksums and the manifest's are recomputed. */
function forge(file: string, edit: (entries: Record<string, Uint8Array>, manifest: any) => void): string {
  const entries = unzipSync(readFileSync(file));
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
  edit(entries, manifest);
  for (const t of manifest.tables) {
    const e = entries[`tables/${t.name}.jsonl`];
    if (e) t.sha256 = createHash('sha256').update(e).digest('hex');
  }
  const m = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  entries['manifest.json'] = m;
  entries['manifest.sha256'] = strToU8(createHash('sha256').update(m).digest('hex') + '\n');
  const ordered: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(entries)) if (k.startsWith('tables/')) ordered[k] = v;
  ordered['manifest.json'] = entries['manifest.json'];
  ordered['manifest.sha256'] = entries['manifest.sha256'];
  const out = tmpFile('forgee');
  writeFileSync(out, zipSync(ordered));
  return out;
}

async function expectRefused(h: DbHandle, file: string, message: RegExp, replace = true): Promise<void> {
  const before = await databaseDigest(h.db);
  const err = await restoreBackup(h, file, { replace }).then(() => null, (e: unknown) => e);
  expect(err, 'restore should be refused').toBeInstanceOf(BackupError);
  expect((err as Error).message).toMatch(message);
  expect(await databaseDigest(h.db)).toBe(before);
}

describeEachDialect('backup and restore', (dialect) => {
  let src: DbHandle;
  let dst: DbHandle;
  let archive: string;
  let srcDigest: string;
  beforeAll(async () => {
    src = await freshDb(dialect);
    await populate(src);
    archive = tmpFile();
    await createBackup(src, archive, now);
    srcDigest = await databaseDigest(src.db, exclude);
    dst = await freshDb(dialect);
  });
  afterAll(async () => {
    await src.close();
    await dst.close();
  });

  it('writes a zip readable by its owner only, with every table but the ephemeral ones, and the journal anchor', async () => {
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(existsSync(`${archive}.part`)).toBe(false);
    const entries = unzipSync(readFileSync(archive));
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
    expect(manifest.format).toBe('delib-sauvegarde');
    const names = manifest.tables.map((t: { name: string }) => t.name);
    for (const t of ['exam_session', 'candidate', 'grade', 'jury', 'journal', 'journal_head', 'journal_checkpoint', 'app_user', 'job', 'job_document']) expect(names).toContain(t);
    for (const t of EPHEMERAL_TABLES) expect(names).not.toContain(t);
    expect(manifest.journal.anchor).toBe(formatAnchor((await sessionAnchor(src.db))!));
    // parents before children: an order in which rows can be inserted
    expect(names.indexOf('jury')).toBeLessThan(names.indexOf('candidate'));
    expect(names.indexOf('app_user')).toBeLessThan(names.length);
  });

  it('round trip: the restored database has exactly the same content, its journal verifies, sessions are closed', async () => {
    const s = await restoreBackup(dst, archive);
    expect(s.rows).toBeGreaterThan(20);
    expect(await databaseDigest(dst.db, exclude)).toBe(srcDigest);
    expect(await verifyJournal(dst.db)).toMatchObject({ problems: [] });
    expect(await dst.db.selectFrom('app_session').selectAll().execute()).toEqual([]);
    expect(await dst.db.selectFrom('auth_failure').selectAll().execute()).toEqual([]);
    const doc = await dst.db.selectFrom('job_document').select('bytes').executeTakeFirstOrThrow();
    expect(Buffer.from(doc.bytes!)).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  });

  it('the restored database keeps working: new journal entries chain on, ids continue (sequences)', async () => {
    await appendJournal(dst.db, [{ at: now, actor, action: 'TEST', subject: 'x' }]);
    await dst.db.insertInto('job').values({
      kind: 'k', title: 't', params_json: '{}', owner_login: 'a', owner_name: 'a', owner_role: 'academie', owner_scope: 'A03', status: 'queued', created_at: now.toISOString(),
    }).execute();
    await dst.db.insertInto('auth_failure').values({ key: 'k', at: now.toISOString() }).execute();
    expect(await verifyJournal(dst.db)).toMatchObject({ problems: [] });
  });

  it('refuses to overwrite a database that holds data unless asked to (--replace)', async () => {
    await expectRefused(dst, archive, /--replace/, false);
    await restoreBackup(dst, archive, { replace: true });
    expect(await databaseDigest(dst.db, exclude)).toBe(srcDigest);
  });

  it('refuses a foreign file: not a zip, a zip of something else, a manifest of another format', async () => {
    const notZip = tmpFile();
    writeFileSync(notZip, 'numero_candidat;nom\n1;X\n');
    await expectRefused(dst, notZip, /pas une sauvegarde Délib/);
    const csvZip = tmpFile();
    writeFileSync(csvZip, zipSync({ 'session.csv': readFileSync(join(MEMO_SAMPLE, 'session.csv')) }));
    await expectRefused(dst, csvZip, /pas une sauvegarde Délib/);
    await expectRefused(dst, forge(archive, (_e, m) => (m.format = 'autre-logiciel')), /pas une sauvegarde Délib/);
    await expectRefused(dst, tmpFile('absent'), /illisible/);
  });

  it('refuses an archive made by another version (migrations, columns)', async () => {
    await expectRefused(dst, forge(archive, (_e, m) => m.migrations.push('9999-future')), /plus récente/);
    await expectRefused(dst, forge(archive, (_e, m) => m.migrations.pop()), /autre version/);
    await expectRefused(dst, forge(archive, (_e, m) => (m.tables[0].columns[0] = 'autre')), /colonnes|nombre de colonnes/);
    await expectRefused(dst, forge(archive, (e, m) => {
      const i = m.tables.findIndex((t: { name: string }) => t.name === 'grade');
      delete e['tables/grade.jsonl'];
      m.tables.splice(i, 1);
    }), /absente/);
  });

  it('refuses a truncated archive and a corrupted manifest', async () => {
    const bytes = readFileSync(archive);
    // cut before the manifest's local header, in the middle of the table entries, at the start
    for (const cut of [bytes.indexOf('manifest.json'), Math.floor(bytes.length / 2), 100]) {
      const f = tmpFile('tronquee');
      writeFileSync(f, bytes.subarray(0, cut));
      await expectRefused(dst, f, /tronqu|pas une sauvegarde|corrompue|illisible/);
    }
    // the zip's central directory is not needed (entries are read in order, each with its checksum)
    const noDirectory = tmpFile('sans-repertoire');
    writeFileSync(noDirectory, bytes.subarray(0, bytes.length - 10));
    await restoreBackup(dst, noDirectory, { replace: true });
    expect(await databaseDigest(dst.db, exclude)).toBe(srcDigest);
    const entries = unzipSync(bytes);
    entries['manifest.json'] = strToU8(strFromU8(entries['manifest.json']!).replace('"rows": ', '"rows": 1'));
    const f = tmpFile('manifeste');
    writeFileSync(f, zipSync(entries));
    await expectRefused(dst, f, /manifeste/);
  });

  it('refuses an archive whose table rows were changed without updating its checksums', async () => {
    const entries = unzipSync(readFileSync(archive));
    const grades = strFromU8(entries['tables/grade.jsonl']!);
    entries['tables/grade.jsonl'] = strToU8(grades.replace('900', '1900'));
    const f = tmpFile('note-changee');
    writeFileSync(f, zipSync(entries));
    await expectRefused(dst, f, /empreinte/);
  });

  it('refuses an archive whose journal was tampered with, even with recomputed checksums', async () => {
    const tampered = forge(archive, (e) => {
      e['tables/journal.jsonl'] = strToU8(strFromU8(e['tables/journal.jsonl']!).replace('"Motif ;', '"Autre motif ;'));
    });
    await expectRefused(dst, tampered, /journal de la sauvegarde altéré/);
    const truncated = forge(archive, (e, m) => {
      const lines = strFromU8(e['tables/journal.jsonl']!).trimEnd().split('\n');
      e['tables/journal.jsonl'] = strToU8(lines.slice(0, -1).join('\n') + '\n');
      m.tables.find((t: { name: string }) => t.name === 'journal').rows -= 1;
    });
    await expectRefused(dst, truncated, /journal de la sauvegarde altéré/);
  });

  it('is all or nothing: a row that cannot be inserted (duplicate key) rolls the whole restore back', async () => {
    const dup = forge(archive, (e, m) => {
      const text = strFromU8(e['tables/candidate.jsonl']!);
      e['tables/candidate.jsonl'] = strToU8(text + text.split('\n')[0] + '\n');
      m.tables.find((t: { name: string }) => t.name === 'candidate').rows += 1;
    });
    const before = await databaseDigest(dst.db);
    await expect(restoreBackup(dst, dup, { replace: true })).rejects.toThrow();
    expect(await databaseDigest(dst.db)).toBe(before);
  });

  it('any flipped byte: refused with the database unchanged, or (harmless byte) the exact same content', async () => {
    const bytes = readFileSync(archive);
    const pristine = await databaseDigest(dst.db);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (pos, x) => {
      const f = tmpFile('octet');
      const copy = Buffer.from(bytes);
      copy[pos] = copy[pos]! ^ x;
      writeFileSync(f, copy);
      const ok = await restoreBackup(dst, f, { replace: true }).then(() => true, (e: unknown) => {
        expect(e).toBeInstanceOf(BackupError);
        return false;
      });
      if (ok) expect(await databaseDigest(dst.db, exclude)).toBe(srcDigest);
      else expect(await databaseDigest(dst.db)).toBe(pristine);
    }), { seed: 4242, numRuns: dialect === 'sqlite' ? 40 : 15 });
  });

  it('`delib backup` then `delib restore` (command line) round-trip', async () => {
    const f = tmpFile('cli');
    const b = runDelib(src, ['backup', f]);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/Ancre du journal/);
    const refused = runDelib(dst, ['restore', f]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--replace/);
    const r = runDelib(dst, ['restore', f, '--replace']);
    expect(r.status, r.stderr).toBe(0);
    expect(await databaseDigest(dst.db, exclude)).toBe(srcDigest);
  });
});

describeEachDialect('backup and restore of a larger session (many zip chunks, keyset pages)', (dialect) => {
  it('a generated session of 2 000 candidates round-trips exactly', async () => {
    const folder = join(work, `gen-${dialect}`);
    await generateSession({ candidates: 2000, seed: 11, out: folder });
    const src = await freshDb(dialect);
    const dst = await freshDb(dialect);
    try {
      const res = await importSession(src, folder, actor, now);
      expect(res.ok).toBe(true);
      const f = tmpFile('grosse');
      const b = await createBackup(src, f, now);
      expect(b.rows).toBeGreaterThan(20_000);
      expect(b.bytes).toBeGreaterThan(3 * 64 * 1024); // several read chunks
      await restoreBackup(dst, f);
      expect(await databaseDigest(dst.db, exclude)).toBe(await databaseDigest(src.db, exclude));
    } finally {
      await src.close();
      await dst.close();
    }
  }, 300_000);
});

it.runIf(DIALECTS.includes('postgres'))('backup from SQLite restores on PostgreSQL with the same content (portable)', async () => {
  const lite = await freshDb('sqlite');
  const pg = await freshDb('postgres');
  try {
    await populate(lite);
    const f = tmpFile('portable');
    await createBackup(lite, f, now);
    await restoreBackup(pg, f);
    expect(await databaseDigest(pg.db, exclude)).toBe(await databaseDigest(lite.db, exclude));
    expect(await verifyJournal(pg.db)).toMatchObject({ problems: [] });
    await appendJournal(pg.db, [{ at: now, actor, action: 'TEST', subject: 'x' }]);
    // and back
    const g = tmpFile('retour');
    await createBackup(pg, g, now);
    const lite2 = await freshDb('sqlite');
    try {
      await restoreBackup(lite2, g);
      expect(await databaseDigest(lite2.db, exclude)).toBe(await databaseDigest(pg.db, exclude));
    } finally {
      await lite2.close();
    }
  } finally {
    await lite.close();
    await pg.close();
  }
});

it('password hashes survive a restore: accounts can still log in', async () => {
  const h = await freshDb('sqlite');
  const h2 = await freshDb('sqlite');
  try {
    await h.db.insertInto('app_user').values({
      login: 'x', display_name: 'X', role: 'academie', scope: 'A03', password_hash: await hashPassword('un mot de passe long', TEST_SCRYPT), active: 1, created_at: now.toISOString(), updated_at: null,
    }).execute();
    const f = tmpFile();
    await createBackup(h, f, now);
    await restoreBackup(h2, f);
    const { verifyPassword } = await import('../../src/features/auth/password.js');
    const row = await h2.db.selectFrom('app_user').select('password_hash').executeTakeFirstOrThrow();
    expect(await verifyPassword('un mot de passe long', row.password_hash)).toBe(true);
  } finally {
    await h.close();
    await h2.close();
  }
});
