// Inputs of the measures: sessions written by `delib generate` (fixed seed, cached in bench/out/ and
// regenerated when the generator changes), and databases holding an imported session.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSession } from '../../src/features/generate/synthetic.js';
import { REPO, runStep } from './child.js';
import { recreateBenchDatabase, type PgTarget } from './pg.js';

export const OUT_DIR = join(REPO, 'bench/out');

function generatorHash(): string {
  const dir = join(REPO, 'src/features/generate');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

export class Inputs {
  private readonly hash = generatorHash();
  private readonly sqliteReady = new Set<number>();
  private readonly sqliteMade = new Set<number>();
  private pgReady: number | null = null;

  constructor(readonly seed: number, readonly pg: PgTarget | null, private readonly log: (m: string) => void) {
    mkdirSync(OUT_DIR, { recursive: true });
  }

  /** The folder of a generated session of n candidates (generated on first use). */
  async session(n: number): Promise<string> {
    const folder = join(OUT_DIR, `gen-${n}-seed${this.seed}`);
    const marker = join(folder, '.bench-input.json');
    const expected = JSON.stringify({ candidates: n, seed: this.seed, generator: this.hash });
    if (existsSync(marker) && readFileSync(marker, 'utf8') === expected) return folder;
    rmSync(folder, { recursive: true, force: true });
    this.log(`génération de ${n} candidats (graine ${this.seed}) dans ${folder}…`);
    await generateSession({ candidates: n, seed: this.seed, out: folder });
    writeFileSync(marker, expected);
    return folder;
  }

  /** One file per run (as the PostgreSQL database): two runs at the same time do not share it. */
  sqliteFile(n: number): string {
    return join(OUT_DIR, `bench-${n}-${process.pid}.sqlite`);
  }

  /** Removes this run's SQLite databases (end of the run). */
  removeSqliteFiles(): void {
    for (const n of this.sqliteMade) this.resetSqlite(n);
  }

  /** Removes a SQLite bench database (and its WAL files). */
  resetSqlite(n: number): string {
    const file = this.sqliteFile(n);
    this.sqliteMade.add(n);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    this.sqliteReady.delete(n);
    return `sqlite:${file}`;
  }

  markSqliteImported(n: number): void {
    this.sqliteReady.add(n);
  }

  /** A SQLite database holding the session of n candidates (imported, untimed, if needed). */
  async importedSqlite(n: number): Promise<string> {
    if (this.sqliteReady.has(n) && existsSync(this.sqliteFile(n))) return `sqlite:${this.sqliteFile(n)}`;
    const url = this.resetSqlite(n);
    this.log(`préparation : import de ${n} candidats dans ${url}…`);
    await runStep('import', { url, folder: await this.session(n) });
    this.sqliteReady.add(n);
    return url;
  }

  /** An empty bench PostgreSQL database; returns its URL. */
  async resetPg(): Promise<string> {
    if (!this.pg) throw new Error('pas de PostgreSQL');
    await recreateBenchDatabase(this.pg);
    this.pgReady = null;
    return this.pg.url;
  }

  markPgImported(n: number): void {
    this.pgReady = n;
  }

  /** The bench PostgreSQL database holding the session of n candidates (imported if needed). */
  async importedPg(n: number): Promise<string> {
    if (!this.pg) throw new Error('pas de PostgreSQL');
    if (this.pgReady === n) return this.pg.url;
    const url = await this.resetPg();
    this.log(`préparation : import de ${n} candidats dans PostgreSQL (${BENCH_NOTE})…`);
    await runStep('import', { url, folder: await this.session(n) });
    this.pgReady = n;
    return url;
  }

  /** The PostgreSQL database was changed (e.g. by the HTTP measure): a later use re-imports. */
  invalidatePg(): void {
    this.pgReady = null;
  }

  /** The SQLite database was changed: a later use re-imports. */
  invalidateSqlite(n: number): void {
    this.sqliteReady.delete(n);
  }
}

const BENCH_NOTE = 'base de PostgreSQL du banc d\'essai';
