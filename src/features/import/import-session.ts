// Use case: import a session folder in the exchange format (SPEC §7). All or nothing: every row is
// checked, every error names file, line and reason, and nothing is written unless all is valid.
// Juries whose deliberation is open (110 and beyond) are compared, not replaced: any difference
// refuses the import (listed), unless the académie asks for corrections with a reason; then each
// difference is one journaled change (protected-juries.ts, ADR 0014).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { journalJurySnapshots } from '../journal/data-ledger.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { importMayReplace } from '../../domain/jury-state.js';
import type { PendingChange, ProtectedChange } from './protected-juries.js';
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
  /**
   * What the import would change in juries whose deliberation is open (the first MAX_CHANGES):
   * the reason of the refusal when the files themselves are valid.
   */
  readonly changes: readonly ProtectedChange[];
  readonly changeCount: number;
  /** corrections were asked for (then `changes` holds at least one that a correction may not make) */
  readonly corrections: boolean;
}

/** Corrections asked by the académie: each difference with a deliberating jury becomes a journaled change. */
export interface ImportOptions {
  readonly corrections?: { readonly motif: string };
}

/** At most this many differences are listed in a refusal (all are counted). */
export const MAX_CHANGES = 200;
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
  return { ok: false, errors, errorCount, errorsByFile, changes: [], changeCount: 0, corrections: false };
}

function publicChange(c: PendingChange): ProtectedChange {
  return { jury: c.jury, etat: c.etat, candidat: c.candidat, champ: c.champ, avant: c.avant, apres: c.apres, refus: c.refus };
}

export async function importSession(handle: DbHandle, folder: string, actor: Actor, now: Date = new Date(), options: ImportOptions = {}): Promise<ImportResult> {
  const motif = options.corrections?.motif.trim();
  if (options.corrections && !motif) {
    return refusal([{ file: folder, line: 0, message: 'les corrections demandent un motif' }], 1, { [folder]: 1 });
  }
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
  let protectedRefusal = false;
  const ok = await withImportTransaction(handle, async (tx) => {
    ctx = new ImportContext(folder, present, tx);
    for (const j of await tx.trx.selectFrom('jury').select(['code', 'etat', 'specialite_code']).execute()) {
      if (!importMayReplace(j.etat as JuryState)) ctx.protectedJuries.set(j.code, { etat: j.etat as JuryState, specialite: j.specialite_code });
    }
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
    ctx.counts.jurysEnDeliberation = [...ctx.protectedJuries.keys()].filter((code) => ctx!.juries.has(code)).length;
    const corrections = [];
    const resnapshot = new Set<string>();
    if (ctx.changes.length) {
      if (!motif || ctx.changes.some((c) => c.refus !== null)) {
        protectedRefusal = true;
        return false;
      }
      for (const change of ctx.changes) {
        const entry = await change.apply!(tx.trx, { at: now, actor, motif });
        if (!entry) {
          // the jury changed this grade while the import ran: it is not overwritten
          ctx.changes.splice(0, ctx.changes.length, { ...change, refus: 'note modifiée en délibération pendant l’import : une correction ne l’écrase pas', apply: undefined });
          protectedRefusal = true;
          return false;
        }
        corrections.push(entry);
        if (entry.subject.startsWith('candidate:')) resnapshot.add(change.jury);
      }
      ctx.counts.corrections = corrections.length;
    }
    await appendJournal(tx.trx, [{
      at: now, actor, action: 'IMPORT_SESSION', subject: 'session', after: { ...ctx.counts, optionnels: OPTIONAL_FILES.filter((f) => present.has(f)) },
      ...(motif ? { reason: motif } : {}),
    }, ...corrections]);
    // what the import wrote, per jury, in each jury's chain: `delib journal verify` replays from it
    // (ADR 0013). A deliberating jury keeps its reference snapshot (a new one would absorb into the
    // reference whatever changed since): its grade corrections are replayed from their entries; only
    // corrections the replay cannot express (a candidate added, a candidate's field) take a new one.
    const snapshot = [...ctx.juries.keys()].filter((code) => !ctx!.protectedJuries.has(code) || resnapshot.has(code));
    await journalJurySnapshots(tx.trx, actor, now, snapshot);
    return true;
  });
  const c = ctx!;
  if (!ok && protectedRefusal) {
    // refused ones first: they are what stops a correction
    const listed = [...c.changes].sort((a, b) => Number(b.refus !== null) - Number(a.refus !== null)).slice(0, MAX_CHANGES).map(publicChange);
    return { ...refusal([], 0, {}), changes: listed, changeCount: c.changes.length, corrections: motif !== undefined };
  }
  if (!ok) return refusal(c.errors.items(FILE_ORDER), c.errors.count, c.errors.countsByFile());
  return { ok: true, summary: c.counts };
}
