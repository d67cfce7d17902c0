// "Mémoriser ces résultats" (PUT /api/editions/preferences/:key): only the keys of the edition
// screens, at most 20 kB each, one row per user and screen — what a user can store is bounded, whatever
// keys or sizes he sends (issue #8 §2: no unbounded storage through a user-chosen key).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { MAX_PREFERENCE_BYTES, PREFERENCE_KEYS } from '../../../src/features/editions/request-edition.js';
import { EDITION_SCREEN_CONFIGS } from '../../../web/src/features/editions/config.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';

it('the accepted keys are exactly the edition screens of the web application', () => {
  expect([...PREFERENCE_KEYS].sort()).toEqual(EDITION_SCREEN_CONFIGS.map((c) => c.id).sort());
});

describeEachDialect('editions: memorised parameters are bounded', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let centre: Session;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    app = await testApp(h);
    centre = await login(app, 'centre-0250001R');
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const rows = async () => h.db.selectFrom('edition_preference').select(['edition', 'params_json']).where('user_login', '=', 'centre-0250001R').execute();

  it('refuses a key that is not an edition screen (French 400), and stores nothing', async () => {
    const params = { title: 'x' };
    for (const key of ['rln', 'plan-secours', 'autre-chose', 'a'.repeat(60), 'pv-tenue-3', 'listes-candidats-', 'x1', '..%2Fx', 'LISTES-CANDIDATS']) {
      const put = await call(app, centre, 'PUT', `/api/editions/preferences/${key}`, { params });
      expect(put.statusCode, key).toBe(400);
      expect(put.json().message, key).toMatch(/Paramètres inconnus : cet écran d'édition n'existe pas\./);
      expect((await call(app, centre, 'GET', `/api/editions/preferences/${key}`)).statusCode, key).toBe(400);
    }
    expect(await rows()).toEqual([]);
  });

  it('hundreds of distinct keys and repeated saves never grow storage beyond one row of 20 kB per screen', async () => {
    const big = { title: 'é'.repeat(Math.floor((MAX_PREFERENCE_BYTES - 40) / 2)) }; // multi-byte: counted in bytes
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThanOrEqual(MAX_PREFERENCE_BYTES);
    for (let i = 0; i < 200; i++) {
      const res = await call(app, centre, 'PUT', `/api/editions/preferences/ecran-${i}`, { params: big });
      expect(res.statusCode).toBe(400);
    }
    for (let round = 0; round < 2; round++) {
      for (const key of PREFERENCE_KEYS) {
        expect((await call(app, centre, 'PUT', `/api/editions/preferences/${key}`, { params: { ...big, round } })).statusCode, key).toBe(200);
      }
    }
    const stored = await rows();
    expect(stored.map((r) => r.edition).sort()).toEqual([...PREFERENCE_KEYS].sort());
    const total = stored.reduce((n, r) => n + Buffer.byteLength(r.params_json), 0);
    expect(total).toBeLessThanOrEqual(PREFERENCE_KEYS.length * MAX_PREFERENCE_BYTES);
    expect(JSON.parse(stored[0]!.params_json).round).toBe(1);
  });

  it('keeps the size cap in bytes: 20 kB of multi-byte text over the cap is refused and the saved value kept', async () => {
    const before = (await call(app, centre, 'GET', '/api/editions/preferences/statistiques')).json();
    const over = { title: '€'.repeat(Math.ceil(MAX_PREFERENCE_BYTES / 3) + 10) }; // fewer characters than the cap, more bytes
    expect(JSON.stringify(over).length).toBeLessThan(MAX_PREFERENCE_BYTES);
    const res = await call(app, centre, 'PUT', '/api/editions/preferences/statistiques', { params: over });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Paramètres trop volumineux pour être mémorisés.');
    expect((await call(app, centre, 'GET', '/api/editions/preferences/statistiques')).json()).toEqual(before);
  });
});
