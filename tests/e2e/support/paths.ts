import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Screenshots and server logs (gitignored). */
export const ARTIFACTS = resolve(ROOT, 'tests/e2e/artifacts');
