import { serve } from '../server/index.js';
import { formatAccounts, isDatabaseEmpty, loadDemo } from '../features/demo/load-demo.js';
import { args, openDb, out, type Command } from './shared.js';

async function run(argv: readonly string[], withDemo: boolean): Promise<number> {
  const { values } = args(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const h = await openDb();
  if (withDemo && (await isDatabaseEmpty(h))) {
    const accounts = await loadDemo(h);
    out(`Base vide : session de démonstration chargée (${h.where}).\nComptes de démonstration :\n${formatAccounts(accounts)}`);
  }
  const server = await serve({ handle: h, port, host });
  out(`Délib est prêt : http://localhost:${port}  (base : ${h.where})`);
  const stop = async (signal: string) => {
    out(`${signal} reçu : arrêt en douceur (plus de nouvelles requêtes, fin des requêtes en cours, traitement en cours rendu à la file)…`);
    await server.shutdown();
    await h.close();
    out('Délib est arrêté.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await new Promise(() => undefined);
  return 0;
}

export const serveCommand: Command = {
  summary: 'sert l\'application web et l\'API (port 3000)',
  usage: 'delib serve [--port 3000] [--host 127.0.0.1]',
  run: (argv) => run(argv, false),
};

export const startCommand: Command = {
  summary: 'migre la base, charge la démonstration si elle est vide, puis sert l\'application',
  usage: 'delib start [--port 3000] [--host 127.0.0.1]',
  run: (argv) => run(argv, true),
};
