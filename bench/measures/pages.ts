// Académie and centre pages at national scale (issue #18, point 5): with the main session imported
// (200 000 candidates, 5 005 juries), one instance, one user at a time: each page's API requests as the
// web application makes them when the page opens, timed end to end (server + JSON over loopback). A
// page's time is the sum of its requests (the web app sends them together; the sum is the worst case).
// The figure per role is the slowest page (median of 5 openings after one warm-up).
import { sql } from 'kysely';
import { connect } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { insertUserIfMissing } from '../../src/db/repositories/users.js';
import { EDITIONS } from '../../src/features/editions/catalog.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { failed, figure, notAvailable, type Figure } from '../lib/figures.js';
import { HttpClient, keepAliveAgent } from '../lib/load.js';
import type { BenchContext, Measure } from '../lib/measure.js';
import { startInstance, stopInstance } from '../lib/server.js';

const PASSWORD = 'banc-d-essai-2023';
const LIGHT_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const ROUNDS = 5;
const TARGET_MS = 300;
const GRID_ROUNDS = 3;

interface Page {
  readonly name: string;
  readonly requests: readonly string[];
}

/** The pages of a role and the GET requests each sends when it opens (web/src: hooks per screen). */
function pagesOf(role: 'academie' | 'centre', aJury: string): Page[] {
  const common = ['/api/auth/me', '/api/context'];
  const pages: Page[] = [
    { name: 'accueil', requests: [...common, '/api/juries/summary', '/api/juries?page=1'] },
    { name: 'accueil, tri par état décroissant', requests: ['/api/juries?page=1&sort=etat&order=desc'] },
    { name: 'accueil, page 40', requests: ['/api/juries?page=40'] },
    { name: 'changement d’état (vue synthétique)', requests: [...common, '/api/juries/summary'] },
    { name: 'changement d’état (vue détaillée, état 110)', requests: ['/api/juries/summary', '/api/juries?etat=110&page=1'] },
    { name: 'changement d’état (vue détaillée, spécialité)', requests: ['/api/juries?specialite=BANQUE&page=1'] },
    { name: 'journal', requests: [...common, '/api/journal?page=1'] },
    { name: 'journal d’un jury', requests: [`/api/journal?page=1&jury=${encodeURIComponent(aJury)}`] },
    { name: 'traitements', requests: ['/api/jobs'] },
    { name: '2nd groupe : choix', requests: ['/api/second-group/choices'] },
    { name: '2nd groupe : dates', requests: ['/api/second-group/schedule'] },
    { name: '2nd groupe : notes', requests: ['/api/second-group/grades?mode=first'] },
    { name: '2nd groupe : discordances', requests: ['/api/second-group/mismatches'] },
    { name: '2nd groupe : double saisie', requests: ['/api/second-group/double-entry'] },
    { name: '2nd groupe : notes manquantes', requests: ['/api/second-group/missing-grades'] },
  ];
  for (const kind of Object.keys(EDITIONS)) {
    pages.push({ name: `édition ${kind}`, requests: [`/api/editions/${kind}/juries`, '/api/editions/criteria', '/api/editions/preferences/listes-candidats', `/api/jobs?kind=${kind}`] });
  }
  if (role === 'academie') {
    pages.push({ name: 'accès de secours', requests: ['/api/juries?page=1'] });
    pages.push({ name: 'comptes', requests: ['/api/users'] });
  }
  return pages;
}

