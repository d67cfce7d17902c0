// Start-up of the compiled product (ADR 0011): `delib help` as a whole process against a bare
// `node -e 0` (runs alternating, medians), and `delib serve` from its start to its first answer on a
// migrated SQLite database (the first start, which migrates, is not counted).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { figure, type Figure } from '../lib/figures.js';
import { REPO } from '../lib/child.js';
import { cpuSecondsOf, startInstance, stopInstance } from '../lib/server.js';
import type { BenchContext, Measure } from '../lib/measure.js';

const DELIB = join(REPO, 'bin/delib.mjs');

/** Wall seconds of a whole process, from its start to its exit (stdout discarded). */
function processSeconds(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, NODE_OPTIONS: '' } });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`node ${args.join(' ')} : code ${code} ${err}`))));
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function range(xs: readonly number[]): string {
  return `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)} s`;
}

async function helpFigures(runs: number): Promise<Figure[]> {
  await processSeconds([DELIB, 'help']); // builds dist/ if a source changed, warms the file cache
  const bare: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await processSeconds(['-e', '0']));
    help.push(await processSeconds([DELIB, 'help']));
  }
  const load = loadavg()[0]!.toFixed(1);
  const ratio = median(help) / median(bare);
  return [
    figure('node_bare_s', 'Processus node -e 0 (médiane)', median(bare), 's', { note: `${runs} lancements : ${range(bare)}, charge ${load}` }),
    figure('cli_help_s', 'delib help, processus entier (médiane)', median(help), 's', { note: `${runs} lancements alternés avec node -e 0 : ${range(help)}, charge ${load}` }),
    figure('cli_help_vs_node_ratio', 'delib help / node -e 0', ratio, '×', { target: { op: '<=', value: 2 }, note: `charge ${load}` }),
  ];
}

async function serverFigures(ctx: BenchContext, runs: number): Promise<Figure> {
  const file = join(ctx.outDir, `startup-${process.pid}.sqlite`);
  const remove = () => ['', '-wal', '-shm'].forEach((x) => rmSync(file + x, { force: true }));
  remove();
  try {
    const url = `sqlite:${file}`;
    await stopInstance(await startInstance(url)); // migrates the empty database
    const ready: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const instance = await startInstance(url);
      ready.push(instance.readySeconds);
      cpu.push(cpuSecondsOf(instance.process.pid!) ?? Number.NaN);
      await stopInstance(instance);
    }
    return figure('server_ready_s', 'delib serve : prêt (première réponse HTTP, médiane)', median(ready), 's', {
      target: { op: '<', value: 1 },
      note: `${runs} démarrages : ${range(ready)}, CPU du serveur jusque-là ${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)} s, charge ${loadavg()[0]!.toFixed(1)}`,
    });
  } finally {
    remove();
  }
}

export const startupMeasure: Measure = {
  name: 'startup',
  title: 'Démarrage (commande, serveur)',
  async run(ctx: BenchContext): Promise<Figure[]> {
    ctx.log('démarrage : delib help contre node -e 0, puis delib serve…');
    return [...await helpFigures(ctx.quick ? 5 : 11), await serverFigures(ctx, ctx.quick ? 3 : 7)];
  },
};
