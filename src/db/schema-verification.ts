// Table types of migration 0015 (verification codes, PV versions, corrections after the PV), merged into Database.
import type { Generated } from 'kysely';

export interface VerificationCodeTable {
  id: Generated<number>;
  code_hash: string;
  kind: 'rln' | 'pvi';
  groupe: number;
  candidate_id: number;
  jury_code: string;
  content_json: string;
  content_hash: string;
  issued_at: string;
  issued_by: string;
  replaced_at: string | null;
}

export interface PvVersionTable {
  id: Generated<number>;
  jury_code: string;
  groupe: number;
  version: number;
  produced_at: string;
  produced_by: string;
  model_json: string;
}

export interface PvCorrectionTable {
  id: Generated<number>;
  jury_code: string;
  groupe: number;
  candidate_id: number;
  epreuve_code: string;
  note_avant: string | null;
  note_apres: string | null;
  motif: string | null;
  auteur: string;
  at: string;
  pv_version: number;
  changes_json: string;
}

export interface DocumentProductionTable {
  id: Generated<number>;
  jury_code: string;
  groupe: number;
  kind: string;
  produced_at: string;
  produced_by: string;
}

declare module './schema.js' {
  interface Database {
    verification_code: VerificationCodeTable;
    pv_version: PvVersionTable;
    pv_correction: PvCorrectionTable;
    document_production: DocumentProductionTable;
  }
}
