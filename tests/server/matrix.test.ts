// Every route × every role: allowed calls succeed; anonymous gets 401; out-of-scope resources are
// 404; in-scope actions a role may not take are 403.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { zipSync, strToU8 } from 'fflate';
import type { DbHandle } from '../../src/db/connect.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { allMemoGrades, candidate, grades, standardWorld, WORLD_ACCOUNTS } from '../support/factories.js';
import { login, testApp, type Session } from './helpers.js';

type Who = (typeof WORLD_ACCOUNTS)[number]['login'] | 'anonyme';
const WHO: readonly Who[] = ['academie', 'centre-0250001R', 'centre-0390007W', 'jury-31310', 'jury-31408', 'epreuve-0250013D', 'anonyme'];

interface Case {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly body?: unknown;
  readonly multipart?: boolean;
  /** expected status per caller (all seven) */
  readonly expect: Readonly<Record<Who, number>>;
}

const all = (n: number, over: Partial<Record<Who, number>> = {}): Record<Who, number> =>
  ({ ...Object.fromEntries(WHO.map((w) => [w, n])), ...over }) as Record<Who, number>;

const CASES: readonly Case[] = [
  { name: 'me', method: 'GET', url: '/api/auth/me', expect: all(200) },
  { name: 'acting member', method: 'POST', url: '/api/auth/acting-member', body: { member: 'president' }, expect: all(403, { 'jury-31310': 200, 'jury-31408': 200, anonyme: 401 }) },
  { name: 'context', method: 'GET', url: '/api/context', expect: all(200, { anonyme: 401 }) },
  { name: 'juries list', method: 'GET', url: '/api/juries', expect: all(200, { 'epreuve-0250013D': 403, anonyme: 401 }) },
  { name: 'juries summary', method: 'GET', url: '/api/juries/summary', expect: all(200, { 'epreuve-0250013D': 403, anonyme: 401 }) },
  {
    name: 'bulk Terminer 1er groupe', method: 'POST', url: '/api/juries/bulk-transitions', body: { action: 'TERMINER_GROUPE_1' },
    expect: all(403, { 'centre-0250001R': 200, 'centre-0390007W': 200, anonyme: 401 }),
  },
  {
    name: 'Terminer 1er groupe on 31311 (centre 0250001R)', method: 'POST', url: '/api/juries/31311/transitions', body: { action: 'TERMINER_GROUPE_1', expectedEtat: '130' },
    // the centre d'épreuve hosts a candidate of 31311: it sees the jury but may not act on it
    expect: all(404, { academie: 403, 'centre-0250001R': 200, 'epreuve-0250013D': 403, anonyme: 401 }),
  },
  {
    // no acting member chosen (reset() clears it): even its own jury is refused (see the test below)
    name: 'Clôturer on 31310 (its jury)', method: 'POST', url: '/api/juries/31310/transitions', body: { action: 'CLOTURER_DELIBERATION_1', expectedEtat: '110' },
    expect: all(404, { academie: 403, 'centre-0250001R': 403, 'jury-31310': 403, anonyme: 401 }),
  },
  {
    name: 'exceptional change on 31311', method: 'POST', url: '/api/juries/31311/exceptional-state', body: { to: '110', expectedEtat: '130', reason: 'Réouverture' },
    expect: all(404, { academie: 200, 'centre-0250001R': 200, 'epreuve-0250013D': 403, anonyme: 401 }),
  },
  {
    name: 'exceptional change on 31310 (jury itself may not)', method: 'POST', url: '/api/juries/31310/exceptional-state', body: { to: '105', expectedEtat: '110', reason: 'x' },
    expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 403, anonyme: 401 }),
  },
  {
    name: 'emergency access of 31310', method: 'POST', url: '/api/juries/31310/emergency', body: { enabled: true, reason: 'Panne du réseau' },
    expect: all(404, { academie: 200, 'centre-0250001R': 403, 'jury-31310': 403, anonyme: 401 }),
  },
  { name: 'journal', method: 'GET', url: '/api/journal', expect: all(200, { 'epreuve-0250013D': 403, anonyme: 401 }) },
  {
    name: 'journal of jury 31311', method: 'GET', url: '/api/journal?jury=31311',
    expect: all(404, { academie: 200, 'centre-0250001R': 200, 'epreuve-0250013D': 403, anonyme: 401 }),
  },
  { name: 'users list', method: 'GET', url: '/api/users', expect: all(403, { academie: 200, anonyme: 401 }) },
  {
    name: 'user creation', method: 'POST', url: '/api/users', body: { login: 'nouveau', name: 'N', role: 'centre', scope: '0250001R', password: 'mot-de-passe-solide' },
    expect: all(403, { academie: 201, anonyme: 401 }),
  },
  { name: 'user update', method: 'PATCH', url: '/api/users/jury-31408', body: { name: 'Jury 31408' }, expect: all(403, { academie: 200, anonyme: 401 }) },
  { name: 'import', method: 'POST', url: '/api/imports', multipart: true, expect: all(403, { academie: 415, anonyme: 401 }) },
  { name: 'OpenAPI document', method: 'GET', url: '/api/docs/json', expect: all(200) },
];

