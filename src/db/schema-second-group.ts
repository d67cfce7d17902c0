// Table types of migration 0006 (2nd-group organisation), merged into the schema types of schema.ts.
import type { ColumnType } from 'kysely';

export interface ControleGradeSecondTable {
  candidate_id: number;
  epreuve_code: string; // a unit code
  kind: string; // 'NOTE' | 'ABS'
  hundredths: number | null;
  version: ColumnType<number, number | undefined, number>;
  entered_at: string;
  entered_by: string;
  entered_by_login: string;
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
    controle_grade_second: ControleGradeSecondTable;
    controle_double_entry: ControleDoubleEntryTable;
    controle_schedule: ControleScheduleTable;
  }
}
