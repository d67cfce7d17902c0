// The 2nd-group editions on their real data, read back from the PDF text: convocations and
// bordereaux print the date, time and room each centre d'épreuve recorded ("À communiquer" only for
// what is not set); "Contrôler les notes manquantes" — screen, PDF and the opening guard — say the same
// thing at every step (choices missing, grades missing, double entry pending or discordant, none).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { findJury } from '../../../src/db/repositories/juries.js';
import { verifyZip } from '../../../src/documents/zip.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { controleChoice } from '../../support/factories.js';
import { call, login, testApp, type Session } from '../../server/helpers.js';
import { pdfPages, pdfText, unzip } from '../editions/support.js';
import { secondGroupWorld } from './world.js';

type Row = Record<string, unknown>;

async function setup(dialect: 'sqlite' | 'postgres') {
  const h = await freshDb(dialect);
  const w = await secondGroupWorld(h.db);
  const app = await testApp(h);
  const [centre, centreBis, epreuve, aca] = await Promise.all([
    login(app, 'centre-0250001R'), login(app, 'centre-0250001R-bis'), login(app, 'epreuve-0250013D'), login(app, 'academie'),
  ]);
  return { h, w, app, centre, centreBis, epreuve, aca };
}

/** The document of an edition screen ("Visualiser"), as the browser downloads it. */
async function edition(app: FastifyInstance, s: Session, kind: string, body: Row): Promise<{ name: string; data: Buffer }> {
  const res = await call(app, s, 'POST', `/api/editions/${kind}/documents`, { title: 'Essai', group: 2, juries: ['40200'], ...body });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))?.[1] ?? '');
  return { name, data: res.rawPayload };
}

const pages = (pdf: Buffer) => pdfText(pdf).split('\f').filter((p) => p.trim() !== '');
const flat = (s: string) => s.replace(/\s+/g, ' ');
/** The text in drawing order (a wrapped cell stays in one piece). */
function rawText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'delib-sg-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
}

