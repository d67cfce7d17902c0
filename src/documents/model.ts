// View models of the documents: the snapshot a renderer prints, as plain data. Renderers are pure
// functions of these (no database, no clock): identical model ⇒ identical bytes.
//
// Texts the memo prints as such are strings (names, labels, "Admis" …). Numbers stay numbers
// (Rationals, hundredths, counts) and are formatted by the renderers with the domain's formatters
// (averages truncated to 2 decimals). Dates are given as the caller's local wall-clock time.

import type { Rational } from '../domain/rational.js';
import type { Group1Result, Group2Result, UnitControleResult, UnitGrade } from '../domain/rules/result.js';
import type { Decision, Domaine, GradeValue } from '../domain/types.js';
import type { LocalDateTime } from './pdf/datetime.js';

export type { LocalDateTime } from './pdf/datetime.js';

// ---- shared pieces -----------------------------------------------------------------------------

export interface Etablissement {
  readonly uai: string;
  readonly libelle: string;
  readonly ville: string;
}

/** What the header of every page shows. */
export interface EditionHeader {
  /** "BREVET DE TECHNICIEN SUPÉRIEUR" */
  readonly domaine: string;
  /** "ACADÉMIE DE BESANÇON" */
  readonly academie: string;
  /** the centre printed top right: "LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)" */
  readonly centre: Etablissement;
  /** "2023-06" */
  readonly session: string;
  /** "Edité le": the edition time, local wall clock "2023-06-06T11:18" */
  readonly editedAt: LocalDateTime;
  /** the user's *Titre édition*: printed on the first page, names the file */
  readonly titreEdition?: string;
}

export interface JuryRef {
  readonly code: string;
  readonly specialiteCode: string;
  readonly specialiteLibelle: string;
}

/** Flags that keep a candidate off display lists (the renderers of display lists refuse them). */
export interface DisplayFlags {
  readonly listeRouge: boolean;
  readonly presumeFraudeur: boolean;
}

/** A candidate as lists print him. */
export interface CandidateRow {
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly numeroAnonymat: string;
  readonly nom: string;
  readonly prenoms: string;
  readonly categorie: string;
  readonly etablissementInscription: Etablissement | null;
}

export interface Signature {
  /** "AUDINCOURT CEDEX" */
  readonly lieu: string;
  /** "06/06/2023" */
  readonly date: string;
}

// ---- lists of candidates -----------------------------------------------------------------------

/**
 * Liste des candidats pour la préparation des livrets scolaires: one section per jury, or per jury
 * and établissement d'inscription ("… et par établissement": set `etablissement` on each section).
 */
export interface LivretsListModel {
  readonly header: EditionHeader;
  /**
   * "Liste des élèves avec livret scolaire": the SCOLAIRE candidates, one section per jury and
   * établissement d'inscription, with their livret status
   */
  readonly eleves?: boolean;
  readonly juries: readonly {
    readonly jury: JuryRef;
    readonly etablissement?: Etablissement | null;
    readonly candidates: readonly LivretsRow[];
  }[];
}

export interface LivretsRow extends CandidateRow {
  /** the livret status (the élèves list prints it) */
  readonly livret?: LivretStatus;
}

export type CandidateListKind = 'anonyme' | 'correspondance' | 'handicap' | 'triee';

export interface CandidateListRow extends CandidateRow {
  readonly observations?: string;
  /** measures for the handicap list */
  readonly handicap?: string | null;
  /** for the sorted list */
  readonly decision?: Decision;
  readonly moyenne?: Rational | null;
  readonly moyennePro?: Rational | null;
}

/** The 4 lists of "Editer les listes de candidats" (one section per jury). */
export interface CandidateListModel {
  readonly header: EditionHeader;
  readonly kind: CandidateListKind;
  readonly juries: readonly { readonly jury: JuryRef; readonly candidates: readonly CandidateListRow[] }[];
}

// ---- statistics --------------------------------------------------------------------------------

export interface DecisionCounts {
  readonly admis: number;
  readonly controle: number;
  readonly refuse: number;
  /** candidates without a decision yet (missing grades) */
  readonly incomplet: number;
}

export interface StatsDecisionModel {
  readonly header: EditionHeader;
  readonly juries: readonly {
    readonly jury: JuryRef;
    /** the jury's candidates */
    readonly counts: DecisionCounts;
    /** all candidates of the spécialité (every jury of the session) */
    readonly specialiteCounts: DecisionCounts;
    /** 1st-group averages by one-point band (20), for the charts (issue #16) */
    readonly bands?: { readonly jury: readonly number[]; readonly specialite: readonly number[] };
  }[];
}

export interface EpreuveStats {
  readonly code: string;
  readonly libelle: string;
  /** candidates with a number (ABS/AJ counted as 0 are in `absents`, not here) */
  readonly notes: number;
  readonly moyenne: Rational | null;
  readonly min: Rational | null;
  readonly max: Rational | null;
  /** grades ≥ 10 */
  readonly auMoins10: number;
  readonly absents: number;
  readonly dispenses: number;
  readonly manquantes: number;
}

