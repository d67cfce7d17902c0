// Builds the web application once before the browser tests (the server serves web/dist).
// DELIB_E2E_SKIP_BUILD=1 reuses an existing build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { ARTIFACTS, ROOT } from './paths.js';

export default function setup(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (process.env.DELIB_E2E_SKIP_BUILD === '1' && existsSync(`${ROOT}/web/dist/index.html`)) return;
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:web failed:\n${r.stdout}\n${r.stderr}`);
}
