// The compiled product (dist/, built by scripts/build.mjs; ADR 0011): where its entries are. They are
// found from this module's own location — src/ when the sources run (tests), dist/chunks/ when the
// compiled code runs — so that both start the same compiled worker threads and child processes.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The folder of the product's package.json (the checkout, or the installed package). */
export function productRoot(): string {
  if (root !== null) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`package.json introuvable au-dessus de ${start}`);
  }
}

/** The compiled entries besides the command line (scripts/build.mjs, ENTRIES). */
export type CompiledEntry = 'results-worker' | 'bench-child';

/** The file of a compiled entry. */
export function compiledEntry(name: CompiledEntry): string {
  return join(productRoot(), 'dist', `${name}.js`);
}
