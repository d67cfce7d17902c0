// Migration 0019 (ADR 0021) on both databases: each candidate's grades packed in candidate_grades,
// filled from the grades already there, then kept equal to the grade rows by the database's triggers
// whatever writes them (the application, plain SQL), suspended and rebuilt by bulk writers, and on
// PostgreSQL without losing a change when two transactions change grades of one candidate at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import type { DbHandle } from '../../src/db/connect.js';
import { packedGradesSql, suspendGradePacking, withGradePackingSuspended } from '../../src/db/grade-packing.js';
import * as m0019 from '../../src/db/migrations/0019-candidate-grades.js';
import { decodeGrades } from '../../src/db/repositories/candidate-inputs.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { candidate, epreuves, etablissement, examSession, grades, jury, specialite } from '../support/factories.js';

describeEachDialect('migration 0019: grades packed per candidate', (dialect) => {
  let h: DbHandle;
  const packed = async () => Object.fromEntries((await h.db.selectFrom('candidate_grades').select(['candidate_id', 'packed']).orderBy('candidate_id').execute())
    .map((r) => [r.candidate_id, r.packed]));
  /** what the grade rows give, aggregated now */
  const fromGrades = async () => Object.fromEntries((await sql<{ candidate_id: number; packed: string }>`SELECT candidate_id, ${sql.raw(packedGradesSql(dialect))} AS packed
    FROM grade GROUP BY candidate_id ORDER BY candidate_id`.execute(h.db)).rows.map((r) => [r.candidate_id, r.packed]));
  const triggers = async () => dialect === 'sqlite'
    ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'grade' ORDER BY name`.execute(h.db)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'grade'::regclass AND NOT tgisinternal ORDER BY tgname`.execute(h.db)).rows.map((r) => r.name);

  beforeAll(async () => {
    h = await freshDb(dialect);
    await examSession(h.db);
    await etablissement(h.db, '0250001R');
    await specialite(h.db, '31310');
    await epreuves(h.db, '31310');
    await jury(h.db, '31310', { specialite: '31310' });
    for (let id = 1; id <= 6; id++) await candidate(h.db, { id, jury: '31310' });
  });
  afterAll(async () => h.close());

  it('fills candidate_grades from the grades already stored', async () => {
    const raw = h.db as unknown as Kysely<unknown>;
    await m0019.down(raw);
    await grades(h.db, 1, { U5: 2000, U1: 950, U2E: 'ABS', U2O: 'AJ', U3: 'DI', U41: null });
    await grades(h.db, 2, { U1: 1001 });
    await m0019.up(raw);
    expect(await packed()).toEqual(await fromGrades());
    expect(decodeGrades((await packed())[1]!)).toEqual({
      U1: { kind: 'NOTE', hundredths: 950 }, U2E: { kind: 'ABS' }, U2O: { kind: 'AJ' }, U3: { kind: 'DI' }, U41: undefined, U5: { kind: 'NOTE', hundredths: 2000 },
    });
    expect(Object.keys(await packed())).toEqual(['1', '2']);
    expect(await triggers()).toEqual(dialect === 'sqlite' ? ['grade_pack_delete', 'grade_pack_insert', 'grade_pack_update'] : ['grade_pack']);
  });

  it('follows every write of the grade rows, in plain SQL too', async () => {
    await grades(h.db, 3, { U1: 1200, U2E: 800 });
    expect(decodeGrades((await packed())[3]!)).toEqual({ U1: { kind: 'NOTE', hundredths: 1200 }, U2E: { kind: 'NOTE', hundredths: 800 } });
    await sql`UPDATE grade SET kind = 'ABS', hundredths = NULL WHERE candidate_id = 3 AND epreuve_code = 'U1'`.execute(h.db);
    expect(decodeGrades((await packed())[3]!).U1).toEqual({ kind: 'ABS' });
    await sql`UPDATE grade SET hundredths = 1725 WHERE candidate_id = 3 AND epreuve_code = 'U2E'`.execute(h.db);
    expect(decodeGrades((await packed())[3]!).U2E).toEqual({ kind: 'NOTE', hundredths: 1725 });
    await sql`UPDATE grade SET benefice = '2022' WHERE candidate_id = 3`.execute(h.db); // not a grade value: nothing to repack
    // a grade moved to another candidate: both are repacked
    await sql`UPDATE grade SET candidate_id = 4 WHERE candidate_id = 3 AND epreuve_code = 'U1'`.execute(h.db);
    expect(decodeGrades((await packed())[3]!)).toEqual({ U2E: { kind: 'NOTE', hundredths: 1725 } });
    expect(decodeGrades((await packed())[4]!)).toEqual({ U1: { kind: 'ABS' } });
    // the last grade of a candidate deleted: no packed row left
    await sql`DELETE FROM grade WHERE candidate_id = 4`.execute(h.db);
    expect((await packed())[4]).toBeUndefined();
    await sql`DELETE FROM grade WHERE candidate_id IN (1, 3)`.execute(h.db);
    expect(await packed()).toEqual(await fromGrades());
    expect(Object.keys(await packed())).toEqual(['2']);
  });

  it('a bulk writer suspends the packing for its transaction and rebuilds it before the commit', async () => {
    await h.db.transaction().execute(async (trx) => {
      await withGradePackingSuspended(trx, dialect, async () => {
        await grades(trx, 5, { U1: 1111, U2E: 1234 });
        await sql`UPDATE grade SET hundredths = 1500 WHERE candidate_id = 2`.execute(trx);
        await sql`DELETE FROM grade WHERE candidate_id = 2`.execute(trx);
        await grades(trx, 2, { U3: 'DI' });
        // nothing repacked meanwhile
        expect(Object.keys(Object.fromEntries((await trx.selectFrom('candidate_grades').select(['candidate_id']).execute()).map((r) => [r.candidate_id, 1])))).toEqual(['2']);
        expect((await trx.selectFrom('candidate_grades').select('packed').where('candidate_id', '=', 2).executeTakeFirstOrThrow()).packed).toBe(`U1\x1f1001`);
      });
    });
    expect(await packed()).toEqual(await fromGrades());
    expect(decodeGrades((await packed())[2]!)).toEqual({ U3: { kind: 'DI' } });
    // the triggers work again after the commit
    expect(await triggers()).toEqual(dialect === 'sqlite' ? ['grade_pack_delete', 'grade_pack_insert', 'grade_pack_update'] : ['grade_pack']);
    await grades(h.db, 6, { U5: 1300 });
    expect(decodeGrades((await packed())[6]!)).toEqual({ U5: { kind: 'NOTE', hundredths: 1300 } });
  });

  it('a bulk writer that fails leaves the triggers and the packed rows as they were (rolled back)', async () => {
    const before = await packed();
    await expect(h.db.transaction().execute(async (trx) => {
      await suspendGradePacking(trx, dialect);
      await grades(trx, 1, { U1: 100 });
      throw new Error('import refusé');
    })).rejects.toThrow('import refusé');
    expect(await packed()).toEqual(before);
    expect(await triggers()).toEqual(dialect === 'sqlite' ? ['grade_pack_delete', 'grade_pack_insert', 'grade_pack_update'] : ['grade_pack']);
    await grades(h.db, 1, { U1: 100 });
    expect(await packed()).toEqual(await fromGrades());
  });

  if (dialect === 'sqlite') {
    it('the triggers stored in the schema need no recent SQLite: an older sqlite3 tool still opens the file', async () => {
      const stored = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'trigger'`.execute(h.db)).rows.map((r) => r.sql).join('\n');
      expect(stored).toMatch(/group_concat/);
      expect(stored).not.toMatch(/string_agg/); // SQLite 3.44+ only: Debian 12's sqlite3 (3.40) could not parse the schema
      const tool = spawnSync('sqlite3', [h.sqlite!.name, 'SELECT count(*) FROM candidate_grades'], { encoding: 'utf8' });
      if (tool.error) return; // no sqlite3 tool on this machine
      expect(tool.stderr).toBe('');
      expect(Number(tool.stdout.trim())).toBe(Object.keys(await packed()).length);
    });
  }

  if (dialect === 'postgres') {
    it('two transactions changing grades of one candidate at once: the packed row has both changes', async () => {
      await grades(h.db, 4, { U1: 1000, U2E: 1000 });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let firstWrote!: () => void;
      const wrote = new Promise<void>((r) => (firstWrote = r));
      const first = h.db.transaction().execute(async (trx) => {
        await sql`UPDATE grade SET hundredths = 1500 WHERE candidate_id = 4 AND epreuve_code = 'U1'`.execute(trx);
        firstWrote();
        await held;
      });
      await wrote;
      // the second waits for the first's lock on the candidate, then aggregates what it committed
      const second = h.db.transaction().execute(async (trx) => {
        await sql`UPDATE grade SET hundredths = 1700 WHERE candidate_id = 4 AND epreuve_code = 'U2E'`.execute(trx);
      });
      await new Promise((r) => setTimeout(r, 200));
      release();
      await Promise.all([first, second]);
      expect(decodeGrades((await packed())[4]!)).toEqual({ U1: { kind: 'NOTE', hundredths: 1500 }, U2E: { kind: 'NOTE', hundredths: 1700 } });
    });
  }
});
