// "Graphiques du jury" through the HTTP API (issue #16, point 2), on SQLite and PostgreSQL: the jury's
// averages by band against all the juries of its spécialité (another centre's included, as aggregates),
// the spread of each unit, the decisions; and the same jury part computed offline from its bundle.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import type { DbHandle } from '../../../src/db/connect.js';
import { offlineCharts } from '../../../src/features/aids/present-charts.js';
import type { OfflineBundle } from '../../../src/features/deliberation/offline-views.js';
import { buildApp } from '../../../src/server/app.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { allMemoGrades, candidate, GOLDEN_GRADES, grades, jury, standardWorld } from '../../support/factories.js';
import { call, login, TestClock, type Session } from '../../server/helpers.js';

describeEachDialect('graphiques du jury (API)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let president: Session, centre: Session, otherCentre: Session;
  const charts = (s: Session, code: string) => call(app, s, 'GET', `/api/aides/juries/${code}/graphiques`);

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    await grades(h.db, await candidate(h.db, { jury: '31310', nom: 'AZBTSUN' }), GOLDEN_GRADES); // 9,95 → CONTROLE
    await grades(h.db, await candidate(h.db, { jury: '31310', nom: 'A' }), allMemoGrades(1200)); // 12 → ADMIS
    await grades(h.db, await candidate(h.db, { jury: '31310', nom: 'B' }), { U1: 1100 }); // INCOMPLET
    // the same spécialité at another centre: 7,00 and 15,00
    await jury(h.db, '31399', { specialite: '31310', centre: '0390007W', etat: '000' });
    await grades(h.db, await candidate(h.db, { jury: '31399', nom: 'C' }), allMemoGrades(700));
    await grades(h.db, await candidate(h.db, { jury: '31399', nom: 'D' }), allMemoGrades(1500));
    app = await buildApp({ handle: h, now: new TestClock().now, webDist: '/nonexistent-web-dist', logStream: new Writable({ write(_c, _e, done) { done(); } }) });
    await app.ready();
    [president, centre, otherCentre] = await Promise.all([login(app, 'jury-31310'), login(app, 'centre-0250001R'), login(app, 'centre-0390007W')]);
    expect((await call(app, president, 'POST', '/api/auth/acting-member', { member: 'president' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('gives the averages by band, jury against spécialité, with the 8 and 10 thresholds', async () => {
    const res = await charts(president, '31310');
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.specialite).toEqual({ code: '31310', libelle: 'Banque - conseiller de clientèle', juries: 3, candidates: 5 });
    expect(c.candidates).toBe(3);
    expect(c.thresholds.map((t: { value: number }) => t.value)).toEqual([8, 10]);
    const band = (k: number) => c.histogram[k];
    // jury: 9,95 in [9 ; 10[, 12 in [12 ; 13[ (the incomplete candidate has no average): 50 % each
    expect(band(9)).toMatchObject({ label: '[9 ; 10[', jury: 1, juryPercent: 50, specialite: 1, specialitePercent: 25 });
    expect(band(12)).toMatchObject({ jury: 1, specialite: 1 });
    expect(band(7)).toMatchObject({ jury: 0, specialite: 1 });
    expect(band(15)).toMatchObject({ jury: 0, specialite: 1 });
    expect(band(19).label).toBe('[19 ; 20]');
    expect(c.decisions).toEqual({ jury: { ADMIS: 1, CONTROLE: 1, REFUSE: 0, INCOMPLET: 1 }, specialite: { ADMIS: 2, CONTROLE: 1, REFUSE: 1, INCOMPLET: 1 } });
    // U1: jury 9, 12, 11 → min 9, median 11, max 12; spécialité adds 7 and 15
    const u1 = c.epreuves.find((e: { code: string }) => e.code === 'U1');
    expect(u1.jury).toEqual({ n: 3, min: 900, q1: 900, median: 1100, q3: 1200, max: 1200, mean: '10,66' });
    expect(u1.specialite).toMatchObject({ n: 5, min: 700, median: 1100, max: 1500 });
    expect(res.body).not.toMatch(/AZBTSUN/);
  });

  it('is for whoever may read the jury’s grades', async () => {
    expect((await charts(centre, '31310')).statusCode).toBe(200);
    expect((await charts(otherCentre, '31310')).statusCode).toBe(404);
  });

  it('offline: the jury’s own part from its bundle, without the spécialité', async () => {
    const bundle = (await call(app, president, 'GET', '/api/deliberation/juries/31310/offline-bundle')).json() as OfflineBundle;
    const online = (await charts(president, '31310')).json();
    const offline = offlineCharts(bundle);
    expect(offline.specialite).toBeNull();
    expect(offline.histogram.map((b) => b.jury)).toEqual(online.histogram.map((b: { jury: number }) => b.jury));
    expect(offline.decisions.jury).toEqual(online.decisions.jury);
    expect(offline.epreuves.map((e) => e.jury)).toEqual(online.epreuves.map((e: { jury: unknown }) => e.jury));
  });
});
