// The offline portal around the account's session (issue #9, ADR 0009): the store is prepared at a
// jury's login (key derived from the password just accepted by the server), resumed at a reload from
// the tab's session, unlocked with the password when the tab lost it, and erased at logout. Offline,
// "who am I" and the session context come from the store.
import { ApiError } from '../../../api/client.js';
import type { MeResponse } from '../../../api/types.js';
import { activate, activeStore, deactivate, isNetworkError, markOffline, recall, remember, setJuryCode, setLocked } from './state.js';
import { eraseStore, openStoreAtLogin, resumeStore, storedLogins, unlockStore } from './store.js';

/** Offline, and this browser keeps a jury's data that its password must unlock. */
export class OfflineLockedError extends ApiError {
  readonly logins: readonly string[];

  constructor(logins: readonly string[]) {
    super(0, 'OFFLINE_LOCKED', 'Le serveur est injoignable. Les données du jury gardées dans ce navigateur sont chiffrées : saisissez votre mot de passe pour les déverrouiller.');
    this.name = 'OfflineLockedError';
    this.logins = logins;
  }
}

function available(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;
}

async function ensureActive(): Promise<boolean> {
  if (activeStore()) return true;
  if (!available()) return false;
  const s = await resumeStore();
  if (s) await activate(s);
  return s !== null;
}

/** "Who am I": the server, and for a jury the store kept up to date; offline, the store's copy. */
export async function meWithOffline(fetchMe: () => Promise<MeResponse>): Promise<MeResponse> {
  try {
    const me = await fetchMe();
    if (me.user?.role === 'jury') {
      setJuryCode(me.user.scope);
      if (await ensureActive().catch(() => false)) {
        if (activeStore()?.login === me.user.login) await remember('me', me);
        else deactivate();
      }
      // data kept by another tab, whose key this tab does not have: the banner offers to unlock it
      const kept = !activeStore() && available() && (await storedLogins().catch((): string[] => [])).includes(me.user.login);
      setLocked(kept ? me.user.login : null);
    }
    return me;
  } catch (e) {
    if (!isNetworkError(e) || !available()) throw e;
    if (await ensureActive().catch(() => false)) {
      const me = await recall<MeResponse>('me');
      if (me?.user) {
        setJuryCode(me.user.scope);
        markOffline();
        return me;
      }
    }
    const logins = await storedLogins().catch((): string[] => []);
    throw logins.length > 0 ? new OfflineLockedError(logins) : e;
  }
}

/** A fresher "who am I" (the acting member was just chosen): kept for the offline reloads. */
export async function rememberMe(me: MeResponse): Promise<void> {
  if (me.user && activeStore()?.login === me.user.login) await remember('me', me);
}

/** Offline: the password opens the store again (this tab had lost its key). */
export async function unlockOffline(login: string, password: string): Promise<void> {
  await activate(await unlockStore(login, password));
}

/**
 * Right after the server accepted a jury's password: the store is opened (changes still waiting from
 * an earlier session are kept) or created. Returns true when an unreadable older store was erased.
 */
export async function prepareOffline(password: string, me: MeResponse): Promise<boolean> {
  if (!available() || me.user?.role !== 'jury') return false;
  deactivate();
  setJuryCode(me.user.scope);
  try {
    const { store, replaced } = await openStoreAtLogin(me.user.login, password);
    await activate(store);
    await remember('me', me);
    return replaced;
  } catch {
    // no IndexedDB or WebCrypto here (private browsing…): the portal works online only, the banner says so
    deactivate();
    return false;
  }
}

/** Logout: the jury's data leaves this browser (unlocked in this tab or not). */
export async function closeOffline(login: string | undefined): Promise<void> {
  const s = activeStore();
  deactivate();
  if (!available()) return;
  for (const l of new Set([s?.login, login])) if (l) await eraseStore(l).catch(() => undefined);
}

/** A read the offline portal needs (the session context): the server, else the store's copy. */
export async function withOfflineCopy<T>(name: 'context', fetch: () => Promise<T>): Promise<T> {
  try {
    const v = await fetch();
    if (activeStore()) await remember(name, v);
    return v;
  } catch (e) {
    const copy = isNetworkError(e) && activeStore() ? await recall<T>(name) : undefined;
    if (copy === undefined) throw e;
    return copy;
  }
}
