import { verifyJournal } from '../db/repositories/journal.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const journalCommand: Command = {
  summary: 'vérifie le chaînage du journal (entrée modifiée, supprimée ou déplacée)',
  usage: 'delib journal verify',
  async run(argv) {
    const { positionals } = args(argv, {});
    if (positionals[0] !== 'verify' || positionals.length !== 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    return withDb(async (h) => {
      const r = await verifyJournal(h.db);
      if (r.problems.length === 0) {
        out(`Journal intègre : ${r.entries} entrée(s) vérifiée(s).`);
        return 0;
      }
      err(`Journal altéré : ${r.problems.length} anomalie(s) sur ${r.entries} entrée(s) :`);
      for (const p of r.problems) err(`  entrée n° ${p.seq} : ${p.problem}`);
      return 1;
    });
  },
};
