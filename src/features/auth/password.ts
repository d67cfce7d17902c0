// Password hashing with scrypt (memory-hard), encoded as `scrypt$N$r$p$salt$hash` (base64url parts).
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { guessablePasswordError } from './password-strength.js';

export const MIN_PASSWORD_LENGTH = 12;
export const PASSWORD_POLICY_MESSAGE = `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`;
export const PASSWORD_TRIVIAL_MESSAGE = 'Ce mot de passe est trop simple (un seul caractère répété ou que des espaces) : choisissez une phrase de passe.';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/**
 * For secrets the system generates itself with at least 90 bits of entropy (the juries' emergency
 * passwords: 16 characters drawn from 55, ≈ 92 bits). A memory-hard cost protects passwords people
 * choose, which a dictionary can guess; a uniformly random 92-bit secret cannot be enumerated at
 * any cost per guess (2⁹¹ guesses on average), so its hash only needs to be one-way and salted.
 * scrypt is kept (one format, one verification) at a small cost: 2 MiB and ≈ 6 ms of CPU, against
 * 32 MiB and ≈ 0,1–0,2 s for DEFAULT_SCRYPT (ADR 0010).
 */
export const GENERATED_SECRET_SCRYPT: ScryptParams = { N: 2 ** 11, r: 8, p: 1 };

// no 0/O, 1/l/I: generated passwords are read on paper (papillon, access sheets)
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/** A generated secret: 16 random characters (≈ 92 bits) in four groups: "Kd7m-Qx2P-a9Rt-HwZe". */
export function newGeneratedSecret(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; allow twice that.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * French message when the password does not meet the policy, else null (ANSSI: length first — 12
 * characters at least, a passphrase is welcome — and no guessable value: common passwords, words,
 * sequences, keyboard walks, the account's own login or name; password-strength.ts).
 */
export function passwordPolicyError(password: string, userInputs: readonly string[] = []): string | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return PASSWORD_POLICY_MESSAGE;
  if (password.trim() === '' || new Set(chars).size === 1) return PASSWORD_TRIVIAL_MESSAGE;
  return guessablePasswordError(password, userInputs);
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, KEY_LENGTH, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Decoded extends ScryptParams {
  readonly salt: Buffer;
  readonly key: Buffer;
}

function decode(encoded: string): Decoded | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => Number.parseInt(x, 10)) as [number, number, number];
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || N > 2 ** 20 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/**
 * Constant-time check of a password against an encoded hash; false for a malformed hash (after the
 * same work as a real check: an account without a usable hash is not told apart by timing).
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const d = decode(encoded);
  if (!d) return verifyAgainstDummy(password);
  const key = await scrypt(password, d.salt, d.key.length, d);
  return timingSafeEqual(key, d.key);
}

const dummyHashes = new Map<string, Promise<string>>();
/**
 * Burns the same time as a real verification (unknown login) with the same parameters as the hashes
 * of that kind of login: no timing oracle on logins.
 */
export async function verifyAgainstDummy(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<false> {
  const key = `${params.N}$${params.r}$${params.p}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) dummyHashes.set(key, (dummy = hashPassword('dummy-password-for-timing', params)));
  await verifyPassword(password, await dummy);
  return false;
}
