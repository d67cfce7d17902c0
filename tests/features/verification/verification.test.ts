// Verification codes on relevés de notes and PVIs (issue #15, point 1), on SQLite and PostgreSQL:
// 80-bit codes stored hashed, the QR code of the public address, what the page shows, the embargo,
// a new version replacing the old code, a correction making a document out of date, the same answer
// for unknown codes and bursts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { findStoredGrade } from '../../../src/db/repositories/grades.js';
import type { Actor } from '../../../src/domain/types.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { produceEdition } from '../../../src/features/editions/produce-edition.js';
import { changeStateExceptionally } from '../../../src/features/juries/change-state-exceptionally.js';
import { hashCode, newVerificationCode, normalizeCode } from '../../../src/features/verification/code.js';
import { UNKNOWN_CODE, verifyCode, VERIFY_LIMIT } from '../../../src/features/verification/verify-code.js';
import { AppError } from '../../../src/errors/app-error.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { pdfText, unzip } from '../editions/support.js';
import { decodePdfQr } from '../../support/qr.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const CENTRE: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };
const ACADEMIE: Actor = { role: 'academie', login: 'academie', name: 'Service des examens', scope: 'A03' };
const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false };
const JOHN = [{ field: 'numero-candidat', op: 'egal', values: ['02319252150'] }];
const PUBLIC = 'https://delib.ac-besancon.fr';
function codeOf(text: string): string {
  const m = /Code de vérification :\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text);
  if (!m) throw new Error(`no code in ${text.slice(0, 400)}`);
  return m[1]!;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('verification codes', () => {
  it('are 80 random bits in 16 characters, read back whatever the case, spaces and dashes', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newVerificationCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const c = [...codes][0]!;
    expect(normalizeCode(`${c.slice(0, 4).toLowerCase()} - ${c.slice(4)}`)).toBe(c);
    expect(normalizeCode('ABC')).toBeNull();
    expect(normalizeCode('UUUUUUUUUUUUUUUU')).toBeNull();
    expect(hashCode(c)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describeEachDialect('verifiable documents', (dialect) => {
  let h: DbHandle;
  let rlnCode: string;
  let rlnPdf: Buffer;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
    await changeStateExceptionally(h, ACADEMIE, '31310', { to: '140', reason: 'test', expectedEtat: '110' }, NOW);
    const [file] = await produceEdition(h.db, CENTRE, { kind: 'rln', juries: ['31310'], title: 'RLN', rln: { ...RLN, criteria: JOHN } }, NOW, { portalUrl: `${PUBLIC}/connexion` });
    rlnPdf = file!.data;
    rlnCode = codeOf(pdfText(rlnPdf));
  });
  afterAll(async () => {
    await h.close();
  });

  it('a relevé carries its code and the QR code of its public address; only the digest is stored', async () => {
    expect(decodePdfQr(rlnPdf, 2)).toBe(`${PUBLIC}/verifier/${rlnCode}`);
    expect(pdfText(rlnPdf)).toMatch(/Authenticité vérifiable sur :\s+https:\/\/delib.ac-besancon.fr\/verifier/);
    const rows = await h.db.selectFrom('verification_code').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toBe(hashCode(normalizeCode(rlnCode)!));
    expect(JSON.stringify(rows)).not.toContain(rlnCode.replace(/-/g, ''));
    const journal = await h.db.selectFrom('journal').selectAll().where('action', '=', 'CODES_VERIFICATION_EMIS').execute();
    expect(journal).toHaveLength(1);
    expect(journal[0]!.after_json).not.toContain(rlnCode);
  });

  it('the code verifies to what the relevé shows, and nothing else', async () => {
    const a = await verifyCode(h.db, rlnCode.toLowerCase(), '10.0.0.1', NOW);
    expect(a.statut).toBe('courant');
    expect(a.document).toMatchObject({ document: 'Relevé de notes', nom: 'AZBTSUN', prenoms: 'John', session: '2023-06' });
    expect(a.document.summary1[0]!.moyenne).toMatch(/Moyenne : 9[.,]95\/20/);
    expect(a.document.decision1).toContain('Passe les épreuves de contrôle');
    expect(JSON.stringify(a)).not.toMatch(/02319252150|adresse|INE/);
  });

  it('unknown, malformed codes and bursts get the same answer; so do codes under embargo', async () => {
    const unknown = await refusal(verifyCode(h.db, newVerificationCode(), '10.0.0.2', NOW));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toBe(UNKNOWN_CODE);
    expect((await refusal(verifyCode(h.db, 'n’importe quoi', '10.0.0.2', NOW))).message).toBe(UNKNOWN_CODE);
    for (let i = 2; i < VERIFY_LIMIT.maxMisses; i++) await refusal(verifyCode(h.db, newVerificationCode(), '10.0.0.2', NOW));
    // the address is now limited: even the real code gets the same answer
    expect((await refusal(verifyCode(h.db, rlnCode, '10.0.0.2', NOW))).message).toBe(UNKNOWN_CODE);
    expect((await verifyCode(h.db, rlnCode, '10.0.0.3', NOW)).statut).toBe('courant');
    // a burst of valid requests from one address
    const later = new Date(NOW.getTime() + 3600_000);
    for (let i = 0; i < VERIFY_LIMIT.maxPerMinute; i++) await verifyCode(h.db, rlnCode, '10.0.0.4', later);
    expect((await refusal(verifyCode(h.db, rlnCode, '10.0.0.4', later))).message).toBe(UNKNOWN_CODE);
  });

  it('PVIs of the plan de secours carry codes, answered as unknown until the results are published', async () => {
    const [plan] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['22207'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: `${PUBLIC}/connexion` });
    const pvi = unzip(plan!.data)['PVI_22207.pdf']!;
    const code = codeOf(pdfText(pvi));
    expect(decodePdfQr(pvi)).toBe(`${PUBLIC}/verifier/${code}`);
    expect((await refusal(verifyCode(h.db, code, '10.0.1.1', NOW))).message).toBe(UNKNOWN_CODE);
    await changeStateExceptionally(h, ACADEMIE, '22207', { to: '130', reason: 'test', expectedEtat: '110' }, NOW);
    const a = await verifyCode(h.db, code, '10.0.1.1', NOW);
    expect(a.document.document).toBe('Procès-verbal individuel de notes');
    expect(a.statut).toBe('courant');
  });

  it('a new version of the relevé replaces the old code ("document remplacé le …"); a reprint does not', async () => {
    const reprint = codeOf(pdfText((await produceEdition(h.db, CENTRE, { kind: 'rln', juries: ['31310'], title: 'RLN', rln: { ...RLN, criteria: JOHN } }, NOW))[0]!.data));
    expect(reprint).not.toBe(rlnCode);
    expect((await verifyCode(h.db, rlnCode, '10.0.2.1', NOW)).statut).toBe('courant');
    // a grade changes (the jury is reopened by the académie, the jury corrects it)
    const john = await h.db.selectFrom('candidate').select('id').where('numero_candidat', '=', '02319252150').executeTakeFirstOrThrow();
    const g = await h.db.selectFrom('grade').selectAll().where('candidate_id', '=', john.id).where('kind', '=', 'NOTE').where('benefice', 'is', null).orderBy('epreuve_code').executeTakeFirstOrThrow();
    const stored = await findStoredGrade(h.db, 'grade', john.id, g.epreuve_code);
    await h.db.updateTable('grade').set({ hundredths: g.hundredths! + 1, version: stored.version + 1 }).where('candidate_id', '=', john.id).where('epreuve_code', '=', g.epreuve_code).execute();
    const stale = await verifyCode(h.db, rlnCode, '10.0.2.1', NOW);
    expect(stale.statut).toBe('perime');
    expect(stale.message).toContain("n'est plus valable");
    const later = new Date(NOW.getTime() + 60_000);
    const fresh = codeOf(pdfText((await produceEdition(h.db, CENTRE, { kind: 'rln', juries: ['31310'], title: 'RLN', rln: { ...RLN, criteria: JOHN } }, later))[0]!.data));
    const old = await verifyCode(h.db, rlnCode, '10.0.2.1', later);
    expect(old.statut).toBe('remplace');
    expect(old.message).toMatch(/^Document remplacé le 06\/06\/2023 11:19/);
    expect((await verifyCode(h.db, reprint, '10.0.2.1', later)).statut).toBe('remplace');
    expect((await verifyCode(h.db, fresh, '10.0.2.1', later)).statut).toBe('courant');
  });
});
