// A small, bounded HTTP load generator for the loopback only: N concurrent clients with keep-alive
// connections run a fixed number of requests in all, then stop (and stop anyway after a time cap).
import http from 'node:http';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly ms: number;
  readonly setCookie?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** One user agent: its session cookie and CSRF token. */
export class HttpClient {
  cookie = '';
  csrf = '';

  constructor(readonly base: URL, private readonly agent: http.Agent) {
    if (!LOOPBACK.has(base.hostname)) throw new Error(`le banc d'essai ne vise que la boucle locale, pas ${base.hostname}`);
  }

  request(method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          const setCookie = res.headers['set-cookie'];
          if (setCookie) {
            const sid = setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('delib_sid='));
            if (sid) this.cookie = sid;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms, ...(setCookie ? { setCookie } : {}) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`délai dépassé : ${method} ${path}`)));
      if (payload) req.write(payload);
      req.end();
    });
  }
}

export function keepAliveAgent(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** An operation of a client: its kind (for the statistics) and the request it makes. */
export interface Operation {
  readonly kind: string;
  run(): Promise<Reply>;
}

export interface LoadStats {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly errors: number;
  readonly firstError?: string;
  readonly byKind: Record<string, { count: number; p50: number; p99: number; max: number; errors: number }>;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LoadOptions {
  /** stop after this many seconds whatever is left (default 300) */
  readonly capSeconds?: number;
  /**
   * mean pause of a client between two requests, ms (uniform in [0.5, 1.5] × mean): people read
   * the screen between two clicks. 0: back to back (saturation, gives the capacity in req/s).
   */
  readonly thinkMs?: number;
}

/**
 * Runs `total` operations with one loop per client (clients.length concurrent requests at most).
 * `next(client, i)` gives the i-th operation of a client.
 */
export async function runLoad<C>(clients: readonly C[], next: (client: C, i: number) => Operation, total: number, opts: LoadOptions = {}): Promise<LoadStats> {
  const capSeconds = opts.capSeconds ?? 300;
  const think = opts.thinkMs ?? 0;
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lat: Record<string, number[]> = {};
  const errs: Record<string, number> = {};
  const deadline = performance.now() + capSeconds * 1000;
  const t0 = performance.now();
  await Promise.all(clients.map(async (client, k) => {
    // clients with a think time start spread over one pause, as people arrive
    if (think > 0) await new Promise((r) => setTimeout(r, (k / clients.length) * think));
    for (let i = 0; issued < total && performance.now() < deadline; i++) {
      issued++;
      const op = next(client, i);
      (lat[op.kind] ??= []);
      try {
        const r = await op.run();
        lat[op.kind]!.push(r.ms);
        if (r.status >= 400) {
          errors++;
          errs[op.kind] = (errs[op.kind] ?? 0) + 1;
          firstError ??= `${op.kind} : HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        }
      } catch (e) {
        errors++;
        errs[op.kind] = (errs[op.kind] ?? 0) + 1;
        firstError ??= `${op.kind} : ${(e as Error).message}`;
      }
      if (think > 0) await new Promise((r) => setTimeout(r, think * (0.5 + Math.random())));
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const byKind: LoadStats['byKind'] = {};
  let requests = 0;
  for (const [kind, values] of Object.entries(lat)) {
    const sorted = [...values].sort((a, b) => a - b);
    requests += sorted.length;
    byKind[kind] = { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, errors: errs[kind] ?? 0 };
  }
  return { requests, seconds, rps: requests / seconds, errors, ...(firstError ? { firstError } : {}), byKind };
}
