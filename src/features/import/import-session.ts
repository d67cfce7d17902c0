// Use case: import a session folder in the exchange format (SPEC §7). All or nothing: every row is
// checked, every error names file, line and reason, and nothing is written unless all is valid.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { journalJurySnapshots } from '../journal/data-ledger.js';
import type { Actor } from '../../domain/types.js';
import { FILES, OPTIONAL_FILES, REQUIRED_FILES, type FileName, type ImportError } from './format.js';
import { ImportContext, type ImportCounts } from './context.js';
import { withImportTransaction } from './writer.js';
import { readEpreuves, readEtablissements, readJurys, readSession, readSpecialites } from './reference-files.js';
import { readCandidats, readNotes } from './candidate-files.js';
import { readChoixControle, readNotesControle } from './controle-files.js';

export type ImportSummary = ImportCounts;
export interface ImportRefusal {
  readonly ok: false;
  /** every file's errors (the first ERRORS_PER_FILE of each), file after file, in line order */
  readonly errors: readonly ImportError[];
  readonly errorCount: number;
  /** the number of errors of each file with errors (`notes.csv` → 1 234) */
  readonly errorsByFile: Readonly<Record<string, number>>;
}
export type ImportResult = { readonly ok: true; readonly summary: ImportSummary } | ImportRefusal;

const STEPS: readonly [FileName, (ctx: ImportContext) => Promise<void>][] = [
  ['session', readSession],
  ['etablissements', readEtablissements],
  ['specialites', readSpecialites],
  ['epreuves', readEpreuves],
  ['jurys', readJurys],
  ['candidats', readCandidats],
  ['notes', readNotes],
  ['choix_controle', readChoixControle],
  ['notes_controle', readNotesControle],
];

/**
 * The files whose content a file's checks rely on. When one of them cannot be read at all (wrong
 * header, empty), the file is not checked (its every row would be an error): one error says so.
 * Otherwise every file is checked, so that every error of every file is reported at once.
 */
const DEPENDS_ON: Readonly<Record<FileName, readonly FileName[]>> = {
  session: [],
  etablissements: [],
  specialites: [],
  epreuves: ['specialites'],
  jurys: ['specialites', 'etablissements'],
  candidats: ['etablissements', 'jurys'],
  notes: ['session', 'epreuves', 'candidats'],
  choix_controle: ['epreuves', 'candidats'],
  notes_controle: ['epreuves', 'candidats', 'choix_controle'],
};

const FILE_ORDER = STEPS.map(([name]) => `${name}.csv`);

function refusal(errors: readonly ImportError[], errorCount: number, errorsByFile: Record<string, number>): ImportRefusal {
  return { ok: false, errors, errorCount, errorsByFile };
}

export async function importSession(handle: DbHandle, folder: string, actor: Actor, now: Date = new Date()): Promise<ImportResult> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return refusal([{ file: folder, line: 0, message: 'dossier introuvable' }], 1, { [folder]: 1 });
  }
  const present = new Set<FileName>();
  const missing: ImportError[] = [];
  for (const name of Object.keys(FILES) as FileName[]) {
    if (existsSync(join(folder, `${name}.csv`))) present.add(name);
    else if (REQUIRED_FILES.includes(name)) missing.push({ file: `${name}.csv`, line: 0, message: 'fichier obligatoire manquant' });
  }
  if (missing.length) return refusal(missing, missing.length, Object.fromEntries(missing.map((m) => [m.file, 1])));

  let ctx: ImportContext | undefined;
  const ok = await withImportTransaction(handle, async (tx) => {
    ctx = new ImportContext(folder, present, tx);
    for (const [name, step] of STEPS) {
      if (!present.has(name)) continue;
      const unreadable = DEPENDS_ON[name].filter((d) => ctx!.errors.unreadable.has(`${d}.csv`));
      if (unreadable.length) {
        ctx.errors.add(`${name}.csv`, 0, `non vérifié : ce fichier dépend de ${unreadable.map((d) => `${d}.csv`).join(', ')}, illisible (voir ses erreurs)`);
        ctx.errors.unreadable.add(`${name}.csv`);
        continue;
      }
      await step(ctx);
    }
    if (ctx.errors.any) return false;
    await appendJournal(tx.trx, [{
      at: now, actor, action: 'IMPORT_SESSION', subject: 'session', after: { ...ctx.counts, optionnels: OPTIONAL_FILES.filter((f) => present.has(f)) },
    }]);
    // what the import wrote, per jury, in each jury's chain: `delib journal verify` replays from it (ADR 0013)
    await journalJurySnapshots(tx.trx, actor, now, [...ctx.juries.keys()]);
    return true;
  });
  const c = ctx!;
  if (!ok) return refusal(c.errors.items(FILE_ORDER), c.errors.count, c.errors.countsByFile());
  return { ok: true, summary: c.counts };
}
