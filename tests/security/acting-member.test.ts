// A jury account changes nothing until it says who deliberates (président or vice-président): the
// member's name signs every change in the journal (issue #8 §2, SPEC §1). The rule holds on EVERY
// state-changing route of the matrix (tests/security/cases.ts, itself checked against Fastify's route
// tree), not only in the jury portal: the Vue détaillée's /api/juries/:code/transitions, the bulk
// route, the portal's close, grade changes and identity reveals. Control: the same calls with a member
// named do change the database (so the check below can fail).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { createBackup } from '../../src/features/backup/create-backup.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { EPHEMERAL_TABLES } from '../../src/features/backup/format.js';
import { restoreBackup } from '../../src/features/backup/restore-backup.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { login, testApp, type Session } from '../server/helpers.js';
import { CASES, send } from './cases.js';
import { securityWorld, type World } from './world.js';

const JURIES = ['jury-31310', 'jury-31408'] as const;
/** Routes whose success only concerns the caller's own session (no exam data). */
const SESSION_ONLY = ['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/auth/acting-member', 'POST /api/deliberation/emergency-login'];
const ACTING = /indiquez d’abord qui délibère/i;

describeEachDialect('security: a jury account without an acting member changes nothing', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let w: World;
  let snapshot: string;
  beforeAll(async () => {
    h = await freshDb(dialect);
    w = await securityWorld(h);
    snapshot = join(mkdtempSync(join(tmpdir(), 'delib-acting-')), 'monde.zip');
    await createBackup(h, snapshot);
    app = await testApp(h);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const digest = () => databaseDigest(h.db, { exclude: EPHEMERAL_TABLES });
  const changing = CASES.filter((c) => !c.route.startsWith('GET ') && !SESSION_ONLY.includes(c.route));

  it('every state-changing route of the matrix, called by both jury accounts with nobody named, leaves the database as it was', async () => {
    expect(changing.length).toBeGreaterThan(15);
    const before = await digest();
    const refusedForActing: string[] = [];
    for (const who of JURIES) {
      const s: Session = await login(app, who); // a fresh session: no acting member yet
      const calls: string[] = [];
      for (const c of changing) {
        const res = await send(app, s, c, w);
        expect(res.statusCode, `${who} ${c.route} (${c.name}): never a 500`).toBeLessThan(500);
        calls.push(`${res.statusCode} ${c.route} (${c.name})`);
        if (res.statusCode === 403 && ACTING.test(String(res.json().message))) refusedForActing.push(`${who} ${c.route}`);
      }
      expect(calls.filter((x) => x.startsWith('2')), `${who}: calls that succeeded`).toEqual([]);
      expect(await digest(), `${who} changed the database:\n${calls.join('\n')}`).toBe(before);
    }
    // the refusals come from the acting-member rule itself (not from a state or role check)
    expect(refusedForActing).toEqual(expect.arrayContaining([
      'jury-31310 POST /api/juries/:code/transitions',
      'jury-31310 POST /api/deliberation/juries/:code/close',
      'jury-31310 POST /api/deliberation/candidates/:id/grade-changes',
      'jury-31310 POST /api/deliberation/candidates/:id/identity',
    ]));
  });

  it('control: with the président named, the same closing on /transitions changes the state and journals his name', async () => {
    const s = await login(app, 'jury-31310');
    const me = await app.inject({ method: 'POST', url: '/api/auth/acting-member', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { member: 'president' } });
    expect(me.statusCode).toBe(200);
    const before = await digest();
    const close = CASES.find((c) => c.route === 'POST /api/juries/:code/transitions' && c.name.startsWith('Clôturer 31310'))!;
    const res = await send(app, s, close, w);
    expect(res.statusCode, res.body).toBe(200);
    expect(await digest()).not.toBe(before);
    const entry = await h.db.selectFrom('journal').select(['action', 'actor_name']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.action).toBe('JURY_TRANSITION');
    expect(entry.actor_name).toBe(me.json().user.actingMember.name);
    await restoreBackup(h, snapshot, { replace: true });
  });
});