function multipartBody(filename: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----delibtest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDialect('API access matrix (route × role)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  const sessions = new Map<Who, Session | null>();

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    await grades(h.db, await candidate(h.db, { jury: '31311', centreEpreuve: '0250013D' }), allMemoGrades(1200));
    app = await testApp(h);
    for (const w of WHO) sessions.set(w, w === 'anonyme' ? null : await login(app, w));
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  async function reset(): Promise<void> {
    await h.db.updateTable('jury').set({ etat: '110', emergency_enabled: 0 }).where('code', '=', '31310').execute();
    await h.db.updateTable('jury').set({ etat: '130' }).where('code', 'in', ['31311', '31408']).execute();
    await h.db.deleteFrom('app_user').where('login', '=', 'nouveau').execute();
    // every case starts without an acting member (the "acting member" case sets one)
    await h.db.updateTable('app_session').set({ acting_member: null }).execute();
  }

  for (const c of CASES) {
    it(`${c.method} ${c.url} — ${c.name}`, async () => {
      const got: Partial<Record<Who, number>> = {};
      for (const who of WHO) {
        await reset();
        const s = sessions.get(who) ?? null;
        const headers: Record<string, string> = s ? { cookie: s.cookie, ...(c.method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}) } : {};
        const body = c.multipart ? multipartBody('session.txt', strToU8('pas une archive')) : undefined;
        const res = await app.inject({
          method: c.method, url: c.url, headers: { ...headers, ...(body?.headers ?? {}) },
          ...(body ? { payload: body.payload } : c.body !== undefined ? { payload: c.body as object } : {}),
        });
        got[who] = res.statusCode;
        if (res.statusCode >= 400) expect(res.json().message, `${who}: French message`).toMatch(/[a-zé]/);
      }
      expect(got).toEqual(c.expect);
    });
  }

  it('a jury closes its deliberation on /transitions only once the président or vice-président is named', async () => {
    await reset();
    const jury = sessions.get('jury-31310')!;
    const send = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie: jury.cookie, 'x-csrf-token': jury.csrf }, payload });
    const refused = await send('/api/juries/31310/transitions', { action: 'CLOTURER_DELIBERATION_1', expectedEtat: '110' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/indiquez d’abord qui délibère/);
    expect((await h.db.selectFrom('jury').select('etat').where('code', '=', '31310').executeTakeFirstOrThrow()).etat).toBe('110');
    expect((await send('/api/auth/acting-member', { member: 'vice_president' })).statusCode).toBe(200);
    const done = await send('/api/juries/31310/transitions', { action: 'CLOTURER_DELIBERATION_1', expectedEtat: '110' });
    expect(done.statusCode).toBe(200);
    expect(done.json().etat).toBe('130');
    await reset();
  });

  it('a centre sees only the journal of its juries', async () => {
    await reset();
    const centreA = sessions.get('centre-0250001R')!;
    const centreB = sessions.get('centre-0390007W')!;
    const t = await app.inject({
      method: 'POST', url: '/api/juries/31311/transitions', headers: { cookie: centreA.cookie, 'x-csrf-token': centreA.csrf },
      payload: { action: 'TERMINER_GROUPE_1', expectedEtat: '130' },
    });
    expect(t.statusCode).toBe(200);
    const mine = await app.inject({ method: 'GET', url: '/api/journal', headers: { cookie: centreA.cookie } });
    const theirs = await app.inject({ method: 'GET', url: '/api/journal', headers: { cookie: centreB.cookie } });
    expect(mine.json().items.some((e: { juryCode: string }) => e.juryCode === '31311')).toBe(true);
    expect(theirs.json().items.every((e: { juryCode: string }) => e.juryCode === '31408')).toBe(true);
    expect(mine.json().items.every((e: { juryCode: string | null }) => e.juryCode !== null)).toBe(true);
  });

  it('the import accepts only a .zip and refuses paths that escape the folder', async () => {
    const aca = sessions.get('academie')!;
    const evil = zipSync({ '../evil.csv': strToU8('x') });
    const { payload, headers } = multipartBody('session.zip', evil);
    const res = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: aca.cookie, 'x-csrf-token': aca.csrf, ...headers }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/chemin interdit/);
  });
});
