// HTTP under load: 200 concurrent jury clients on loopback, each deliberating on its own jury (state
// 110): the candidate list of the jury (list) and grade changes (modify), three lists for one change.
// SQLite with one application instance; PostgreSQL with two instances sharing the database.
//
// Two runs: latencies (p99) with people's pace — each client pauses 0.5–1.5 s between two requests,
// i.e. ≈ 200 requests/s offered —, then the capacity (req/s) with requests back to back. Back to back,
// 200 clients always wait in line: latency = 200 / capacity (Little's law), whatever the code does.
import { loadavg } from 'node:os';
import { connect } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { insertUserIfMissing } from '../../src/db/repositories/users.js';
import { hashPassword } from '../../src/features/auth/password.js';
import { failed, figure, notAvailable, type Figure } from '../lib/figures.js';
import { HttpClient, keepAliveAgent, runLoad, type Operation, type Reply } from '../lib/load.js';
import { type BenchContext, type Measure } from '../lib/measure.js';
import { cpuSecondsOf, peakRssMb, startInstance, stopInstance, type Instance } from '../lib/server.js';

const CLIENTS = 200;
const PASSWORD = 'banc-d-essai-2023';
/** bench accounts only: a light scrypt, so that creating 200 of them takes a second, not a minute */
const LIGHT_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

interface Cell {
  epreuve: string;
  value: string;
  version: number;
}

interface JuryClient {
  readonly http: HttpClient;
  readonly jury: string;
  candidate: number;
  cell: Cell;
  original: string;
  changes: number;
}

/** Juries open for deliberation (state 110) and a jury account for each. */
async function prepareAccounts(url: string): Promise<string[]> {
  const h = await connect(url);
  try {
    await migrateToLatest(h.db);
    const juries = (await h.db.selectFrom('jury').select('code').where('etat', '=', '110').orderBy('code').limit(CLIENTS).execute()).map((j) => j.code);
    const hash = await hashPassword(PASSWORD, LIGHT_SCRYPT);
    const now = new Date().toISOString();
    for (const code of juries) {
      await insertUserIfMissing(h.db, { login: `bench-jury-${code}`, name: `Banc d'essai ${code}`, role: 'jury', scope: code, passwordHash: hash, createdAt: now });
    }
    return juries;
  } finally {
    await h.close();
  }
}

function expectOk(r: Reply, what: string): Record<string, unknown> {
  if (r.status !== 200) throw new Error(`${what} : HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body as Record<string, unknown>;
}

type Pvi = { units: { cell: (Cell & { editable: boolean }) | null; leaves: { cell: Cell & { editable: boolean } }[] }[] };

function cellOf(pvi: Pvi, epreuve?: string): Cell | undefined {
  for (const u of pvi.units) {
    for (const c of [u.cell, ...u.leaves.map((l) => l.cell)]) {
      if (!c) continue;
      if (epreuve ? c.epreuve === epreuve : c.editable && /^\d/.test(c.value)) return { epreuve: c.epreuve, value: c.value, version: c.version };
    }
  }
  return undefined;
}

/** Logs a jury client in and picks the grade it will change. */
async function setupClient(base: URL, agent: ReturnType<typeof keepAliveAgent>, jury: string): Promise<JuryClient> {
  const http = new HttpClient(base, agent);
  const me = expectOk(await http.request('POST', '/api/auth/login', { login: `bench-jury-${jury}`, password: PASSWORD }), 'connexion');
  http.csrf = String(me.csrfToken);
  const acting = expectOk(await http.request('POST', '/api/auth/acting-member', { member: 'president' }), 'membre qui délibère');
  http.csrf = String(acting.csrfToken ?? http.csrf);
  const list = expectOk(await http.request('GET', `/api/deliberation/juries/${encodeURIComponent(jury)}/candidates`), 'liste des candidats');
  const candidates = list.candidates as { id: number }[];
  for (const c of candidates) {
    const pvi = expectOk(await http.request('GET', `/api/deliberation/candidates/${c.id}/pvi`), 'PVI') as unknown as Pvi;
    const cell = cellOf(pvi);
    if (cell) return { http, jury, candidate: c.id, cell, original: cell.value, changes: 0 };
  }
  throw new Error(`jury ${jury} : aucune note modifiable`);
}

function operation(c: JuryClient, i: number): Operation {
  if (i % 4 !== 3) {
    return { kind: 'list', run: () => c.http.request('GET', `/api/deliberation/juries/${encodeURIComponent(c.jury)}/candidates`) };
  }
  return {
    kind: 'modify',
    run: async () => {
      const value = c.changes++ % 2 === 0 ? (c.original === '10,00' ? '11' : '10') : c.original;
      const r = await c.http.request('POST', `/api/deliberation/candidates/${c.candidate}/grade-changes`, { group: 1, epreuve: c.cell.epreuve, value, version: c.cell.version });
      const cell = r.status === 200 ? cellOf(r.body as Pvi, c.cell.epreuve) : (r.body as { current?: Cell }).current;
      if (cell) c.cell.version = cell.version;
      return r;
    },
  };
}

const THINK_MS = 1000;

export async function scenario(ctx: BenchContext, databaseUrl: string, instances: number, total: number) {
  const juries = await prepareAccounts(databaseUrl);
  if (juries.length < CLIENTS) throw new Error(`seulement ${juries.length} jurys à l'état 110 (il en faut ${CLIENTS})`);
  const servers: Instance[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startInstance(databaseUrl));
    const agents = servers.map(() => keepAliveAgent(CLIENTS));
    ctx.log(`${CLIENTS} clients : connexion et choix d'une note…`);
    const clients: JuryClient[] = [];
    for (let i = 0; i < juries.length; i += 20) {
      clients.push(...await Promise.all(juries.slice(i, i + 20).map((j, k) => setupClient(servers[(i + k) % instances]!.url, agents[(i + k) % instances]!, j))));
    }
    // warm-up (not measured): one list and one change per client
    await runLoad(clients, (c, i) => operation(c, i === 0 ? 0 : 3), CLIENTS * 2);
    // CPU of the servers per request: what the code costs, whatever the load of the machine
    const serverCpu = () => servers.reduce((sum, s) => sum + (cpuSecondsOf(s.process.pid!) ?? NaN), 0);
    ctx.log(`${total} requêtes, ${CLIENTS} clients simultanés au rythme d'une requête par seconde chacun, ${instances} instance(s)…`);
    let cpu0 = serverCpu();
    const stats = await runLoad(clients, operation, total, { thinkMs: THINK_MS });
    const perRequest = (cpu: number, requests: number) => (requests > 0 ? (cpu * 1000) / requests : NaN);
    const pacedCpuMs = perRequest(serverCpu() - cpu0, stats.requests);
    const pacedLoad = loadavg()[0]!;
    ctx.log(`capacité : ${total} requêtes sans pause…`);
    cpu0 = serverCpu();
    const capacity = await runLoad(clients, operation, total);
    const capacityCpuMs = perRequest(serverCpu() - cpu0, capacity.requests);
    const rss = servers.map((s) => peakRssMb(s.process.pid!) ?? NaN);
    for (const a of agents) a.destroy();
    return { stats, capacity, rss, pacedCpuMs, capacityCpuMs, pacedLoad };
  } finally {
    for (const s of servers) await stopInstance(s);
  }
}

