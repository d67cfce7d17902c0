// Juries whose deliberation is open (state 110 and beyond): their data belongs to the deliberation
// (SPEC §7, ADR 0014). The import never writes their rows in bulk; it compares the file with what
// is stored and lists each difference. Without corrections any difference refuses the import; with
// corrections (asked explicitly, with a reason) each difference is written as one change journaled
// by the académie — except what a correction may not do (a grade the jury changed, a jury's
// spécialité, the 2nd group's choices and grades, épreuves): those refuse the import, listed.
import type { Db } from '../../db/connect.js';
import type { JournalEntryInput } from '../../db/repositories/journal.js';
import { gradeFromRow } from '../../db/repositories/candidate-inputs.js';
import { formatGrade, gradeEquals } from '../../domain/grades.js';
import { JURY_STATE_LABELS, type Actor, type GradeValue, type JuryState } from '../../domain/types.js';

/** One difference between the file and a deliberating jury's data, for people. */
export interface ProtectedChange {
  readonly jury: string;
  /** the jury's state, "110 - Délibération du 1er groupe" */
  readonly etat: string;
  /** "02319252150 - 001 AZBTSUN John", or '' for the jury's own data */
  readonly candidat: string;
  /** French: "note U1", "nom", "président" */
  readonly champ: string;
  readonly avant: string;
  readonly apres: string;
  /** why the difference cannot be applied even as a correction; null when it can */
  readonly refus: string | null;
}

/** A difference and how a correction applies it (returns its journal entry, or null if it lost a race). */
export interface PendingChange extends ProtectedChange {
  readonly apply?: (trx: Db, c: CorrectionContext) => Promise<JournalEntryInput | null>;
}

export interface CorrectionContext {
  readonly at: Date;
  readonly actor: Actor;
  readonly motif: string;
}

export interface ProtectedJury {
  readonly etat: JuryState;
  readonly specialite: string;
}

/** The action of a correction in the journal. */
export const CORRECTION_ACTION = 'CORRECTION_ACADEMIE';

export function etatText(etat: JuryState): string {
  return `${etat} - ${JURY_STATE_LABELS[etat]}`;
}

const NONE = '(aucune)';

// ---- candidates -------------------------------------------------------------------------------

export const CANDIDATE_FIELD_LABELS: Readonly<Record<string, string>> = {
  nom: 'nom', nom_usage: 'nom d’usage', prenoms: 'prénoms', sexe: 'sexe', date_naissance: 'date de naissance',
  lieu_naissance: 'lieu de naissance', ine: 'INE', categorie: 'catégorie', forme_passage: 'forme de passage',
  etablissement_uai: 'établissement d’inscription', centre_epreuve_uai: 'centre d’épreuve', jury_code: 'jury',
  numero_anonymat: 'n° d’anonymat', livret: 'livret scolaire', handicap: 'aménagements (handicap)', liste_rouge: 'liste rouge',
  presume_fraudeur: 'présumé fraudeur', adresse: 'adresse', code_postal: 'code postal', ville: 'ville', mail: 'courriel',
};

const BOOLEAN_COLUMNS = new Set(['liste_rouge', 'presume_fraudeur']);

export function candidateValueText(column: string, v: string | number | null): string {
  if (column === 'livret') return v === null ? 'sans statut' : Number(v) === 1 ? 'oui' : 'non';
  if (BOOLEAN_COLUMNS.has(column)) return Number(v) === 1 ? 'oui' : 'non';
  if (column === 'date_naissance' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.split('-').reverse().join('/');
  return v === null || v === '' ? '(vide)' : String(v);
}

/** Same stored value (numbers come back as numbers on both dialects; text as text). */
export function sameCell(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return String(a) === String(b);
}

// ---- grades -----------------------------------------------------------------------------------

/** A grade row as stored (1st group). */
export interface StoredGradeRow {
  readonly candidate_id: number;
  readonly epreuve_code: string;
  readonly kind: string | null;
  readonly hundredths: number | null;
  readonly benefice: string | null;
  readonly orig_kind: string | null;
  readonly orig_hundredths: number | null;
  readonly version: number;
  readonly updated_at: string | null;
  readonly updated_by: string | null;
}

export interface FileGrade {
  readonly value: GradeValue;
  readonly benefice: string | null;
}

function gradeText(v: GradeValue | undefined, benefice: string | null): string {
  const t = formatGrade(v);
  if (!t) return NONE;
  return benefice ? `${t} (bénéfice ${benefice})` : t;
}

function parisTime(iso: string): string {
  const d = new Date(iso);
  return Number.isFinite(d.getTime())
    ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)
    : iso;
}