async function prepare(url: string): Promise<{ centre: string; jury: string }> {
  const h = await connect(url);
  try {
    await migrateToLatest(h.db);
    const biggest = await h.db.selectFrom('jury').select(['centre_uai', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('centre_uai').orderBy('n', 'desc').orderBy('centre_uai').limit(1).executeTakeFirstOrThrow();
    const jury = await h.db.selectFrom('jury').select('code').where('centre_uai', '=', biggest.centre_uai).orderBy('code').limit(1).executeTakeFirstOrThrow();
    const hash = await hashPassword(PASSWORD, LIGHT_SCRYPT);
    const now = new Date().toISOString();
    await insertUserIfMissing(h.db, { login: 'bench-academie', name: 'Banc d’essai académie', role: 'academie', scope: 'A03', passwordHash: hash, createdAt: now });
    await insertUserIfMissing(h.db, { login: 'bench-centre', name: 'Banc d’essai centre', role: 'centre', scope: biggest.centre_uai, passwordHash: hash, createdAt: now });
    return { centre: `${biggest.centre_uai} (${biggest.n} jurys)`, jury: jury.code };
  } finally {
    await h.close();
  }
}

/**
 * The 2nd-group grids (issue #18 point 5) at their largest: every jury at 200 (recueil des notes du
 * 2nd groupe), each candidate with a choice of two units open to the contrôle, so that the grids hold
 * every CONTROLE candidate of the scope (≈ 10 000 for the académie at 200 000) and two grade rows each.
 * Each page is one request, as the web app sends it (the page of 50 rows, sorted, filtered).
 */
function secondGroupPages(): Page[] {
  return [
    { name: '2nd groupe : choix, page 1', requests: ['/api/second-group/choices?page=1&pageSize=50&sort=candidat&order=asc'] },
    { name: '2nd groupe : choix, triés par jury décroissant, page 3', requests: ['/api/second-group/choices?page=3&pageSize=50&sort=jury&order=desc'] },
    { name: '2nd groupe : choix, filtre de colonne et recherche', requests: ['/api/second-group/choices?page=1&pageSize=50&sort=candidat&order=asc&candidat=ma&q=1'] },
    { name: '2nd groupe : notes (1re saisie), page 1', requests: ['/api/second-group/grades?mode=first&page=1&pageSize=50'] },
    { name: '2nd groupe : notes (1re saisie), page 10, recherche', requests: ['/api/second-group/grades?mode=first&page=10&pageSize=50&q=non'] },
  ];
}

/** Moves every jury to 200 and gives every candidate a choice of two contrôle units (the database is the bench's own). */
async function prepareSecondGroup(url: string): Promise<number> {
  const h = await connect(url);
  try {
    await sql`UPDATE jury SET etat = '200'`.execute(h.db);
    const units = await h.db.selectFrom('epreuve').select(['specialite_code', 'code']).where('controle', '=', 1).where('parent_code', 'is', null)
      .orderBy('specialite_code').orderBy('position').execute();
    const bySpec = new Map<string, string[]>();
    for (const u of units) bySpec.set(u.specialite_code, [...(bySpec.get(u.specialite_code) ?? []), u.code]);
    let chosen = 0;
    for (const [spec, codes] of bySpec) {
      if (codes.length < 2) continue;
      const r = await sql`INSERT INTO controle_choice (candidate_id, epreuve_1, epreuve_2, version)
        SELECT c.id, ${codes[0]!}, ${codes[1]!}, 1 FROM candidate c JOIN jury j ON j.code = c.jury_code
        WHERE j.specialite_code = ${spec} AND NOT EXISTS (SELECT 1 FROM controle_choice x WHERE x.candidate_id = c.id)`.execute(h.db);
      chosen += Number(r.numAffectedRows ?? 0);
    }
    return chosen;
  } finally {
    await h.close();
  }
}

/** The 2nd-group grids' pages, académie and centre, on a database moved to 200 (then to be imported again). */
async function secondGroupScenario(ctx: BenchContext, url: string, prefix: string, label: string): Promise<Figure[]> {
  const { centre } = await prepare(url);
  const chosen = await prepareSecondGroup(url);
  const server = await startInstance(url);
  try {
    ctx.log(`grilles du 2nd groupe (tous les jurys à 200, ${chosen} choix) : académie et centre ${centre}…`);
    // median of 3 (each académie request evaluates every candidate of its juries at 200: seconds at 200 000)
    const academie = await timePages(server.url, 'bench-academie', secondGroupPages(), GRID_ROUNDS);
    const centreTimings = await timePages(server.url, 'bench-centre', secondGroupPages(), GRID_ROUNDS);
    for (const t of [...academie.map((x) => ({ ...x, role: 'académie' })), ...centreTimings.map((x) => ({ ...x, role: 'centre' }))]) {
      ctx.log(`  ${t.role} · ${t.name} : ${t.ms.toFixed(1)} ms, ${(t.bytes / 1024).toFixed(0)} Ko, HTTP ${t.status}`);
    }
    return [
      figuresOf(`_second_group${prefix}`, `${label}, grilles du 2nd groupe (tous les jurys à 200)`, 'academie', academie),
      figuresOf(`_second_group${prefix}`, `${label}, grilles du 2nd groupe (tous les jurys à 200), centre ${centre}`, 'centre', centreTimings),
    ];
  } finally {
    await stopInstance(server);
  }
}

interface PageTiming { name: string; ms: number; bytes: number; status: string }

async function timePages(base: URL, login: string, pages: readonly Page[], rounds = ROUNDS): Promise<PageTiming[]> {
  const agent = keepAliveAgent(4);
  try {
    const http = new HttpClient(base, agent);
    const me = await http.request('POST', '/api/auth/login', { login, password: PASSWORD });
    if (me.status !== 200) throw new Error(`connexion ${login} : HTTP ${me.status}`);
    const out: PageTiming[] = [];
    for (const page of pages) {
      const samples: number[] = [];
      let bytes = 0;
      const statuses = new Set<number>();
      for (let round = -1; round < rounds; round++) {
        let ms = 0;
        bytes = 0;
        for (const path of page.requests) {
          const r = await http.request('GET', path);
          statuses.add(r.status);
          ms += r.ms;
          bytes += JSON.stringify(r.body ?? '').length;
        }
        if (round >= 0) samples.push(ms);
      }
      samples.sort((a, b) => a - b);
      out.push({ name: page.name, ms: samples[Math.floor(samples.length / 2)]!, bytes, status: [...statuses].join('/') });
    }
    return out;
  } finally {
    agent.destroy();
  }
}

function figuresOf(prefix: string, label: string, role: string, timings: PageTiming[]): Figure {
  const bad = timings.filter((t) => t.status !== '200' && !(t.status === '403' || t.status === '404'));
  if (bad.length) throw new Error(`${role} : ${bad.map((b) => `${b.name} HTTP ${b.status}`).join(', ')}`);
  const sorted = [...timings].sort((a, b) => b.ms - a.ms);
  const worst = sorted[0]!;
  const next = sorted.slice(1, 4).map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join(', ');
  return figure(`pages_${role}${prefix}_max_ms`, `${label} : page ${role} la plus lente (${timings.length} pages)`, worst.ms, 'ms', {
    target: { op: '<', value: TARGET_MS },
    note: `${worst.name} (${(worst.bytes / 1024).toFixed(0)} Ko) ; puis ${next}`,
  });
}

async function scenario(ctx: BenchContext, url: string, prefix: string, label: string): Promise<Figure[]> {
  const { centre, jury } = await prepare(url);
  const server = await startInstance(url);
  try {
    ctx.log(`pages de l'académie et du centre ${centre}…`);
    const academie = await timePages(server.url, 'bench-academie', pagesOf('academie', jury));
    const centreTimings = await timePages(server.url, 'bench-centre', pagesOf('centre', jury));
    for (const t of [...academie.map((x) => ({ ...x, role: 'académie' })), ...centreTimings.map((x) => ({ ...x, role: 'centre' }))]) {
      ctx.log(`  ${t.role} · ${t.name} : ${t.ms.toFixed(1)} ms, ${(t.bytes / 1024).toFixed(0)} Ko, HTTP ${t.status}`);
    }
    return [figuresOf(prefix, label, 'academie', academie), figuresOf(prefix, `${label}, centre ${centre}`, 'centre', centreTimings)];
  } finally {
    await stopInstance(server);
  }
}

export const pagesMeasure: Measure = {
  name: 'pages',
  title: 'Pages de l’académie et du centre à l’échelle nationale',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const n = ctx.candidates;
    const figures: Figure[] = [];
    const attempt = async (prefix: string, label: string, url: () => Promise<string>) => {
      try {
        figures.push(...await scenario(ctx, await url(), prefix, label));
      } catch (e) {
        const why = (e as Error).message.slice(0, 300);
        for (const role of ['academie', 'centre']) figures.push(failed(`pages_${role}${prefix}_max_ms`, `${label} : pages ${role}`, 'ms', why, { op: '<', value: TARGET_MS }));
      }
    };
    await attempt('', `SQLite, ${n} candidats`, () => ctx.inputs.importedSqlite(n));
    if (ctx.pg) await attempt('_pg', `PostgreSQL, ${n} candidats`, () => ctx.inputs.importedPg(n));
    else for (const role of ['academie', 'centre']) figures.push(notAvailable(`pages_${role}_pg_max_ms`, `PostgreSQL : pages ${role}`, 'ms', ctx.pgReason, { op: '<', value: TARGET_MS }));
    // then the 2nd-group grids at their largest: the databases are moved to 200 (imported again by a later measure)
    const grids = async (prefix: string, label: string, url: () => Promise<string>, invalidate: () => void) => {
      try {
        figures.push(...await secondGroupScenario(ctx, await url(), prefix, label));
      } catch (e) {
        const why = (e as Error).message.slice(0, 300);
        for (const role of ['academie', 'centre']) figures.push(failed(`pages_${role}_second_group${prefix}_max_ms`, `${label} : grilles du 2nd groupe ${role}`, 'ms', why, { op: '<', value: TARGET_MS }));
      } finally {
        invalidate();
      }
    };
    await grids('', `SQLite, ${n} candidats`, () => ctx.inputs.importedSqlite(n), () => ctx.inputs.invalidateSqlite(n));
    if (ctx.pg) await grids('_pg', `PostgreSQL, ${n} candidats`, () => ctx.inputs.importedPg(n), () => ctx.inputs.invalidatePg());
    return figures;
  },
};
