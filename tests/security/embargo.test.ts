// Publication embargo (issue #8 §2, SPEC §1/§5): nothing of a jury's results is reachable below
// state 130 — no result list, PV or relevé de notes, in any format, through the screens' routes, the
// background jobs or the command line, for any role; and a centre d'épreuve never sees the grades
// or proposed decisions of the 1st group on the jury portal. Juries at 000, 105 and 110 are tried.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { editionGroups } from '../../src/domain/activities.js';
import { EDITIONS } from '../../src/features/editions/catalog.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { GOLDEN_GRADES, allMemoGrades, candidate, grades, jury } from '../support/factories.js';
import { testApp, type Session } from '../server/helpers.js';
import { runDelib } from './support.js';
import { loginAll, securityWorld, WHO, type Who } from './world.js';

/** The editions that carry results (decisions, averages or final grades). */
const RESULT_EDITIONS = ['resultats-admis', 'resultats-controle', 'resultats-non-admis', 'resultats-centre-epreuve', 'pv-tenue', 'rln'] as const;
const EMBARGOED = ['31320', '31321', '31310']; // 000, 105, 110

describeEachDialect('security: publication embargo below state 130', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let s: Map<Who, Session | null>;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await securityWorld(h);
    await jury(h.db, '31320', { specialite: '31310', centre: '0250001R', etat: '000' });
    await jury(h.db, '31321', { specialite: '31310', centre: '0250001R', etat: '105' });
    await grades(h.db, await candidate(h.db, { id: 120, jury: '31320', centreEpreuve: '0250013D', nom: 'EMBARGO' }), allMemoGrades(1500));
    await grades(h.db, await candidate(h.db, { id: 121, jury: '31321', centreEpreuve: '0250013D', nom: 'EMBARGO' }), GOLDEN_GRADES);
    app = await testApp(h);
    s = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('no result edition of an embargoed jury, in any format, through documents or jobs, for anyone', async () => {
    let tries = 0;
    for (const kind of RESULT_EDITIONS) {
      const info = EDITIONS[kind];
      for (const group of editionGroups(kind)) {
        for (const format of info.formats) {
          for (const code of EMBARGOED) {
            for (const who of WHO) {
              const sess = s.get(who) ?? null;
              const headers = sess ? { cookie: sess.cookie, 'x-csrf-token': sess.csrf } : {};
              const body = {
                juries: [code], group, title: 'Résultats', format, confirmed: true, list: 'admis',
                ...(kind === 'rln' ? { rln: { signatureLieu: 'Besançon', signatureDate: '06/07/2023' } } : {}),
              };
              for (const mode of info.job ? ['jobs', 'documents'] : ['documents']) {
                const res = await app.inject({ method: 'POST', url: `/api/editions/${kind}/${mode}`, headers, payload: body });
                tries++;
                expect(res.statusCode, `${who} ${kind} g${group} ${format} ${code} (${mode}): ${res.body.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
                expect(res.statusCode).toBeLessThan(500);
                expect(res.body).not.toMatch(/EMBARGO|ZORGLUB|FANTOMAS/);
              }
            }
          }
        }
      }
    }
    expect(tries).toBeGreaterThan(300);
    const jobs = await h.db.selectFrom('job').select('kind').where('kind', 'not like', 'plan%').execute();
    expect(jobs).toEqual([]);
  });

  it('the edition screens list embargoed juries as not selectable, with the reason', async () => {
    for (const kind of RESULT_EDITIONS) {
      const res = await app.inject({ method: 'GET', url: `/api/editions/${kind}/juries`, headers: { cookie: s.get('centre-0250001R')!.cookie } });
      expect(res.statusCode).toBe(200);
      for (const j of res.json().juries as { code: string; selectable: boolean; reason: string | null }[]) {
        if (EMBARGOED.includes(j.code)) {
          expect(j.selectable, `${kind} ${j.code}`).toBe(false);
          expect(j.reason).toMatch(/état/i);
        }
      }
    }
  });

  it('the centre d\'épreuve never reads 1st-group grades or proposed decisions on the jury portal', async () => {
    const ep = s.get('epreuve-0250013D')!;
    for (const code of [...EMBARGOED, '31311']) {
      for (const suffix of ['/candidates', '/statistics']) {
        const res = await app.inject({ method: 'GET', url: `/api/deliberation/juries/${code}${suffix}`, headers: { cookie: ep.cookie } });
        expect(res.statusCode, `${code}${suffix}`).toBe(403);
      }
    }
    for (const id of [120, 121, 101, 102]) {
      const res = await app.inject({ method: 'GET', url: `/api/deliberation/candidates/${id}/pvi`, headers: { cookie: ep.cookie } });
      expect(res.statusCode, String(id)).toBe(403);
    }
  });

  it('a jury account reads nothing of its jury before the grade-modification phase (000)', async () => {
    const acad = s.get('academie')!;
    await h.db.insertInto('app_user').values({
      login: 'jury-31320', display_name: 'Jury 31320', role: 'jury', scope: '31320', active: 1, created_at: '2023-06-01T00:00:00Z', updated_at: null,
      password_hash: (await h.db.selectFrom('app_user').select('password_hash').where('login', '=', 'jury-31310').executeTakeFirstOrThrow()).password_hash,
    }).execute();
    void acad;
    const { login } = await import('../server/helpers.js');
    const j = await login(app, 'jury-31320');
    for (const url of ['/api/deliberation/juries/31320/candidates', '/api/deliberation/juries/31320/statistics', '/api/deliberation/candidates/120/pvi']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: j.cookie } });
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('the command line obeys the same embargo (`delib edition resultats-admis` of a jury at 110)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'delib-embargo-')), 'admis.pdf');
    const r = runDelib(h, ['edition', 'resultats-admis', '--jury', '31310', '--out', out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/état|110/);
    expect(existsSync(out)).toBe(false);
  });
});
