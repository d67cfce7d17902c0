// Table types of migration 0002 (accounts, sessions, login failures), merged into Database.
import type { Generated, Selectable } from 'kysely';

export interface AppUserTable {
  login: string;
  display_name: string;
  role: string; // 'academie' | 'centre' | 'jury' | 'centre_epreuve'
  scope: string; // académie code, UAI or jury code
  password_hash: string; // scrypt$N$r$p$salt$hash
  active: number;
  created_at: string;
  updated_at: string | null;
}

export interface AppSessionTable {
  id: string; // SHA-256 (hex) of the cookie token
  prev_id: string | null; // digest of the previous token, valid for a short grace after a rotation
  user_login: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  rotated_at: string;
  acting_member: string | null; // jury: 'president' | 'vice_president'
}

export interface AuthFailureTable {
  id: Generated<number>;
  key: string;
  at: string;
}

declare module './schema.js' {
  interface Database {
    app_user: AppUserTable;
    app_session: AppSessionTable;
    auth_failure: AuthFailureTable;
  }
}

export type AppUserRow = Selectable<AppUserTable>;
export type AppSessionRow = Selectable<AppSessionTable>;
