// Who sees a job and its documents: the accounts of the scope that asked for it (same role, same
// scope: a centre's jobs are seen by that centre only). Pure.
import type { Actor } from '../domain/types.js';

export interface JobOwnership {
  readonly owner_role: string;
  readonly owner_scope: string;
}

export type JobVerdict = 'hidden' | 'allowed';

export function jobVisibility(actor: Actor, job: JobOwnership): JobVerdict {
  return actor.role === job.owner_role && actor.scope === job.owner_scope ? 'allowed' : 'hidden';
}
