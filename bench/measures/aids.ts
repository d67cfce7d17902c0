// Deliberation aids (issue #16): the time to compute "Candidats proches d'un seuil" for a jury of 500
// candidates (the pure function the server and the offline portal run), margins 0,50 and 2,00.
import { figure, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { type BenchContext, type Measure } from '../lib/measure.js';

export const aidsMeasure: Measure = {
  name: 'aids',
  title: "Aides à la délibération : candidats proches d'un seuil",
  async run(ctx: BenchContext): Promise<Figure[]> {
    const rounds = ctx.quick ? 5 : 11;
    const out: Figure[] = [];
    for (const [margin, key] of [[50, 'aids_near_threshold_500_ms'], [200, 'aids_near_threshold_500_margin2_ms']] as const) {
      ctx.log(`candidats proches d'un seuil : jury de 500 candidats, marge ${(margin / 100).toFixed(2).replace(".", ",")} point, ${rounds} tours…`);
      const r = await runStep('aids-near', { candidates: 500, rounds, margin });
      out.push(figure(key, `Candidats proches d'un seuil, jury de 500 candidats, marge ${(margin / 100).toFixed(2).replace('.', ',')} (médiane)`,
        Math.round(Number(r.median) * 10000) / 10, 'ms', {
          target: { op: '<=', value: 1000 },
          note: `meilleur tour ${(Number(r.best) * 1000).toFixed(1)} ms, ${r.listed} situations listées, ${r.levers} notes calculées, charge ${r.load.toFixed(1)}`,
        }));
    }
    return out;
  },
};