function figuresOf(prefix: string, label: string, r: Awaited<ReturnType<typeof scenario>>, load: string): Figure[] {
  const { stats, capacity } = r;
  const errors = stats.errors ? `, ${stats.errors} erreur(s) : ${stats.firstError}` : '';
  const capErrors = capacity.errors ? `, ${capacity.errors} erreur(s) : ${capacity.firstError}` : '';
  const list = stats.byKind.list!;
  const modify = stats.byKind.modify!;
  return [
    figure(`http_list${prefix}_p99_ms`, `${label} : liste des candidats du jury, p99`, list.p99, 'ms', { target: { op: '<', value: 50 }, note: `p50 ${list.p50.toFixed(1)} ms, max ${list.max.toFixed(0)} ms, ${list.count} req., charge ${r.pacedLoad.toFixed(1)}` }),
    figure(`http_jury_modify${prefix}_p99_ms`, `${label} : modification d'une note, p99`, modify.p99, 'ms', { target: { op: '<', value: 50 }, note: `p50 ${modify.p50.toFixed(1)} ms, max ${modify.max.toFixed(0)} ms, ${modify.count} req.` }),
    figure(`http${prefix}_rps`, `${label} : capacité (requêtes sans pause)`, capacity.rps, 'req/s', {
      note: `${capacity.requests} req. en ${capacity.seconds.toFixed(1)} s, p99 ${capacity.byKind.list!.p99.toFixed(0)} ms en file, ${load}${capErrors}`,
    }),
    figure(`http${prefix}_paced_rps`, `${label} : débit au rythme des utilisateurs`, stats.rps, 'req/s', { note: `${stats.requests} req. en ${stats.seconds.toFixed(1)} s${errors}` }),
    figure(`http${prefix}_server_cpu_ms_per_request`, `${label} : CPU des serveurs par requête`, r.capacityCpuMs, 'ms', {
      note: `au rythme des utilisateurs : ${r.pacedCpuMs.toFixed(2)} ms ; une instance sert au plus ≈ ${Math.round(1000 / r.capacityCpuMs)} req/s par cœur libre`,
    }),
    figure(`http${prefix}_server_peak_rss_mb`, `${label} : mémoire max par instance`, Math.max(...r.rss), 'Mo', { note: r.rss.map((x) => x.toFixed(0)).join(' / ') + ' Mo' }),
  ];
}

export const httpMeasure: Measure = {
  name: 'http',
  title: 'HTTP, 200 clients simultanés',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const total = ctx.quick ? CLIENTS * 5 : CLIENTS * 20;
    const figures: Figure[] = [];
    const n = ctx.candidates;
    const attempt = async (prefix: string, label: string, url: () => Promise<string>, instances: number, invalidate: () => void) => {
      try {
        const r = await scenario(ctx, await url(), instances, total);
        figures.push(...figuresOf(prefix, label, r, `charge ${loadavg()[0]!.toFixed(1)}`));
      } catch (e) {
        const why = (e as Error).message.slice(0, 300);
        for (const k of ['list', 'jury_modify']) figures.push(failed(`http_${k}${prefix}_p99_ms`, `${label} : ${k}`, 'ms', why));
        figures.push(failed(`http${prefix}_rps`, `${label} : débit`, 'req/s', why));
      } finally {
        invalidate();
      }
    };
    await attempt('', `SQLite, 1 instance, ${n} candidats`, () => ctx.inputs.importedSqlite(n), 1, () => ctx.inputs.invalidateSqlite(n));
    if (ctx.pg) await attempt('_pg', `PostgreSQL, 2 instances, ${n} candidats`, () => ctx.inputs.importedPg(n), 2, () => ctx.inputs.invalidatePg());
    else figures.push(notAvailable('http_list_pg_p99_ms', 'PostgreSQL, 2 instances', 'ms', ctx.pgReason));
    return figures;
  },
};
