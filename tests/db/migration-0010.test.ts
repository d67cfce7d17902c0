// Migration 0010 (ADR 0012) on both databases: a database written under ADR 0006 (first entry in
// controle_grade, second in controle_grade_second) becomes typed entries plus values in force, and a
// first entry that was not confirmed no longer counts for a jury at 200.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DbHandle } from '../../src/db/connect.js';
import * as m0010 from '../../src/db/migrations/0010-double-entry-blind.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { controleChoice, controleGrade } from '../support/factories.js';
import { secondGroupWorld, type World } from '../features/second-group/world.js';

describeEachDialect('migration 0010: blind double entry', (dialect) => {
  let h: DbHandle;
  let w: World;
  let raw: Kysely<unknown>;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    raw = h.db as unknown as Kysely<unknown>;
    await controleChoice(h.db, w.j200.a, 'U1', 'U2');
    await controleChoice(h.db, w.j200.b, 'U2', 'U3');
    await controleChoice(h.db, w.other, 'U1', 'U2');
    await h.db.updateTable('jury').set({ etat: '210' }).where('code', '=', '40300').execute();
    await m0010.down(raw);
  });
  afterAll(async () => {
    await h.close();
  });

  it('moves the entries apart and keeps in force only what was confirmed (or already deliberated)', async () => {
    for (const [jury, unit] of [['40200', 'U1'], ['40200', 'U2'], ['40300', 'U1']] as const) {
      await h.db.insertInto('controle_double_entry').values({ jury_code: jury, epreuve_code: unit, enabled_at: '2023-07-01T08:00:00.000Z', enabled_by: 'x' }).execute();
    }
    await controleGrade(h.db, w.j200.a, 'U1', 1100); // second entry 13: mismatch
    await controleGrade(h.db, w.j200.a, 'U2', 'ABS'); // second entry ABS: agreed
    await controleGrade(h.db, w.j200.b, 'U2', 1200); // no second entry yet
    await controleGrade(h.db, w.j200.b, 'U3', 900); // no double entry on U3
    await controleGrade(h.db, w.other, 'U1', 1000); // jury at 210: already deliberated
    const second = (candidateId: number, unit: string, kind: string, hundredths: number | null) =>
      sql`INSERT INTO controle_grade_second (candidate_id, epreuve_code, kind, hundredths, version, entered_at, entered_by, entered_by_login)
        VALUES (${candidateId}, ${unit}, ${kind}, ${hundredths}, 1, '2023-07-01T09:00:00.000Z', 'Adjoint', 'adjoint')`.execute(raw);
    await second(w.j200.a, 'U1', 'NOTE', 1300);
    await second(w.j200.a, 'U2', 'ABS', null);

    await m0010.up(raw);

    const inForce = await h.db.selectFrom('controle_grade').select(['candidate_id', 'epreuve_code', 'kind', 'hundredths']).orderBy('candidate_id').orderBy('epreuve_code').execute();
    expect(inForce.map((r) => `${r.candidate_id}:${r.epreuve_code}:${r.kind}:${r.hundredths ?? ''}`)).toEqual([
      `${w.j200.a}:U2:ABS:`, `${w.j200.b}:U3:NOTE:900`, `${w.other}:U1:NOTE:1000`,
    ].sort((x, y) => Number(x.split(':')[0]) - Number(y.split(':')[0]) || x.localeCompare(y)));
    const entries = await h.db.selectFrom('controle_grade_entry').select(['candidate_id', 'epreuve_code', 'entry', 'kind', 'hundredths', 'entered_by_login'])
      .orderBy('candidate_id').orderBy('epreuve_code').orderBy('entry').execute();
    expect(entries.map((r) => `${r.candidate_id}:${r.epreuve_code}:${r.entry}:${r.hundredths ?? r.kind}:${r.entered_by_login ?? ''}`)).toEqual([
      `${w.j200.a}:U1:1:1100:`, `${w.j200.a}:U1:2:1300:adjoint`, `${w.j200.a}:U2:1:ABS:`, `${w.j200.a}:U2:2:ABS:adjoint`,
      `${w.j200.b}:U2:1:1200:`, `${w.other}:U1:1:1000:`,
    ].sort((x, y) => Number(x.split(':')[0]) - Number(y.split(':')[0]) || x.localeCompare(y)));
    await expect(sql`SELECT 1 FROM controle_grade_second`.execute(raw)).rejects.toThrow();
  });
});
