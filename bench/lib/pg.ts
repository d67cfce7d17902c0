// The PostgreSQL of the bench: the server of DATABASE_URL when it is a postgres:// URL, else the
// local 127.0.0.1:5432 when it answers. The bench works in its own database (delib_bench_<pid>, one
// per run: two runs at the same time do not drop each other's), created empty at the start and
// dropped at the end; it never touches another database.
import pg from 'pg';

export const BENCH_DATABASE = `delib_bench_${process.pid}`;

export interface PgTarget {
  /** URL of the bench database */
  readonly url: string;
  /** URL of the maintenance database (postgres), for CREATE / DROP DATABASE */
  readonly adminUrl: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** The PostgreSQL to use, or null (with the reason) when there is none. */
export async function findPostgres(): Promise<{ target: PgTarget | null; reason: string }> {
  // only the orchestrator names the database: steps get its URL
  const env = process.env.DATABASE_URL;
  const base = env && /^postgres(ql)?:\/\//.test(env) ? env : 'postgres://postgres@127.0.0.1:5432/postgres';
  const adminUrl = withDatabase(base, 'postgres');
  if (!(await reachable(adminUrl))) return { target: null, reason: `PostgreSQL injoignable (${new URL(adminUrl).host})` };
  return { target: { url: withDatabase(base, BENCH_DATABASE), adminUrl }, reason: '' };
}

async function admin(target: PgTarget, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: target.adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** A new, empty bench database (the previous one, if any, is dropped). */
export async function recreateBenchDatabase(target: PgTarget): Promise<void> {
  await admin(target, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await admin(target, `CREATE DATABASE ${BENCH_DATABASE}`);
}

export async function dropBenchDatabase(target: PgTarget): Promise<void> {
  await admin(target, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
}
