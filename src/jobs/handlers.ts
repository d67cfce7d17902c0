// The job kinds this application runs (the worker's registry).
import { editionJobHandlers } from '../features/editions/edition-job.js';
import { provisioningJobHandlers } from '../features/users/provisioning-job.js';
import type { JobHandlers } from './types.js';

export function jobHandlers(): JobHandlers {
  return { ...editionJobHandlers(), ...provisioningJobHandlers() };
}
