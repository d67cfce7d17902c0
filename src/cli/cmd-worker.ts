import { jobHandlers } from '../jobs/handlers.js';
import { startWorker } from '../jobs/worker.js';
import { useBatchHeapPolicy } from './heap-policy.js';
import { openDb, out, type Command } from './shared.js';

export const workerCommand: Command = {
  summary: 'exécute les traitements de fond (plan de secours, relevés de notes…) sans servir l\'application',
  usage: 'delib worker',
  async run() {
    useBatchHeapPolicy();
    const h = await openDb();
    const worker = startWorker({ handle: h, handlers: jobHandlers(), report: (m) => out(`[traitements] ${m}`) });
    out(`Délib : traitements de fond démarrés (processus ${worker.id}, base : ${h.where}). Ctrl+C pour arrêter.`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    out('Arrêt : fin du traitement en cours…');
    await worker.stop();
    await h.close();
    return 0;
  },
};
