import { provisioningStatus } from '../db/repositories/users.js';
import { ACCOUNTS_TO_PROVISION } from '../features/users/provision-accounts.js';
import { importSession } from '../features/import/import-session.js';
import { protectedRefusalMessage, summaryLines, truncatedFiles } from '../features/import/summary.js';
import { args, cliActor, err, out, withDb, type Command } from './shared.js';

export const importCommand: Command = {
  summary: 'importe un dossier de session au format d\'échange (tout ou rien)',
  usage: 'delib import <dossier> [--corrections --motif "…"]',
  async run(argv) {
    const { positionals, values } = args(argv, { corrections: { type: 'boolean' }, motif: { type: 'string' } });
    const folder = positionals[0];
    if (!folder || positionals.length > 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    const motif = typeof values.motif === 'string' ? values.motif.trim() : '';
    if (values.corrections && !motif) {
      err('--corrections demande un motif : --motif "…" (il est journalisé avec chaque correction).');
      return 2;
    }
    if (!values.corrections && values.motif !== undefined) {
      err('--motif ne sert qu\'avec --corrections.');
      return 2;
    }
    return withDb(async (h) => {
      const started = Date.now();
      const res = await importSession(h, folder, await cliActor(h), new Date(), values.corrections ? { corrections: { motif } } : {});
      if (!res.ok && res.changeCount > 0) {
        err(protectedRefusalMessage(res));
        for (const c of res.changes) {
          err(`  jury ${c.jury} (${c.etat})${c.candidat ? ` · ${c.candidat}` : ''} · ${c.champ} : ${c.avant} → ${c.apres}${c.refus ? ` — refusé : ${c.refus}` : ''}`);
        }
        if (res.changeCount > res.changes.length) err(`  … et ${res.changeCount - res.changes.length} autre(s) différence(s).`);
        if (!res.corrections) err(`Pour les appliquer comme corrections : delib import ${folder} --corrections --motif "…"`);
        return 1;
      }
      if (!res.ok) {
        err(`Import refusé : ${res.errorCount} erreur(s), rien n'a été enregistré.`);
        for (const e of res.errors) err(`${e.file}${e.line ? ` ligne ${e.line}` : ''} : ${e.message}`);
        for (const t of truncatedFiles(res.errorsByFile, res.errors)) err(`… ${t}.`);
        return 1;
      }
      out(`Import terminé en ${((Date.now() - started) / 1000).toFixed(1)} s (${h.where}) :`);
      const lines = summaryLines(res.summary);
      const width = Math.max(...lines.map((l) => l.libelle.length));
      for (const l of lines) out(`  ${l.libelle.padEnd(width)}  ${l.nombre.toLocaleString('fr-FR')}`);
      if ((await provisioningStatus(h.db)).accounts === 0) out(ACCOUNTS_TO_PROVISION);
      return 0;
    });
  },
};
