// Kysely table types. Booleans are stored as integers (0/1) and dates/times as ISO text on both
// dialects, so the same queries and migrations run on SQLite and PostgreSQL.
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface ExamSessionTable {
  id: number; // always 1: a database holds one exam session (ADR 0004)
  domaine: string;
  session: string;
  academie_code: string;
  academie_libelle: string;
  service_examen_libelle: string;
  service_examen_adresse: string;
  service_examen_mail: string;
  service_examen_telephone: string;
}

export interface EtablissementTable {
  uai: string;
  libelle: string;
  ville: string;
}

export interface SpecialiteTable {
  code: string;
  libelle: string;
}

export interface EpreuveTable {
  specialite_code: string;
  code: string;
  libelle: string;
  coef_centi: number;
  domaine: 'general' | 'professionnel';
  controle: number;
  facultative: number;
  parent_code: string | null;
  ects: number | null;
  position: number;
}

export interface JuryTable {
  code: string;
  specialite_code: string;
  centre_uai: string;
  president: string;
  vice_president: string;
  debut_deliberation: string | null; // ISO 'YYYY-MM-DDTHH:MM'
  fin_deliberation: string | null;
  etat: string;
  version: ColumnType<number, number | undefined, number>;
  emergency_enabled: ColumnType<number, number | undefined, number>;
  emergency_password_hash: string | null;
  emergency_generated_at: string | null;
}

export interface CandidateTable {
  id: number; // assigned by the import (stable across re-imports, natural key below)
  numero_candidat: string;
  numero_inscription: string;
  nom: string;
  nom_usage: string;
  prenoms: string;
  sexe: string;
  date_naissance: string | null; // ISO 'YYYY-MM-DD'
  lieu_naissance: string;
  ine: string;
  categorie: string;
  forme_passage: string;
  etablissement_uai: string;
  centre_epreuve_uai: string;
  jury_code: string;
  numero_anonymat: string;
  livret: number | null; // 1 oui, 0 non, null no status
  handicap: string;
  liste_rouge: number;
  presume_fraudeur: number;
  adresse: string;
  code_postal: string;
  ville: string;
  mail: string;
}

/** A grade on a leaf épreuve. No row = missing grade. */
export interface GradeTable {
  candidate_id: number;
  epreuve_code: string;
  kind: string | null; // 'NOTE' | 'ABS' | 'AJ' | 'DI'; null = cleared (missing)
  hundredths: number | null;
  benefice: string | null; // session of origin ('2021-06') for a bénéfice
  orig_kind: string | null; // the imported value, kept when the jury changes the grade
  orig_hundredths: number | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: string | null;
  updated_by: string | null;
}

export interface ControleChoiceTable {
  candidate_id: number;
  epreuve_1: string;
  epreuve_2: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface ControleGradeTable {
  candidate_id: number;
  epreuve_code: string; // a unit code
  kind: string; // 'NOTE' | 'ABS'
  hundredths: number | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: string | null;
  updated_by: string | null;
}

/** Append-only, hash-chained journal of every change (who, when, action, before, after). */
export interface JournalTable {
  id: Generated<number>;
  chain: ColumnType<string, string | undefined, string>; // the jury's code, or '' (session chain): ADR 0013
  seq: number; // position in its chain (1, 2, …)
  at: string; // ISO timestamp with milliseconds, UTC
  actor_login: string;
  actor_name: string;
  actor_role: string;
  action: string;
  jury_code: string | null;
  candidate_id: number | null;
  subject: string; // e.g. 'jury:31310', 'grade:12:U1'
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string; // SHA-256 of the entry, or its HMAC-SHA256 under the key key_id (ADR 0013)
  key_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  exam_session: ExamSessionTable;
  etablissement: EtablissementTable;
  specialite: SpecialiteTable;
  epreuve: EpreuveTable;
  jury: JuryTable;
  candidate: CandidateTable;
  grade: GradeTable;
  controle_choice: ControleChoiceTable;
  controle_grade: ControleGradeTable;
  journal: JournalTable;
}

export type CandidateRow = Selectable<CandidateTable>;
export type EpreuveRow = Selectable<EpreuveTable>;
export type JournalRow = Selectable<JournalTable>;
