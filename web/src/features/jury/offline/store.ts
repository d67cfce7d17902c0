// The jury's data kept in the browser for the offline portal (issue #9, ADR 0009): IndexedDB, every
// record encrypted (crypto.ts) under a key derived from the jury's password at login. In clear: only
// the login, the salt and the iteration count. The key lives in memory, and for the tab's session in
// sessionStorage (a reload, even offline, does not ask the password again; closing the tab forgets
// it: the password is then asked to unlock). Logging out erases the store.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { decryptJson, deriveKey, encryptJson, exportKey, importKey, newSalt, PBKDF2_ITERATIONS, WrongKeyError } from './crypto.js';

export const DB_NAME = 'delib-jury-hors-ligne';
const SESSION_KEY = 'delib-jury-hors-ligne-cle';
const CHECK = 'delib-hors-ligne';

export type RecordName = 'check' | 'me' | 'context' | 'bundle' | 'queue' | 'conflicts';

export interface StoreMeta {
  readonly login: string;
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly createdAt: string;
}

export interface StoredRecord {
  readonly login: string;
  readonly name: RecordName;
  readonly iv: Uint8Array;
  readonly data: ArrayBuffer;
}

interface OfflineDb extends DBSchema {
  meta: { key: string; value: StoreMeta };
  records: { key: [string, string]; value: StoredRecord };
}

let dbPromise: Promise<IDBPDatabase<OfflineDb>> | null = null;

export function database(): Promise<IDBPDatabase<OfflineDb>> {
  dbPromise ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('meta', { keyPath: 'login' });
      db.createObjectStore('records', { keyPath: ['login', 'name'] });
    },
  });
  return dbPromise;
}

const contextOf = (login: string, name: RecordName) => `${DB_NAME}/${login}/${name}`;

/** An open (unlocked) store: reads and writes decrypted values. */
export class OfflineStore {
  constructor(private readonly db: IDBPDatabase<OfflineDb>, readonly login: string, private readonly key: CryptoKey) {}

  async read<T>(name: RecordName): Promise<T | undefined> {
    const r = await this.db.get('records', [this.login, name]);
    return r ? decryptJson<T>(this.key, contextOf(this.login, name), r) : undefined;
  }

  async write(name: RecordName, value: unknown): Promise<void> {
    const sealed = await encryptJson(this.key, contextOf(this.login, name), value);
    await this.db.put('records', { login: this.login, name, iv: sealed.iv, data: sealed.data });
  }
}

function session(): Storage | null {
  return typeof sessionStorage === 'undefined' ? null : sessionStorage;
}

/** The store on a derived key; keeping it for the tab stores the raw key and uses a non-extractable copy. */
async function opened(db: IDBPDatabase<OfflineDb>, login: string, derived: CryptoKey, keepIt: boolean): Promise<OfflineStore> {
  if (!keepIt) return new OfflineStore(db, login, derived);
  const raw = await exportKey(derived);
  session()?.setItem(SESSION_KEY, JSON.stringify({ login, key: raw }));
  return new OfflineStore(db, login, await importKey(raw));
}

export async function readMeta(login: string): Promise<StoreMeta | undefined> {
  return (await database()).get('meta', login);
}

/** Logins whose data this browser keeps (locked until their password is given). */
export async function storedLogins(): Promise<string[]> {
  return (await database()).getAllKeys('meta');
}

/** Erases everything kept for this login (records, salt) and forgets the tab's key. */
export async function eraseStore(login: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(['meta', 'records'], 'readwrite');
  await tx.objectStore('records').delete(IDBKeyRange.bound([login, ''], [login, '\uffff']));
  await tx.objectStore('meta').delete(login);
  await tx.done;
  const kept = session()?.getItem(SESSION_KEY);
  if (kept && (JSON.parse(kept) as { login?: string }).login === login) session()?.removeItem(SESSION_KEY);
}

async function verified(db: IDBPDatabase<OfflineDb>, login: string, key: CryptoKey): Promise<OfflineStore> {
  const store = new OfflineStore(db, login, key);
  if ((await store.read<string>('check')) !== CHECK) throw new WrongKeyError();
  return store;
}

export interface OpenOptions {
  readonly iterations?: number;
  /** keep the key for the tab (sessionStorage); tests run without it */
  readonly keepInSession?: boolean;
}

/** An existing store opened with the password; throws WrongKeyError (wrong password) or when there is none. */
export async function unlockStore(login: string, password: string, o: OpenOptions = {}): Promise<OfflineStore> {
  const db = await database();
  const meta = await db.get('meta', login);
  if (!meta) throw new WrongKeyError();
  const keepIt = o.keepInSession !== false;
  const derived = await deriveKey(password, meta, keepIt);
  await verified(db, login, derived);
  return opened(db, login, derived, keepIt);
}

/**
 * At login (online, the server has just accepted the password): opens the login's store, or creates
 * it. A store the password does not open (the password was changed since) cannot be read by anyone:
 * it is erased and `replaced` says so.
 */
export async function openStoreAtLogin(login: string, password: string, o: OpenOptions = {}): Promise<{ store: OfflineStore; replaced: boolean }> {
  try {
    return { store: await unlockStore(login, password, o), replaced: false };
  } catch (e) {
    if (!(e instanceof WrongKeyError)) throw e;
  }
  const replaced = (await readMeta(login)) !== undefined;
  if (replaced) await eraseStore(login);
  const db = await database();
  const meta: StoreMeta = { login, salt: newSalt(), iterations: o.iterations ?? PBKDF2_ITERATIONS, createdAt: new Date().toISOString() };
  await db.put('meta', meta);
  const keepIt = o.keepInSession !== false;
  const store = await opened(db, login, await deriveKey(password, meta, keepIt), keepIt);
  await store.write('check', CHECK);
  return { store, replaced };
}

/** The store of this tab's session (its key kept in sessionStorage), or null. */
export async function resumeStore(): Promise<OfflineStore | null> {
  const kept = session()?.getItem(SESSION_KEY);
  if (!kept) return null;
  try {
    const { login, key } = JSON.parse(kept) as { login: string; key: string };
    const db = await database();
    if (!(await db.get('meta', login))) return null;
    return await verified(db, login, await importKey(key));
  } catch {
    session()?.removeItem(SESSION_KEY);
    return null;
  }
}
