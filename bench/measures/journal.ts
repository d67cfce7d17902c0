// `delib journal verify` on the imported national session (issue #13 point 2, ADR 0013): every
// chain walked and hashed, then every jury's data replayed from its import snapshot and compared with
// the tables (2,3 million grades at 200 000 candidates), on SQLite and PostgreSQL. The work of the
// command (verifyJournal + verifyJournalData) runs in its own process; it must find nothing.
import { failed, figure, notAvailable, scaleName, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';

const FULL = 200_000;

export const journalMeasure: Measure = {
  name: 'journal',
  title: 'Vérification du journal et des données',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const n = ctx.candidates;
    const s = scaleName(n);
    const target = n === FULL ? { target: { op: '<' as const, value: 30 } } : {};
    const figures: Figure[] = [];
    const one = async (key: string, label: string, url: () => Promise<string>) => {
      try {
        const u = await url();
        ctx.log(`${label}…`);
        const r = await runStep('journal-verify', { url: u });
        if (Number(r.problems) > 0 || Number(r.differences) > 0) throw new Error(`${String(r.problems)} anomalie(s), ${String(r.differences)} différence(s) sur une session importée`);
        figures.push(figure(key, label, r.seconds, 's', { ...target, note: context(r, `${String(r.entries)} entrées, ${String(r.juries)} jurys rejoués, ${r.peakRssMb.toFixed(0)} Mo max`) }));
      } catch (e) {
        figures.push(failed(key, label, 's', (e as Error).message.slice(0, 300), target.target));
      }
    };
    await one(`journal_verify_${s}_s`, `delib journal verify, ${n} candidats, SQLite`, () => ctx.inputs.importedSqlite(n));
    if (ctx.pg) await one(`journal_verify_${s}_pg_s`, `delib journal verify, ${n} candidats, PostgreSQL`, () => ctx.inputs.importedPg(n));
    else figures.push(notAvailable(`journal_verify_${s}_pg_s`, `delib journal verify, ${n} candidats, PostgreSQL`, 's', ctx.pgReason));
    return figures;
  },
};
