// Verification codes printed on relevés de notes and PVIs (issue #15, ADR 0017): 80 random bits
// (node:crypto), written as 16 characters of Crockford's base 32 in groups of four
// ("7KQ4-M2XC-9T0B-HW3R"). Nothing in a code comes from the candidate: it cannot be guessed from a
// number printed elsewhere. Only its SHA-256 is stored: the code has the entropy of a key, so a plain
// digest is enough (no salt or slow hash to make up for a guessable secret).
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16; // × 5 bits = 80 bits
export const VERIFY_PATH = '/verifier';

/** A fresh code, normalized (16 characters, no dashes). */
export function newVerificationCode(): string {
  const bytes = randomBytes(10); // 80 bits = 16 × 5
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** "7KQ4M2XC9T0BHW3R" → "7KQ4-M2XC-9T0B-HW3R" */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * What a person typed or scanned → the normalized code, or null when it cannot be one. Case, spaces
 * and dashes are ignored; O is read as 0, I and L as 1 (Crockford).
 */
export function normalizeCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

export function hashCode(normalized: string): string {
  return createHash('sha256').update(`delib-verification:${normalized}`).digest('hex');
}

/** The public verification address of a code, under Délib's public address. */
export function verificationUrl(publicBase: string, code: string): string {
  return `${publicBase.replace(/\/+$/, '')}${VERIFY_PATH}/${formatCode(code)}`;
}

/** The public base from the portal address printed on papillons ("https://x/connexion" → "https://x"). */
export function publicBaseOf(portalUrl: string): string {
  return portalUrl.replace(/\/connexion\/?$/, '').replace(/\/+$/, '');
}
