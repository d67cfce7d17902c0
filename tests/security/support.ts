// Helpers shared by tests/security and tests/robustness: the DATABASE_URL of a test database (to
// run the `delib` command against it), running the command, a digest of every table.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DbHandle } from '../../src/db/connect.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { PG_URL } from '../support/db.js';

export const REPO = join(import.meta.dirname, '../..');
export const DELIB = join(REPO, 'bin/delib.mjs');
export const MEMO_SAMPLE = join(REPO, 'tests/fixtures/samples/memo-31310');

/** The DATABASE_URL that reaches the same database (and PostgreSQL schema) as `h`. */
export function databaseUrlOf(h: DbHandle): string {
  if (h.dialect === 'sqlite') return h.where;
  const m = / \(schéma ([a-z0-9_]+)\)$/.exec(h.where);
  if (!m) throw new Error(`schéma introuvable dans ${h.where}`);
  const sep = PG_URL.includes('?') ? '&' : '?';
  return `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${m[1]}`)}`;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `delib …` against the database of `h`. */
export function runDelib(h: DbHandle, argv: readonly string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [DELIB, ...argv], {
    cwd: REPO, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrlOf(h), ...env }, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Same, asynchronously (the caller may kill it). */
export function spawnDelib(h: DbHandle, argv: readonly string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [DELIB, ...argv], {
    cwd: REPO, env: { ...process.env, DATABASE_URL: databaseUrlOf(h), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Digest of every table's content (order-independent, the same on both dialects). */
export function digestOf(h: DbHandle): Promise<string> {
  return databaseDigest(h.db);
}

/** RFC 4180-ish parser for ";" files (quoted cells may hold ; " CR LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
