// Results of every candidate from the database (`delib results`: chunked load → pure engine → sorted
// lines), on SQLite and PostgreSQL; both must give the same lines. Each dialect runs as `delib results`
// does (one thread), then, for comparison in the same conditions, on as many threads as the machine has
// cores (`delib results --threads N`); both must give the same lines. Last, `delib results` as a whole
// process (start-up included) on a session of 50 000 candidates.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { figure, notAvailable, scaleName, type Figure } from '../lib/figures.js';
import { REPO, runStep, type StepReport } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';

const FULL = 200_000;
/** the session of the whole-process figure */
const CLI_CANDIDATES = 50_000;

/** Wall seconds of `delib results` as a whole process (its output read and dropped). */
function cliSeconds(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(REPO, 'bin/delib.mjs'), 'results'], {
      cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' },
    });
    let err = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`delib results : code ${code} ${err}`))));
  });
}

/** `delib results` on 50 000 candidates (SQLite), median of 5 runs after one untimed. */
async function cliFigure(ctx: BenchContext): Promise<Figure> {
  const url = await ctx.inputs.importedSqlite(CLI_CANDIDATES);
  ctx.log(`delib results sur ${CLI_CANDIDATES} candidats, processus entier…`);
  await cliSeconds(url);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(await cliSeconds(url));
  runs.sort((a, b) => a - b);
  return figure(`results_cli_${scaleName(CLI_CANDIDATES)}_s`, `delib results, ${CLI_CANDIDATES} candidats, processus entier (SQLite, médiane)`, runs[2]!, 's', {
    target: { op: '<', value: 0.75 }, note: `5 lancements : ${runs[0]!.toFixed(2)}–${runs[4]!.toFixed(2)} s, charge ${loadavg()[0]!.toFixed(1)}`,
  });
}

/** The lines on several threads must be those of one thread, byte for byte. */
function sameAsOneThread(many: StepReport, one: StepReport, dialect: string): void {
  if (many.digest !== one.digest) throw new Error(`${dialect} : les résultats sur plusieurs fils diffèrent de ceux d'un seul fil (${String(many.digest)} ≠ ${String(one.digest)})`);
}

/** How the work was shared (src/features/results/parallel-lines.ts). */
function threadsNote(r: StepReport): string {
  return r.threads === 1 ? '1 fil d\'exécution' : `${String(r.threads)} fils d'exécution, tranches calculées par les workers : ${String(r.rangesByWorkers)}`;
}

export const resultsMeasure: Measure = {
  name: 'results',
  title: 'Résultats depuis la base',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const n = ctx.candidates;
    const s = scaleName(n);
    const target = n === FULL ? { target: { op: '<' as const, value: 1.5 } } : {};
    ctx.log(`résultats de ${n} candidats (SQLite)…`);
    const liteUrl = await ctx.inputs.importedSqlite(n);
    const cores = Math.max(2, availableParallelism());
    const lite = await runStep('results', { url: liteUrl });
    const liteMany = await runStep('results', { url: liteUrl, threads: cores });
    sameAsOneThread(liteMany, lite, 'SQLite');
    const figures: Figure[] = [
      figure(`results_${s}_s`, `Résultats de ${n} candidats, SQLite`, lite.seconds, 's', { ...target, note: context(lite, `${threadsNote(lite)} ; ${JSON.stringify(lite.decisions)}`) }),
      figure(`results_${s}_threads_s`, `Résultats de ${n} candidats, SQLite, sur ${cores} fils (comparaison)`, liteMany.seconds, 's', { note: context(liteMany, `${threadsNote(liteMany)}, lancé juste après, lignes identiques`) }),
      figure(`results_${s}_peak_rss_mb`, `Résultats de ${n} candidats, SQLite : mémoire max`, lite.peakRssMb, 'Mo'),
    ];
    figures.push(await cliFigure(ctx));
    if (!ctx.pg) {
      figures.push(notAvailable(`results_${s}_pg_s`, `Résultats de ${n} candidats, PostgreSQL`, 's', ctx.pgReason));
      return figures;
    }
    ctx.log(`résultats de ${n} candidats (PostgreSQL)…`);
    const pgUrl = await ctx.inputs.importedPg(n);
    const pg = await runStep('results', { url: pgUrl });
    const pgMany = await runStep('results', { url: pgUrl, threads: cores });
    sameAsOneThread(pgMany, pg, 'PostgreSQL');
    const same = pg.digest === lite.digest;
    figures.push(
      figure(`results_${s}_pg_threads_s`, `Résultats de ${n} candidats, PostgreSQL, sur ${cores} fils (comparaison)`, pgMany.seconds, 's', { note: context(pgMany, `${threadsNote(pgMany)}, lancé juste après, lignes identiques`) }),
      figure(`results_${s}_pg_s`, `Résultats de ${n} candidats, PostgreSQL`, pg.seconds, 's', {
        ...target, note: context(pg, `${threadsNote(pg)} ; ${same ? 'lignes identiques à SQLite' : `LIGNES DIFFÉRENTES DE SQLITE (${pg.digest} ≠ ${lite.digest})`}`),
      }),
      figure(`results_${s}_pg_peak_rss_mb`, `Résultats de ${n} candidats, PostgreSQL : mémoire max (Node)`, pg.peakRssMb, 'Mo'),
    );
    if (!same) throw new Error('les résultats diffèrent entre SQLite et PostgreSQL');
    return figures;
  },
};
