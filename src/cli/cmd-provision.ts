// `delib provision`: the académie's provisioning run from the command line (issue #19 point 2): the
// same background job as the Users screen, queued and run here, its compte-rendu printed and its
// access sheets (one PDF per établissement) written to --out. `delib provision --desactiver-jurys`:
// end of the session, every jury account deactivated.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDocumentStore } from '../jobs/document-store.js';
import { jobHandlers } from '../jobs/handlers.js';
import { claimJobById, findJob, listJobDocuments, listJobLog } from '../jobs/repository.js';
import { newWorkerId, runClaimedJob } from '../jobs/worker.js';
import { publicPortalUrl } from '../features/editions/portal-url.js';
import { disableJuryAccounts } from '../features/users/provision-accounts.js';
import { requestProvisioning } from '../features/users/provisioning-job.js';
import { AppError } from '../errors/app-error.js';
import { args, cliActor, err, out, withDb, type Command } from './shared.js';

export const NO_ADDRESS = "Adresse de Délib inconnue : elle est imprimée sur les fiches d'accès. Définissez DELIB_PUBLIC_URL "
  + '(https://delib.example.fr) ou donnez --adresse.';

export const provisionCommand: Command = {
  summary: "crée ou renouvelle les comptes des centres, centres d'épreuve et jurys de la session, avec leurs fiches d'accès (PDF)",
  usage: 'delib provision --out <dossier> [--adresse https://…]   |   delib provision --desactiver-jurys',
  async run(argv) {
    const { positionals, values } = args(argv, { out: { type: 'string' }, adresse: { type: 'string' }, 'desactiver-jurys': { type: 'boolean' } });
    if (positionals.length > 0 || (!values['desactiver-jurys'] && !values.out)) {
      err('usage : ' + this.usage);
      return 2;
    }
    try {
      if (values['desactiver-jurys']) {
        return await withDb(async (h) => {
          const res = await disableJuryAccounts(h, await cliActor(h), new Date());
          out(`${res.disabled} compte(s) de jury désactivé(s), leurs sessions fermées. Modification journalisée.`);
          return 0;
        });
      }
      const base = values.adresse ?? process.env.DELIB_PUBLIC_URL;
      if (!base || !/^https?:\/\/[^\s/]+/.test(base)) {
        err(NO_ADDRESS);
        return 2;
      }
      const folder = resolve(values.out!);
      return await withDb(async (h) => {
        const actor = await cliActor(h);
        const { jobId } = await requestProvisioning(h, actor, publicPortalUrl(base), new Date());
        const workerId = newWorkerId();
        const job = await claimJobById(h.db, jobId, workerId, new Date());
        if (!job) {
          out(`Traitement n° ${jobId} mis en file : un processus de traitement l'a pris ; suivez-le sur l'écran Utilisateurs.`);
          return 0;
        }
        const store = defaultDocumentStore();
        await runClaimedJob(job, { handle: h, handlers: jobHandlers(), heartbeatMs: 5000, now: () => new Date(), store, workerId, stopping: () => false });
        for (const l of await listJobLog(h.db, jobId)) out(l.line);
        const done = await findJob(h.db, jobId);
        if (done?.status !== 'done') {
          err(`Traitement n° ${jobId} en erreur : ${done?.error ?? '?'}`);
          return 1;
        }
        mkdirSync(folder, { recursive: true });
        const docs = await listJobDocuments(h.db, [jobId]);
        for (const d of docs) writeFileSync(join(folder, d.name), await store.read(h.db, d));
        out(`${docs.length} fichier(s) de fiches d'accès écrit(s) dans ${folder} : à imprimer et remettre sous pli fermé, puis à supprimer de ce dossier.`);
        return 0;
      });
    } catch (e) {
      if (e instanceof AppError) {
        err(e.message);
        return 1;
      }
      throw e;
    }
  },
};
