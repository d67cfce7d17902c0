#!/usr/bin/env node
// `npm test`: every suite — typecheck, lint, unused code (knip), unit + database tests (SQLite and PostgreSQL), browser
// tests (Debian Chromium). A suite that cannot run says so loudly (SKIPPED) and, under CI=true, fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';

const ci = process.env.CI === 'true';
const results = [];
const skipped = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ name, ok: r.status === 0 });
  return r.status === 0;
}

function skip(reason) {
  const msg = `SKIPPED: ${reason}`;
  console.log(`\n${'*'.repeat(msg.length + 8)}\n*** ${msg} ***\n${'*'.repeat(msg.length + 8)}`);
  skipped.push(msg);
}

step('build (dist/: server and command line)', 'node', ['scripts/build.mjs', '--if-stale']);
step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
step('unused code (knip: files, exports, dependencies)', 'npx', ['knip', '--no-progress']);
mkdirSync('test-results', { recursive: true });
step('unit + database (SQLite, PostgreSQL)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  step('browser (Playwright, Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/e2e.json']);
} else {
  skip(`Chromium not found at ${chromium}: the browser (e2e) suite did not run (install: apt-get install chromium)`);
}

let passed = 0;
let failed = 0;
for (const f of ['test-results/vitest.json', 'test-results/e2e.json']) {
  if (!existsSync(f)) continue;
  try {
    const j = JSON.parse(readFileSync(f, 'utf8'));
    passed += j.numPassedTests ?? 0;
    failed += j.numFailedTests ?? 0;
  } catch {
    /* a crashed run shows up as a failed step */
  }
}
const failedSteps = results.filter((r) => !r.ok).map((r) => r.name);
console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
for (const s of skipped) console.log(s);
if (ci && skipped.length) console.log('CI=true: a skipped suite is a failure.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || (ci && skipped.length) ? 1 : 0);
