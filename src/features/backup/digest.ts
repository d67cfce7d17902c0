// A digest of the content of every table, the same on SQLite and PostgreSQL for the same rows, and
// independent of row order (a sum of row hashes): "is this database's content exactly what it was?"
// Used to check a restore, and by the robustness tests (a refused import changes nothing).
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import { encodeCell } from './format.js';
import { describeTables, readTable } from './introspect.js';

export interface TableDigest {
  readonly rows: number;
  readonly digest: string;
}

const MOD = 1n << 256n;

export async function tableDigests(db: Db, options: { exclude?: readonly string[] } = {}): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const t of await describeTables(db)) {
    if (options.exclude?.includes(t.name)) continue;
    const cols = [...t.columns].sort();
    const idx = cols.map((c) => t.columns.indexOf(c));
    let sum = 0n;
    let rows = 0;
    for await (const page of readTable(db, t, 5000)) {
      for (const r of page) {
        const h = createHash('sha256').update(JSON.stringify(idx.map((i) => encodeCell(r[i])))).digest('hex');
        sum = (sum + BigInt('0x' + h)) % MOD;
        rows++;
      }
    }
    out[t.name] = { rows, digest: `${cols.join(',')}#${sum.toString(16).padStart(64, '0')}` };
  }
  return out;
}

/** One digest of the whole database content. */
export async function databaseDigest(db: Db, options: { exclude?: readonly string[] } = {}): Promise<string> {
  const d = await tableDigests(db, options);
  return createHash('sha256').update(JSON.stringify(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : 1)))).digest('hex');
}
