// Use case: an agent logs in through the identity federation (ADR 0018).
// start: random state, nonce and PKCE verifier; only the state's digest is the key of the pending
// login (oidc_login), which expires after 10 minutes; one address may start 30 in 15 minutes. callback: the pending login is consumed once
// (deleted, whatever follows: a replayed state finds nothing), the code exchanged and the ID token
// validated by openid-client, then the identity (subject, else a verified e-mail) is looked up among
// the accounts the académie mapped. Unknown identities are refused; success opens a session and is
// journaled.
import type { Db, DbHandle } from '../../../db/connect.js';
import { appendJournal } from '../../../db/repositories/journal.js';
import { countAuthFailures, purgeAuthFailures, recordAuthFailures } from '../../../db/repositories/sessions.js';
import { RATE_LIMIT } from '../rate-limit.js';
import { findUserBySso, type UserRecord } from '../../../db/repositories/users.js';
import { openSession, type NewSession } from '../sessions.js';
import { sha256Hex } from '../tokens.js';
import { OidcClient, type AgentClaims } from './client.js';

export const PENDING_TTL_MS = 10 * 60 * 1000;

/** Why a login through the provider was refused; the login page shows the French message of the code. */
export type AgentLoginRefusal = 'etat' | 'fournisseur' | 'jeton' | 'inconnu' | 'desactive' | 'indisponible' | 'trop';

/** Pending logins one client address may start within the rate-limit window (each is a row until its callback or expiry). */
export const MAX_STARTS_PER_ADDRESS = 30;

/** An error and its causes, for the server log (openid-client wraps the precise reason). */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e, depth = 0; c !== undefined && c !== null && depth < 5; depth++) {
    parts.push(c instanceof Error ? c.message : String(c));
    c = c instanceof Error ? c.cause : undefined;
  }
  return parts.join(' ← ');
}

export class AgentLoginRefused extends Error {
  constructor(readonly reason: AgentLoginRefusal, readonly detail?: string) {
    super(`agent login refused: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/** Starts a login: the provider's authorisation URL and the state (also bound to the browser by a cookie). */
export async function startAgentLogin(db: Db, client: OidcClient, now: Date, address: string): Promise<{ url: URL; state: string }> {
  const key = sha256Hex(`oidc-start:${address}`);
  const since = new Date(now.getTime() - RATE_LIMIT.windowMs).toISOString();
  if (await countAuthFailures(db, key, since) >= MAX_STARTS_PER_ADDRESS) throw new AgentLoginRefused('trop', 'too many starts from this address');
  await purgeAuthFailures(db, since);
  await recordAuthFailures(db, [key], now.toISOString());
  const p = OidcClient.pending();
  let url: URL;
  try {
    url = await client.authorizationUrl(p);
  } catch (e) {
    throw new AgentLoginRefused('indisponible', describeError(e));
  }
  const at = now.toISOString();
  await db.deleteFrom('oidc_login').where('expires_at', '<=', at).execute();
  await db.insertInto('oidc_login').values({
    state_hash: sha256Hex(p.state), nonce: p.nonce, code_verifier: p.codeVerifier, return_to: null,
    created_at: at, expires_at: new Date(now.getTime() + PENDING_TTL_MS).toISOString(),
  }).execute();
  return { url, state: p.state };
}

export interface CallbackInput {
  /** the callback URL as the provider sent the browser to it (the configured redirect URI and the query received) */
  readonly url: URL;
  /** the state cookie set by start in this browser */
  readonly browserState: string | undefined;
}

/** The account of a validated identity: its subject first, else its e-mail unless the provider says it is not verified. */
export async function accountOf(db: Db, claims: AgentClaims): Promise<UserRecord | undefined> {
  const bySub = await findUserBySso(db, 'sub', claims.sub);
  if (bySub) return bySub;
  if (claims.email === null || claims.emailVerified === false) return undefined;
  return findUserBySso(db, 'email', claims.email.toLowerCase());
}

export async function completeAgentLogin(handle: DbHandle, client: OidcClient, input: CallbackInput, now: Date): Promise<{ user: UserRecord; session: NewSession }> {
  const state = input.url.searchParams.get('state');
  if (!state) throw new AgentLoginRefused('etat', 'no state');
  // consumed once, before anything else: a replayed state (or code) finds nothing
  const pending = await handle.db.deleteFrom('oidc_login').where('state_hash', '=', sha256Hex(state)).returningAll().executeTakeFirst();
  if (!pending) throw new AgentLoginRefused('etat', 'unknown or already used state');
  if (pending.expires_at <= now.toISOString()) throw new AgentLoginRefused('etat', 'expired state');
  if (input.browserState !== state) throw new AgentLoginRefused('etat', 'state not started by this browser');
  if (input.url.searchParams.has('error')) throw new AgentLoginRefused('fournisseur', input.url.searchParams.get('error') ?? undefined);
  let claims: AgentClaims;
  try {
    claims = await client.exchange(input.url, { state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
  } catch (e) {
    throw new AgentLoginRefused('jeton', describeError(e));
  }
  const user = await accountOf(handle.db, claims);
  if (!user || user.role === 'jury') throw new AgentLoginRefused('inconnu', `sub=${claims.sub}`);
  if (!user.active) throw new AgentLoginRefused('desactive', user.login);
  const session = await openSession(handle.db, user.login, now);
  await appendJournal(handle.db, [{
    at: now, actor: { role: user.role, login: user.login, name: user.name },
    action: 'CONNEXION_AGENT', subject: `user:${user.login}`,
    after: { fournisseur: client.settings.issuer.href, identite: user.sso ? `${user.sso.claim}:${user.sso.value}` : null },
  }]);
  return { user, session };
}
