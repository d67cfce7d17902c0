// Use case: issue the verification codes of a batch of documents (relevés de notes, PVIs) as they are
// produced (issue #15, ADR 0017). One transaction: a fresh 80-bit code per document, stored as its
// SHA-256 with the content the document shows; the candidate's earlier codes of the same document
// whose content differs are marked replaced now ("document remplacé le …"), those with the same
// content stay valid (a reprint of the same version); one journal entry per jury (counts only: a
// code is a secret and never goes to the journal).
import type { Db } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { currentCodes, insertVerificationCodes, markReplaced, type NewVerificationCode } from '../../db/repositories/verification.js';
import type { TranscriptVerification } from '../../documents/model.js';
import type { Actor } from '../../domain/types.js';
import { formatCode, newVerificationCode, verificationUrl } from './code.js';
import { hashCode } from './code.js';
import { contentHash, DOCUMENT_LABELS, type VerifiedContent, type VerifiedKind } from './content.js';

export interface DocumentToVerify {
  readonly candidateId: number;
  readonly juryCode: string;
  readonly content: VerifiedContent;
}

export interface IssueOptions {
  readonly kind: VerifiedKind;
  readonly group: 1 | 2;
  readonly actor: Actor;
  readonly now: Date;
  /** Délib's public address (DELIB_PUBLIC_URL) */
  readonly publicBase: string;
}

/** The codes of the documents, by candidate id: what the renderer prints (code and address). */
export async function issueVerificationCodes(db: Db, docs: readonly DocumentToVerify[], o: IssueOptions): Promise<Map<number, TranscriptVerification>> {
  const out = new Map<number, TranscriptVerification>();
  if (docs.length === 0) return out;
  const at = o.now.toISOString();
  const rows: NewVerificationCode[] = [];
  const hashes = new Map<number, string>();
  for (const d of docs) {
    const code = newVerificationCode();
    const hash = contentHash(d.content);
    hashes.set(d.candidateId, hash);
    rows.push({
      code_hash: hashCode(code), kind: o.kind, groupe: o.group, candidate_id: d.candidateId, jury_code: d.juryCode,
      content_json: JSON.stringify(d.content), content_hash: hash, issued_at: at, issued_by: o.actor.name,
    });
    out.set(d.candidateId, { code: formatCode(code), url: verificationUrl(o.publicBase, code) });
  }
  const run = async (trx: Db): Promise<void> => {
    const previous = await currentCodes(trx, o.kind, o.group, [...hashes.keys()]);
    const replaced = previous.filter((p) => p.content_hash !== hashes.get(p.candidate_id));
    await markReplaced(trx, replaced.map((p) => p.id), at);
    await insertVerificationCodes(trx, rows);
    const byJury = new Map<string, { issued: number; replaced: number }>();
    const juryOf = new Map(docs.map((d) => [d.candidateId, d.juryCode]));
    for (const d of docs) {
      const j = byJury.get(d.juryCode) ?? { issued: 0, replaced: 0 };
      j.issued++;
      byJury.set(d.juryCode, j);
    }
    for (const p of replaced) byJury.get(juryOf.get(p.candidate_id)!)!.replaced++;
    await appendJournal(trx, [...byJury].map(([jury, n]) => ({
      at: o.now, actor: o.actor, action: 'CODES_VERIFICATION_EMIS', juryCode: jury, subject: `verification:${o.kind}:${jury}`,
      after: { document: DOCUMENT_LABELS[o.kind], groupe: o.group, codesEmis: n.issued, codesRemplaces: n.replaced },
    })));
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
  return out;
}
