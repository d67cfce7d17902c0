// Helpers for API tests through app.inject: a movable clock, logins, authenticated calls.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { buildApp } from '../../src/server/app.js';
import { TEST_PASSWORD } from '../support/factories.js';

export class TestClock {
  constructor(public t = Date.parse('2023-06-06T10:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export async function testApp(handle: DbHandle, clock = new TestClock(), extra: { secureCookies?: boolean; webDist?: string } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ handle, now: clock.now, webDist: extra.webDist ?? '/nonexistent-web-dist', secureCookies: extra.secureCookies ?? false });
  await app.ready();
  return app;
}

export interface Session {
  readonly cookie: string; // "delib_sid=…"
  readonly csrf: string;
}

export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((x) => x.name === 'delib_sid');
  return c && c.value ? `delib_sid=${c.value}` : undefined;
}

export async function login(app: FastifyInstance, loginName: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password } });
  if (res.statusCode !== 200) throw new Error(`login ${loginName} → ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookieOf(res)!, csrf: res.json().csrfToken };
}

export function call(app: FastifyInstance, s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (s) {
    headers.cookie = s.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  }
  return app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

/** The job `jobId` as `s` sees it once it has left « queued » and « running » (polled for up to 15 s). */
export async function finishedJob(app: FastifyInstance, s: Session, jobId: number) {
  let job = (await call(app, s, 'GET', `/api/jobs/${jobId}`)).json();
  for (let i = 0; i < 300 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await call(app, s, 'GET', `/api/jobs/${jobId}`)).json();
  }
  return job;
}
