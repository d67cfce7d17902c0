// Agent single sign-on (issue #19 point 3, ADR 0018) end to end against a local OpenID provider
// (oidc-provider): authorisation code with PKCE, state and nonce, ID token validated by
// openid-client. Refused: an unknown identity, a forged signature, a wrong audience, an expired
// token, a replayed state, a state this browser did not start. Mapping an identity is journaled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { OIDC_CALLBACK_PATH, oidcSettingsFromEnv } from '../../../src/features/auth/oidc/settings.js';
import { buildApp } from '../../../src/server/app.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld } from '../../support/factories.js';
import { jwtPayload, signJwt, startLocalProvider, type LocalProvider } from '../../support/oidc-provider.js';
import { call, login, sessionCookieOf, testApp, type Session } from '../../server/helpers.js';

const REDIRECT = `http://127.0.0.1:3999${OIDC_CALLBACK_PATH}`;

/** Goes through the provider's login and consent pages as `sub`; returns the URL the provider sends the browser back to. */
async function throughProvider(authUrl: string, sub: string): Promise<URL> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const kv = c.split(';')[0]!;
      const i = kv.indexOf('=');
      if (kv.slice(i + 1) === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(kv.slice(0, i));
      else jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return res;
  };
  let url = authUrl;
  for (let step = 0; step < 10; step++) {
    const res = await go(url);
    if (res.status === 200) {
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!prompt || !action) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login: sub, password: 'sans-importance' } : { prompt });
      const posted = await go(new URL(action, url).href, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      url = new URL(posted.headers.get('location')!, url).href;
    } else {
      const loc = res.headers.get('location');
      if (!loc) throw new Error(`provider answered ${res.status}: ${await res.text()}`);
      url = new URL(loc, url).href;
    }
    if (url.startsWith(REDIRECT)) return new URL(url);
  }
  throw new Error('the provider did not redirect back');
}

