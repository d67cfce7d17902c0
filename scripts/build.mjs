#!/usr/bin/env node
// The server and the command line as compiled JavaScript (ADR 0011): esbuild bundles the TypeScript
// sources and the pure-JavaScript dependencies into dist/ (ES modules, split into chunks that load on
// demand), so that a `delib` process reads a few files instead of ~1 200 and transpiles nothing.
//
//   node scripts/build.mjs           build dist/ (npm run build:server)
//   node scripts/build.mjs --check   exit 1 and say why when dist/ is missing or older than a source
//   node scripts/build.mjs --if-stale  build only when needed (bin/delib.mjs and the test setups do this)
//
// Staleness: dist/build-info.json records the modification time and size of every input (src/,
// bench/, package.json, the installed dependencies' lockfile, this script). A checkout whose sources
// changed since the build is never run as it was: bin/delib.mjs builds again first. Processes that
// find it stale at the same time (two servers starting) build one after the other under a lock
// (dist.lock/), the later ones finding it fresh; a build is written beside dist/ and swapped in by two
// renames, so that no process ever reads a half-written dist/.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const INFO_FILE = 'build-info.json';
const LOCK = join(ROOT, 'dist.lock');
/** a lock older than this, or whose process is gone, is taken over */
const LOCK_STALE_MS = 5 * 60_000;

/** The compiled entries: the command line (and server), the results worker thread, the bench's child steps. */
const ENTRIES = {
  delib: 'src/cli/main.ts',
  'results-worker': 'src/features/results/results-worker.ts',
  'bench-child': 'bench/child.ts',
};

/** URL of the compiled command line (exports `main`). */
export const DELIB_ENTRY = pathToFileURL(join(DIST, 'delib.js')).href;

const SOURCE_DIRS = ['src', 'bench'];
const SKIPPED = new Set(['bench/out', 'bench/results.json']);
const SOURCE_FILES = ['package.json', 'node_modules/.package-lock.json', 'scripts/build.mjs'];

/**
 * Left to Node at run time, not bundled: native addons, packages that read their own files next to
 * their code (pdfkit's font metrics), optional drivers that are not installed, and the bench's
 * browser driver.
 */
const EXTERNAL = ['better-sqlite3', 'pdfkit', 'pg-native', 'pg-cloudflare', 'playwright-core', 'esbuild', 'tsx', 'vite'];

/** Bundled CommonJS dependencies call require(): give every chunk one, relative to itself. */
const BANNER = "import { createRequire as __delibCreateRequire } from 'node:module'; const require = __delibCreateRequire(import.meta.url);";

/**
 * Bundled files of dependencies that use __dirname or __filename (their own files: @fastify/swagger-ui's
 * viewer, @fastify/swagger's package.json) get their real location, found at run time from the
 * installed package, since an ES module has neither.
 */
const packageLocation = {
  name: 'package-location',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      // an ES module that uses them defines them itself
      if (!/\b__(dirname|filename)\b/.test(text) || /\bimport\.meta\b/.test(text)) return undefined;
      const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](.*)$/.exec(args.path);
      if (!m) return undefined;
      const pkg = JSON.stringify(`${m[1].replace(/\\/g, '/')}/package.json`);
      const inside = JSON.stringify(m[2].replace(/\\/g, '/'));
      const prelude = `var __filename = (() => { try { return require('node:path').join(require('node:path').dirname(require.resolve(${pkg})), ${inside}); } catch { return undefined; } })(), __dirname = __filename && require('node:path').dirname(__filename);\n`;
      return { contents: prelude + text, loader: 'js' };
    });
  },
};

/** `path mtime size` of every input, sorted: equal lists mean nothing changed since the build. */
function inputs() {
  const out = [];
  const add = (rel) => {
    const s = statSync(join(ROOT, rel), { throwIfNoEntry: false });
    if (s) out.push(`${rel} ${s.mtimeMs} ${s.size}`);
  };
  const walk = (rel) => {
    for (const e of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (SKIPPED.has(child)) continue;
      if (e.isDirectory()) walk(child);
      else add(child);
    }
  };
  for (const d of SOURCE_DIRS) walk(d);
  for (const f of SOURCE_FILES) add(f);
  return out.sort();
}

/** Why dist/ must be built again (a French sentence), or null when it is up to date. */
export function staleReason() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(DIST, INFO_FILE), 'utf8')).inputs;
  } catch {
    return 'dist/ absent ou incomplet';
  }
  // a deployment that ships dist/ without the sources has nothing to compare
  if (!existsSync(join(ROOT, 'src'))) return null;
  const now = inputs();
  if (Array.isArray(recorded) && recorded.length === now.length && recorded.every((x, i) => x === now[i])) return null;
  const before = new Set(Array.isArray(recorded) ? recorded : []);
  const changed = now.find((x) => !before.has(x));
  return changed ? `${changed.split(' ')[0]} modifié depuis la dernière compilation` : 'un fichier source a été supprimé depuis la dernière compilation';
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    throw new Error('esbuild est introuvable : lancez « npm install », puis « npm run build:server »');
  }
}

/** Builds dist/ (in a folder of its own, then swapped in). */
export async function build() {
  const { build: esbuild } = await loadEsbuild();
  const recorded = inputs();
  const tmp = join(ROOT, `dist.build-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      outdir: tmp,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      banner: { js: BANNER },
      plugins: [packageLocation],
      charset: 'utf8',
      // maps for `node --enable-source-maps` (DELIB_DEBUG=1 turns them on in bin/delib.mjs)
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'error',
    });
    writeFileSync(join(tmp, INFO_FILE), JSON.stringify({ builtAt: new Date().toISOString(), inputs: recorded }, null, 1));
    swapIn(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** dist/ → dist.old-<pid>, the new build → dist/; another process's build that won the race is kept. */
function swapIn(tmp) {
  const old = join(ROOT, `dist.old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(DIST, old);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  try {
    renameSync(tmp, DIST);
  } catch (e) {
    // another build was swapped in between the two renames: it is as fresh as this one
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

function lockIsStale() {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) return true;
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // no such process (ESRCH), or a lock without its pid file yet (just made: not stale)
    return e.code === 'ESRCH';
  }
}

/** Runs `work` holding dist.lock/ (one build at a time in this checkout). */
async function withLock(work) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds when dist/ is missing or stale; says so on stderr. */
export async function ensureBuilt() {
  if (staleReason() === null) return;
  await withLock(async () => {
    // another process may have built it while this one waited for the lock
    const reason = staleReason();
    if (reason === null) return;
    process.stderr.write(`delib : ${reason} — compilation dans dist/…\n`);
    const t0 = performance.now();
    await build();
    process.stderr.write(`delib : compilé en ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  });
}

async function cli(argv) {
  if (argv.includes('--check')) {
    const reason = staleReason();
    if (reason === null) return 0;
    process.stderr.write(`${reason} : lancez « npm run build:server »\n`);
    return 1;
  }
  if (argv.includes('--if-stale')) {
    await ensureBuilt();
    return 0;
  }
  const t0 = performance.now();
  await withLock(build);
  process.stdout.write(`dist/ compilé en ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = await cli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
