import { importSession } from '../features/import/import-session.js';
import { args, cliActor, err, out, withDb, type Command } from './shared.js';

export const importCommand: Command = {
  summary: 'importe un dossier de session au format d\'échange (tout ou rien)',
  usage: 'delib import <dossier>',
  async run(argv) {
    const { positionals } = args(argv, {});
    const folder = positionals[0];
    if (!folder || positionals.length > 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    return withDb(async (h) => {
      const started = Date.now();
      const res = await importSession(h, folder, await cliActor(h));
      if (!res.ok) {
        err(`Import refusé : ${res.errorCount} erreur(s), rien n'a été enregistré.`);
        for (const e of res.errors) err(`${e.file}${e.line ? ` ligne ${e.line}` : ''} : ${e.message}`);
        if (res.errorCount > res.errors.length) err(`… et ${res.errorCount - res.errors.length} autre(s) erreur(s).`);
        return 1;
      }
      const s = res.summary;
      out(`Import terminé en ${((Date.now() - started) / 1000).toFixed(1)} s (${h.where}) :`);
      out(`  ${s.etablissements} établissement(s), ${s.specialites} spécialité(s), ${s.epreuves} épreuve(s), ${s.jurys} jury(s)`);
      out(`  ${s.candidats} candidat(s) (${s.candidatsNouveaux} nouveau(x), ${s.candidatsMisAJour} mis à jour), ${s.notes} note(s)`);
      out(`  ${s.choixControle} choix d'épreuves de contrôle, ${s.notesControle} note(s) de contrôle`);
      return 0;
    });
  },
};
