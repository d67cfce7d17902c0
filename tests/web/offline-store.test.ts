// Issue #9: the offline store is unreadable without the password. The browser's code
// (web/src/features/jury/offline/store.ts) over an in-memory IndexedDB (fake-indexeddb) and Node's
// WebCrypto: what is written is ciphertext only (no name, anonymous number or grade), a wrong password
// does not open it, an altered or moved record does not decrypt, a changed password cannot read the
// old data (the store is replaced), and logging out erases it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { decryptJson, deriveKey, encryptJson, newSalt, PBKDF2_ITERATIONS, WrongKeyError } from '../../web/src/features/jury/offline/crypto.js';
import { database, eraseStore, openStoreAtLogin, readMeta, storedLogins, unlockStore, type StoredRecord } from '../../web/src/features/jury/offline/store.js';

const LOGIN = 'jury-31310';
const PASSWORD = 'demo-jury-2023';
const NO_SESSION = { keepInSession: false } as const;

/** A slice of a real bundle: members' names, anonymous numbers, grades. */
const BUNDLE = {
  format: 1,
  jury: { code: '31310', president: 'DUBOIS Pierre', vicePresident: 'MARTIN Claire', etat: '110' },
  candidates: [
    { candidate: { id: 4, numeroAnonymat: 'T230A031000004', categorie: 'SCOLAIRE' }, leafGrades: [{ epreuveCode: 'U1', value: { kind: 'NOTE', hundredths: 900 }, version: 1 }] },
    { candidate: { id: 8, numeroAnonymat: 'T230A031000008', categorie: 'SCOLAIRE' }, leafGrades: [{ epreuveCode: 'U41', value: { kind: 'ABS' }, version: 3, updatedBy: 'MARTIN Claire' }] },
  ],
};
const QUEUE = [{ id: 'c1', candidateId: 4, epreuve: 'U1', value: '10,5', version: 1, memberName: 'DUBOIS Pierre' }];
const PLAIN = ['DUBOIS', 'MARTIN', 'T230A031000004', 'T230A0310', 'SCOLAIRE', 'hundredths', '900', 'U41', '10,5', '31310', 'numeroAnonymat'];

async function rawRecords(): Promise<StoredRecord[]> {
  return (await database()).getAll('records');
}

function asText(r: StoredRecord): string[] {
  const bytes = new Uint8Array(r.data);
  return [new TextDecoder('latin1').decode(bytes), new TextDecoder('utf-8', { fatal: false }).decode(bytes), Buffer.from(bytes).toString('utf16le')];
}

