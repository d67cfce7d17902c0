import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { appendJournal } from '../../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';

const chef = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre' };
const aca = { login: 'academie', name: 'Service des examens', role: 'academie' };

describeEachDialect('journal API', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let academie: Session, centre: Session, jury: Session;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    const entries = [];
    for (let i = 0; i < 60; i++) {
      entries.push({ at: new Date(Date.UTC(2023, 5, 6, 10, i)), actor: chef, action: 'JURY_TRANSITION', juryCode: '31311', subject: 'jury:31311', before: { etat: '130' }, after: { etat: '140' } });
    }
    entries.push({ at: new Date('2023-06-07T09:00:00Z'), actor: aca, action: 'JURY_ETAT_EXCEPTIONNEL', juryCode: '31310', subject: 'jury:31310', before: { etat: '130' }, after: { etat: '110' }, reason: 'Réouverture demandée' });
    entries.push({ at: new Date('2023-06-07T10:00:00Z'), actor: aca, action: 'IMPORT_SESSION', subject: 'session', after: { candidats: 2 } });
    entries.push({ at: new Date('2023-06-08T10:00:00Z'), actor: aca, action: 'JURY_ACCES_SECOURS', juryCode: '31408', subject: 'jury:31408', before: { emergencyEnabled: false }, after: { emergencyEnabled: true } });
    await appendJournal(h.db, entries);
    app = await testApp(h);
    [academie, centre, jury] = await Promise.all([login(app, 'academie'), login(app, 'centre-0250001R'), login(app, 'jury-31310')]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('pages the whole journal for the académie, newest first, with French labels', async () => {
    const res = await call(app, academie, 'GET', '/api/journal');
    const body = res.json();
    expect(body.total).toBe(63);
    expect(body.pageSize).toBe(50);
    expect(body.items).toHaveLength(50);
    expect(body.items[0].id).toBeGreaterThan(body.items[1].id);
    expect(body.items[0]).toMatchObject({ seq: 1, actionLabel: 'Accès de secours du jury', before: 'accès de secours : non', after: 'accès de secours : oui', juryCode: '31408' });
    const p2 = (await call(app, academie, 'GET', '/api/journal?page=2')).json();
    expect(p2.items).toHaveLength(13);
    expect(p2.page).toBe(2);
  });

  it('filters by jury, action, actor and dates', async () => {
    const ex = (await call(app, academie, 'GET', '/api/journal?action=JURY_ETAT_EXCEPTIONNEL')).json();
    expect(ex.items).toEqual([expect.objectContaining({
      juryCode: '31310', actorName: 'Service des examens', actorRole: 'academie', reason: 'Réouverture demandée',
      before: '130 - Editions après la délibération du 1er groupe', after: '110 - Délibération du 1er groupe',
      actionLabel: "Changement d'état exceptionnel (Gérer l'avancement des jurys)",
    })]);
    expect((await call(app, academie, 'GET', '/api/journal?jury=31311')).json().total).toBe(60);
    expect((await call(app, academie, 'GET', '/api/journal?actor=academie')).json().total).toBe(3);
    expect((await call(app, academie, 'GET', '/api/journal?from=2023-06-07&to=2023-06-07')).json().total).toBe(2);
    const bad = await call(app, academie, 'GET', '/api/journal?from=07/06/2023');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('AAAA-MM-JJ');
  });

  it('keeps a centre to its juries and a jury to itself (no entry without a jury)', async () => {
    const c = (await call(app, centre, 'GET', '/api/journal')).json();
    expect(c.total).toBe(61);
    expect(new Set(c.items.map((e: { juryCode: string }) => e.juryCode))).toEqual(new Set(['31311', '31310']));
    const j = (await call(app, jury, 'GET', '/api/journal')).json();
    expect(j.total).toBe(1);
    expect(j.items[0].juryCode).toBe('31310');
    expect((await call(app, jury, 'GET', '/api/journal?jury=31408')).statusCode).toBe(404);
  });
});
