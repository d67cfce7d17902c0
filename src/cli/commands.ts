// The registry of commands. Modules load lazily: `delib results` does not pay for the web server.
import type { Command } from './shared.js';

interface Entry {
  readonly usage: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export const commands: Record<string, Entry> = {
  migrate: { usage: 'delib migrate', summary: 'crée ou met à jour le schéma de la base (SQLite ou PostgreSQL)', load: async () => (await import('./cmd-migrate.js')).migrateCommand },
  user: { usage: 'delib user create|list|disable|enable|reset-password …', summary: 'comptes : créer (mot de passe à usage unique), lister, désactiver, réactiver, réinitialiser (journalisé)', load: async () => (await import('./cmd-user.js')).userCommand },
  provision: { usage: 'delib provision --out <dossier> [--adresse URL] | --desactiver-jurys', summary: "comptes des centres, centres d'épreuve et jurys de la session et leurs fiches d'accès ; fin de session : désactive les jurys", load: async () => (await import('./cmd-provision.js')).provisionCommand },
  import: { usage: 'delib import <dossier>', summary: 'importe un dossier de session au format d\'échange (tout ou rien)', load: async () => (await import('./cmd-import.js')).importCommand },
  results: { usage: 'delib results [--format csv|json]', summary: 'résultats de chaque inscription, calculés depuis la base', load: async () => (await import('./cmd-results.js')).resultsCommand },
  demo: { usage: 'delib demo', summary: 'charge la session de démonstration dans une base vide', load: async () => (await import('./cmd-demo.js')).demoCommand },
  generate: { usage: 'delib generate --candidates N --out <dossier> [--seed S]', summary: 'écrit une session synthétique réaliste', load: async () => (await import('./cmd-generate.js')).generateCommand },
  jury: { usage: 'delib jury state <code> <état> --reason "…"', summary: 'changement exceptionnel d\'état d\'un jury (académie)', load: async () => (await import('./cmd-jury.js')).juryCommand },
  journal: { usage: 'delib journal verify [--anchor N:empreinte]', summary: 'vérifie le chaînage du journal et son ancre', load: async () => (await import('./cmd-journal.js')).journalCommand },
  verifier: { usage: 'delib verifier <code> [--json]', summary: "vérifie le code d'un relevé de notes ou d'un PVI (contenu, version en vigueur)", load: async () => (await import('./cmd-verifier.js')).verifierCommand },
  backup: { usage: 'delib backup <fichier.zip>', summary: 'sauvegarde portable et contrôlée de toute la base (SQLite ou PostgreSQL)', load: async () => (await import('./cmd-backup.js')).backupCommand },
  restore: { usage: 'delib restore <fichier.zip> [--replace]', summary: 'restaure une sauvegarde (vérifiée, tout ou rien)', load: async () => (await import('./cmd-restore.js')).restoreCommand },
  edition: { usage: 'delib edition <type> [--group 1|2] [--jury CODE …] [--format pdf|csv|zip] [--title "…"] --out <fichier>', summary: 'produit une édition du menu DÉLIBÉRATION (mêmes règles que l\'écran)', load: async () => (await import('./cmd-edition.js')).editionCommand },
  worker: { usage: 'delib worker', summary: 'exécute les traitements de fond (démarrés aussi par serve/start)', load: async () => (await import('./cmd-worker.js')).workerCommand },
  serve: { usage: 'delib serve [--port 3000] [--host 127.0.0.1]', summary: 'sert l\'application web et l\'API', load: async () => (await import('./cmd-serve.js')).serveCommand },
  start: { usage: 'delib start [--port 3000] [--host 127.0.0.1]', summary: 'migre, charge la démonstration si la base est vide, puis sert', load: async () => (await import('./cmd-serve.js')).startCommand },
  bench: { usage: 'delib bench [--quick] [--only import,results,…]', summary: 'banc d\'essai de performance → bench/results.json', load: async () => (await import('./cmd-bench.js')).benchCommand },
};

export function usage(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`);
  return `Délib — délibérations d'examen\n\nUsage :\n${lines.join('\n')}\n\nLa base est lue dans DATABASE_URL (sqlite:<fichier> par défaut sqlite:data/delib.sqlite, ou postgres://…).\n`;
}
