// Issue #13 point 1: an import never overwrites a deliberation. Jury 31310 of the demo is at 110;
// its président changes AZBTSUN's U1 from 9,00 to 9,34 (ADMIS). Re-importing the same demo session
// (use case, web upload, `delib import`) must leave that change, its "Modifiée par" trace and the
// decision as they are; a file that would change a deliberating jury's data is refused, listing
// what it would change, unless the académie asks for corrections with a reason (each one journaled,
// a grade the jury changed never overwritten); the import never moves a jury's state. Before 110
// a re-import replaces the jury's data as before.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import type { DbHandle } from '../../../src/db/connect.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { verifyJournal } from '../../../src/db/repositories/journal.js';
import { verifyJournalData } from '../../../src/features/journal/data-ledger.js';
import type { AuthContext } from '../../../src/features/auth/context.js';
import { changeGrade } from '../../../src/features/deliberation/change-grade.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { writeDemoSession } from '../../../src/features/generate/demo.js';
import { importSession } from '../../../src/features/import/import-session.js';
import { computeResultLines } from '../../../src/features/results/results-table.js';
import type { Actor } from '../../../src/domain/types.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { user } from '../../support/factories.js';
import { login, testApp, type Session } from '../../server/helpers.js';
import { runDelib } from '../../security/support.js';

const NOW = new Date('2023-06-06T09:00:00Z');
const LATER = new Date('2023-06-06T10:00:00Z');
const ACADEMIE: Actor = { role: 'academie', login: 'academie', name: 'Service des examens', scope: 'A03' };
const AZBTSUN = '02319252150';
const BANQA = '02321252217';

const work = mkdtempSync(join(tmpdir(), 'delib-protected-'));
const demo = join(work, 'demo');
beforeAll(async () => {
  await writeDemoSession(demo);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
function demoCopy(): string {
  const dir = join(work, `copy-${++copies}`);
  cpSync(demo, dir, { recursive: true });
  return dir;
}

/** Rewrites the lines of a file of `dir` (header included) that match. */
function edit(dir: string, file: string, fn: (line: string) => string): void {
  const p = join(dir, file);
  writeFileSync(p, readFileSync(p, 'utf8').split('\n').map(fn).join('\n'));
}

function zipOf(dir: string): Uint8Array {
  return zipSync(Object.fromEntries(readdirSync(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))])));
}

