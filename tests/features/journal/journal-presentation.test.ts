// Issue #14, item 11: the journal names its objects for people (candidate by number, or N° anonymat for
// a jury; épreuve by its label), gives French values instead of JSON, and states its one time zone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../../src/db/connect.js';
import { appendJournal } from '../../../src/db/repositories/journal.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { candidate, standardWorld } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';

const chef = { login: 'centre-0250001R', name: 'Chef de centre', role: 'centre' };
const aca = { login: 'academie', name: 'Service des examens', role: 'academie' };
const president = { login: 'jury-31310', name: 'DUBOIS Pierre', role: 'jury' };

interface Entry { action: string; at: string; atText: string; subject: string; subjectText: string; before: string | null; after: string | null }

describeEachDialect('journal presentation', (dialect) => {
  let h: DbHandle;
  let app: FastifyInstance;
  let academie: Session, centre: Session, jury: Session;
  let id: number;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
    id = await candidate(h.db, { jury: '31310', id: 91 });
    await appendJournal(h.db, [
      { at: new Date('2023-06-06T11:54:25Z'), actor: aca, action: 'IMPORT_SESSION', subject: 'session',
        after: { etablissements: 3, candidatsNouveaux: 2, candidatsMisAJour: 0, optionnels: ['choix_controle', 'notes_controle'] } },
      { at: new Date('2023-06-07T09:00:00Z'), actor: president, action: 'NOTE_MODIFIEE', juryCode: '31310', candidateId: id,
        subject: `grade:${id}:U1`, before: { note: '9,00' }, after: { note: '10,00' } },
      { at: new Date('2023-06-07T09:05:00Z'), actor: president, action: 'NOTE_MODIFIEE', juryCode: '31310', candidateId: id,
        subject: `controle_grade:${id}:U2`, before: { note: null }, after: { note: '8,00', groupe: 2, horsLigne: true, saisieLe: '2023-06-07T08:59:00.000Z' } },
      { at: new Date('2023-06-07T09:10:00Z'), actor: chef, action: 'CHOIX_CONTROLE_SAISI', juryCode: '31310', candidateId: id,
        subject: `controle_choice:${id}`, before: null, after: { epreuve1: 'U1', epreuve2: 'U2' } },
      { at: new Date('2023-06-07T09:20:00Z'), actor: president, action: 'IDENTITE_CONSULTEE', juryCode: '31310', candidateId: id, subject: `candidate:${id}` },
      { at: new Date('2023-06-07T09:30:00Z'), actor: chef, action: 'DOUBLE_SAISIE_CONTROLE', juryCode: '31310', subject: 'controle_double_entry:31310:U1',
        before: { doubleSaisie: false }, after: { doubleSaisie: true } },
    ]);
    app = await testApp(h);
    [academie, centre, jury] = await Promise.all([login(app, 'academie'), login(app, 'centre-0250001R'), login(app, 'jury-31310')]);
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const entries = async (s: Session) => {
    const res = await call(app, s, 'GET', '/api/journal');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; timeZone: string };
  };
  const find = (items: Entry[], subject: string) => items.find((e) => e.subject === subject)!;

  it('names the candidate by his number and the épreuve by its label, never by internal identifiers', async () => {
    const { items } = await entries(centre);
    expect(find(items, `grade:${id}:U1`).subjectText).toBe('Candidat n° 02319252241 · Épreuve U1 (U1) · note du 1er groupe');
    expect(find(items, `controle_grade:${id}:U2`).subjectText).toBe('Candidat n° 02319252241 · Épreuve U2 (U2) · note du 2nd groupe');
    expect(find(items, `controle_choice:${id}`).subjectText).toBe('Candidat n° 02319252241 · choix des épreuves du 2nd groupe');
    expect(find(items, 'controle_double_entry:31310:U1').subjectText).toBe('Jury 31310 · Épreuve U1 (U1) · double saisie');
    for (const e of items) expect(e.subjectText).not.toMatch(/grade:|candidate:|controle_|:\d/);
  });

  it('shows a jury its candidates by N° anonymat only', async () => {
    const { items } = await entries(jury);
    expect(find(items, `candidate:${id}`).subjectText).toBe("Candidat n° d'anonymat T230A031000091");
    expect(JSON.stringify(items.map((e) => e.subjectText))).not.toContain('02319252241');
  });

  it('writes values in French, not JSON, with every time in one stated time zone', async () => {
    const { items, timeZone } = await entries(academie);
    expect(timeZone).toBe('heure de Paris');
    const imported = find(items, 'session');
    expect(imported.subjectText).toBe('Session (dossier importé)');
    expect(imported.after).toBe('établissements : 3, nouveaux candidats : 2, candidats mis à jour : 0, fichiers facultatifs : choix_controle.csv, notes_controle.csv');
    expect(imported.atText).toBe('06/06/2023 13:54:25'); // 11:54 UTC = 13:54 in Paris (summer time)
    expect(find(items, `controle_choice:${id}`).after).toBe('1re épreuve : Épreuve U1 (U1), 2de épreuve : Épreuve U2 (U2)');
    expect(find(items, `controle_grade:${id}:U2`).after).toBe('note : 8,00, groupe : 2nd groupe, saisie hors ligne : oui, saisie le : 07/06/2023 10:59:00');
    for (const e of items) for (const v of [e.before, e.after]) expect(v ?? '').not.toMatch(/[[\]{}"]/);
  });
});
