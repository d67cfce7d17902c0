#!/usr/bin/env node
// The `delib` command runs the compiled JavaScript of dist/ (ADR 0011). When a source changed since the
// last build, it builds first (scripts/build.mjs): an edited checkout never runs old code.
import { DELIB_ENTRY, ensureBuilt } from '../scripts/build.mjs';

try {
  await ensureBuilt();
} catch (e) {
  process.stderr.write(`delib : la compilation a échoué : ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
// stack traces of the sources, for the developer who asks (DELIB_DEBUG also prints them)
if (process.env.DELIB_DEBUG) process.setSourceMapsEnabled(true);
const { main } = await import(DELIB_ENTRY);
process.exitCode = await main(process.argv.slice(2));