function upload(app: FastifyInstance, s: Session, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const boundary = '----delibprotected';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="demo.zip"\r\nContent-Type: application/zip\r\n\r\n`;
  const payload = Buffer.concat([...parts, Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({
    method: 'POST', url: '/api/imports', payload,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describeEachDialect('re-import over a deliberating jury (issue #13 point 1)', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let aca: Session;
  let golden: number;

  async function grade(numero: string, epreuve: string) {
    return h.db.selectFrom('grade').innerJoin('candidate', 'candidate.id', 'grade.candidate_id')
      .select(['grade.kind', 'grade.hundredths', 'grade.orig_hundredths', 'grade.updated_by', 'grade.version'])
      .where('candidate.numero_candidat', '=', numero).where('grade.epreuve_code', '=', epreuve).executeTakeFirstOrThrow();
  }
  async function decision(numero: string): Promise<string> {
    return (await computeResultLines(h.db)).find((l) => l.numero_candidat === numero)!.decision_1;
  }
  async function journalCount(): Promise<number> {
    return Number((await h.db.selectFrom('journal').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  async function etat(code: string): Promise<string> {
    return (await h.db.selectFrom('jury').select('etat').where('code', '=', code).executeTakeFirstOrThrow()).etat;
  }
  /** The jury's change is still there: value, trace, imported value, decision, journal entry. */
  async function expectJuryChangeIntact(): Promise<void> {
    expect(await grade(AZBTSUN, 'U1')).toMatchObject({ kind: 'NOTE', hundredths: 934, orig_hundredths: 900, updated_by: 'DUBOIS Pierre' });
    expect(await decision(AZBTSUN)).toBe('ADMIS');
    expect(await etat('31310')).toBe('110');
    const changes = await h.db.selectFrom('journal').select(['action', 'actor_name']).where('action', '=', 'NOTE_MODIFIEE').where('candidate_id', '=', golden).execute();
    expect(changes).toEqual([{ action: 'NOTE_MODIFIEE', actor_name: 'DUBOIS Pierre' }]);
    // the journal still accounts for the data (issue #13 point 2): imports, corrections and changes replayed
    expect((await verifyJournalData(h.db)).differences).toEqual([]);
  }

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
    await user(h.db, { login: 'aca-test', role: 'academie', scope: 'A03', name: 'Service des examens' });
    app = await testApp(h);
    aca = await login(app, 'aca-test');
    const u = (await findUser(h.db, 'jury-31310'))!;
    const auth: AuthContext = { user: u, actor: { role: 'jury', login: u.login, name: 'DUBOIS Pierre', scope: '31310' }, sessionId: 's', csrfToken: 't', actingMember: 'president' };
    golden = (await h.db.selectFrom('candidate').select('id').where('numero_candidat', '=', AZBTSUN).executeTakeFirstOrThrow()).id;
    expect(await decision(AZBTSUN)).toBe('CONTROLE');
    const before = await grade(AZBTSUN, 'U1');
    expect(before).toMatchObject({ hundredths: 900, updated_by: null });
    await changeGrade(h, auth, golden, { group: 1, epreuve: 'U1', value: '9,34', version: before.version }, NOW);
    await expectJuryChangeIntact();
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('the same demo session re-imported (use case): accepted, the jury\'s change and its trace stay', async () => {
    const res = await importSession(h, demo, ACADEMIE, LATER);
    expect(res.ok, JSON.stringify(res).slice(0, 2000)).toBe(true);
    if (res.ok) expect(res.summary).toMatchObject({ jurysEnDeliberation: 6, corrections: 0 });
    await expectJuryChangeIntact();
  });

  it('the same demo session uploaded on the import screen\'s route: accepted, nothing of the deliberation lost', async () => {
    const res = await upload(app, aca, zipOf(demo));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().bilan).toContainEqual({ libelle: 'Jurys en délibération (état 110 ou plus) : données comparées, non remplacées', nombre: 6 });
    await expectJuryChangeIntact();
  });

  it('the same demo session through `delib import`: exit 0, nothing of the deliberation lost', async () => {
    const r = runDelib(h, ['import', demo]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Jurys en délibération \(état 110 ou plus\)[^\n]*6/);
    await expectJuryChangeIntact();
  });

  it('a file that changes a deliberating jury\'s grade and a name is refused, listing jury, candidate and field; nothing written', async () => {
    const dir = demoCopy();
    edit(dir, 'notes.csv', (l) => (l.startsWith(`${BANQA};001;U1;`) ? l.replace(/;U1;[^;]*;/, ';U1;15;') : l));
    edit(dir, 'candidats.csv', (l) => l.replace(';BANQA;', ';BANQA-MARTIN;'));
    const beforeBanqa = await grade(BANQA, 'U1');
    const entries = await journalCount();
    const res = await importSession(h, dir, ACADEMIE, LATER);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toEqual([]);
    expect(res.corrections).toBe(false);
    expect(res.changes).toEqual([
      { jury: '31310', etat: '110 - Délibération du 1er groupe', candidat: `${BANQA} - 001 BANQA-MARTIN Pierre`, champ: 'nom', avant: 'BANQA', apres: 'BANQA-MARTIN', refus: null },
      { jury: '31310', etat: '110 - Délibération du 1er groupe', candidat: `${BANQA} - 001 BANQA-MARTIN Pierre`, champ: 'note U1', avant: expect.any(String), apres: '15,00', refus: null },
    ]);
    expect(await grade(BANQA, 'U1')).toEqual(beforeBanqa);
    expect((await h.db.selectFrom('candidate').select('nom').where('numero_candidat', '=', BANQA).executeTakeFirstOrThrow()).nom).toBe('BANQA');
    expect(await journalCount()).toBe(entries);
    await expectJuryChangeIntact();
    // the command line lists the same, and says how to apply them
    const r = runDelib(h, ['import', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('jury 31310 (110 - Délibération du 1er groupe) · 02321252217 - 001 BANQA-MARTIN Pierre · nom : BANQA → BANQA-MARTIN');
    expect(r.stderr).toContain('--corrections');
    // and the web route
    const web = await upload(app, aca, zipOf(dir));
    expect(web.statusCode).toBe(422);
    expect(web.json().changes).toHaveLength(2);
    expect(web.json().message).toMatch(/délibération est ouverte/);
  });

  it('a jurys.csv whose etat is 198 for 31310 (at 110) is refused: an import never moves a state', async () => {
    const dir = demoCopy();
    edit(dir, 'jurys.csv', (l) => (l.startsWith('31310;') ? l.replace(/;110$/, ';198') : l));
    const res = await importSession(h, dir, ACADEMIE, LATER, { corrections: { motif: 'essai' } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toEqual([{ file: 'jurys.csv', line: 5, message: expect.stringMatching(/^état « 198 » : le jury 31310 est à l'état 110 - Délibération du 1er groupe\. Un import ne change jamais l'état d'un jury existant/) }]);
    expect(await etat('31310')).toBe('110');
    await expectJuryChangeIntact();
  });

  it('corrections cannot overwrite a grade the jury changed: refused and listed, nothing written', async () => {
    const dir = demoCopy();
    edit(dir, 'notes.csv', (l) => (l.startsWith(`${AZBTSUN};001;U1;`) ? l.replace(/;U1;[^;]*;/, ';U1;12;') : l));
    edit(dir, 'candidats.csv', (l) => l.replace(';BANQA;', ';BANQA-MARTIN;'));
    const entries = await journalCount();
    const res = await importSession(h, dir, ACADEMIE, LATER, { corrections: { motif: 'Erreur de saisie du rectorat' } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.corrections).toBe(true);
    expect(res.changes[0]).toEqual({
      jury: '31310', etat: '110 - Délibération du 1er groupe', candidat: `${AZBTSUN} - 001 AZBTSUN John`, champ: 'note U1', avant: '9,34', apres: '12,00',
      refus: 'note modifiée en délibération par DUBOIS Pierre le 06/06/2023 11:00 : une correction ne l’écrase pas',
    });
    expect(res.changes).toHaveLength(2);
    expect((await h.db.selectFrom('candidate').select('nom').where('numero_candidat', '=', BANQA).executeTakeFirstOrThrow()).nom).toBe('BANQA');
    expect(await journalCount()).toBe(entries);
    await expectJuryChangeIntact();
  });

  it('corrections with a reason: each difference is one change journaled by the académie', async () => {
    const dir = demoCopy();
    edit(dir, 'notes.csv', (l) => (l.startsWith(`${BANQA};001;U1;`) ? l.replace(/;U1;[^;]*;/, ';U1;15;') : l));
    edit(dir, 'candidats.csv', (l) => l.replace(';BANQA;', ';BANQA-MARTIN;'));
    const old = await grade(BANQA, 'U1');
    const res = runDelib(h, ['import', dir, '--corrections', '--motif', 'Nom et note U1 corrigés (courrier du centre)']);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Corrections de l’académie appliquées[^\n]*2/);
    expect(await grade(BANQA, 'U1')).toMatchObject({ kind: 'NOTE', hundredths: 1500, orig_hundredths: 1500, updated_by: null, version: old.version + 1 });
    expect((await h.db.selectFrom('candidate').select('nom').where('numero_candidat', '=', BANQA).executeTakeFirstOrThrow()).nom).toBe('BANQA-MARTIN');
    const corrections = await h.db.selectFrom('journal').select(['action', 'actor_role', 'jury_code', 'subject', 'before_json', 'after_json', 'reason'])
      .where('action', '=', 'CORRECTION_ACADEMIE').orderBy('seq').execute();
    expect(corrections).toHaveLength(2);
    expect(corrections.map((c) => [c.actor_role, c.jury_code, c.reason])).toEqual([
      ['academie', '31310', 'Nom et note U1 corrigés (courrier du centre)'], ['academie', '31310', 'Nom et note U1 corrigés (courrier du centre)'],
    ]);
    expect(JSON.parse(corrections[0]!.after_json!)).toEqual({ nom: 'BANQA-MARTIN' });
    expect(JSON.parse(corrections[1]!.after_json!)).toEqual({ note: '15,00', groupe: 1 });
    expect((await verifyJournal(h.db)).problems).toEqual([]);
    await expectJuryChangeIntact();
    // the corrected file is now what was imported: importing it again changes nothing
    const again = await importSession(h, dir, ACADEMIE, LATER);
    expect(again.ok).toBe(true);
  });

  it('corrections need a reason (use case, route, command line)', async () => {
    const res = await importSession(h, demo, ACADEMIE, LATER, { corrections: { motif: '  ' } });
    expect(res).toMatchObject({ ok: false, errors: [{ message: 'les corrections demandent un motif' }] });
    const web = await upload(app, aca, zipOf(demo), { corrections: 'oui', motif: '' });
    expect(web.statusCode).toBe(400);
    expect(web.json().message).toMatch(/motif/);
    const cli = runDelib(h, ['import', demo, '--corrections']);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/motif/);
  });
});

describeEachDialect('re-import before the deliberation opens (state < 110): replaced as before', (dialect) => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'delib-open-'));
    cpSync(join(import.meta.dirname, '../../fixtures/samples/memo-31310'), dir, { recursive: true });
    edit(dir, 'jurys.csv', (l) => l.replace(/;110(\r?)$/, ';000$1'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('a jury at 000: its grades and candidates are replaced, no correction needed', async () => {
    expect((await importSession(h, dir, ACADEMIE, NOW)).ok).toBe(true);
    edit(dir, 'notes.csv', (l) => (l.startsWith(`${AZBTSUN};001;U1;`) ? l.replace(/;U1;9;/, ';U1;12;') : l));
    const res = await importSession(h, dir, ACADEMIE, LATER);
    expect(res.ok, JSON.stringify(res).slice(0, 1000)).toBe(true);
    const g = await h.db.selectFrom('grade').innerJoin('candidate', 'candidate.id', 'grade.candidate_id').select(['grade.hundredths'])
      .where('candidate.numero_candidat', '=', AZBTSUN).where('grade.epreuve_code', '=', 'U1').executeTakeFirstOrThrow();
    expect(g.hundredths).toBe(1200);
    expect(await h.db.selectFrom('journal').select('action').where('action', '=', 'CORRECTION_ACADEMIE').execute()).toEqual([]);
  });
});
