// Use case: verify a code printed on a relevé de notes or a PVI (public, no login; issue #15,
// ADR 0017). The answer shows only what the document shows (kept when the code was issued) and
// whether it is still the current version: replaced by a newer document ("document remplacé le …"),
// or no longer matching the candidate's grades and decision (a correction after the document was
// produced: the same content is computed again now, by the same engine and row builders).
//
// Nothing is published before the results: while the jury has not published the results of the
// document's group (the lists' embargo, src/domain), the answer is the one of an unknown code. An
// unknown code, a malformed one and a burst from one address are answered the same way too, and
// counted (the login limiter's table): 20 requests a minute and 10 unknown codes in 15 minutes per
// address.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect.js';
import { findJury } from '../../db/repositories/juries.js';
import { getExamSession } from '../../db/repositories/session.js';
import { countAuthFailures, purgeAuthFailures, recordAuthFailures } from '../../db/repositories/sessions.js';
import { findByCodeHash, type VerificationCodeRow } from '../../db/repositories/verification.js';
import { resultsPublished } from '../../domain/index.js';
import { frenchDateTime } from '../../jobs/local-time.js';
import { AppError } from '../../errors/app-error.js';
import { sha256Hex } from '../auth/tokens.js';
import { loadBenefices, listEditionCandidates } from '../editions/data/candidates.js';
import { evaluateJuries, loadContext } from '../editions/snapshot/context.js';
import type { Actor } from '../../domain/types.js';
import { entryOf, loadPviEntries } from '../editions/snapshot/transcripts.js';
import { formatCode, hashCode, normalizeCode } from './code.js';
import { contentHash, verifiedContent, type VerifiedContent } from './content.js';
import { latestCorrectionAfter } from './corrections.js';

export const VERIFY_LIMIT = {
  burstWindowMs: 60 * 1000,
  maxPerMinute: 20,
  missWindowMs: 15 * 60 * 1000,
  maxMisses: 10,
} as const;

/** The one answer of an unknown, malformed, not yet published code, or of too many attempts. */
export const UNKNOWN_CODE =
  "Aucun document vérifiable ne correspond à ce code. Vérifiez le code imprimé sous le QR code du document ; après de nombreuses tentatives depuis la même adresse, réessayez dans quelques minutes.";

export type VerificationStatus = 'courant' | 'remplace' | 'perime';

export interface VerificationAnswer {
  readonly code: string;
  readonly statut: VerificationStatus;
  /** French, for the page's banner */
  readonly message: string;
  readonly emisLe: string;
  readonly remplaceLe: string | null;
  readonly document: VerifiedContent;
}

/** Reads the jury's data for the check (no right is granted by it: the page shows the stored content). */
const VERIFIER: Actor = { role: 'academie', login: 'verification', name: 'Vérification publique', scope: '' };

const keys = (address: string) => ({ burst: sha256Hex(`verif-req:${address}`), miss: sha256Hex(`verif-miss:${address}`) });

function unknown(): AppError {
  return new AppError('NOT_FOUND', UNKNOWN_CODE);
}

/** The document's content computed now (null when the candidate is no longer in the jury). */
async function currentContent(db: Db, row: VerificationCodeRow): Promise<VerifiedContent | null> {
  const session = await getExamSession(db);
  const jury = await findJury(db, row.jury_code);
  if (!session || !jury) return null;
  if (row.kind === 'pvi') {
    const ctx = await loadContext(db, { actor: VERIFIER, kind: 'plan-secours', group: row.groupe === 2 ? 2 : 1, juries: [jury] }, '', new Date());
    const entry = (await loadPviEntries(ctx, jury)).find((e) => e.candidateId === row.candidate_id);
    return entry ? verifiedContent('pvi', session.session, entry) : null;
  }
  const [c] = await listEditionCandidates(db, { juryCodes: [jury.code], where: sql<SqlBool>`c.id = ${row.candidate_id}` });
  if (!c) return null;
  const evaluations = await evaluateJuries(db, session, [jury], [c.id]);
  const benefices = await loadBenefices(db, [c.id]);
  return verifiedContent('rln', session.session, entryOf(c, jury, evaluations, benefices));
}

/**
 * `address`: the client's address (rate limits), or null for the operator's command line (`delib
 * verifier`, run with the database's own access: no limit, the same answers otherwise).
 */
export async function verifyCode(db: Db, input: string, address: string | null, now: Date): Promise<VerificationAnswer> {
  const k = address === null ? null : keys(address);
  const at = now.toISOString();
  if (k) {
    const [burst, misses] = await Promise.all([
      countAuthFailures(db, k.burst, new Date(now.getTime() - VERIFY_LIMIT.burstWindowMs).toISOString()),
      countAuthFailures(db, k.miss, new Date(now.getTime() - VERIFY_LIMIT.missWindowMs).toISOString()),
    ]);
    await recordAuthFailures(db, [k.burst], at);
    if (burst >= VERIFY_LIMIT.maxPerMinute || misses >= VERIFY_LIMIT.maxMisses) throw unknown();
  }
  const normalized = normalizeCode(input);
  const row = normalized ? await findByCodeHash(db, hashCode(normalized)) : undefined;
  if (!normalized || !row) {
    if (k) {
      await recordAuthFailures(db, [k.miss], at);
      await purgeAuthFailures(db, new Date(now.getTime() - VERIFY_LIMIT.missWindowMs).toISOString());
    }
    throw unknown();
  }
  const jury = await findJury(db, row.jury_code);
  if (!jury || !resultsPublished(jury.etat, row.groupe === 2 ? 2 : 1)) throw unknown();
  const document = JSON.parse(row.content_json) as VerifiedContent;
  const base = { code: formatCode(normalized), emisLe: frenchDateTime(new Date(row.issued_at)), document };
  if (row.replaced_at) {
    const when = frenchDateTime(new Date(row.replaced_at));
    return { ...base, statut: 'remplace', remplaceLe: when, message: `Document remplacé le ${when} : une nouvelle version de ce document a été éditée. Ce document n'est plus valable ; demandez la version en vigueur.` };
  }
  const live = await currentContent(db, row);
  if (live && contentHash(live) === row.content_hash) {
    return { ...base, statut: 'courant', remplaceLe: null, message: 'Document authentique et en vigueur : il correspond aux notes et à la décision enregistrées.' };
  }
  const correction = await latestCorrectionAfter(db, row.jury_code, row.issued_at);
  const when = correction ? frenchDateTime(new Date(correction)) : null;
  return {
    ...base, statut: 'perime', remplaceLe: when,
    message: when
      ? `Document remplacé le ${when} : une note a été corrigée après son édition, il ne correspond plus aux notes et à la décision enregistrées. Ce document n'est plus valable.`
      : "Document authentique mais périmé : les notes ou la décision ont changé depuis son édition. Ce document n'est plus valable.",
  };
}
