import { resolve } from 'node:path';
import { createBackup } from '../features/backup/create-backup.js';
import { BackupError } from '../features/backup/format.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const backupCommand: Command = {
  summary: 'sauvegarde portable et contrôlée (empreintes SHA-256) de toute la base',
  usage: 'delib backup <fichier.zip>',
  async run(argv) {
    const { positionals } = args(argv, {});
    const file = positionals[0];
    if (!file || positionals.length !== 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    return withDb(async (h) => {
      const documentsDir = process.env.DELIB_DOCUMENTS_DIR;
      let s;
      try {
        s = await createBackup(h, resolve(file), new Date(), documentsDir ? { documentsDir } : {});
      } catch (e) {
        if (!(e instanceof BackupError)) throw e;
        err(`Sauvegarde impossible : ${e.message}.`);
        return 1;
      }
      out(`Sauvegarde écrite : ${s.file} (${s.tables} tables, ${s.rows} ligne(s), ${(s.bytes / 1024).toFixed(0)} Kio) depuis ${h.where}.`);
      if (s.documents > 0) out(`Documents du dossier ${documentsDir} inclus : ${s.documents}.`);
      for (const d of s.skippedDocuments) err(`Attention : document « ${d.name} » (${d.id}) non sauvegardé : ${d.reason}.`);
      if (s.anchor) out(`Ancre du journal (à conserver) : ${s.anchor}`);
      out('Ce fichier contient des données personnelles et les empreintes des mots de passe : conservez-le en lieu sûr.');
      return 0;
    });
  },
};
