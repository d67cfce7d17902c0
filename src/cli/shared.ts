import { parseArgs, type ParseArgsConfig } from 'node:util';
import { userInfo } from 'node:os';
import { connect, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { getExamSession } from '../db/repositories/session.js';
import type { Actor } from '../domain/types.js';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[]): Promise<number>;
}

export function args<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
}

/** Opens the database of DATABASE_URL and brings its schema up to date. */
export async function openDb(): Promise<DbHandle> {
  const h = await connect();
  await migrateToLatest(h.db);
  return h;
}

export async function withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = await openDb();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

/** The command line acts as the académie (it has the database in hand). */
export async function cliActor(h: DbHandle): Promise<Actor> {
  const s = await getExamSession(h.db);
  let who = 'inconnu';
  try {
    who = userInfo().username;
  } catch {
    /* no user name in some containers */
  }
  return { role: 'academie', login: `cli:${who}`, name: `Ligne de commande (${who})`, scope: s?.academie_code ?? '' };
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}
