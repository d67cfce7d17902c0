import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect, freshDb } from '../../support/db.js';
import type { DbHandle } from '../../../src/db/connect.js';
import { importSession } from '../../../src/features/import/import-session.js';
import { computeResultLines, resultsCsv } from '../../../src/features/results/results-table.js';
import type { Actor } from '../../../src/domain/types.js';

const SAMPLE = join(import.meta.dirname, '../../fixtures/samples/memo-31310');
const EXPECTED = join(import.meta.dirname, '../../fixtures/samples/memo-31310.results.csv');
const actor: Actor = { role: 'academie', login: 'test', name: 'Test', scope: 'A03' };
const now = new Date('2023-06-06T09:00:00Z');

function copySample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delib-import-'));
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

/** Replaces line `line` (1-based, header = 1) of a sample file. */
function editLine(dir: string, file: string, line: number, fn: (l: string) => string): void {
  const p = join(dir, file);
  const lines = readFileSync(p, 'utf8').split(/\r?\n/);
  lines[line - 1] = fn(lines[line - 1]!);
  writeFileSync(p, lines.join('\n'));
}

function appendLine(dir: string, file: string, text: string): void {
  const p = join(dir, file);
  const body = readFileSync(p, 'utf8').replace(/\n?$/, '\n');
  writeFileSync(p, body + text + '\n');
}

const expectedCsv = readFileSync(EXPECTED, 'utf8').replace(/^\uFEFF/, '').replace(/\r/g, '');

describeEachDialect('import of the exchange format', (dialect) => {
  let h: DbHandle;
  let dir: string;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    dir = copySample();
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a folder with one bad row, names file and line, and writes nothing', async () => {
    editLine(dir, 'notes.csv', 3, (l) => l.replace(/;6;$/, ';21;'));
    const res = await importSession(h, dir, actor, now);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toEqual([{ file: 'notes.csv', line: 3, message: expect.stringContaining('entre 0 et 20') }]);
    expect(await h.db.selectFrom('candidate').select('id').execute()).toEqual([]);
    expect(await h.db.selectFrom('jury').select('code').execute()).toEqual([]);
    expect(await h.db.selectFrom('journal').select('id').execute()).toEqual([]);
  });

  it('imports the memo sample and gives exactly the expected results', async () => {
    const res = await importSession(h, dir, actor, now);
    expect(res).toMatchObject({ ok: true, summary: { candidats: 2, notes: 15, jurys: 1, choixControle: 1, notesControle: 2 } });
    expect(resultsCsv(await computeResultLines(h.db))).toBe(expectedCsv);
    expect(expectedCsv).toContain('02319252150;001;31310;9,95;10,00;CONTROLE;10,40;ADMIS');
  });

  it('re-import (jury not open yet, state < 110) updates by natural key: no duplicate, grades replaced', async () => {
    // the sample's jury is at 110: from there on a re-import only compares (reimport-protected.test.ts);
    // here the jury has not opened its deliberation
    await h.db.updateTable('jury').set({ etat: '000' }).where('code', '=', '31310').execute();
    editLine(dir, 'jurys.csv', 2, (l) => l.replace(/;110$/, ';000'));
    editLine(dir, 'notes.csv', 2, (l) => l.replace(/;9;$/, ';12;')); // AZBTSUN U1 9 → 12
    editLine(dir, 'candidats.csv', 3, (l) => l.replace(';BANQA;', ';BANQA-MODIFIE;'));
    const res = await importSession(h, dir, actor, now);
    expect(res.ok).toBe(true);
    const cands = await h.db.selectFrom('candidate').select(['numero_candidat', 'nom']).orderBy('numero_candidat').execute();
    expect(cands).toEqual([
      { numero_candidat: '02319252150', nom: 'AZBTSUN' },
      { numero_candidat: '02321252217', nom: 'BANQA-MODIFIE' },
    ]);
    expect(await h.db.selectFrom('grade').select('candidate_id').execute()).toHaveLength(15);
    const lines = await computeResultLines(h.db);
    // (199 − 27 + 36) / 20 = 10,40
    expect(lines[0]).toMatchObject({ moyenne_1: '10,40', decision_1: 'ADMIS', decision_2: '' });
  });

  it('a bad re-import leaves the previous import untouched', async () => {
    const before = resultsCsv(await computeResultLines(h.db));
    editLine(dir, 'jurys.csv', 2, (l) => l.replace(/;110$/, ';000')); // the jury's state as stored (the test above)
    editLine(dir, 'candidats.csv', 2, (l) => l.replace(';31310;T230', ';99999;T230'));
    const res = await importSession(h, dir, actor, now);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors[0]).toMatchObject({ file: 'candidats.csv', line: 2, message: 'jury « 99999 » inconnu' });
    expect(resultsCsv(await computeResultLines(h.db))).toBe(before);
  });
});

