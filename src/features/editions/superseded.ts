// Documents superseded by a late correction (issue #15, point 2). A stored document of an edition (a
// background job's file) whose jury had a grade corrected after the PV or result lists were produced
// (pv-corrections.ts: an académie correction through the exceptional path, a 2nd-group grade entered
// late), the correction coming after the document was asked for, no longer shows the grades and
// decisions in force. Unlike a withdrawn document (withdrawn.ts) it is still served — the office may
// need the paper it had — but marked on the « Mes traitements » screen ("Remplacé le … : nouvelle
// version à produire") and on download (its file name starts with « REMPLACÉ le <date> - », and the
// response says when in `X-Delib-Remplace-Le`).
//
// Which documents: every edition that prints grades, decisions or who is in the contrôle (not the
// lists of names only: anonymat, correspondance, handicap, fraudeurs / liste rouge). A 1st-group
// correction supersedes the documents of both groups (the 2nd group starts from the 1st-group
// decision and average), a 2nd-group one those of the 2nd group.
import type { Db } from '../../db/connect.js';
import type { EditionKind } from '../../domain/index.js';
import { frenchDateTime } from '../../jobs/local-time.js';
import { coverageOf, type StoredDocument, type StoredJob } from './withdrawn.js';

/** The journal action of a correction after the PV (pv-corrections.ts). */
const CORRECTION = 'CORRECTION_APRES_PV';

/** Editions that print no grade nor decision: a correction leaves them true. */
const WITHOUT_GRADES: ReadonlySet<EditionKind> = new Set(['liste-anonyme', 'liste-correspondance', 'liste-handicap', 'fraudeurs-liste-rouge']);

export interface Superseded {
  /** the French notice for the screen */
  readonly message: string;
  /** ISO time of the first correction after the document */
  readonly at: string;
}

/** "07/06/2023 16:05" in the office's time zone */
const minute = (iso: string): string => frenchDateTime(new Date(iso)).slice(0, 16);

export function supersededMessage(jury: string, at: string): string {
  return `Remplacé le ${minute(at)} : une note du jury ${jury} a été corrigée après la production de ce document, `
    + 'qui ne correspond plus aux notes et décisions enregistrées. Nouvelle version à produire.';
}

/** The downloaded file's name: « REMPLACÉ le 07-06-2023 - PV de tenue.pdf ». */
export function supersededFileName(name: string, at: string): string {
  return `REMPLACÉ le ${minute(at).slice(0, 10).replaceAll('/', '-')} - ${name}`;
}

/**
 * The superseded documents among `documents` (id → when and why): those of a job covering a jury with
 * a correction after the PV journaled after the request (journal order within the jury's chain; jobs
 * without recorded positions: after the request's time), for a group the edition prints.
 */
export async function supersededDocuments(db: Db, jobs: readonly StoredJob[], documents: readonly StoredDocument[]): Promise<Map<string, Superseded>> {
  const out = new Map<string, Superseded>();
  const coverage = new Map<number, NonNullable<ReturnType<typeof coverageOf>> & { readonly requestedAt: string }>();
  for (const j of jobs) {
    const c = coverageOf(j.params_json);
    if (c && c.juries.length && !WITHOUT_GRADES.has(c.kind)) coverage.set(j.id, { ...c, requestedAt: j.created_at });
  }
  const docs = documents.filter((d) => coverage.has(d.job_id));
  if (docs.length === 0) return out;
  const juries = [...new Set(docs.flatMap((d) => coverage.get(d.job_id)!.juries))];
  const entries = await db.selectFrom('journal').select(['chain', 'seq', 'jury_code', 'at', 'after_json'])
    .where('action', '=', CORRECTION).where('jury_code', 'in', juries)
    .orderBy('id').execute();
  const corrections = entries.flatMap((e) => {
    let groupe: unknown;
    try {
      groupe = (JSON.parse(e.after_json ?? 'null') as { groupe?: unknown } | null)?.groupe;
    } catch {
      groupe = undefined;
    }
    return (groupe === 1 || groupe === 2) && e.jury_code ? [{ chain: e.chain, seq: e.seq, jury: e.jury_code, at: e.at, groupe }] : [];
  });
  for (const d of docs) {
    const c = coverage.get(d.job_id)!;
    const after = (r: { chain: string; seq: number; jury: string; at: string }) => (c.journalHeads !== null && r.chain === r.jury
      ? r.seq > (c.journalHeads[r.jury] ?? 0) : r.at > c.requestedAt);
    const hit = corrections.find((r) => c.juries.includes(r.jury) && (r.groupe === 1 || c.group === 2) && after(r));
    if (hit) out.set(d.id, { message: supersededMessage(hit.jury, hit.at), at: hit.at });
  }
  return out;
}
