import { formatAccounts, isDatabaseEmpty, loadDemo } from '../features/demo/load-demo.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const demoCommand: Command = {
  summary: 'charge la session de démonstration (base vide) et crée les comptes de démonstration',
  usage: 'delib demo',
  async run(argv) {
    args(argv, {});
    return withDb(async (h) => {
      if (!(await isDatabaseEmpty(h))) {
        err(`La base ${h.where} contient déjà une session : la démonstration se charge dans une base vide.`);
        return 1;
      }
      const accounts = await loadDemo(h);
      out(`Session de démonstration chargée dans ${h.where}.\nComptes :\n${formatAccounts(accounts)}`);
      return 0;
    });
  },
};
