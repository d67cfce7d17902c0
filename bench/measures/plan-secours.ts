// The académie's emergency plan (« Générer le plan de secours », 1st group) for a session of 15 000
// candidates, through `delib edition plan-secours`: time, CPU time and peak memory of the command's
// process (everything runs in it: the fresh passwords are hashed in its thread pool; any child
// process it started would be counted too).
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../src/cli/commands.js';
import { failed, figure, notAvailable, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';

const CANDIDATES = 15_000;

export const planSecoursMeasure: Measure = {
  name: 'plan-secours',
  title: 'Plan de secours de l\'académie',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const labelS = `Plan de secours, ${CANDIDATES} candidats`;
    if (!commands.edition) {
      return [
        notAvailable('plan_secours_academie_s', labelS, 's', 'commande delib edition absente', { op: '<', value: 40 }),
        notAvailable('plan_secours_peak_rss_mb', `${labelS} : mémoire max`, 'Mo', 'commande delib edition absente', { op: '<', value: 300 }),
      ];
    }
    const url = await ctx.inputs.importedSqlite(CANDIDATES);
    const out = join(ctx.outDir, 'plan-secours.zip');
    ctx.log(`plan de secours de ${CANDIDATES} candidats…`);
    try {
      const r = await runStep('cli', { url, argv: ['edition', 'plan-secours', '--group', '1', '--out', out] });
      const bytes = statSync(out).size;
      const cpu = r.cpuSeconds + r.childCpuSeconds;
      return [
        figure('plan_secours_academie_s', labelS, r.seconds, 's', { target: { op: '<', value: 40 }, note: context({ cpuSeconds: cpu, load: r.load }, `${(bytes / 1e6).toFixed(1)} Mo de zip`) }),
        figure('plan_secours_cpu_s', `${labelS} : temps CPU`, cpu, 's', {
          note: `${r.cpuSeconds.toFixed(1)} s dans le processus de la commande (tous ses fils d'exécution), ${r.childCpuSeconds.toFixed(1)} s dans des processus fils`,
        }),
        figure('plan_secours_peak_rss_mb', `${labelS} : mémoire max`, r.peakRssMb, 'Mo', { target: { op: '<', value: 300 }, note: 'processus de la commande : tout le travail s\'y fait (mots de passe hachés dans son pool de threads)' }),
      ];
    } catch (e) {
      const why = (e as Error).message.split('\n')[0]!.slice(0, 200);
      return [
        failed('plan_secours_academie_s', labelS, 's', why, { op: '<', value: 40 }),
        failed('plan_secours_peak_rss_mb', `${labelS} : mémoire max`, 'Mo', why, { op: '<', value: 300 }),
      ];
    } finally {
      rmSync(out, { force: true });
      // the plan journals fresh emergency passwords: the database is no longer the imported one
      ctx.inputs.invalidateSqlite(CANDIDATES);
    }
  },
};
