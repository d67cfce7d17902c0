import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { args, out, type Command } from './shared.js';

export const migrateCommand: Command = {
  summary: 'crée ou met à jour le schéma de la base (SQLite ou PostgreSQL)',
  usage: 'delib migrate',
  async run(argv) {
    args(argv, {});
    const h = await connect();
    try {
      const applied = await migrateToLatest(h.db);
      out(applied.length > 0
        ? `Base ${h.where} : ${applied.length} migration(s) appliquée(s) (${applied.join(', ')}).`
        : `Base ${h.where} : le schéma est déjà à jour.`);
      return 0;
    } finally {
      await h.close();
    }
  },
};
