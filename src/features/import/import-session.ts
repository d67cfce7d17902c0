// Use case: import a session folder in the exchange format (SPEC §7). All or nothing: every row is
// checked, every error names file, line and reason, and nothing is written unless all is valid.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import type { Actor } from '../../domain/types.js';
import { FILES, OPTIONAL_FILES, REQUIRED_FILES, type FileName, type ImportError } from './format.js';
import { ImportContext, type ImportCounts } from './context.js';
import { withImportTransaction } from './writer.js';
import { readEpreuves, readEtablissements, readJurys, readSession, readSpecialites } from './reference-files.js';
import { readCandidats, readNotes } from './candidate-files.js';
import { readChoixControle, readNotesControle } from './controle-files.js';

export type ImportSummary = ImportCounts;
export type ImportResult =
  | { readonly ok: true; readonly summary: ImportSummary }
  | { readonly ok: false; readonly errors: readonly ImportError[]; readonly errorCount: number };

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

const STOP_IF_INVALID: readonly FileName[] = ['session', 'specialites', 'epreuves', 'jurys'];

export async function importSession(handle: DbHandle, folder: string, actor: Actor, now: Date = new Date()): Promise<ImportResult> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return { ok: false, errors: [{ file: folder, line: 0, message: 'dossier introuvable' }], errorCount: 1 };
  }
  const present = new Set<FileName>();
  const missing: ImportError[] = [];
  for (const name of Object.keys(FILES) as FileName[]) {
    if (existsSync(join(folder, `${name}.csv`))) present.add(name);
    else if (REQUIRED_FILES.includes(name)) missing.push({ file: `${name}.csv`, line: 0, message: 'fichier obligatoire manquant' });
  }
  if (missing.length) return { ok: false, errors: missing, errorCount: missing.length };

  let ctx: ImportContext | undefined;
  const ok = await withImportTransaction(handle, async (tx) => {
    ctx = new ImportContext(folder, present, tx);
    for (const [name, step] of STEPS) {
      if (!present.has(name)) continue;
      await step(ctx);
      // later files cannot be checked meaningfully without these: stop instead of cascading errors
      if (ctx.errors.any && STOP_IF_INVALID.includes(name)) break;
    }
    if (ctx.errors.any) return false;
    await appendJournal(tx.trx, [{
      at: now, actor, action: 'IMPORT_SESSION', subject: 'session', after: { ...ctx.counts, optionnels: OPTIONAL_FILES.filter((f) => present.has(f)) },
    }]);
    return true;
  });
  const c = ctx!;
  if (!ok) return { ok: false, errors: c.errors.items, errorCount: c.errors.count };
  return { ok: true, summary: c.counts };
}
