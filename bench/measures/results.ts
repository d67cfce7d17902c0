// Results of every candidate from the database (`delib results`: chunked load → pure engine → sorted
// lines), on SQLite and PostgreSQL; both must give the same lines. Each dialect runs once on one thread
// (for comparison, in the same conditions) and once on the threads of the machine; both must give the
// same lines.
import { figure, notAvailable, scaleName, type Figure } from '../lib/figures.js';
import { runStep, type StepReport } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';

const FULL = 200_000;

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
    const target = n === FULL ? { target: { op: '<' as const, value: 3 } } : {};
    ctx.log(`résultats de ${n} candidats (SQLite)…`);
    const liteUrl = await ctx.inputs.importedSqlite(n);
    const liteOne = await runStep('results', { url: liteUrl, threads: 1 });
    const lite = await runStep('results', { url: liteUrl });
    sameAsOneThread(lite, liteOne, 'SQLite');
    const figures: Figure[] = [
      figure(`results_${s}_one_thread_s`, `Résultats de ${n} candidats, SQLite, un seul fil (comparaison)`, liteOne.seconds, 's', { note: context(liteOne, 'lancé juste avant, lignes identiques') }),
      figure(`results_${s}_s`, `Résultats de ${n} candidats, SQLite`, lite.seconds, 's', { ...target, note: context(lite, `${threadsNote(lite)} ; ${JSON.stringify(lite.decisions)}`) }),
      figure(`results_${s}_peak_rss_mb`, `Résultats de ${n} candidats, SQLite : mémoire max`, lite.peakRssMb, 'Mo'),
    ];
    if (!ctx.pg) {
      figures.push(notAvailable(`results_${s}_pg_s`, `Résultats de ${n} candidats, PostgreSQL`, 's', ctx.pgReason));
      return figures;
    }
    ctx.log(`résultats de ${n} candidats (PostgreSQL)…`);
    const pgUrl = await ctx.inputs.importedPg(n);
    const pgOne = await runStep('results', { url: pgUrl, threads: 1 });
    const pg = await runStep('results', { url: pgUrl });
    sameAsOneThread(pg, pgOne, 'PostgreSQL');
    const same = pg.digest === lite.digest;
    figures.push(
      figure(`results_${s}_pg_one_thread_s`, `Résultats de ${n} candidats, PostgreSQL, un seul fil (comparaison)`, pgOne.seconds, 's', { note: context(pgOne, 'lancé juste avant, lignes identiques') }),
      figure(`results_${s}_pg_s`, `Résultats de ${n} candidats, PostgreSQL`, pg.seconds, 's', {
        ...target, note: context(pg, `${threadsNote(pg)} ; ${same ? 'lignes identiques à SQLite' : `LIGNES DIFFÉRENTES DE SQLITE (${pg.digest} ≠ ${lite.digest})`}`),
      }),
      figure(`results_${s}_pg_peak_rss_mb`, `Résultats de ${n} candidats, PostgreSQL : mémoire max (Node)`, pg.peakRssMb, 'Mo'),
    );
    if (!same) throw new Error('les résultats diffèrent entre SQLite et PostgreSQL');
    return figures;
  },
};