export interface StatsEpreuveModel {
  readonly header: EditionHeader;
  readonly juries: readonly { readonly jury: JuryRef; readonly candidats: number; readonly epreuves: readonly EpreuveStats[] }[];
}

// ---- results lists (affichage) -----------------------------------------------------------------

export type ResultListKind = 'admis1' | 'controle1' | 'nonAdmis1' | 'admis2' | 'nonAdmis2';

export interface ResultRow extends DisplayFlags {
  readonly nom: string;
  readonly prenoms: string;
  /** "Admis", "Refusé" … */
  readonly decision: string;
}

export interface ResultListModel {
  readonly header: EditionHeader;
  readonly kind: ResultListKind;
  /** one group per jury (centre de délibération) or per jury and centre d'épreuve */
  readonly groups: readonly {
    readonly jury: JuryRef;
    readonly centreKind: 'deliberation' | 'epreuve';
    readonly centre: Etablissement;
    readonly rows: readonly ResultRow[];
  }[];
}

// ---- PV de tenue de délibération ---------------------------------------------------------------

export interface PvCandidateRow {
  /** printed in the CSV only (the memo's PDF lists Nom, Prénoms, Décision) */
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly nom: string;
  readonly prenoms: string;
  readonly decision: string;
}

export interface GradeChangeRow {
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly nom: string;
  readonly prenoms: string;
  /** "U1 Culture générale et expression" */
  readonly epreuve: string;
  readonly ancienneNote: GradeValue | null;
  readonly nouvelleNote: GradeValue | null;
  /** "DUBOIS Pierre (président)" */
  readonly modifiePar: string;
  /** local time of the change */
  readonly date: LocalDateTime;
}

/**
 * The journal as the PV saw it: its anchor, printed on the PV so that it is kept outside the
 * database (`delib journal verify --anchor` proves later that nothing up to it was cut or rewritten),
 * and what its verification found.
 */
export interface JournalSeal {
  /** "<seq>:<sha256>" of the last entry (null while the journal is empty) */
  readonly anchor: string | null;
  /** the anomalies verifyJournal reported, described (empty: the chain verifies) */
  readonly problems: readonly string[];
}

export interface PvSignataire {
  /** "Dubois Pierre" */
  readonly name: string;
  readonly role: 'president' | 'vice_president';
}

export interface PvTenueModel {
  readonly header: EditionHeader;
  readonly group: 1 | 2;
  readonly jury: JuryRef;
  /** "11/07/2023 11:00" */
  readonly dateDeliberation: string;
  readonly centre: Etablissement;
  /**
   * who signs (memo §4.2): the member(s) who modified grades in this group's deliberation — the
   * président and/or the vice-président —, the président when nobody did
   */
  readonly signataires: readonly PvSignataire[];
  readonly signature: Signature;
  readonly admis: readonly PvCandidateRow[];
  /** 1st group only */
  readonly controle: readonly PvCandidateRow[];
  readonly modifications: readonly GradeChangeRow[];
  readonly nonAdmis: readonly PvCandidateRow[];
  /** the journal's anchor and verification, printed on every part */
  readonly journal: JournalSeal;
  /** the PV's version (issue #15): 1 the first produced, 2 after a correction, … */
  readonly version?: number;
  /** "Modifications après signature" (version ≥ 2): the corrections made after the PV was produced */
  readonly apresSignature?: readonly PostSignatureRow[];
}

/** A grade corrected after the PV, and a candidate whose decision or average it changed (issue #15). */
export interface PostSignatureRow {
  /** "02319252150 AZBTSUN John" */
  readonly candidat: string;
  readonly epreuve: string;
  readonly noteAvant: string;
  readonly noteApres: string;
  readonly decisionAvant: string;
  readonly decisionApres: string;
  readonly moyenneAvant: string;
  readonly moyenneApres: string;
  /** who corrected */
  readonly par: string;
  readonly le: LocalDateTime;
  /** why */
  readonly motif: string;
  /** the PV version the correction first appears in */
  readonly version: number;
}

// ---- relevé de notes (RLN) and PVI -------------------------------------------------------------

export interface TranscriptLeaf {
  readonly code: string;
  readonly libelle: string;
  readonly coefCenti: number;
  readonly grade: GradeValue | undefined;
  /** session of origin when the grade is a bénéfice ("2021-06") */
  readonly benefice: string | null;
}

/** A unit with the engine's result (UnitResult) and its leaves. */
export interface TranscriptUnit {
  readonly code: string;
  readonly libelle: string;
  readonly coefCenti: number;
  readonly domaine: Domaine;
  readonly controleEligible: boolean;
  readonly facultative: boolean;
  readonly ects: number | null;
  readonly ectsAcquis: boolean;
  readonly grade: UnitGrade;
  readonly points: Rational | null;
  readonly bonus: Rational | null;
  /** bénéfice session of the unit (its leaves' one) */
  readonly benefice: string | null;
  /** sub-épreuves; empty when the unit is its own only leaf */
  readonly leaves: readonly TranscriptLeaf[];
  readonly controle: UnitControleResult | null;
}

export interface TranscriptResult {
  readonly group1: Group1Result;
  readonly group2: Group2Result | null;
  readonly finalDecision: Decision;
  readonly ects: number;
}

