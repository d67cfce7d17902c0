// Login rate limiting, stored in the database (table auth_failure) so that every instance sharing
// the database shares the counters. A failure is counted per login and per client address; a login
// is refused (429) once either count reaches its limit within the window. A success clears the
// login's counter (not the address's).
import type { Db } from '../../db/connect.js';
import { clearAuthFailures, countAuthFailures, purgeAuthFailures, recordAuthFailures } from '../../db/repositories/sessions.js';
import { AppError } from '../../errors/app-error.js';
import { sha256Hex } from './tokens.js';

export const RATE_LIMIT = {
  windowMs: 15 * 60 * 1000,
  maxPerLogin: 5,
  maxPerAddress: 20,
} as const;

export const RATE_LIMIT_MESSAGE = 'Trop de tentatives. Réessayez plus tard.';

export interface LimitKeys {
  readonly login: string;
  readonly address: string;
}

/** Keys are digests: neither typed logins (which may be mistyped passwords) nor addresses are stored. */
export function limitKeys(login: string, address: string): LimitKeys {
  return { login: sha256Hex(`login:${login.trim().toLowerCase()}`), address: sha256Hex(`ip:${address}`) };
}

export async function assertNotRateLimited(db: Db, keys: LimitKeys, now: Date): Promise<void> {
  const since = new Date(now.getTime() - RATE_LIMIT.windowMs).toISOString();
  const [perLogin, perAddress] = await Promise.all([
    countAuthFailures(db, keys.login, since),
    countAuthFailures(db, keys.address, since),
  ]);
  if (perLogin >= RATE_LIMIT.maxPerLogin || perAddress >= RATE_LIMIT.maxPerAddress) {
    throw new AppError('RATE_LIMITED', RATE_LIMIT_MESSAGE);
  }
}

export async function recordLoginFailure(db: Db, keys: LimitKeys, now: Date): Promise<void> {
  await recordAuthFailures(db, [keys.login, keys.address], now.toISOString());
  // keep the table small: drop what no window can see any more
  await purgeAuthFailures(db, new Date(now.getTime() - RATE_LIMIT.windowMs).toISOString());
}

export async function clearLoginFailures(db: Db, keys: LimitKeys): Promise<void> {
  await clearAuthFailures(db, keys.login);
}
