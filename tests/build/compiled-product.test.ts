// The compiled product (ADR 0011): bin/delib.mjs runs dist/, and never runs a build older than the
// sources — it builds again first. Checked on a small copy of the layout (its own src/, bin/,
// scripts/build.mjs; node_modules linked), so that the checkout's own sources are never touched.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../..');
let dir: string;

function write(rel: string, text: string): void {
  const file = join(dir, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  // a later time than the build's inputs, whatever the file system's clock granularity
  const t = new Date(Date.now() + 5_000 * ++edits);
  utimesSync(file, t, t);
}
let edits = 0;

function mainSource(word: string): string {
  return `import { extra } from './extra.js';\nexport async function main(argv: readonly string[]): Promise<number> {\n  process.stdout.write(\`${word} \${extra()} \${argv.join(',')}\\n\`);\n  return 0;\n}\n`;
}

function delib(...args: string[]) {
  return spawnSync(process.execPath, [join(dir, 'bin/delib.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

function check() {
  return spawnSync(process.execPath, [join(dir, 'scripts/build.mjs'), '--check'], { cwd: dir, encoding: 'utf8' });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'delib-build-'));
  for (const f of ['bin/delib.mjs', 'scripts/build.mjs', 'package.json']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(REPO, f), join(dir, f));
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  write('src/cli/main.ts', mainSource('premier'));
  write('src/cli/extra.ts', 'export const extra = (): string => "A";\n');
  write('src/features/results/results-worker.ts', 'export {};\n');
  write('bench/child.ts', 'export {};\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compiled product: bin/delib.mjs and scripts/build.mjs', () => {
  it('builds dist/ when it is missing, then runs the compiled code without building again', () => {
    expect(check().status).toBe(1);
    const first = delib('x', 'y');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('premier A x,y\n');
    expect(first.stderr).toMatch(/dist\/ absent ou incomplet — compilation dans dist\//);
    const second = delib();
    expect(second.stdout).toBe('premier A \n');
    expect(second.stderr).toBe('');
    expect(check().status).toBe(0);
  });

  it('an edited source is never run as it was: the command says so and builds again', () => {
    write('src/cli/extra.ts', 'export const extra = (): string => "B";\n');
    const stale = check();
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/src\/cli\/extra\.ts modifié depuis la dernière compilation : lancez « npm run build:server »/);
    const r = delib();
    expect(r.stdout).toBe('premier B \n');
    expect(r.stderr).toMatch(/src\/cli\/extra\.ts modifié depuis la dernière compilation/);
    expect(delib().stderr).toBe('');
  });

  it('a deleted source makes the build stale too', () => {
    write('src/cli/unused.ts', 'export const unused = 1;\n');
    delib();
    unlinkSync(join(dir, 'src/cli/unused.ts'));
    expect(check().stderr).toMatch(/supprimé|modifié/);
    const r = delib();
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/compilation dans dist\//);
  });

  it('a source that does not compile: the command fails loudly and runs nothing', () => {
    write('src/cli/extra.ts', 'export const extra = (): string => {\n');
    const r = delib();
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/la compilation a échoué/);
    write('src/cli/extra.ts', 'export const extra = (): string => "C";\n');
    expect(delib().stdout).toBe('premier C \n');
  });

  it('processes started together after an edit all run the new code', async () => {
    write('src/cli/main.ts', mainSource('second'));
    const runs = await Promise.all(Array.from({ length: 4 }, () => new Promise<{ code: number | null; out: string }>((resolve) => {
      const c = spawn(process.execPath, [join(dir, 'bin/delib.mjs')], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' } });
      let out = '';
      c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      c.on('close', (code) => resolve({ code, out }));
    })));
    expect(runs).toEqual(Array.from({ length: 4 }, () => ({ code: 0, out: 'second C \n' })));
    expect(check().status).toBe(0);
  });
});
