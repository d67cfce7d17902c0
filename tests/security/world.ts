// The world of the security tests: the standard API world (académie A03; centre 0250001R with juries
// 31310 at 110, 31311 at 130 and 31312 at 200; centre 0390007W with 31408 at 130; centre d'épreuve
// 0250013D) with candidates in every jury (recognisable names, so that a leak is visible), a
// CONTROLE candidate at 200 with its choices, and one finished job with a document per centre.
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../src/db/connect.js';
import { databaseStore } from '../../src/jobs/document-store.js';
import { enqueueJob, finishJob, claimJob } from '../../src/jobs/repository.js';
import {
  GOLDEN_GRADES, WORLD_ACCOUNTS, allMemoGrades, candidate, controleChoice, etablissement, grades, jury, standardWorld,
} from '../support/factories.js';
import { login as loginAs, type Session } from '../server/helpers.js';

export type Who = (typeof WORLD_ACCOUNTS)[number]['login'] | 'anonyme';
export const WHO: readonly Who[] = ['academie', 'centre-0250001R', 'centre-0390007W', 'jury-31310', 'jury-31408', 'epreuve-0250013D', 'anonyme'];

/** Names that must never appear in a URL or a log line (the names of the candidates below). */
export const SECRET_NAMES = ['ZORGLUB', 'QUASIMODO', 'FANTOMAS', 'RASTAPOPOULOS', 'TOURNESOL'] as const;

export interface World {
  /** 31310 (110), centre d'épreuve 0250013D, complete grades (12) */
  readonly c1: number;
  /** 31311 (130), centre d'épreuve 0250013D */
  readonly c2: number;
  /** 31408 (130), centre 0390007W */
  readonly c3: number;
  /** 31312 (200), CONTROLE (golden grades), choices U1/U2, centre d'épreuve 0250013D */
  readonly c4: number;
  /** 31310 (110), golden grades (CONTROLE proposed) */
  readonly c5: number;
  /** a finished job of centre 0250001R and its document */
  readonly jobA: number;
  readonly docA: string;
  /** a finished job of centre 0390007W and its document */
  readonly jobB: number;
  readonly docB: string;
}

async function finishedJob(h: DbHandle, scope: string, name: string): Promise<{ job: number; doc: string }> {
  const now = new Date('2023-06-06T10:00:00Z');
  const owner = { login: `centre-${scope}`, name: `Chef de centre ${scope}`, role: 'centre', scope };
  const job = await enqueueJob(h.db, { kind: 'plan-secours', title: 'Plan de secours', params: { juries: [] }, owner }, now);
  const claimed = await claimJob(h.db, `test-${scope}`, now);
  if (!claimed || claimed.id !== job) throw new Error('job not claimed');
  const meta = await databaseStore().save(h.db, { jobId: job, name, mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4 test'), now });
  await finishJob(h.db, job, `test-${scope}`, { status: 'done', result: {} }, now);
  return { job, doc: meta.id };
}

export async function securityWorld(h: DbHandle): Promise<World> {
  const db = h.db;
  await standardWorld(db);
  await jury(db, '31312', { specialite: '31310', centre: '0250001R', etat: '200' });
  const c1 = await candidate(db, { id: 101, jury: '31310', centreEpreuve: '0250013D', nom: SECRET_NAMES[0] });
  await grades(db, c1, allMemoGrades(1200));
  const c2 = await candidate(db, { id: 102, jury: '31311', centreEpreuve: '0250013D', nom: SECRET_NAMES[1] });
  await grades(db, c2, allMemoGrades(1350));
  const c3 = await candidate(db, { id: 103, jury: '31408', centreEpreuve: '0390007W', nom: SECRET_NAMES[2] });
  await grades(db, c3, allMemoGrades(800));
  const c4 = await candidate(db, { id: 104, jury: '31312', centreEpreuve: '0250013D', nom: SECRET_NAMES[3] });
  await grades(db, c4, GOLDEN_GRADES);
  await controleChoice(db, c4, 'U1', 'U2');
  const c5 = await candidate(db, { id: 105, jury: '31310', centreEpreuve: '0250013D', nom: SECRET_NAMES[4] });
  await grades(db, c5, GOLDEN_GRADES);
  void etablissement;
  const a = await finishedJob(h, '0250001R', 'Plan de secours 31310.pdf');
  const b = await finishedJob(h, '0390007W', 'Plan de secours 31408.pdf');
  return { c1, c2, c3, c4, c5, jobA: a.job, docA: a.doc, jobB: b.job, docB: b.doc };
}

/** Logs every account in (jury accounts also say who acts: the président). */
export async function loginAll(app: FastifyInstance, only: readonly Who[] = WHO): Promise<Map<Who, Session | null>> {
  const sessions = new Map<Who, Session | null>();
  for (const w of only) {
    if (w === 'anonyme') {
      sessions.set(w, null);
      continue;
    }
    const s = await loginAs(app, w);
    if (w.startsWith('jury-')) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/acting-member', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { member: 'president' } });
      if (r.statusCode !== 200) throw new Error(`acting member ${w}: ${r.statusCode}`);
    }
    sessions.set(w, s);
  }
  return sessions;
}

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
}

/**
 * Every route of the application, from Fastify's own route tree (not from our list): a route added
 * tomorrow shows up here. HEAD twins of GET routes are left out.
 */
export function appRoutes(app: FastifyInstance): RouteInfo[] {
  const text = app.printRoutes({ commonPrefix: false });
  const out: RouteInfo[] = [];
  const stack: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(',').map((x) => x.trim()).filter(Boolean)) if (method !== 'HEAD') out.push({ method, url: path });
  }
  return out;
}
