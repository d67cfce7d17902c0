import { describeProblem, formatAnchor, journalHead, parseAnchor, verifyJournal } from '../db/repositories/journal.js';
import { journalKeyring } from '../db/repositories/journal-keys.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const journalCommand: Command = {
  summary: 'vérifie les chaînes du journal (entrée modifiée, supprimée ou déplacée, fin tronquée) et l\'ancre de session',
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
    const keyring = journalKeyring(); // a malformed DELIB_JOURNAL_KEY stops here, named
    return withDb(async (h) => {
      const r = await verifyJournal(h.db, expected ? { expected, keyring } : { keyring });
      if (r.problems.length === 0) {
        const chains = (await h.db.selectFrom('journal_head').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '>', 0).executeTakeFirstOrThrow()).n;
        const head = await journalHead(h.db);
        out(`Journal intègre : ${r.entries} entrée(s) vérifiée(s) dans ${Number(chains)} chaîne(s)${keyring.signing ? `, scellées par clé (« ${keyring.signing.id} » en service)` : ''}${expected ? ", ancre externe retrouvée" : ''}.`);
        if (head) out(`Ancre de session (à conserver hors de la base) : ${formatAnchor(head)}`);
        return 0;
      }
      err(`Journal altéré : ${r.problems.length} anomalie(s) sur ${r.entries} entrée(s) :`);
      for (const p of r.problems) err(`  ${describeProblem(p)}`);
      return 1;
    });
  },
};
