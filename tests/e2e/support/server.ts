// Starts `delib start` (migrations + demonstration session in an empty database) on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, ROOT } from './paths.js';

export interface RunningServer {
  readonly baseUrl: string;
  /** the server's SQLite database file (undefined against DELIB_E2E_BASE_URL) */
  readonly databaseFile?: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited early (code ${child.exitCode}); see tests/e2e/artifacts`);
    try {
      const res = await fetch(`${url}/api/auth/me`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * A fresh SQLite database with the demo session, served by the real application.
 * DELIB_E2E_BASE_URL=http://host:port runs the scenarios against an already running instance instead.
 */
export interface ServerOptions {
  /** `serve`: an existing database as it is, without the demonstration (default `start`) */
  readonly command?: 'start' | 'serve';
  /** the SQLite file to serve (default: a new one) */
  readonly databaseFile?: string;
  readonly port?: number;
  /** more environment (DELIB_OIDC_*, DELIB_PUBLIC_URL…) */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startServer(name: string, opts: ServerOptions = {}): Promise<RunningServer> {
  const external = process.env.DELIB_E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/$/, ''), stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'delib-e2e-'));
  const port = opts.port ?? await freePort();
  const log = createWriteStream(join(ARTIFACTS, `server-${name}.log`));
  const databaseFile = opts.databaseFile ?? join(dir, 'e2e.sqlite');
  const child = spawn(process.execPath, ['bin/delib.mjs', opts.command ?? 'start', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, NODE_ENV: 'test', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(baseUrl, child, 90_000);
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return {
    baseUrl,
    databaseFile,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      log.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
