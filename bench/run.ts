// `delib bench` / `npm run bench`: the benchmark suite of issue #7 (national scale). Prints a table and
// writes bench/results.json. Inputs come from `delib generate` with a fixed seed (bench/out/); SQLite
// files live in bench/out/; PostgreSQL is used in a dedicated database (delib_bench_<pid>), created and
// dropped here, when DATABASE_URL is a postgres:// URL or 127.0.0.1:5432 answers.
//
//   delib bench [--quick] [--only startup,import,results,journal,engine,documents,plan-secours,http,pages,aids] [--seed 2023]
//
// Each measure is one module of bench/measures/; each measured step runs in its own process so that
// the peak memory reported is the step's own. Timings are wall clock; the CPU time and the load
// average are printed next to them (on a shared 2-core machine, a load above 2 inflates timings).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { failed, formatTable, meets, type Figure } from './lib/figures.js';
import { Inputs, OUT_DIR } from './lib/inputs.js';
import type { BenchContext, Measure } from './lib/measure.js';
import { dropBenchDatabase, findPostgres } from './lib/pg.js';
import { REPO } from './lib/child.js';
import { importMeasure } from './measures/import.js';
import { startupMeasure } from './measures/startup.js';
import { resultsMeasure } from './measures/results.js';
import { engineMeasure } from './measures/engine.js';
import { documentsMeasure } from './measures/documents.js';
import { planSecoursMeasure } from './measures/plan-secours.js';
import { httpMeasure } from './measures/http.js';
import { journalMeasure } from './measures/journal.js';
import { pagesMeasure } from './measures/pages.js';
import { aidsMeasure } from './measures/aids.js';

/** In this order: later measures reuse the databases imported by earlier ones. */
export const MEASURES: readonly Measure[] = [startupMeasure, importMeasure, resultsMeasure, journalMeasure, engineMeasure, documentsMeasure, planSecoursMeasure, httpMeasure, pagesMeasure, aidsMeasure];

export const BENCH_USAGE = 'delib bench [--quick] [--only startup,import,results,journal,engine,documents,plan-secours,http,pages,aids] [--seed N] [--candidates N] [--keep-pg]';

export async function runBench(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false }, only: { type: 'string' }, seed: { type: 'string', default: '2023' },
      candidates: { type: 'string' }, 'keep-pg': { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${BENCH_USAGE}\n  mesures : ${MEASURES.map((m) => m.name).join(', ')}\n`);
    return 0;
  }
  const quick = values.quick!;
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim()).filter(Boolean)) : null;
  const unknown = [...(only ?? [])].filter((n) => !MEASURES.some((m) => m.name === n));
  if (unknown.length) {
    process.stderr.write(`mesure(s) inconnue(s) : ${unknown.join(', ')} (connues : ${MEASURES.map((m) => m.name).join(', ')})\n`);
    return 2;
  }
  const candidates = values.candidates ? Number(values.candidates) : quick ? 20_000 : 200_000;
  if (!Number.isInteger(candidates) || candidates < 100) {
    process.stderr.write('--candidates : un entier ≥ 100\n');
    return 2;
  }
  const started = new Date();
  const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} charge ${loadavg()[0]!.toFixed(1)}] ${m}\n`);
  const { target: pg, reason: pgReason } = await findPostgres();
  log(pg ? `PostgreSQL : base dédiée ${new URL(pg.url).pathname.slice(1)} sur ${new URL(pg.url).host}` : `sans PostgreSQL : ${pgReason}`);
  const ctx: BenchContext = {
    quick,
    candidates,
    memoryScales: quick ? [2_000, 10_000] : [10_000, 100_000],
    inputs: new Inputs(Number(values.seed), pg, log),
    pg,
    pgReason,
    outDir: OUT_DIR,
    log,
  };
  const figures: Figure[] = [];
  try {
    for (const m of MEASURES) {
      if (only && !only.has(m.name)) continue;
      log(`— ${m.title}`);
      try {
        figures.push(...await m.run(ctx));
      } catch (e) {
        log(`${m.title} : ${(e as Error).stack ?? String(e)}`);
        figures.push(failed(`${m.name.replace(/-/g, '_')}_error`, m.title, '', (e as Error).message.split('\n')[0]!.slice(0, 200)));
      }
    }
  } finally {
    ctx.inputs.removeSqliteFiles();
    if (pg && !values['keep-pg']) await dropBenchDatabase(pg).catch((e: Error) => log(`suppression de ${new URL(pg.url).pathname.slice(1)} : ${e.message}`));
  }

  const results = {
    date: started.toISOString(),
    command: `delib bench ${argv.join(' ')}`.trim(),
    quick,
    candidates,
    seed: Number(values.seed),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAtEnd: loadavg() },
    postgres: pg ? new URL(pg.url).host : null,
    figures: Object.fromEntries(figures.map((f) => [f.key, f.value === null ? null : Number(f.value.toPrecision(6))])),
    targets: Object.fromEntries(figures.filter((f) => f.target).map((f) => [f.key, { ...f.target, met: meets(f) }])),
    notes: Object.fromEntries(figures.filter((f) => f.na || f.note).map((f) => [f.key, f.na ?? f.note])),
  };
  const file = join(REPO, 'bench/results.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\n${formatTable(figures)}\n\nRésultats : ${file}\n`);
  return 0;
}