describeEachDialect('agent single sign-on (OpenID Connect)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let op: LocalProvider;
  let academie: Session;
  const logLines: string[] = [];
  /** the detail of the last refusal logged by the server */
  const lastRefusal = () => (JSON.parse(logLines.filter((l) => l.includes('connexion agent refusée')).at(-1)!) as { reason: string; detail: string });

  /** start → provider → callback; the callback's answer. */
  async function agentLogin(sub: string, o: { replay?: (callback: URL, state: string) => Promise<void>; noBrowserState?: boolean } = {}) {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    const state = start.cookies.find((c) => c.name === 'delib_oidc_state')!;
    expect(state.httpOnly).toBe(true);
    expect(state.sameSite).toBe('Lax');
    const authUrl = new URL(start.headers.location as string);
    expect(authUrl.origin).toBe(op.issuer);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(authUrl.searchParams.get('state')).toBe(state.value);
    const callback = await throughProvider(authUrl.href, sub);
    const res = await app.inject({
      method: 'GET', url: `${callback.pathname}${callback.search}`, headers: o.noBrowserState ? {} : { cookie: `delib_oidc_state=${state.value}` },
    });
    await o.replay?.(callback, state.value);
    return res;
  }

  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    op = await startLocalProvider({
      redirectUri: REDIRECT,
      emails: { 'agent-0250001R': 'Chef.Centre@ac-besancon.fr', 'agent-inconnu': 'personne@ac-besancon.fr', 'agent-academie': 'dec@ac-besancon.fr' },
    });
    const settings = oidcSettingsFromEnv({
      DELIB_OIDC_ISSUER: op.issuer, DELIB_OIDC_CLIENT_ID: op.clientId, DELIB_OIDC_CLIENT_SECRET: op.clientSecret, DELIB_OIDC_REDIRECT_URI: REDIRECT,
    });
    app = await buildApp({ handle: h, webDist: '/nonexistent-web-dist', oidc: settings, logStream: new Writable({ write(c, _e, cb) { logLines.push(String(c)); cb(); } }) });
    await app.ready();
    academie = await login(app, 'academie');
  });
  afterAll(async () => {
    await app?.close();
    await op?.stop();
    await h?.close();
  });

  it('says on the login page that agent login is configured, and its label', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: true, label: 'ProConnect' });
    const plain = await testApp(h);
    expect((await plain.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({ enabled: false, label: null });
    const start = await plain.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(404);
    expect(start.json().message).toContain("La connexion agent n'est pas configurée");
    await plain.close();
  });

  it('the académie maps identities (e-mail, subject) to accounts; juries and identities already taken are refused; journaled', async () => {
    const created = await call(app, academie, 'POST', '/api/users', {
      login: 'chef-0250001R', name: 'Chef de centre (agent)', role: 'centre', scope: '0250001R', sso: { claim: 'email', value: 'chef.centre@AC-besancon.fr' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ sso: { claim: 'email', value: 'chef.centre@ac-besancon.fr' }, ssoOnly: true, oneTimePassword: null, temporaryCredential: false });
    const mapped = await call(app, academie, 'PUT', '/api/users/academie/sso', { sso: { claim: 'sub', value: 'agent-academie' } });
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json().sso).toEqual({ claim: 'sub', value: 'agent-academie' });
    academie = await login(app, 'academie'); // its sessions were closed by the change

    const jury = await call(app, academie, 'PUT', '/api/users/jury-31310/sso', { sso: { claim: 'email', value: 'president@ac-besancon.fr' } });
    expect(jury.statusCode).toBe(400);
    expect(jury.json().message).toBe("Un compte de jury se connecte par mot de passe : il ne peut pas être associé à une identité d'agent.");
    const taken = await call(app, academie, 'PUT', '/api/users/centre-0390007W/sso', { sso: { claim: 'email', value: 'Chef.Centre@ac-besancon.fr' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe("Cette identité d'agent est déjà associée au compte chef-0250001R.");
    const bad = await call(app, academie, 'PUT', '/api/users/centre-0390007W/sso', { sso: { claim: 'email', value: 'pas-une-adresse' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Adresse électronique invalide');
    expect((await h.db.selectFrom('app_user').select('sso_value').where('login', '=', 'centre-0390007W').executeTakeFirst())!.sso_value).toBeNull();

    const rows = await h.db.selectFrom('journal').select(['action', 'subject', 'before_json', 'after_json'])
      .where('action', 'in', ['UTILISATEUR_CREE', 'IDENTITE_AGENT_MODIFIEE']).orderBy('seq').execute();
    expect(rows.map((r) => [r.action, r.subject])).toEqual([['UTILISATEUR_CREE', 'user:chef-0250001R'], ['IDENTITE_AGENT_MODIFIEE', 'user:academie']]);
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ identiteAgent: 'email:chef.centre@ac-besancon.fr', motDePasse: 'aucun (connexion agent)' });
    expect(JSON.parse(rows[1]!.before_json!)).toEqual({ identiteAgent: null });
    expect(JSON.parse(rows[1]!.after_json!)).toEqual({ identiteAgent: 'sub:agent-academie' });
    // a ssoOnly agent account cannot log in with a password
    const pw = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'chef-0250001R', password: '!sso' } });
    expect(pw.statusCode).toBe(401);
  });

  it('logs an agent in end to end (e-mail from the provider, case-insensitive), opens a session, journals it', async () => {
    const res = await agentLogin('agent-0250001R');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookieOf(res)!;
    expect(res.cookies.find((c) => c.name === 'delib_sid')!.sameSite).toBe('Strict');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ login: 'chef-0250001R', role: 'centre', scope: '0250001R', mustChangePassword: false });
    const j = await h.db.selectFrom('journal').select(['actor_login', 'after_json']).where('action', '=', 'CONNEXION_AGENT').execute();
    expect(j).toHaveLength(1);
    expect(j[0]!.actor_login).toBe('chef-0250001R');
    expect(JSON.parse(j[0]!.after_json!)).toEqual({ fournisseur: `${op.issuer}/`, identite: 'email:chef.centre@ac-besancon.fr' });
    // only the digest of a state is a key; a consumed login leaves nothing behind
    expect(await h.db.selectFrom('oidc_login').selectAll().execute()).toEqual([]);
  });

  it('logs the académie in by its subject', async () => {
    const res = await agentLogin('agent-academie');
    expect(res.headers.location).toBe('/');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookieOf(res)! } });
    expect(me.json().user.login).toBe('academie');
  });

  it('stores the pending login under the digest of its state', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const rows = await h.db.selectFrom('oidc_login').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.state_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.state_hash).not.toBe(state);
    await h.db.deleteFrom('oidc_login').execute();
  });

  it('refuses an identity mapped to no account', async () => {
    const res = await agentLogin('agent-inconnu');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/connexion?sso=inconnu');
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  describe('refuses an ID token that does not validate', () => {
    const refused = async (tamper: (idToken: string) => string, why: RegExp) => {
      op.tamper = tamper;
      try {
        const res = await agentLogin('agent-0250001R');
        expect(res.statusCode).toBe(302);
        expect(res.headers.location).toBe('/connexion?sso=jeton');
        expect(sessionCookieOf(res)).toBeUndefined();
        expect(lastRefusal().detail).toMatch(why);
      } finally {
        op.tamper = null;
      }
    };
    it('a forged signature (another key under the provider\'s key id)', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await refused((t) => signJwt(jwtPayload(t), op.signingKey.kid, privateKey), /signature/);
    });
    it('a wrong audience (signed by the provider for another application)', async () => {
      await refused((t) => signJwt({ ...jwtPayload(t), aud: 'une-autre-application' }, op.signingKey.kid, op.signingKey.privateKey), /"aud"/);
    });
    it('an expired token (signed by the provider)', async () => {
      const now = Math.floor(Date.now() / 1000);
      await refused((t) => signJwt({ ...jwtPayload(t), iat: now - 7200, exp: now - 3600 }, op.signingKey.kid, op.signingKey.privateKey), /"exp"/);
    });
    it('another nonce (signed by the provider)', async () => {
      await refused((t) => signJwt({ ...jwtPayload(t), nonce: 'un-autre-nonce' }, op.signingKey.kid, op.signingKey.privateKey), /"nonce"/);
    });
  });

  it('refuses a replayed state, and a state this browser did not start', async () => {
    let replayed: Awaited<ReturnType<FastifyInstance['inject']>> | undefined;
    const first = await agentLogin('agent-0250001R', {
      replay: async (callback, state) => {
        replayed = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `delib_oidc_state=${state}` } });
      },
    });
    expect(first.headers.location).toBe('/');
    expect(replayed!.statusCode).toBe(302);
    expect(replayed!.headers.location).toBe('/connexion?sso=etat');
    expect(sessionCookieOf(replayed!)).toBeUndefined();

    const elsewhere = await agentLogin('agent-0250001R', { noBrowserState: true });
    expect(elsewhere.headers.location).toBe('/connexion?sso=etat');
    expect(sessionCookieOf(elsewhere)).toBeUndefined();
  });

  it('limits the logins one address may start (each is a pending row until its callback)', async () => {
    const start = () => app.inject({ method: 'GET', url: '/api/auth/oidc/start', remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 30; i++) expect((await start()).headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?/);
    const refused = await start();
    expect(refused.headers.location).toBe('/connexion?sso=trop');
    expect(refused.cookies.find((c) => c.name === 'delib_oidc_state')).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/auth/oidc/start', remoteAddress: '10.9.9.10' })).statusCode).toBe(302);
    expect(await h.db.selectFrom('oidc_login').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 31 });
    await h.db.deleteFrom('oidc_login').execute();
  });

  it('refuses a deactivated account', async () => {
    expect((await call(app, academie, 'PATCH', '/api/users/chef-0250001R', { active: false })).statusCode).toBe(200);
    const res = await agentLogin('agent-0250001R');
    expect(res.headers.location).toBe('/connexion?sso=desactive');
  });
});
