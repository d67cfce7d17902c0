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
  must_change_password: Generated<number>; // 1: a one-time password, to change at the next login (migration 0013)
  provisioned_at: string | null; // last provisioning run that created or refreshed the account
  sso_claim: string | null; // 'email' | 'sub': agent identity federation (OpenID Connect)
  sso_value: string | null;
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

export interface OidcLoginTable {
  state_hash: string; // SHA-256 (hex) of the state sent to the provider
  nonce: string;
  code_verifier: string; // PKCE
  return_to: string | null;
  created_at: string;
  expires_at: string;
}

declare module './schema.js' {
  interface Database {
    app_user: AppUserTable;
    app_session: AppSessionTable;
    auth_failure: AuthFailureTable;
    oidc_login: OidcLoginTable;
  }
}

export type AppUserRow = Selectable<AppUserTable>;
export type AppSessionRow = Selectable<AppSessionTable>;
