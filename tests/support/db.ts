// Runs a suite on SQLite and on PostgreSQL. Each test file gets a fresh SQLite file and a fresh
// PostgreSQL schema, so files can run in parallel. Without PostgreSQL the PG half is skipped loudly
// (and fails under CI=true).
import { describe } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const PG_URL = process.env.TEST_DATABASE_URL_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | undefined;
export function isPgAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgAvailable;
}

let counter = 0;
export async function freshDb(dialect: 'sqlite' | 'postgres'): Promise<DbHandle> {
  counter++;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'delib-test-'));
    const h = await connect(`sqlite:${join(dir, 'test.sqlite')}`);
    await migrateToLatest(h.db);
    return h;
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const h = await connect(PG_URL, { pgSchema: schema, poolSize: 5 });
  await migrateToLatest(h.db);
  const close = h.close;
  return {
    ...h,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

const pgUp = await isPgAvailable();
if (!pgUp) {
  const msg = `SKIPPED: PostgreSQL unreachable at ${PG_URL}; the PostgreSQL half of the database tests did not run`;
  if (process.env.CI === 'true') throw new Error(msg + ' (CI=true: a skip is a failure)');
  console.warn('\n*** ' + msg + ' ***\n');
}

export const DIALECTS = (['sqlite', 'postgres'] as const).filter((d) => d === 'sqlite' || pgUp);

/** describe() the suite once per available dialect. */
export function describeEachDialect(name: string, fn: (dialect: 'sqlite' | 'postgres') => void): void {
  for (const d of DIALECTS) describe(`${name} [${d}]`, () => fn(d));
}