describe('offline store (IndexedDB, AES-GCM, PBKDF2)', () => {
  beforeEach(async () => {
    for (const login of await storedLogins()) await eraseStore(login);
  });

  it('writes ciphertext only: no name, anonymous number or grade on disk; in clear only the login, the salt and the iterations', async () => {
    const { store, replaced } = await openStoreAtLogin(LOGIN, PASSWORD, NO_SESSION);
    expect(replaced).toBe(false);
    await store.write('bundle', BUNDLE);
    await store.write('queue', QUEUE);
    const records = await rawRecords();
    expect(records.map((r) => r.name).sort()).toEqual(['bundle', 'check', 'queue']);
    for (const r of records) {
      expect(r.iv.byteLength).toBe(12);
      for (const text of asText(r)) for (const p of PLAIN) expect(text, `${r.name}: « ${p} »`).not.toContain(p);
    }
    const bundle = records.find((r) => r.name === 'bundle')!;
    expect(bundle.data.byteLength).toBe(JSON.stringify(BUNDLE).length + 16); // the GCM tag, nothing else
    const meta = (await readMeta(LOGIN))!;
    expect(Object.keys(meta).sort()).toEqual(['createdAt', 'iterations', 'login', 'salt']);
    expect(meta.iterations).toBe(PBKDF2_ITERATIONS);
    expect(meta.iterations).toBeGreaterThanOrEqual(600_000);
    expect(meta.salt.byteLength).toBe(16);
    // the right password reads it back
    expect(await store.read('bundle')).toEqual(BUNDLE);
    expect(await (await unlockStore(LOGIN, PASSWORD, NO_SESSION)).read('queue')).toEqual(QUEUE);
  });

  it('a wrong password does not open it, nor decrypt a single record', async () => {
    const { store } = await openStoreAtLogin(LOGIN, PASSWORD, NO_SESSION);
    await store.write('bundle', BUNDLE);
    await expect(unlockStore(LOGIN, 'demo-jury-2024', NO_SESSION)).rejects.toBeInstanceOf(WrongKeyError);
    await expect(unlockStore(LOGIN, '', NO_SESSION)).rejects.toBeInstanceOf(WrongKeyError);
    await expect(unlockStore('jury-31408', PASSWORD, NO_SESSION)).rejects.toBeInstanceOf(WrongKeyError);
    const meta = (await readMeta(LOGIN))!;
    const wrong = await deriveKey('demo-jury-2024', meta);
    const record = (await rawRecords()).find((r) => r.name === 'bundle')!;
    await expect(decryptJson(wrong, `delib-jury-hors-ligne/${LOGIN}/bundle`, record)).rejects.toBeInstanceOf(WrongKeyError);
    const right = await deriveKey(PASSWORD, meta);
    expect(await decryptJson(right, `delib-jury-hors-ligne/${LOGIN}/bundle`, record)).toEqual(BUNDLE);
    // same password, another salt: another key
    await expect(decryptJson(await deriveKey(PASSWORD, { salt: newSalt(), iterations: meta.iterations }), `delib-jury-hors-ligne/${LOGIN}/bundle`, record)).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('an altered record, or a record moved to another name, does not decrypt', async () => {
    const { store } = await openStoreAtLogin(LOGIN, PASSWORD, NO_SESSION);
    await store.write('bundle', BUNDLE);
    await store.write('queue', QUEUE);
    const db = await database();
    const bundle = (await db.get('records', [LOGIN, 'bundle']))!;
    const altered = new Uint8Array(bundle.data.slice(0));
    altered[10] = altered[10]! ^ 1;
    await db.put('records', { ...bundle, data: altered.buffer });
    await expect(store.read('bundle')).rejects.toBeInstanceOf(WrongKeyError);
    const queue = (await db.get('records', [LOGIN, 'queue']))!;
    await db.put('records', { ...queue, name: 'bundle' });
    await expect(store.read('bundle')).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('each write has its own IV: the same value twice gives two ciphertexts', async () => {
    const key = await deriveKey(PASSWORD, { salt: newSalt(), iterations: 1000 });
    const a = await encryptJson(key, 'x', BUNDLE);
    const b = await encryptJson(key, 'x', BUNDLE);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it('a changed password cannot read the old data: at login the store is replaced (and says so)', async () => {
    const { store } = await openStoreAtLogin(LOGIN, PASSWORD, NO_SESSION);
    await store.write('queue', QUEUE);
    const again = await openStoreAtLogin(LOGIN, PASSWORD, NO_SESSION);
    expect(again.replaced).toBe(false);
    expect(await again.store.read('queue')).toEqual(QUEUE);
    const changed = await openStoreAtLogin(LOGIN, 'nouveau-mot-de-passe', NO_SESSION);
    expect(changed.replaced).toBe(true);
    expect(await changed.store.read('queue')).toBeUndefined();
  });

  it('logout erases everything kept for the login', async () => {
    const { store } = await openStoreAtLogin(LOGIN, PASSWORD, NO_SESSION);
    await store.write('bundle', BUNDLE);
    const other = await openStoreAtLogin('jury-31408', 'autre-mot-de-passe', NO_SESSION);
    await other.store.write('bundle', { jury: { code: '31408' } });
    await eraseStore(LOGIN);
    expect(await storedLogins()).toEqual(['jury-31408']);
    expect((await rawRecords()).every((r) => r.login === 'jury-31408')).toBe(true);
    await expect(unlockStore(LOGIN, PASSWORD, NO_SESSION)).rejects.toBeInstanceOf(WrongKeyError);
  });
});