describe('import checks (SPEC §7), each error names file, line and reason', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb('sqlite');
  });
  afterAll(async () => h.close());

  const cases: [string, (dir: string) => void, { file: string; line: number; message: RegExp }][] = [
    ['grade above 20', (d) => editLine(d, 'notes.csv', 2, (l) => l.replace(/;9;$/, ';20,01;')), { file: 'notes.csv', line: 2, message: /entre 0 et 20/ }],
    ['more than 2 decimals', (d) => editLine(d, 'notes.csv', 2, (l) => l.replace(/;9;$/, ';9,125;')), { file: 'notes.csv', line: 2, message: /2 décimales/ }],
    ['not a grade', (d) => editLine(d, 'notes.csv', 2, (l) => l.replace(/;9;$/, ';neuf;')), { file: 'notes.csv', line: 2, message: /n'est pas une note/ }],
    ['unknown épreuve', (d) => editLine(d, 'notes.csv', 2, (l) => l.replace(';U1;', ';U9;')), { file: 'notes.csv', line: 2, message: /épreuve « U9 » inconnue/ }],
    ['grade on a unit with sub-épreuves', (d) => editLine(d, 'notes.csv', 3, (l) => l.replace(';U2E;', ';U2;')), { file: 'notes.csv', line: 3, message: /sous-épreuves/ }],
    ['duplicate grade', (d) => appendLine(d, 'notes.csv', '02319252150;001;U1;10;'), { file: 'notes.csv', line: 17, message: /en double/ }],
    ['unknown candidate', (d) => appendLine(d, 'notes.csv', '02319252199;001;U1;10;'), { file: 'notes.csv', line: 17, message: /inconnu/ }],
    ['bénéfice below 10', (d) => editLine(d, 'notes.csv', 2, (l) => l.replace(/;9;$/, ';9;2021-06')), { file: 'notes.csv', line: 2, message: /supérieur ou égal à 10/ }],
    ['bénéfice older than 5 sessions', (d) => editLine(d, 'notes.csv', 5, (l) => l.replace(/;10;$/, ';10;2017-06')), { file: 'notes.csv', line: 5, message: /plus de 5 sessions/ }],
    ['wrong UAI check letter', (d) => editLine(d, 'etablissements.csv', 2, (l) => l.replace('0250001R', '0250001S')), { file: 'etablissements.csv', line: 2, message: /UAI « 0250001S » invalide/ }],
    ['duplicate candidate key', (d) => appendLine(d, 'candidats.csv', readFileSync(join(d, 'candidats.csv'), 'utf8').split('\n')[1]!.replace('T230A031000004', 'T230A031000099')), { file: 'candidats.csv', line: 4, message: /en double/ }],
    ['unknown jury', (d) => editLine(d, 'candidats.csv', 2, (l) => l.replace(';31310;T230', ';31999;T230')), { file: 'candidats.csv', line: 2, message: /jury « 31999 » inconnu/ }],
    ['unknown établissement', (d) => editLine(d, 'candidats.csv', 2, (l) => l.replace(';GLOBALE;0250001R;', ';GLOBALE;0250002T;')), { file: 'candidats.csv', line: 2, message: /établissement d'inscription « 0250002T » inconnu/ }],
    ['contrôle choice twice the same', (d) => editLine(d, 'choix_controle.csv', 2, (l) => l.replace(';U1;U2', ';U1;U1')), { file: 'choix_controle.csv', line: 2, message: /deux fois/ }],
    ['contrôle choice not eligible', (d) => editLine(d, 'choix_controle.csv', 2, (l) => l.replace(';U1;U2', ';U1;U3')), { file: 'choix_controle.csv', line: 2, message: /ne peut pas être choisie/ }],
    ['unknown column', (d) => editLine(d, 'jurys.csv', 1, (l) => l + ';salle'), { file: 'jurys.csv', line: 1, message: /colonne inconnue « salle »/ }],
    ['missing column', (d) => editLine(d, 'specialites.csv', 1, () => 'code'), { file: 'specialites.csv', line: 1, message: /colonne manquante « libelle »/ }],
    ['unknown jury state', (d) => editLine(d, 'jurys.csv', 2, (l) => l.replace(/;110$/, ';120')), { file: 'jurys.csv', line: 2, message: /état « 120 » inconnu/ }],
    ['bad date', (d) => editLine(d, 'candidats.csv', 2, (l) => l.replace('01/09/2002', '31/02/2002')), { file: 'candidats.csv', line: 2, message: /date/ }],
    ['contrôle grade not chosen', (d) => editLine(d, 'notes_controle.csv', 3, (l) => l.replace(';U2;', ';U3;')), { file: 'notes_controle.csv', line: 3, message: /n'est pas l'une des épreuves de contrôle choisies/ }],
  ];
  for (const [name, mutate, expected] of cases) {
    it(name, async () => {
      const dir = copySample();
      try {
        mutate(dir);
        const res = await importSession(h, dir, actor, now);
        expect(res.ok).toBe(false);
        if (res.ok) return;
        expect(res.errors).toContainEqual({ file: expected.file, line: expected.line, message: expect.stringMatching(expected.message) });
        expect(await h.db.selectFrom('candidate').select('id').execute()).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('a missing required file is named', async () => {
    const dir = copySample();
    rmSync(join(dir, 'notes.csv'));
    const res = await importSession(h, dir, actor, now);
    expect(res).toMatchObject({ ok: false, errors: [{ file: 'notes.csv', message: 'fichier obligatoire manquant' }] });
    expect(readdirSync(dir)).not.toContain('notes.csv');
  });
});

describeEachDialect('bulk paths keep text exactly', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
  });
  afterAll(async () => h.close());

  it('a first import (COPY on PostgreSQL, prepared INSERTs on SQLite) stores tabs, backslashes and quotes as given', async () => {
    const dir = copySample();
    try {
      const nom = 'DE\tLA \\N CRUZ "EL" \\';
      editLine(dir, 'candidats.csv', 2, (l) => l.replace(';AZBTSUN;', `;"${nom.replace(/"/g, '""')}";`));
      const res = await importSession(h, dir, actor, now);
      expect(res.ok).toBe(true);
      const rows = await h.db.selectFrom('candidate').select(['nom']).orderBy('numero_candidat').execute();
      expect(rows[0]!.nom).toBe(nom);
      expect(resultsCsv(await computeResultLines(h.db))).toBe(expectedCsv);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
