// Entry of a results worker thread (parallel-lines.ts). A worker does not inherit the TypeScript loader
// of the thread that starts it. tsx's CommonJS hook is registered here, in this thread (no loader
// thread, unlike its ESM hooks), and the TypeScript body is required through it: loading the body's
// modules this way (Kysely's CommonJS build included) takes less than half the CPU of the ESM hooks
// (≈ 0,5 s against 1,3 s, measured at load 10), so the worker starts that much sooner.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
require('./results-worker.ts');
