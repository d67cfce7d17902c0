import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { loadScheduleLookup } from '../../../src/features/second-group/convocation-data.js';
import { SHARED_EPREUVE } from '../../../src/features/second-group/schedule.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleChoice } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { secondGroupWorld, type World } from './world.js';

interface Row { centreEpreuveUai: string; specialiteCode: string; epreuveCode: string; candidats: number; date: string; heure: string; salle: string; version: number; updatedBy: string | null }

describeEachDialect("2nd group: dates of the centre d'épreuve", (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let epreuve: Session, centre: Session, aca: Session;

  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await secondGroupWorld(h.db);
    await controleChoice(h.db, w.j200.b, 'U2', 'U3');
    app = await testApp(h);
    [epreuve, centre, aca] = await Promise.all([login(app, 'epreuve-0250013D'), login(app, 'centre-0250001R'), login(app, 'academie')]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const rows = async (s: Session) => {
    const res = await call(app, s, 'GET', '/api/second-group/schedule');
    expect(res.statusCode).toBe(200);
    return res.json().rows as Row[];
  };
  const save = (s: Session, list: Partial<Row & { expectedVersion: number }>[]) =>
    call(app, s, 'POST', '/api/second-group/schedule', {
      rows: list.map((r) => ({ centreEpreuveUai: '0250013D', specialiteCode: '40000', epreuveCode: 'U2', date: '', heure: '', salle: '', expectedVersion: 0, ...r })),
    });

  it('lists each contrôle épreuve of the spécialités it hosts, with the number of candidates who chose it', async () => {
    const r = await rows(epreuve);
    expect(r.map((x) => `${x.centreEpreuveUai} ${x.specialiteCode} ${x.epreuveCode} ${x.candidats}`)).toEqual(['0250013D 40000 U1 0', '0250013D 40000 U2 1', '0250013D 40000 U3 1']);
    expect(r[0]).toMatchObject({ date: '', heure: '', salle: '', version: 0 });
    expect((await rows(aca)).map((x) => x.centreEpreuveUai)).toContain('0250001R');
  });

  it('saves date, time and room per row (journaled), refuses invalid ones in French, detects conflicts', async () => {
    const res = await save(epreuve, [
      { epreuveCode: 'U2', date: '2023-07-03', heure: '9h30', salle: 'B12' },
      { epreuveCode: 'U3', date: '31/02/2023', heure: '25:00' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const [ok, bad] = res.json().results as { status: string; message: string; row: Row }[];
    expect(ok).toMatchObject({ status: 'saved', row: { date: '2023-07-03', heure: '09:30', salle: 'B12', version: 1, updatedBy: 'epreuve-0250013D' } });
    expect(bad!.status).toBe('error');
    expect(bad!.message).toBe('La date « 31/02/2023 » n’existe pas. Heure « 25:00 » invalide : format hh:mm attendu (ex. 09:30).');
    expect((await listJournal(h.db, { action: 'DATES_CONTROLE_SAISIES' })).rows).toHaveLength(1);
    const stale = (await save(aca, [{ epreuveCode: 'U2', date: '2023-07-04', heure: '10:00', salle: 'C1', expectedVersion: 0 }])).json().results[0];
    expect(stale).toMatchObject({ status: 'conflict', row: { date: '2023-07-03' } });
    expect(stale.message).toContain('par epreuve-0250013D');
    // an épreuve that has no candidate here, another centre: refused
    expect((await save(epreuve, [{ epreuveCode: 'U5', date: '2023-07-03' }])).json().results[0].status).toBe('error');
    expect((await save(epreuve, [{ centreEpreuveUai: '0250001R', epreuveCode: 'U2' }])).statusCode).toBe(404);
  });

  it('the centre de délibération dates its own candidates\' épreuves (issue #14 item 3), not those of another centre\'s candidates', async () => {
    const other = await login(app, 'centre-0390007W');
    const key = (x: Row) => `${x.centreEpreuveUai} ${x.specialiteCode} ${x.epreuveCode}`;
    // its candidates sit in 0250001R and 0250013D; those of centre 0390007W (HOTEL) in 0250001R only
    const mine = (await rows(centre)).map(key);
    expect(mine).toContain('0250013D 40000 U3');
    expect(mine).toContain('0250001R 40000 U2');
    const theirs = (await rows(other)).map(key);
    expect(theirs).toContain('0250001R 40000 U2');
    expect(theirs.filter((k) => k.startsWith('0250013D'))).toEqual([]);

    const journal = (await listJournal(h.db, { action: 'DATES_CONTROLE_SAISIES' })).rows.length;
    const saved = (await save(centre, [{ epreuveCode: 'U3', date: '04/07/2023', heure: '14:00', salle: 'Salle 3' }])).json().results[0];
    expect(saved).toMatchObject({ status: 'saved', row: { centreEpreuveUai: '0250013D', epreuveCode: 'U3', date: '2023-07-04', heure: '14:00', salle: 'Salle 3', updatedBy: 'centre-0250001R' } });
    expect((await listJournal(h.db, { action: 'DATES_CONTROLE_SAISIES' })).rows).toHaveLength(journal + 1);
    expect((await loadScheduleLookup(h.db))('0250013D', '40000', 'U3')).toEqual({ date: '04/07/2023', heure: '14:00', salle: 'Salle 3' });

    const before = await h.db.selectFrom('controle_schedule').selectAll().execute();
    // an épreuve that candidates of centre 0390007W also sit: dated by its centre d'épreuve or the académie
    for (const who of [centre, other]) {
      const shared = (await save(who, [{ centreEpreuveUai: '0250001R', epreuveCode: 'U2', date: '05/07/2023', heure: '08:00' }])).json().results[0];
      expect(shared).toMatchObject({ status: 'error', message: SHARED_EPREUVE });
    }
    // the épreuves of another centre's candidates only: as if they did not exist
    const foreign = (await save(other, [{ epreuveCode: 'U3', date: '05/07/2023', expectedVersion: 1 }])).json().results[0];
    const unknown = (await save(other, [{ epreuveCode: 'U9', date: '05/07/2023', expectedVersion: 1 }])).json().results[0];
    expect(foreign.status).toBe('error');
    expect(foreign.message).toBe(unknown.message);
    expect(foreign.row).toBeNull();
    expect(await h.db.selectFrom('controle_schedule').selectAll().execute()).toEqual(before);
    // the académie still may
    expect((await save(aca, [{ centreEpreuveUai: '0250001R', epreuveCode: 'U2', date: '05/07/2023', heure: '08:00' }])).json().results[0].status).toBe('saved');
  });

  it('gives the editions and the grade grid the convocation of each épreuve', async () => {
    const lookup = await loadScheduleLookup(h.db);
    expect(lookup('0250013D', '40000', 'U2')).toEqual({ date: '03/07/2023', heure: '09:30', salle: 'B12' });
    expect(lookup('0250013D', '40000', 'U1')).toBeUndefined();
    const grid = (await call(app, epreuve, 'GET', '/api/second-group/grades')).json().rows as { epreuveCode: string; convocation: string }[];
    expect(grid.find((g) => g.epreuveCode === 'U2')!.convocation).toBe('03/07/2023 09:30 - salle B12');
  });
});
