// Property-based fuzzing of the import (issue #8 §3): random mutations of a valid session folder
// (the memo's 31310 sample on an empty database, a small generated session re-imported over
// itself): byte flips, dropped / duplicated lines and columns, huge values, BOM / CRLF variants,
// empty or missing files, SQL and CSV metacharacters. Never a crash (importSession returns ok or a
// list of errors naming file and line), never a partial write (when refused, the digest of every
// table is exactly what it was).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DbHandle } from '../../src/db/connect.js';
import { verifyJournal } from '../../src/db/repositories/journal.js';
import { createBackup } from '../../src/features/backup/create-backup.js';
import { databaseDigest } from '../../src/features/backup/digest.js';
import { restoreBackup } from '../../src/features/backup/restore-backup.js';
import { generateSession } from '../../src/features/generate/synthetic.js';
import { importSession } from '../../src/features/import/import-session.js';
import { computeResultLines } from '../../src/features/results/results-table.js';
import { describeEachDialect, freshDb } from '../support/db.js';
import { user } from '../support/factories.js';
import { MEMO_SAMPLE } from '../security/support.js';

const actor = { role: 'academie' as const, login: 'academie', name: 'Service des examens', scope: 'A03' };
const now = new Date('2023-06-06T09:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'delib-fuzz-'));
/** DELIB_FUZZ_RUNS=500 for a deeper local run (the suite keeps a modest, fixed-seed budget). */
const DEEP = Number(process.env.DELIB_FUZZ_RUNS ?? 0);

// ---------------------------------------------------------------------------------------------
// mutations of a folder of CSV files

const NASTY = [
  "'", '"', "';--", '"; DROP TABLE candidate; --', "' OR '1'='1", '\\', '%', '_', '\u0000', '\u202e', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'é', '\uFEFF',
  ';', '\n', '\r', '=CMD()', '@SUM(1)', '-1', '+1', '1e309', 'NaN', '0x10', '-0', '20,001', '99999999999999999999', 'ABS', 'DI', 'oui', '',
];

type Mutation =
  | { kind: 'flip'; file: number; pos: number; xor: number }
  | { kind: 'dropLine'; file: number; line: number }
  | { kind: 'dupLine'; file: number; line: number }
  | { kind: 'dropColumn'; file: number; col: number }
  | { kind: 'dupColumn'; file: number; col: number }
  | { kind: 'cell'; file: number; line: number; col: number; value: string }
  | { kind: 'huge'; file: number; line: number; col: number; size: number }
  | { kind: 'bom'; file: number }
  | { kind: 'crlf'; file: number }
  | { kind: 'empty'; file: number }
  | { kind: 'remove'; file: number }
  | { kind: 'truncate'; file: number; pos: number };

const idx = fc.nat({ max: 10_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), file: idx, pos: idx, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('dropLine' as const), file: idx, line: idx }),
  fc.record({ kind: fc.constant('dupLine' as const), file: idx, line: idx }),
  fc.record({ kind: fc.constant('dropColumn' as const), file: idx, col: idx }),
  fc.record({ kind: fc.constant('dupColumn' as const), file: idx, col: idx }),
  fc.record({ kind: fc.constant('cell' as const), file: idx, line: idx, col: idx, value: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 30 })) }),
  fc.record({ kind: fc.constant('huge' as const), file: idx, line: idx, col: idx, size: fc.integer({ min: 1000, max: 200_000 }) }),
  fc.record({ kind: fc.constant('bom' as const), file: idx }),
  fc.record({ kind: fc.constant('crlf' as const), file: idx }),
  fc.record({ kind: fc.constant('empty' as const), file: idx }),
  fc.record({ kind: fc.constant('remove' as const), file: idx }),
  fc.record({ kind: fc.constant('truncate' as const), file: idx, pos: idx }),
);

function lines(text: string): string[] {
  return text.split('\n');
}

