// Before the tests: the compiled product (dist/, scripts/build.mjs) up to date, since tests start it —
// `delib` commands, servers, results worker threads. Built here once, not by each process that starts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '../..');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`la compilation (scripts/build.mjs) a échoué :\n${r.stdout}\n${r.stderr}`);
}
