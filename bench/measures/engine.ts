// The pure decision engine (src/domain/rules) on the candidates of the generated session.
import { figure, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { type BenchContext, type Measure } from '../lib/measure.js';

export const engineMeasure: Measure = {
  name: 'engine',
  title: 'Moteur de décision',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const url = await ctx.inputs.importedSqlite(ctx.candidates);
    ctx.log(`moteur : ${ctx.candidates} candidats × ${ctx.quick ? 3 : 5} tours…`);
    const r = await runStep('engine', { url, rounds: ctx.quick ? 3 : 5 });
    const median = Number(r.median);
    return [figure('engine_candidates_per_s', 'Moteur pur (médiane des tours)', median, 'candidats/s', {
      target: { op: '>=', value: 1_000_000 },
      note: `meilleur tour ${Math.round(Number(r.best)).toLocaleString('fr-FR')}/s, par seconde de CPU ${Math.round(Number(r.candidates) * (ctx.quick ? 3 : 5) / r.cpuSeconds).toLocaleString('fr-FR')}/s, ${r.candidates} candidats, charge ${r.load.toFixed(1)}`,
    })];
  },
};