export interface TranscriptCandidate {
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly nom: string;
  readonly nomUsage: string;
  readonly prenoms: string;
  /** "M" | "F" (civility on the address block) */
  readonly sexe: string;
  /** "01/09/2002" */
  readonly dateNaissance: string;
  readonly lieuNaissance: string;
  readonly ine: string;
  /** "Globale" | "Progressive" */
  readonly formePassage: string;
  readonly juryCode: string;
  readonly categorie: string;
  /** postal address lines under "MONSIEUR NOM Prénom" */
  readonly adresse: readonly string[];
  readonly etablissementInscription: Etablissement | null;
}

/** The verification code printed on a relevé or a PVI and the public address its QR code holds (issue #15). */
export interface TranscriptVerification {
  /** "7KQ4-M2XC-9T0B-HW3R" */
  readonly code: string;
  /** "https://delib.example.fr/verifier/7KQ4-M2XC-9T0B-HW3R" */
  readonly url: string;
}

export interface TranscriptEntry {
  readonly candidate: TranscriptCandidate;
  readonly specialite: string;
  readonly units: readonly TranscriptUnit[];
  readonly result: TranscriptResult;
  /** absent: a document without verification code (samples, tests) */
  readonly verification?: TranscriptVerification;
  /**
   * RLN grouped by établissement d'inscription or centre d'épreuve: the group of the relevé, whose
   * heading is printed on a page before the group's first relevé
   */
  readonly regroupement?: TranscriptGroup;
}

export interface TranscriptGroup {
  /** "Etablissement d'inscription : LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)" */
  readonly heading: string;
  /** the number of relevés of the group */
  readonly count: number;
}

export interface ServiceExamen {
  /** "Rectorat de Besançon" */
  readonly libelle: string;
  readonly adresse: readonly string[];
  readonly telephone: string;
  readonly mail: string;
}

/** A batch of relevés de notes sharing the edition parameters (one file, or one per jury). */
export interface TranscriptBatchModel {
  readonly session: string;
  /** "ACADÉMIE DE BESANÇON" (top left, on two lines) */
  readonly academie: string;
  readonly domaine: string;
  readonly editedAt: LocalDateTime;
  readonly titreEdition?: string;
  readonly serviceExamen: ServiceExamen;
  /** header options of the edition screen */
  readonly options: { readonly etablissement: boolean; readonly mail: boolean; readonly telephone: boolean };
  /** "A <lieu>, le <date>" */
  readonly signature: Signature;
  readonly transcripts: readonly TranscriptEntry[];
}

export type LivretStatus = 'recu' | 'absent' | null;

export interface PviEntry extends TranscriptEntry {
  readonly numeroAnonymat: string;
  readonly jury: JuryRef;
  readonly livret: LivretStatus;
  readonly handicap: string | null;
  readonly flags: DisplayFlags;
}

export interface PviModel {
  readonly header: EditionHeader;
  readonly entries: readonly PviEntry[];
}

// ---- plan de secours, 2nd group, misc ----------------------------------------------------------

export interface PapillonModel {
  readonly header: EditionHeader;
  readonly papillons: readonly { readonly jury: JuryRef; readonly url: string; readonly login: string; readonly password: string }[];
}

export interface ConvocationEpreuve {
  readonly code: string;
  readonly libelle: string;
  /** "03/07/2023" */
  readonly date: string;
  /** "09:30" */
  readonly heure: string;
  readonly lieu: Etablissement;
  readonly salle?: string;
}

export interface ConvocationModel {
  readonly header: EditionHeader;
  readonly serviceExamen: ServiceExamen;
  readonly signature: Signature;
  readonly convocations: readonly {
    readonly candidate: TranscriptCandidate;
    readonly specialite: string;
    readonly epreuves: readonly ConvocationEpreuve[];
  }[];
}

export interface BordereauModel {
  readonly header: EditionHeader;
  readonly bordereaux: readonly {
    readonly jury: JuryRef;
    readonly epreuve: { readonly code: string; readonly libelle: string };
    readonly centre: Etablissement;
    /** "03/07/2023" (or "À communiquer"), when known */
    readonly date?: string;
    /** "09:30" (or "À communiquer"), when known */
    readonly heure?: string;
    /** the room set by the centre d'épreuve */
    readonly salle?: string;
    readonly candidates: readonly CandidateRow[];
  }[];
}

export interface MissingGradesModel {
  readonly header: EditionHeader;
  readonly juries: readonly {
    readonly jury: JuryRef;
    readonly rows: readonly {
      readonly numeroCandidat: string;
      readonly numeroInscription: string;
      readonly nom: string;
      readonly prenoms: string;
      /** libellés of the épreuves without a grade */
      readonly manquantes: readonly string[];
      readonly centre: Etablissement | null;
    }[];
  }[];
}

export interface FlaggedListModel {
  readonly header: EditionHeader;
  readonly rows: readonly (DisplayFlags & {
    readonly jury: JuryRef;
    readonly numeroCandidat: string;
    readonly numeroInscription: string;
    readonly nom: string;
    readonly prenoms: string;
  })[];
}
