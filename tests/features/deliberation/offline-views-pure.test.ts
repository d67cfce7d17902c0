// The offline portal runs src/features/deliberation/offline-views.ts in the browser (through Vite).
// Everything it imports at run time must stay pure: the domain and the shared presenters, never the
// database, the server, Node.js or a library with I/O. Type-only imports are erased and allowed.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = resolve(ROOT, 'src/features/deliberation/offline-views.ts');
const ALLOWED = /^src\/(domain\/.+|features\/deliberation\/(offline-views|present-pvi|present-list|statistics|format|grade-input)\.ts)$/;

/** Run-time imports of a TypeScript file (not `import type`, not `export type`). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) out.push(m[1]!);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out;
}

it('offline-views.ts imports at run time only the domain and the shared presenters', () => {
  const seen = new Set<string>();
  const bad: string[] = [];
  const walk = (file: string) => {
    const rel = relative(ROOT, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    if (!ALLOWED.test(rel)) bad.push(rel);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) {
        bad.push(`${rel} → ${spec}`);
        continue;
      }
      walk(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  walk(ENTRY);
  expect(bad).toEqual([]);
  expect([...seen]).toEqual(expect.arrayContaining([
    'src/features/deliberation/present-pvi.ts', 'src/features/deliberation/present-list.ts', 'src/features/deliberation/statistics.ts', 'src/domain/rules/index.ts',
  ]));
});