function apply(dir: string, m: Mutation): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  if (files.length === 0) return;
  const path = join(dir, files[m.file % files.length]!);
  if (!existsSync(path)) return;
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  const ls = lines(text);
  const cells = (l: string) => l.split(';');
  const pick = (n: number, len: number) => (len === 0 ? 0 : n % len);
  switch (m.kind) {
    case 'flip': {
      if (bytes.length === 0) return;
      const b = Buffer.from(bytes);
      const p = pick(m.pos, b.length);
      b[p] = b[p]! ^ m.xor;
      writeFileSync(path, b);
      return;
    }
    case 'dropLine':
      ls.splice(pick(m.line, ls.length), 1);
      break;
    case 'dupLine': {
      const i = pick(m.line, ls.length);
      ls.splice(i, 0, ls[i]!);
      break;
    }
    case 'dropColumn':
    case 'dupColumn':
      for (let i = 0; i < ls.length; i++) {
        const c = cells(ls[i]!);
        if (c.length <= 1 && ls[i] === '') continue;
        const j = pick(m.col, c.length);
        if (m.kind === 'dropColumn') c.splice(j, 1);
        else c.splice(j, 0, c[j]!);
        ls[i] = c.join(';');
      }
      break;
    case 'cell':
    case 'huge': {
      const i = pick(m.line, ls.length);
      const c = cells(ls[i]!);
      c[pick(m.col, c.length)] = m.kind === 'cell' ? m.value : '9'.repeat(m.size);
      ls[i] = c.join(';');
      break;
    }
    case 'bom':
      writeFileSync(path, text.startsWith('\uFEFF') ? text.slice(1) : '\uFEFF' + text);
      return;
    case 'crlf':
      writeFileSync(path, text.replace(/\r?\n/g, '\r\n'));
      return;
    case 'empty':
      writeFileSync(path, '');
      return;
    case 'remove':
      rmSync(path);
      return;
    case 'truncate':
      writeFileSync(path, bytes.subarray(0, pick(m.pos, bytes.length + 1)));
      return;
  }
  writeFileSync(path, ls.join('\n'));
}

// ---------------------------------------------------------------------------------------------

interface Target {
  readonly name: string;
  readonly folder: () => string;
  /** prepares the database the mutations are imported over */
  readonly baseline: (h: DbHandle) => Promise<void>;
}

let generated = '';
const TARGETS: readonly Target[] = [
  {
    name: 'memo 31310 sample on an empty database (accounts only)',
    folder: () => MEMO_SAMPLE,
    baseline: async (h) => {
      await user(h.db, { login: 'academie', role: 'academie', scope: 'A03' });
    },
  },
  {
    name: 'small generated session re-imported over itself',
    folder: () => generated,
    baseline: async (h) => {
      const res = await importSession(h, generated, actor, now);
      if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
    },
  },
];

beforeAll(async () => {
  generated = join(work, 'generated');
  await generateSession({ candidates: 25, seed: 31310, out: generated });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describeEachDialect('import fuzzing: never a crash, never a partial write', (dialect) => {
  for (const target of TARGETS) {
    it(target.name, async () => {
      const h = await freshDb(dialect);
      try {
        await target.baseline(h);
        const snapshot = join(work, `baseline-${dialect}-${target.name.length}.zip`);
        await createBackup(h, snapshot, now);
        const baseline = await databaseDigest(h.db);
        let runNo = 0;
        let refused = 0;
        await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
          const dir = join(work, `run-${dialect}-${++runNo}`);
          cpSync(target.folder(), dir, { recursive: true });
          try {
            for (const m of ms) apply(dir, m);
            const res = await importSession(h, dir, actor, now); // must not throw
            if (!res.ok) {
              refused++;
              // refused for errors in the files, or (files valid) for what it would change in a
              // deliberating jury (issue #13 point 1): either way each reason is listed
              expect(res.errors.length + res.changes.length).toBeGreaterThan(0);
              expect(res.errorCount).toBeGreaterThanOrEqual(res.errors.length);
              expect(res.changeCount).toBeGreaterThanOrEqual(res.changes.length);
              for (const c of res.changes) expect(c.jury && c.champ && c.etat).toBeTruthy();
              for (const e of res.errors) {
                expect(typeof e.file).toBe('string');
                expect(Number.isInteger(e.line) && e.line >= 0).toBe(true);
                expect(e.message.length).toBeGreaterThan(0);
              }
              expect(await databaseDigest(h.db), 'a refused import wrote something').toBe(baseline);
            } else {
              // accepted (a harmless mutation): consistent, then back to the baseline
              expect((await verifyJournal(h.db)).problems).toEqual([]);
              await computeResultLines(h.db);
              await restoreBackup(h, snapshot, { replace: true });
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }), { seed: dialect === 'sqlite' ? 20230606 : 20230607, numRuns: DEEP || (dialect === 'sqlite' ? 50 : 20), endOnFailure: true });
        expect(refused).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    }, 300_000);
  }
});
