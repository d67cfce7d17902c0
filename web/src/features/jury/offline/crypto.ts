// Encryption of the jury's offline data (issue #9, ADR 0009), with the browser's WebCrypto only:
// AES-GCM 256 under a key derived from the jury's password with PBKDF2-SHA256 (random 16-byte salt
// per store, 600 000 iterations). Each record is bound to its owner and name (additional data), so a
// ciphertext cannot be moved to another record. A wrong password fails to decrypt (GCM tag).

export const PBKDF2_ITERATIONS = 600_000;

export interface KeyParams {
  readonly salt: Uint8Array;
  readonly iterations: number;
}

/** A record as stored: random 96-bit IV and the ciphertext (with its tag). */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly data: ArrayBuffer;
}

/** The password does not open this store (or the data was altered). */
export class WrongKeyError extends Error {
  constructor() {
    super('Mot de passe incorrect : les données hors ligne de ce navigateur ne peuvent pas être déchiffrées.');
    this.name = 'WrongKeyError';
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** An ArrayBuffer-backed copy (WebCrypto's BufferSource typing wants ArrayBuffer, not ArrayBufferLike). */
function bytes(b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(b.byteLength));
  out.set(b);
  return out;
}

export function newSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(16));
}

/** The AES-GCM key of a password. `extractable` only to keep it for the tab's session (sessionStorage). */
export async function deriveKey(password: string, p: KeyParams, extractable = false): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(p.salt), iterations: p.iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptJson(key: CryptoKey, context: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(context) }, key, enc.encode(JSON.stringify(value)));
  return { iv, data };
}

export async function decryptJson<T>(key: CryptoKey, context: string, sealed: Sealed): Promise<T> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(sealed.iv), additionalData: enc.encode(context) }, key, sealed.data);
  } catch {
    throw new WrongKeyError();
  }
  return JSON.parse(dec.decode(plain)) as T;
}

export function toBase64(b: ArrayBuffer | Uint8Array): string {
  const u = b instanceof Uint8Array ? b : new Uint8Array(b);
  let s = '';
  for (const x of u) s += String.fromCharCode(x);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

/** The raw key, to keep in the tab's sessionStorage (a reload must not ask the password again). */
export async function exportKey(key: CryptoKey): Promise<string> {
  return toBase64(await crypto.subtle.exportKey('raw', key));
}

/** A kept key, imported back as non-extractable. */
export function importKey(raw: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes(fromBase64(raw)), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
