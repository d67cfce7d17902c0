import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listJournal } from '../../../src/db/repositories/journal.js';
import { loadScheduleLookup } from '../../../src/features/second-group/convocation-data.js';
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
    expect((await call(app, centre, 'GET', '/api/second-group/schedule')).statusCode).toBe(403);
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
    expect((await save(centre, [{ epreuveCode: 'U2' }])).statusCode).toBe(403);
  });

  it('gives the editions and the grade grid the convocation of each épreuve', async () => {
    const lookup = await loadScheduleLookup(h.db);
    expect(lookup('0250013D', '40000', 'U2')).toEqual({ date: '03/07/2023', heure: '09:30', salle: 'B12' });
    expect(lookup('0250013D', '40000', 'U1')).toBeUndefined();
    const grid = (await call(app, epreuve, 'GET', '/api/second-group/grades')).json().rows as { epreuveCode: string; convocation: string }[];
    expect(grid.find((g) => g.epreuveCode === 'U2')!.convocation).toBe('03/07/2023 09:30 - salle B12');
  });
});