/**
 * The difference (if any) between a candidate's 1st-group grade in the file and as stored. The
 * file is compared with the value the last import wrote (orig_* once the jury changed it): a file
 * equal to it brings nothing new, and the jury's change stands. A file equal to the value in force
 * changes nothing either.
 */
export function gradeDifference(db: StoredGradeRow | undefined, file: FileGrade | undefined):
  { current: GradeValue | undefined; changedBy: string | null; changedAt: string | null } | null {
  const current = db ? gradeFromRow(db.kind, db.hundredths) : undefined;
  const changed = db?.updated_at != null;
  const imported = db ? (changed ? gradeFromRow(db.orig_kind, db.orig_hundredths) : current) : undefined;
  const storedBenefice = db?.benefice ?? null;
  const fileBenefice = file?.benefice ?? null;
  if (gradeEquals(imported, file?.value) && storedBenefice === fileBenefice) return null;
  if (gradeEquals(current, file?.value) && storedBenefice === fileBenefice) return null;
  return { current, changedBy: changed ? db!.updated_by ?? 'le jury' : null, changedAt: changed ? db!.updated_at : null };
}

export function gradeChange(
  jury: string, etat: JuryState, candidat: string, candidateId: number, epreuve: string,
  db: StoredGradeRow | undefined, file: FileGrade | undefined,
): PendingChange | null {
  const d = gradeDifference(db, file);
  if (!d) return null;
  const base = {
    jury, etat: etatText(etat), candidat, champ: `note ${epreuve}`,
    avant: gradeText(d.current, db?.benefice ?? null), apres: gradeText(file?.value, file?.benefice ?? null),
  };
  if (d.changedBy) {
    return { ...base, refus: `note modifiée en délibération par ${d.changedBy} le ${parisTime(d.changedAt!)} : une correction ne l’écrase pas` };
  }
  const journal = (c: CorrectionContext): JournalEntryInput => ({
    at: c.at, actor: c.actor, action: CORRECTION_ACTION, juryCode: jury, candidateId, subject: `grade:${candidateId}:${epreuve}`,
    before: { note: formatGrade(d.current) || null, ...(db?.benefice ? { benefice: db.benefice } : {}) },
    after: { note: formatGrade(file?.value) || null, groupe: 1, ...(file?.benefice ? { benefice: file.benefice } : {}) },
    reason: c.motif,
  });
  return {
    ...base, refus: null,
    // the corrected value becomes the imported value (the jury never changed this grade); the
    // version moves on, so that an editor opened on the old value gets a conflict
    apply: async (trx, c) => {
      const kind = file?.value.kind ?? null;
      const hundredths = file?.value.kind === 'NOTE' ? file.value.hundredths : null;
      if (!db) {
        await trx.insertInto('grade').values({
          candidate_id: candidateId, epreuve_code: epreuve, kind, hundredths, benefice: file!.benefice,
          orig_kind: kind, orig_hundredths: hundredths,
        }).execute();
        return journal(c);
      }
      const res = file
        ? await trx.updateTable('grade').set({ kind, hundredths, benefice: file.benefice, orig_kind: kind, orig_hundredths: hundredths, version: db.version + 1 })
          .where('candidate_id', '=', candidateId).where('epreuve_code', '=', epreuve).where('version', '=', db.version).where('updated_at', 'is', null)
          .executeTakeFirst()
        : await trx.deleteFrom('grade')
          .where('candidate_id', '=', candidateId).where('epreuve_code', '=', epreuve).where('version', '=', db.version).where('updated_at', 'is', null)
          .executeTakeFirst();
      const n = 'numUpdatedRows' in res ? res.numUpdatedRows : res.numDeletedRows;
      return Number(n) === 1 ? journal(c) : null;
    },
  };
}
