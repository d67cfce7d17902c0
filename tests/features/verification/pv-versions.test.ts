// Versioned PVs and the decision diff (issue #15, point 2), on SQLite and PostgreSQL: jury 31310's PV
// and lists are produced; the académie reopens the jury, which corrects AZBTSUN John's U1; every
// candidate is decided again; the PV's version 2 lists exactly the changed decisions in
// "Modifications après signature"; version 1 can still be printed; the chef de centre sees
// "PV v2 à faire signer"; the relevé produced before is superseded on the verification page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { findStoredGrade } from '../../../src/db/repositories/grades.js';
import { findJury } from '../../../src/db/repositories/juries.js';
import { findUser } from '../../../src/db/repositories/users.js';
import type { Actor } from '../../../src/domain/types.js';
import { changeGrade } from '../../../src/features/deliberation/change-grade.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { produceEdition } from '../../../src/features/editions/produce-edition.js';
import { listEditionJuries } from '../../../src/features/editions/select-juries.js';
import { changeStateExceptionally } from '../../../src/features/juries/change-state-exceptionally.js';
import { listPvCorrections } from '../../../src/features/verification/pv-corrections.js';
import { verifyCode } from '../../../src/features/verification/verify-code.js';
import { AppError } from '../../../src/errors/app-error.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { pdfText } from '../editions/support.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const LATER = new Date('2023-06-07T14:05:00.000Z');
const CENTRE: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };
const ACADEMIE: Actor = { role: 'academie', login: 'academie', name: 'Service des examens', scope: 'A03' };
const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false };

describeEachDialect('versioned PVs after a late correction', (dialect) => {
  let h: DbHandle;
  let pv1: string;
  let rlnCode: string;

  const pv = async (extra: Record<string, unknown> = {}, at = LATER) =>
    pdfText((await produceEdition(h.db, CENTRE, { kind: 'pv-tenue', juries: ['31310'], title: 'PV', ...extra }, at))[0]!.data);

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
    await changeStateExceptionally(h, ACADEMIE, '31310', { to: '140', reason: 'fin de délibération', expectedEtat: '110' }, NOW);
    pv1 = await pv({}, NOW);
    await produceEdition(h.db, CENTRE, { kind: 'resultats-admis', juries: ['31310'], title: 'Admis' }, NOW);
    const rln = await produceEdition(h.db, CENTRE, {
      kind: 'rln', juries: ['31310'], title: 'RLN', rln: { ...RLN, criteria: [{ field: 'numero-candidat', op: 'egal', values: ['02319252150'] }] },
    }, NOW);
    rlnCode = /Code de vérification :\s*(\S+)/.exec(pdfText(rln[0]!.data))![1]!;

    // the académie reopens the deliberation; the jury corrects John's U1 (9 → 11): he becomes Admis
    await changeStateExceptionally(h, ACADEMIE, '31310', { to: '110', reason: 'erreur de report de la note de U1', expectedEtat: '140' }, LATER);
    const john = await h.db.selectFrom('candidate').select('id').where('numero_candidat', '=', '02319252150').executeTakeFirstOrThrow();
    const jury = (await findJury(h.db, '31310'))!;
    const stored = await findStoredGrade(h.db, 'grade', john.id, 'U1');
    await changeGrade(h, {
      actor: { role: 'jury', login: 'jury-31310', name: jury.president, scope: '31310' }, user: (await findUser(h.db, 'jury-31310'))!,
      sessionId: 'test', csrfToken: 'test', actingMember: 'president',
    }, john.id, { group: 1, epreuve: 'U1', value: '11', version: stored.version, comment: 'Copie mal reportée : 11 et non 9' }, LATER);
    await changeStateExceptionally(h, ACADEMIE, '31310', { to: '140', reason: 'correction faite', expectedEtat: '110' }, LATER);
  });
  afterAll(async () => {
    await h.close();
  });

  it('the correction is kept with the decisions before and after of exactly the candidates that changed', async () => {
    const corrections = await listPvCorrections(h.db, '31310', 1);
    expect(corrections).toHaveLength(1);
    const c = corrections[0]!;
    expect(c).toMatchObject({ epreuve: 'U1', noteAvant: '9,00', noteApres: '11,00', motif: 'Copie mal reportée : 11 et non 9', pvVersion: 2 });
    expect(c.changes).toEqual([expect.objectContaining({
      numeroCandidat: '02319252150', nom: 'AZBTSUN', decisionAvant: 'Passe les épreuves de contrôle', decisionApres: 'Admis',
      moyenneAvant: '9,95', moyenneApres: '10,25',
    })]);
    const journal = await h.db.selectFrom('journal').selectAll().where('action', '=', 'CORRECTION_APRES_PV').execute();
    expect(journal).toHaveLength(1);
    expect(journal[0]!.after_json).toContain('Passe les épreuves de contrôle → Admis');
  });

  it('the chef de centre sees « PV v2 à faire signer » for that jury, and only for it', async () => {
    const { juries } = await listEditionJuries(h.db, CENTRE, 'pv-tenue');
    const byCode = Object.fromEntries(juries.map((j) => [j.code, j.pvAvis]));
    expect(byCode['31310']).toBe('PV v2 à faire signer');
    expect(Object.entries(byCode).filter(([, a]) => a !== null).map(([c]) => c)).toEqual(['31310']);
  });

  it('the relevé produced before is superseded on the verification page, dated by the correction', async () => {
    const a = await verifyCode(h.db, rlnCode, '10.9.0.1', LATER);
    expect(a.statut).toBe('perime');
    expect(a.message).toMatch(/^Document remplacé le 07\/06\/2023 16:05/);
  });

  it('the next PV is version 2 with its "Modifications après signature"; version 1 prints as it was', async () => {
    expect(pv1).not.toContain('Modifications après signature');
    expect(pv1).toMatch(/AZBTSUN\s+John/);
    const v2 = await pv();
    expect(v2).toContain('Modifications après signature - PV version 2');
    // exactly one row: John, U1 9 → 11, « Passe les épreuves de contrôle » → Admis, 9,95 → 10,25
    const part = v2.slice(v2.indexOf('Modifications après signature - PV version 2'));
    expect(part).toMatch(/02319252150\s+U1\s+9,00\s+11,00\s+Passe les\s+Admis\s+9,95\s+10,25/);
    expect(part).toContain('AZBTSUN John');
    expect(part.match(/\d{11}/g)).toEqual(['02319252150']);
    expect(v2).toContain('Copie mal');
    // John moved from the contrôle list to the admis list
    const admis = v2.slice(0, v2.indexOf('Liste des candidats admis à se présenter'));
    expect(admis).toContain('AZBTSUN');
    const again = await pv({ version: 1 });
    expect(again).not.toContain('Modifications après signature');
    const admis1 = again.slice(0, again.indexOf('Liste des candidats admis à se présenter'));
    expect(admis1).not.toContain('AZBTSUN');
    expect(await pv()).toContain('PV version 2'); // the latest stays version 2 (no new correction)
    const versions = await h.db.selectFrom('pv_version').select('version').where('jury_code', '=', '31310').orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const unknown = await produceEdition(h.db, CENTRE, { kind: 'pv-tenue', juries: ['31310'], title: 'PV', version: 3 }, LATER).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AppError);
    expect((unknown as AppError).message).toContain("n'existe qu'en versions 1 à 2");
  });
});
