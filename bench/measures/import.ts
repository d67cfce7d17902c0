// Import of a generated session (streamed, all or nothing, bulk statements): time and peak memory on
// SQLite at every scale (memory must not grow with the work) and on PostgreSQL at the main scale.
import { figure, scaleName, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';

const FULL = 200_000;

export const importMeasure: Measure = {
  name: 'import',
  title: 'Import (SQLite, PostgreSQL)',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const base = await runStep('baseline', {});
    const figures: Figure[] = [
      figure('node_baseline_rss_mb', 'Processus de mesure à vide (Node, modules)', base.peakRssMb, 'Mo', { note: 'plancher de toutes les mémoires max' }),
    ];
    const scales = [...new Set([...ctx.memoryScales, ctx.candidates])].sort((a, b) => a - b);
    for (const n of scales) {
      const folder = await ctx.inputs.session(n);
      const url = ctx.inputs.resetSqlite(n);
      ctx.log(`import de ${n} candidats (SQLite)…`);
      const r = await runStep('import', { url, folder });
      ctx.inputs.markSqliteImported(n);
      const s = scaleName(n);
      const main = n === ctx.candidates;
      figures.push(figure(`import_${s}_s`, `Import ${n} candidats, SQLite`, r.seconds, 's', {
        ...(main && n === FULL ? { target: { op: '<', value: 30 } } : {}), note: context(r, `${r.grades} notes`),
      }));
      figures.push(figure(`import_${s}_peak_rss_mb`, `Import ${n} candidats, SQLite : mémoire max`, r.peakRssMb, 'Mo'));
    }
    if (!ctx.pg) return figures;
    const n = ctx.candidates;
    const folder = await ctx.inputs.session(n);
    const url = await ctx.inputs.resetPg();
    ctx.log(`import de ${n} candidats (PostgreSQL)…`);
    const r = await runStep('import', { url, folder });
    ctx.inputs.markPgImported(n);
    const s = scaleName(n);
    figures.push(figure(`import_${s}_pg_s`, `Import ${n} candidats, PostgreSQL`, r.seconds, 's', {
      ...(n === FULL ? { target: { op: '<', value: 60 } } : {}), note: context(r, 'CPU du processus Node seul'),
    }));
    figures.push(figure(`import_${s}_pg_peak_rss_mb`, `Import ${n} candidats, PostgreSQL : mémoire max (Node)`, r.peakRssMb, 'Mo'));
    return figures;
  },
};
