// Application instances for the HTTP measure: `delib serve` processes on loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO } from './child.js';

export interface Instance {
  readonly url: URL;
  readonly process: ChildProcess;
  /** wall seconds from the start of the process to its first answer */
  readonly readySeconds: number;
  /** last lines of its error output */
  readonly stderr: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Extra Node options of the servers, for profiling them under load, e.g.
 * BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (the profile is written at SIGTERM).
 */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts `delib serve` on a free loopback port with this database; resolves once it answers. */
export async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, join(REPO, 'bin/delib.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    err = (err + d).slice(-4000);
  });
  const url = new URL(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`delib serve s'est arrêté (code ${child.exitCode}) : ${err}`);
    try {
      const r = await fetch(new URL('/api/auth/me', url));
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`delib serve ne répond pas sur ${url} : ${err}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { url, process: child, readySeconds: (performance.now() - t0) / 1000, stderr: () => err };
}

/** Peak resident memory of a running process, MB (Linux: VmHWM). */
export function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) used so far by a running process (Linux: /proc/<pid>/stat, 100 ticks/s). */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export async function stopInstance(i: Instance): Promise<void> {
  if (i.process.exitCode !== null) return;
  const exited = new Promise<void>((r) => i.process.once('exit', () => r()));
  i.process.kill('SIGTERM');
  const timer = setTimeout(() => i.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
