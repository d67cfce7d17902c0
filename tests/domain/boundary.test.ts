// src/domain is the pure core: it imports nothing that does I/O and nothing from the shell.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN = fileURLToPath(new URL('../../src/domain', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN_PACKAGES = /^(node:|fs$|fs\/|path$|os$|crypto$|child_process$|kysely|better-sqlite3|pg$|pg-|fastify|@fastify\/|react|pdfkit|fflate|zod)/;
const FORBIDDEN_RELATIVE = /(^|\/)(db|server|features|cli|jobs|documents|web)(\/|$)/;

function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return out;
}

describe('domain boundary', () => {
  const files = tsFiles(DOMAIN);

  it('finds the domain files', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(DOMAIN, f), f]))('%s imports only pure modules', (_, file) => {
    const source = readFileSync(file, 'utf8');
    for (const spec of importsOf(source)) {
      if (spec.startsWith('.')) {
        const target = relative(DOMAIN, join(file, '..', spec));
        expect(target.startsWith('..') && FORBIDDEN_RELATIVE.test(target), `${file}: ${spec}`).toBe(false);
        expect(target.startsWith('..'), `${file} leaves src/domain: ${spec}`).toBe(false);
        expect(spec.endsWith('.js'), `${file}: relative import without .js: ${spec}`).toBe(true);
      } else {
        expect(FORBIDDEN_PACKAGES.test(spec), `${file}: ${spec}`).toBe(false);
      }
    }
    // no clock, no environment, no randomness
    expect(source).not.toMatch(/\bprocess\.|\bDate\.now\(|new Date\(|Math\.random\(/);
  });

  it('the import scanner sees every kind of import', () => {
    expect(importsOf(`import x from 'node:fs';\nexport { y } from "../db/a.js";\nimport 'react';\nconst z = await import('kysely');`)).toEqual([
      'node:fs', '../db/a.js', 'react', 'kysely',
    ]);
  });
});
