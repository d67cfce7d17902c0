import { findJury } from '../db/repositories/juries.js';
import { isJuryState } from '../domain/jury-state.js';
import { changeStateExceptionally } from '../features/juries/change-state-exceptionally.js';
import { AppError } from '../errors/app-error.js';
import { args, cliActor, err, out, withDb, type Command } from './shared.js';

export const juryCommand: Command = {
  summary: 'changement exceptionnel de l\'état d\'un jury par l\'académie (journalisé, motif obligatoire)',
  usage: 'delib jury state <code> <état> --reason "…" [--forcer-double-saisie]',
  async run(argv) {
    // --forcer-double-saisie: confirm the change over 2nd-group grades in double entry not resolved yet
    const { positionals, values } = args(argv, { reason: { type: 'string' }, 'forcer-double-saisie': { type: 'boolean' } });
    const [sub, code, to] = positionals;
    if (sub !== 'state' || !code || !to || positionals.length !== 3) {
      err('usage : ' + this.usage);
      return 2;
    }
    if (!isJuryState(to)) {
      err(`état « ${to} » inconnu`);
      return 2;
    }
    return withDb(async (h) => {
      const jury = await findJury(h.db, code);
      if (!jury) {
        err(`jury « ${code} » inconnu`);
        return 1;
      }
      try {
        const res = await changeStateExceptionally(h, await cliActor(h), code, {
          to, reason: values.reason, expectedEtat: jury.etat, overrideOpenDoubleEntries: values['forcer-double-saisie'] === true,
        }, new Date());
        out(`Jury ${code} : ${jury.etat} → ${res.etat} (${res.etatLibelle}). Changement journalisé.`);
        return 0;
      } catch (e) {
        if (e instanceof AppError) {
          err(e.message);
          for (const d of e.details ?? []) err(`  - ${d.message}`);
          return 1;
        }
        throw e;
      }
    });
  },
};
