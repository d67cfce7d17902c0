// The keys that seal the journal (ADR 0013): with DELIB_JOURNAL_KEY set, each new entry's hash is an
// HMAC-SHA256 under that key, recorded with the key's id (journal.key_id). Someone who only has the
// database can then no longer re-hash a chain after editing it. Rotation: a new key becomes
// DELIB_JOURNAL_KEY, the previous ones move to DELIB_JOURNAL_OLD_KEYS (still needed to verify the
// entries they sealed).
//
//   DELIB_JOURNAL_KEY="<id>:<secret>"                 the key that seals new entries
//   DELIB_JOURNAL_OLD_KEYS="<id>:<secret>,<id>:<secret>"  keys that only verify
//
// <id>: 1 to 32 letters, digits, '.', '_' or '-'; <secret>: at least 32 characters (for example
// `openssl rand -base64 32`).
import { createHmac } from 'node:crypto';

export interface JournalKey {
  readonly id: string;
  readonly secret: Buffer;
}

export interface JournalKeyring {
  /** the key that seals new entries (null: entries are plain SHA-256) */
  readonly signing: JournalKey | null;
  /** every key known, by id (the signing key included) */
  readonly byId: ReadonlyMap<string, JournalKey>;
}

export class JournalKeyError extends Error {}

const ID = /^[A-Za-z0-9._-]{1,32}$/;
export const MIN_SECRET_LENGTH = 32;

function parseKey(text: string, variable: string): JournalKey {
  const i = text.indexOf(':');
  const id = i < 0 ? '' : text.slice(0, i).trim();
  const secret = i < 0 ? '' : text.slice(i + 1).trim();
  if (!ID.test(id)) {
    throw new JournalKeyError(`${variable} : « <identifiant>:<secret> » attendu, l'identifiant fait 1 à 32 lettres, chiffres, « . », « _ » ou « - »`);
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new JournalKeyError(`${variable} : le secret de la clé « ${id} » doit faire au moins ${MIN_SECRET_LENGTH} caractères (par exemple : openssl rand -base64 32)`);
  }
  return { id, secret: Buffer.from(secret, 'utf8') };
}

/** The keyring described by the environment; throws a JournalKeyError naming the variable. */
export function parseJournalKeys(env: Readonly<Record<string, string | undefined>>): JournalKeyring {
  const byId = new Map<string, JournalKey>();
  const signing = env.DELIB_JOURNAL_KEY?.trim() ? parseKey(env.DELIB_JOURNAL_KEY, 'DELIB_JOURNAL_KEY') : null;
  if (signing) byId.set(signing.id, signing);
  for (const part of (env.DELIB_JOURNAL_OLD_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const k = parseKey(part, 'DELIB_JOURNAL_OLD_KEYS');
    const known = byId.get(k.id);
    if (known && !known.secret.equals(k.secret)) throw new JournalKeyError(`DELIB_JOURNAL_OLD_KEYS : deux secrets différents pour la clé « ${k.id} »`);
    byId.set(k.id, k);
  }
  return { signing, byId };
}

let override: JournalKeyring | undefined;
let fromEnv: JournalKeyring | undefined;

/** The keyring in use: the environment's (read once), unless a test set one. */
export function journalKeyring(): JournalKeyring {
  return override ?? (fromEnv ??= parseJournalKeys(process.env));
}

/** Tests: use this keyring instead of the environment's (undefined: back to the environment). */
export function setJournalKeyring(k: JournalKeyring | undefined): void {
  override = k;
}

export function hmacHex(key: JournalKey, text: string): string {
  return createHmac('sha256', key.secret).update(text).digest('hex');
}