describeEachDialect('2nd group editions: convocations and bordereaux print the recorded schedule', (dialect) => {
  let t: Awaited<ReturnType<typeof setup>>;
  let numero: (id: number) => Promise<string>;

  beforeAll(async () => {
    t = await setup(dialect);
    await controleChoice(t.h.db, t.w.j200.a, 'U1', 'U2'); // ECHO, centre d'épreuve 0250001R
    await controleChoice(t.h.db, t.w.j200.b, 'U2', 'U3'); // FOXTROT, centre d'épreuve 0250013D
    numero = async (id) => (await t.h.db.selectFrom('candidate').select('numero_candidat').where('id', '=', id).executeTakeFirstOrThrow()).numero_candidat;
  });
  afterAll(async () => {
    await t.app.close();
    await t.h.close();
  });

  const schedule = async (s: Session, centreEpreuveUai: string, epreuveCode: string, date: string, heure: string, salle: string) => {
    const res = await call(t.app, s, 'POST', '/api/second-group/schedule', { rows: [{ centreEpreuveUai, specialiteCode: '40000', epreuveCode, date, heure, salle, expectedVersion: 0 }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0].status).toBe('saved');
  };
  const pageOf = (list: string[], ...needles: string[]) => {
    const found = list.filter((p) => needles.every((n) => p.includes(n)));
    expect(found, `one page with ${needles.join(', ')}`).toHaveLength(1);
    return flat(found[0]!);
  };

  it('nothing scheduled yet: every date is "À communiquer", the place is the candidate\'s centre d\'épreuve', async () => {
    const list = pages((await edition(t.app, t.centre, 'convocations', {})).data);
    expect(list).toHaveLength(2);
    for (const p of list) expect(p.match(/À communiquer/g)).toHaveLength(2);
    expect(pageOf(list, 'FOXTROT')).toContain('LP P.ADRIEN PARIS – BESANCON (0250013D)');
    expect(pageOf(list, 'ECHO')).toContain('LP NELSON MANDELA – AUDINCOURT CEDEX (0250001R)');
  });

  it("prints the date, time and room each centre d'épreuve set, per épreuve; \"À communiquer\" only for what is not set", async () => {
    await schedule(t.epreuve, '0250013D', 'U2', '03/07/2023', '9h30', 'B12');
    await schedule(t.epreuve, '0250013D', 'U3', '04/07/2023', '', '');
    // the académie sets the dates of another centre d'épreuve (its scope: every centre)
    await schedule(t.aca, '0250001R', 'U2', '2023-07-05', '14:00', 'Amphi A');

    const file = await edition(t.app, t.centre, 'convocations', {});
    expect(file.name).toBe('Essai.pdf');
    const list = pages(file.data);
    const foxtrot = pageOf(list, 'FOXTROT');
    expect(foxtrot).toMatch(/U2 Épreuve U2 03\/07\/2023 09:30 LP P\.ADRIEN PARIS – BESANCON \(0250013D\)/);
    expect(foxtrot).toContain('Salle : B12');
    expect(foxtrot).toMatch(/U3 Épreuve U3 04\/07\/2023 LP P\.ADRIEN PARIS/);
    expect(foxtrot).toContain('Heure : À communiquer');
    expect(foxtrot.match(/À communiquer/g)).toHaveLength(1);
    expect(foxtrot).not.toContain('05/07/2023'); // the same épreuve in another centre d'épreuve
    const echo = pageOf(list, 'ECHO');
    expect(echo).toMatch(/U1 Épreuve U1 À communiquer LP NELSON MANDELA/);
    expect(echo).toMatch(/U2 Épreuve U2 05\/07\/2023 14:00 LP NELSON MANDELA – AUDINCOURT CEDEX \(0250001R\)/);
    expect(echo).toContain('Salle : Amphi A');
    expect(echo).not.toContain('03/07/2023');
  });

  it('"Un fichier par candidat": a zip with one convocation PDF per candidate', async () => {
    const file = await edition(t.app, t.centre, 'convocations', { format: 'zip' });
    expect(file.name).toBe('Essai.zip');
    expect(verifyZip(file.data).ok).toBe(true);
    const files = unzip(file.data);
    const [echo, foxtrot] = [await numero(t.w.j200.a), await numero(t.w.j200.b)];
    expect(Object.keys(files).filter((n) => n.endsWith('.pdf')).sort()).toEqual([`Convocation_${echo}-001_ECHO_Prenom.pdf`, `Convocation_${foxtrot}-001_FOXTROT_Prenom.pdf`].sort());
    const one = Buffer.from(files[`Convocation_${foxtrot}-001_FOXTROT_Prenom.pdf`]!);
    expect(pdfPages(one)).toBe(1);
    expect(flat(pdfText(one))).toContain('Salle : B12');
    expect(pdfText(one)).not.toContain('ECHO');
    // PDF and zip only
    expect((await call(t.app, t.centre, 'POST', '/api/editions/convocations/documents', { title: 'x', group: 2, juries: ['40200'], format: 'csv' })).statusCode).toBe(400);
  });

  it('bordereaux: one per épreuve and centre, with the date, time and room of that épreuve in that centre', async () => {
    const list = pages((await edition(t.app, t.centre, 'bordereaux', {})).data);
    expect(list).toHaveLength(4);
    const u2Paris = pageOf(list, 'Épreuve : U2', "Centre d'épreuve : LP P.ADRIEN PARIS");
    expect(u2Paris).toContain('Date : 03/07/2023 - Heure : 09:30 - Salle : B12');
    expect(u2Paris).toContain('FOXTROT');
    expect(u2Paris).not.toContain('ECHO');
    expect(pageOf(list, 'Épreuve : U2', "Centre d'épreuve : LP NELSON MANDELA")).toContain('Date : 05/07/2023 - Heure : 14:00 - Salle : Amphi A');
    expect(pageOf(list, 'Épreuve : U3')).toContain('Date : 04/07/2023 - Heure : À communiquer');
    expect(pageOf(list, 'Épreuve : U1')).toContain('Date : À communiquer');
    expect(pageOf(list, 'Épreuve : U1')).not.toContain('Salle :');
  });
});

describeEachDialect('"Contrôler les notes manquantes": the screen, the PDF and the opening guard agree', (dialect) => {
  let t: Awaited<ReturnType<typeof setup>>;

  beforeAll(async () => {
    t = await setup(dialect);
    await controleChoice(t.h.db, t.w.j200.a, 'U1', 'U2'); // FOXTROT has no choice yet
  });
  afterAll(async () => {
    await t.app.close();
    await t.h.close();
  });

  /** What is missing, as the screen says it: "numero : libellé (reason)". */
  const screen = async () => {
    const res = await call(t.app, t.centre, 'GET', '/api/second-group/missing-grades?jury=40200');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { message: string | null; juries: { rows: { numeroCandidat: string; numeroInscription: string; nom: string; prenoms: string; manquantes: string[] }[] }[] };
    const rows = body.juries[0]!.rows;
    return {
      message: body.message,
      items: rows.flatMap((r) => r.manquantes.map((m) => `${r.numeroCandidat} - ${r.numeroInscription} : ${m}`)),
      // the opening's refusal names the candidate too (issue #14, item 13)
      named: rows.flatMap((r) => r.manquantes.map((m) => `${r.numeroCandidat} - ${r.numeroInscription} ${r.nom} ${r.prenoms} : ${m}`)),
    };
  };
  /** The opening's refusal (candidates by number and name, épreuves by label); [] when it opened. */
  const guard = async (): Promise<string[]> => {
    const res = await call(t.app, t.centre, 'POST', '/api/juries/40200/transitions', { action: 'OUVRIR_DELIBERATION_2', expectedEtat: '200' });
    if (res.statusCode === 200) return [];
    expect(res.statusCode, res.body).toBe(422);
    return (res.json() as { details: { message: string }[] }).details.map((d) => d.message);
  };

  /** Checks the three agree and returns the screen's items. */
  const agree = async (): Promise<string[]> => {
    const s = await screen();
    const pdf = flat(rawText((await edition(t.app, t.centre, 'notes-manquantes', {})).data));
    if (s.items.length === 0) {
      expect(s.message).toBe('Pas de notes manquantes.');
      expect(pdf).toContain('Pas de notes manquantes.');
    } else {
      expect(s.message).toBeNull();
      expect(pdf).toContain('CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE');
      expect(pdf).not.toContain('Pas de notes manquantes.');
      // the same candidates (numbers) and, for each, the same missing épreuves with the same reasons
      expect([...new Set(pdf.match(/\d{11} - \d{3}/g))].sort()).toEqual([...new Set(s.items.map((i) => i.split(' : ')[0]!))].sort());
      for (const item of s.items) expect(pdf).toContain(item.split(' : ').slice(1).join(' : '));
    }
    const g = await guard();
    expect(g.sort()).toEqual(s.named.sort());
    return s.items;
  };

  const put = async (s: Session, candidateId: number, epreuveCode: string, value: string, mode: 'first' | 'second' = 'first') => {
    const res = await call(t.app, s, 'POST', '/api/second-group/grades', { mode, entries: [{ candidateId, epreuveCode, value, expectedVersion: 0 }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0].status).toBe('saved');
  };

  it('choices missing, grades missing', async () => {
    const items = await agree();
    expect(items).toHaveLength(3);
    expect(items.filter((i) => i.endsWith(': Choix des épreuves non saisis'))).toHaveLength(1);
    expect(items.filter((i) => i.endsWith(': Épreuve U1') || i.endsWith(': Épreuve U2'))).toHaveLength(2);
  });

  it('a grade awaiting its second entry, or whose two entries differ, is missing everywhere', async () => {
    await controleChoice(t.h.db, t.w.j200.b, 'U2', 'U3');
    for (const [id, unit, v] of [[t.w.j200.a, 'U1', '12'], [t.w.j200.a, 'U2', '9'], [t.w.j200.b, 'U2', '11'], [t.w.j200.b, 'U3', 'ABS']] as const) await put(t.centre, id, unit, v);
    expect(await agree()).toEqual([]);
    expect((await findJury(t.h.db, '40200'))!.etat).toBe('210'); // nothing missing: it opened
    // back to 200 (the académie's exceptional change) to check the double entry
    const back = await call(t.app, t.aca, 'POST', '/api/juries/40200/exceptional-state', { to: '200', expectedEtat: '210', reason: 'Vérification de la double saisie.' });
    expect(back.statusCode, back.body).toBe(200);
    expect((await call(t.app, t.centre, 'POST', '/api/second-group/double-entry', { juryCode: '40200', epreuveCode: 'U2', enabled: true })).statusCode).toBe(200);

    const pending = await agree();
    expect(pending).toHaveLength(2);
    for (const i of pending) expect(i).toMatch(/: Épreuve U2 \(double saisie : seconde saisie manquante\)$/);

    await put(t.centreBis, t.w.j200.a, 'U2', '9,5', 'second'); // differs from 9
    await put(t.centreBis, t.w.j200.b, 'U2', '11', 'second'); // agrees
    const discordant = await agree();
    expect(discordant).toHaveLength(1);
    expect(discordant[0]).toMatch(/: Épreuve U2 \(double saisie : saisies discordantes\)$/);
    expect((await findJury(t.h.db, '40200'))!.etat).toBe('200');
  });

  it('once the mismatch is resolved: "Pas de notes manquantes." on the screen and in the PDF, and the opening goes through', async () => {
    const mm = (await call(t.app, t.centre, 'GET', '/api/second-group/mismatches')).json() as { items: { candidateId: number; epreuveCode: string; first: { version: number }; second: { version: number } }[] };
    expect(mm.items).toHaveLength(1);
    const m = mm.items[0]!;
    // a third person: the centre typed the first entries, its deputy the second ones; the académie arbitrates
    const body = { candidateId: m.candidateId, epreuveCode: m.epreuveCode, value: '9', firstVersion: m.first.version, secondVersion: m.second.version };
    expect((await call(t.app, t.centre, 'POST', '/api/second-group/mismatches/resolve', body)).statusCode).toBe(403);
    const res = await call(t.app, t.aca, 'POST', '/api/second-group/mismatches/resolve', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(await agree()).toEqual([]);
    expect((await findJury(t.h.db, '40200'))!.etat).toBe('210');
  });
});
