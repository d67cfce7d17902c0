import { resolve } from 'node:path';
import { BackupError } from '../features/backup/format.js';
import { restoreBackup } from '../features/backup/restore-backup.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const restoreCommand: Command = {
  summary: 'restaure une sauvegarde : vérifiée d\'abord, puis tout ou rien',
  usage: 'delib restore <fichier.zip> [--replace]',
  async run(argv) {
    const { positionals, values } = args(argv, { replace: { type: 'boolean', default: false } });
    const file = positionals[0];
    if (!file || positionals.length !== 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    return withDb(async (h) => {
      try {
        const documentsDir = process.env.DELIB_DOCUMENTS_DIR;
        const s = await restoreBackup(h, resolve(file), { replace: values.replace, ...(documentsDir ? { documentsDir } : {}) });
        out(`Sauvegarde du ${s.manifest.createdAt} restaurée dans ${h.where} : ${s.tables} tables, ${s.rows} ligne(s).`);
        if (s.documents > 0) {
          out(documentsDir ? `Documents réécrits dans ${documentsDir} : ${s.documents}.` : `Documents conservés dans la base (DELIB_DOCUMENTS_DIR non défini) : ${s.documents}.`);
        }
        out(`Journal vérifié : ${s.journalEntries} entrée(s)${s.manifest.journal.anchor ? `, ancre ${s.manifest.journal.anchor}` : ''}.`);
        out('Les sessions ouvertes ont été fermées : chacun se reconnecte.');
        return 0;
      } catch (e) {
        if (!(e instanceof BackupError)) throw e;
        err(`Restauration refusée : ${e.message}. La base n'a pas été modifiée.`);
        return 1;
      }
    });
  },
};
