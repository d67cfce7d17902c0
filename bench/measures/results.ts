// Results of every candidate from the database (`delib results`: chunked load → pure engine → sorted
// lines), on SQLite and PostgreSQL; both must give the same lines.
import { figure, notAvailable, scaleName, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';

const FULL = 200_000;

export const resultsMeasure: Measure = {
  name: 'results',
  title: 'Résultats depuis la base',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const n = ctx.candidates;
    const s = scaleName(n);
    const target = n === FULL ? { target: { op: '<' as const, value: 3 } } : {};
    ctx.log(`résultats de ${n} candidats (SQLite)…`);
    const lite = await runStep('results', { url: await ctx.inputs.importedSqlite(n) });
    const figures: Figure[] = [
      figure(`results_${s}_s`, `Résultats de ${n} candidats, SQLite`, lite.seconds, 's', { ...target, note: context(lite, JSON.stringify(lite.decisions)) }),
      figure(`results_${s}_peak_rss_mb`, `Résultats de ${n} candidats, SQLite : mémoire max`, lite.peakRssMb, 'Mo'),
    ];
    if (!ctx.pg) {
      figures.push(notAvailable(`results_${s}_pg_s`, `Résultats de ${n} candidats, PostgreSQL`, 's', ctx.pgReason));
      return figures;
    }
    ctx.log(`résultats de ${n} candidats (PostgreSQL)…`);
    const pg = await runStep('results', { url: await ctx.inputs.importedPg(n) });
    const same = pg.digest === lite.digest;
    figures.push(
      figure(`results_${s}_pg_s`, `Résultats de ${n} candidats, PostgreSQL`, pg.seconds, 's', {
        ...target, note: context(pg, same ? 'lignes identiques à SQLite' : `LIGNES DIFFÉRENTES DE SQLITE (${pg.digest} ≠ ${lite.digest})`),
      }),
      figure(`results_${s}_pg_peak_rss_mb`, `Résultats de ${n} candidats, PostgreSQL : mémoire max (Node)`, pg.peakRssMb, 'Mo'),
    );
    if (!same) throw new Error('les résultats diffèrent entre SQLite et PostgreSQL');
    return figures;
  },
};
