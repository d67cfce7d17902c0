import { describeProblem, formatAnchor, journalHead, parseAnchor, verifyJournal } from '../db/repositories/journal.js';
import { journalKeyring } from '../db/repositories/journal-keys.js';
import { describeDifference, verifyJournalData } from '../features/journal/data-ledger.js';
import { args, err, out, withDb, type Command } from './shared.js';

/** Differences printed one per line; beyond, only counted. */
const MAX_LISTED = 1000;

export const journalCommand: Command = {
  summary: 'vérifie les chaînes du journal et l\'ancre de session, puis que les données (notes, états, drapeaux, 2nd groupe) sont exactement celles des imports et des modifications journalisées',
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
      const data = await verifyJournalData(h.db);
      if (r.problems.length === 0) {
        const chains = (await h.db.selectFrom('journal_head').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '>', 0).executeTakeFirstOrThrow()).n;
        out(`Journal intègre : ${r.entries} entrée(s) vérifiée(s) dans ${Number(chains)} chaîne(s)${keyring.signing ? `, scellées par clé (« ${keyring.signing.id} » en service)` : ''}${expected ? ", ancre externe retrouvée" : ''}.`);
      } else {
        err(`Journal altéré : ${r.problems.length} anomalie(s) sur ${r.entries} entrée(s) :`);
        for (const p of r.problems) err(`  ${describeProblem(p)}`);
      }
      if (data.differences.length === 0) {
        out(`Données conformes au journal : ${data.juries} jury(s) — notes, bénéfices, états, liste rouge, présumés fraudeurs, choix et notes du 2nd groupe.`);
      } else {
        err(`Données différentes de ce qu'établissent les imports et les modifications journalisées : ${data.differences.length} différence(s) :`);
        for (const d of data.differences.slice(0, MAX_LISTED)) err(`  ${describeDifference(d)}`);
        if (data.differences.length > MAX_LISTED) err(`  … et ${data.differences.length - MAX_LISTED} autre(s).`);
      }
      if (r.problems.length > 0 || data.differences.length > 0) return 1;
      const head = await journalHead(h.db);
      if (head) out(`Ancre de session (à conserver hors de la base) : ${formatAnchor(head)}`);
      return 0;
    });
  },
};
