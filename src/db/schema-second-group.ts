// Table types of migrations 0006 and 0010 (2nd-group organisation, blind double entry), merged into
// the schema types of schema.ts.
import type { ColumnType } from 'kysely';

/** One of the two typed values of a contrôle grade under double entry (ADR 0012). */
export interface ControleGradeEntryTable {
  candidate_id: number;
  epreuve_code: string; // a unit code
  entry: number; // 1 | 2
  kind: string; // 'NOTE' | 'ABS'
  hundredths: number | null;
  version: ColumnType<number, number | undefined, number>;
  /** null: a value in force (imported, or typed before the double entry was enabled) turned into entry 1 */
  entered_at: string | null;
  entered_by: string | null;
  entered_by_login: string | null;
}

export interface ControleDoubleEntryTable {
  jury_code: string;
  epreuve_code: string;
  enabled_at: string;
  enabled_by: string;
}

export interface ControleScheduleTable {
  centre_epreuve_uai: string;
  specialite_code: string;
  epreuve_code: string;
  /** ISO 'YYYY-MM-DD' */
  date: string | null;
  /** 'HH:MM' */
  heure: string | null;
  salle: string;
  version: ColumnType<number, number | undefined, number>;
  updated_at: string | null;
  updated_by: string | null;
}

declare module './schema.js' {
  interface ControleChoiceTable {
    /** who entered the choices last, and when (null: imported) */
    updated_at: string | null;
    updated_by: string | null;
  }
  interface ControleGradeTable {
    /** the entry at 200 (Saisir les notes du 2nd groupe): when, by whom (name, login); null: imported */
    entered_at: string | null;
    entered_by: string | null;
    entered_by_login: string | null;
  }
  interface Database {
    controle_grade_entry: ControleGradeEntryTable;
    controle_double_entry: ControleDoubleEntryTable;
    controle_schedule: ControleScheduleTable;
  }
}
