// The papillon of the plan de secours prints the address of the emergency portal. It must never be
// taken from a forged Host (or X-Forwarded-Host behind a proxy): an attacker's address on the sheet
// the jury uses when the network fails would hand him the emergency password. DELIB_PUBLIC_URL wins;
// without it only an allowed host (DELIB_ALLOWED_HOSTS, default loopback + listening address) is used,
// anything else is refused in French and no job is created.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { allowedHosts, isHostAllowed, parseHost } from '../../src/features/editions/portal-url.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { startWorker } from '../../src/jobs/worker.js';
import { buildApp } from '../../src/server/app.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { standardWorld } from '../support/factories.js';
import { login, TestClock, type Session } from '../server/helpers.js';
import { pdfText, unzip } from '../features/editions/support.js';

const ENV = ['DELIB_PUBLIC_URL', 'DELIB_ALLOWED_HOSTS'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

it('host parsing and matching: names, ports, IPv6, look-alikes', () => {
  expect(parseHost('Delib.Example.org:3000')).toEqual({ name: 'delib.example.org', port: '3000' });
  expect(parseHost('[::1]:3000')).toEqual({ name: '[::1]', port: '3000' });
  for (const bad of ['evil.example/x', 'a@b', 'a b', '', 'evil.example:99999999', 'évil.fr', 'x.fr:80:80']) expect(parseHost(bad), bad).toBeNull();
  const allowed = ['delib.lycee.fr', 'portail.lycee.fr:8443'];
  expect(isHostAllowed('delib.lycee.fr:3000', allowed)).toBe(true);
  expect(isHostAllowed('DELIB.LYCEE.FR', allowed)).toBe(true);
  expect(isHostAllowed('portail.lycee.fr:8443', allowed)).toBe(true);
  expect(isHostAllowed('portail.lycee.fr', allowed)).toBe(false);
  for (const bad of ['delib.lycee.fr.evil.example', 'evildelib.lycee.fr', 'lycee.fr', 'delib.lycee.fr@evil.example']) expect(isHostAllowed(bad, allowed), bad).toBe(false);
  expect(allowedHosts({}, ['0.0.0.0', '10.1.2.3', '::'])).toEqual(['localhost', '127.0.0.1', '[::1]', '10.1.2.3']);
  expect(allowedHosts({ DELIB_ALLOWED_HOSTS: ' Delib.lycee.fr , ' }, ['10.1.2.3'])).toEqual(['delib.lycee.fr']);
});

describeEachDialect('security: the papillon never prints a forged host', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let proxied: FastifyInstance;
  let centre: Session;
  let centreBehindProxy: Session;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    const clock = new TestClock();
    app = await buildApp({ handle: h, now: clock.now, webDist: '/nonexistent-web-dist' });
    proxied = await buildApp({ handle: h, now: clock.now, webDist: '/nonexistent-web-dist', trustProxy: true });
    await app.ready();
    await proxied.ready();
    centre = await login(app, 'centre-0250001R');
    centreBehindProxy = await login(proxied, 'centre-0250001R');
  });
  afterAll(async () => {
    await app.close();
    await proxied.close();
    await h.close();
  });

  const jobs = async () => h.db.selectFrom('job').select(['id', 'params_json']).orderBy('id').execute();
  const generate = (a: FastifyInstance, s: Session, headers: Record<string, string>) => a.inject({
    method: 'POST', url: '/api/editions/plan-secours/jobs',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
    payload: { juries: ['31310'], title: 'Plan de secours', format: 'zip' },
  });
  const lastPortal = async () => (JSON.parse((await jobs()).at(-1)!.params_json) as { portalUrl?: string }).portalUrl;

  it('a forged Host is refused (French 400) and no job is created', async () => {
    const before = await jobs();
    for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.evil.example', 'evil.example/connexion?', 'delib@evil.example']) {
      const res = await generate(app, centre, { host });
      expect(res.statusCode, host).toBe(400);
      expect(res.json().message, host).toMatch(/^Le plan de secours n'est pas généré : l'adresse .* n'est pas une adresse autorisée.*DELIB_PUBLIC_URL.*DELIB_ALLOWED_HOSTS/);
    }
    expect(await jobs()).toEqual(before);
  });

  it('behind a proxy, a forged X-Forwarded-Host is refused the same way', async () => {
    const before = await jobs();
    const res = await generate(proxied, centreBehindProxy, { host: 'localhost:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(400);
    expect(await jobs()).toEqual(before);
    const ok = await generate(proxied, centreBehindProxy, { host: 'localhost:3000', 'x-forwarded-proto': 'https' });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(await lastPortal()).toBe('https://localhost:3000/connexion');
  });

  it('the loopback address (default allow-list) is used as reached', async () => {
    const res = await generate(app, centre, { host: 'LOCALHOST:3000' });
    expect(res.statusCode, res.body).toBe(202);
    expect(await lastPortal()).toBe('http://localhost:3000/connexion');
  });

  it('DELIB_ALLOWED_HOSTS replaces the default list: its hosts pass, look-alikes and loopback do not', async () => {
    process.env.DELIB_ALLOWED_HOSTS = 'delib.lycee-exemple.fr,portail.lycee-exemple.fr:8443';
    expect((await generate(app, centre, { host: 'delib.lycee-exemple.fr' })).statusCode).toBe(202);
    expect(await lastPortal()).toBe('http://delib.lycee-exemple.fr/connexion');
    expect((await generate(app, centre, { host: 'portail.lycee-exemple.fr:8443' })).statusCode).toBe(202);
    for (const host of ['delib.lycee-exemple.fr.evil.example', 'portail.lycee-exemple.fr:8080', 'localhost:3000']) {
      expect((await generate(app, centre, { host })).statusCode, host).toBe(400);
    }
  });

  it('DELIB_PUBLIC_URL wins over any Host, down to the papillon printed by the worker', async () => {
    process.env.DELIB_PUBLIC_URL = 'https://delib.ac-besancon.fr/';
    const res = await generate(app, centre, { host: 'evil.example' });
    expect(res.statusCode, res.body).toBe(202);
    expect(await lastPortal()).toBe('https://delib.ac-besancon.fr/connexion');
    const { jobId } = res.json() as { jobId: number };
    const worker = startWorker({ handle: h, handlers: jobHandlers(), pollMs: 20 });
    try {
      let status = '';
      for (let i = 0; i < 600 && status !== 'done' && status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await h.db.selectFrom('job').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()).status;
      }
      expect(status).toBe('done');
    } finally {
      await worker.stop();
    }
    const doc = await h.db.selectFrom('job_document').select('bytes').where('job_id', '=', jobId).executeTakeFirstOrThrow();
    const papillon = pdfText(unzip(doc.bytes!)['Papillon_31310.pdf']!);
    expect(papillon).toContain('https://delib.ac-besancon.fr/secours'); // the emergency portal, where secours-31310 is accepted
    expect(papillon).not.toContain('evil.example');
  });
});
