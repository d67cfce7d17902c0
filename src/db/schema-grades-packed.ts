// Table type of migration 0019 (ADR 0021): each candidate's grades packed in one short text, derived
// from `grade` by the database itself (triggers), merged into Database.

export interface CandidateGradesTable {
  candidate_id: number;
  /** `code␟value␞code␟value…` in épreuve-code order (see src/db/grade-packing.ts); no row = no grade */
  packed: string;
}

declare module './schema.js' {
  interface Database {
    candidate_grades: CandidateGradesTable;
  }
}
