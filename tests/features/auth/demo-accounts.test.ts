import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { listUsers } from '../../../src/db/repositories/users.js';
import { createDemoAccounts } from '../../../src/features/auth/demo-accounts.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { login, testApp } from '../../server/helpers.js';

describeEachDialect('demo accounts', (dialect) => {
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

  it('creates one account per role and scope, idempotently, with documented passwords of ≥ 12 characters', async () => {
    const first = await createDemoAccounts(h.db);
    const again = await createDemoAccounts(h.db);
    expect(again).toEqual(first);
    expect(first.map((a) => a.login)).toEqual([
      'academie', 'centre-0250001R', 'centre-0390007W', 'jury-20112', 'jury-22207', 'jury-25302', 'jury-31310', 'jury-31408', 'jury-20113', 'epreuve-0250013D',
    ]);
    expect(first.every((a) => a.password.length >= 12)).toBe(true);
    expect((await listUsers(h.db)).length).toBe(10);
    const centre = first.find((a) => a.role === 'centre')!;
    expect((await login(app, centre.login, centre.password)).cookie).toMatch(/^delib_sid=/);
  });
});
