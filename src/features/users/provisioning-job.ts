// The background job of a provisioning run ("Créer les comptes de la session"): the worker runs
// provisionAccounts for the académie who asked, with its compte-rendu and one PDF per établissement.
import type { DbHandle } from '../../db/connect.js';
import type { Actor } from '../../domain/types.js';
import { enqueueJob } from '../../jobs/repository.js';
import type { JobContext, JobHandler, JobHandlers } from '../../jobs/types.js';
import { AppError } from '../../errors/app-error.js';
import { assertCanProvision, provisionAccounts } from './provision-accounts.js';

export const PROVISIONING_JOB = 'comptes-session';
export const PROVISIONING_TITLE = 'Comptes de la session et fiches d’accès';

export interface ProvisioningJobParams {
  /** the login page printed on the sheets */
  readonly url: string;
}

export const provisioningJobHandler: JobHandler = async (ctx: JobContext) => {
  const params = (ctx.params ?? {}) as ProvisioningJobParams;
  const done = new Set((await ctx.existingDocuments()).map((d) => d.name));
  if (ctx.resumed) await ctx.log(`Reprise du traitement (tentative ${ctx.job.attempts})`);
  try {
    return await provisionAccounts(ctx.handle, ctx.owner, params.url, ctx.now(), {
      done, signal: ctx.signal,
      log: (line) => ctx.log(line),
      progress: (p, label) => ctx.progress(p, label),
      emit: async (name, data) => {
        await ctx.saveDocument(name, 'application/pdf', data);
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw new Error(e.message);
    throw e;
  }
};

export function provisioningJobHandlers(): JobHandlers {
  return { [PROVISIONING_JOB]: provisioningJobHandler };
}

/** Checks now (fail fast), then queues the run; the worker checks again when it runs. */
export async function requestProvisioning(handle: DbHandle, actor: Actor, url: string, now: Date): Promise<{ jobId: number }> {
  await assertCanProvision(handle.db, actor);
  const params: ProvisioningJobParams = { url };
  const jobId = await enqueueJob(handle.db, {
    kind: PROVISIONING_JOB, title: PROVISIONING_TITLE, params, maxAttempts: 2,
    owner: { login: actor.login, name: actor.name, role: actor.role, scope: actor.scope },
  }, now);
  return { jobId };
}
