// Table types of migration 0003 (background jobs, their documents, memorised edition parameters),
// merged into Database.
import type { Generated, Selectable } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'error';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  title: string;
  params_json: string;
  owner_login: string;
  owner_name: string;
  owner_role: string;
  owner_scope: string;
  status: JobStatus;
  progress: Generated<number>;
  progress_label: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  worker_id: string | null;
  heartbeat_at: string | null;
  result_json: string | null;
  error: string | null;
}

export interface JobLogTable {
  id: Generated<number>;
  job_id: number;
  at: string;
  line: string;
}

export interface JobDocumentTable {
  id: string;
  job_id: number;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage: 'db' | 'fs';
  storage_path: string | null;
  bytes: Uint8Array | null;
  created_at: string;
}

export interface EditionPreferenceTable {
  user_login: string;
  edition: string;
  params_json: string;
  updated_at: string;
}

declare module './schema.js' {
  interface Database {
    job: JobTable;
    job_log: JobLogTable;
    job_document: JobDocumentTable;
    edition_preference: EditionPreferenceTable;
  }
}

export type JobRow = Selectable<JobTable>;
export type JobLogRow = Selectable<JobLogTable>;
export type JobDocumentRow = Selectable<JobDocumentTable>;
