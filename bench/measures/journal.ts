// `delib journal verify` on the imported national session (issue #13 point 2, ADR 0013): every
// chain walked and hashed, then every jury's data replayed from its import snapshot and compared with
// the tables (2 million grades at 200 000 candidates). A whole process, as an operator runs it, on
// SQLite and PostgreSQL. It must say "Journal intègre" and "Données conformes" (exit 0).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { failed, figure, notAvailable, scaleName, type Figure } from '../lib/figures.js';
import { REPO } from '../lib/child.js';
import type { BenchContext, Measure } from '../lib/measure.js';

const FULL = 200_000;

/** Wall seconds of `delib journal verify`; throws with its output unless it exits 0. */
function verifySeconds(url: string): Promise<{ seconds: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(REPO, 'bin/delib.mjs'), 'journal', 'verify'], {
      cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0
      ? resolve({ seconds: (performance.now() - t0) / 1000, stdout: out })
      : reject(new Error(`delib journal verify : code ${code} ${err.slice(0, 300)}`))));
  });
}

function entriesOf(stdout: string): string {
  return /(\d+) entrée\(s\) vérifiée\(s\) dans (\d+) chaîne\(s\)/.exec(stdout)?.slice(1).join(' entrées, ') ?? '?';
}

export const journalMeasure: Measure = {
  name: 'journal',
  title: 'Vérification du journal et des données',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const n = ctx.candidates;
    const s = scaleName(n);
    const target = n === FULL ? { target: { op: '<' as const, value: 30 } } : {};
    const figures: Figure[] = [];
    const one = async (key: string, label: string, url: () => Promise<string>) => {
      try {
        const u = await url();
        ctx.log(`${label}…`);
        const r = await verifySeconds(u);
        figures.push(figure(key, label, r.seconds, 's', { ...target, note: `${entriesOf(r.stdout)} chaînes, processus entier, charge ${loadavg()[0]!.toFixed(1)}` }));
      } catch (e) {
        figures.push(failed(key, label, 's', (e as Error).message.slice(0, 300), target.target));
      }
    };
    await one(`journal_verify_${s}_s`, `delib journal verify, ${n} candidats, SQLite`, () => ctx.inputs.importedSqlite(n));
    if (ctx.pg) await one(`journal_verify_${s}_pg_s`, `delib journal verify, ${n} candidats, PostgreSQL`, () => ctx.inputs.importedPg(n));
    else figures.push(notAvailable(`journal_verify_${s}_pg_s`, `delib journal verify, ${n} candidats, PostgreSQL`, 's', ctx.pgReason));
    return figures;
  },
};
