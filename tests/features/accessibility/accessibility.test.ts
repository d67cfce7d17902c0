// The accessibility statement's contact (issue #14, item 15): public, the service des examens of the session.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld } from '../../support/factories.js';
import { testApp } from '../../server/helpers.js';

describeEachDialect('GET /api/accessibility', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    h = await freshDb(dialect);
    app = await testApp(h);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('answers without an account: no session yet, then the service des examens of the imported session', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/accessibility' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ service: null });
    await standardWorld(h.db);
    const after = await app.inject({ method: 'GET', url: '/api/accessibility' });
    expect(after.json()).toEqual({
      service: { libelle: 'Rectorat de Besançon', adresse: '1 rue des champs 25000 BESANCON', mail: 'ce.dec@ac-besancon.fr', telephone: '', academie: 'ACADEMIE DE BESANCON' },
    });
  });
});
