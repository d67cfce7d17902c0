import { formatAnchor, journalHead, parseAnchor, verifyJournal } from '../db/repositories/journal.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const journalCommand: Command = {
  summary: 'vérifie le chaînage du journal (entrée modifiée, supprimée ou déplacée, fin tronquée)',
  usage: 'delib journal verify [--anchor <n°>:<empreinte>]',
  async run(argv) {
    const { positionals, values } = args(argv, { anchor: { type: 'string' } });
    if (positionals[0] !== 'verify' || positionals.length !== 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    const expected = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
    if (expected === null) {
      err("--anchor attend « <n°>:<empreinte> » (l'ancre imprimée sur un PV ou dans une sauvegarde).");
      return 2;
    }
    return withDb(async (h) => {
      const r = await verifyJournal(h.db, expected ? { expected } : {});
      if (r.problems.length === 0) {
        const head = await journalHead(h.db);
        out(`Journal intègre : ${r.entries} entrée(s) vérifiée(s)${expected ? ", ancre externe retrouvée" : ''}.`);
        if (head) out(`Ancre (à conserver hors de la base) : ${formatAnchor(head)}`);
        return 0;
      }
      err(`Journal altéré : ${r.problems.length} anomalie(s) sur ${r.entries} entrée(s) :`);
      for (const p of r.problems) err(`  entrée n° ${p.seq} : ${p.problem}`);
      return 1;
    });
  },
};
