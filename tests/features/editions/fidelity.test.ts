// Issue #14 "Documents": each document as the memo shows it, on the demonstration session, on SQLite
// and PostgreSQL (the text of the PDFs read back with pdftotext, the CSV files as bytes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import type { Actor } from '../../../src/domain/types.js';
import { loadDemo } from '../../../src/features/demo/load-demo.js';
import { produceEdition } from '../../../src/features/editions/produce-edition.js';
import { changeStateExceptionally } from '../../../src/features/juries/change-state-exceptionally.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { pdfText, unzip } from './support.js';

const NOW = new Date('2023-06-06T09:18:00.000Z');
const ACADEMIE: Actor = { role: 'academie', login: 'academie', name: 'Service des examens', scope: 'A03' };
const CENTRE: Actor = { role: 'centre', login: 'centre-0250001R', name: 'Chef de centre', scope: '0250001R' };

async function one(h: DbHandle, actor: Actor, request: Record<string, unknown>) {
  const files = await produceEdition(h.db, actor, { title: 'Essai', ...request }, NOW);
  expect(files).toHaveLength(1);
  return files[0]!;
}

const RLN = { signatureLieu: 'Besançon', signatureDate: '06/06/2023', etablissement: true, mail: true, telephone: false };

async function move(h: DbHandle, code: string, from: string, to: string) {
  await changeStateExceptionally(h, ACADEMIE, code, { to: to as never, reason: 'test des éditions', expectedEtat: from as never }, NOW);
}

/** The N° anonymat of a text, in their order of appearance. */
function anonymats(text: string): string[] {
  return [...text.matchAll(/T230A\d{9}/g)].map((m) => m[0]);
}

describeEachDialect('documents as the memo shows them (issue #14)', (dialect) => {
  let h: DbHandle;

  beforeAll(async () => {
    h = await freshDb(dialect);
    await loadDemo(h, NOW);
  });
  afterAll(async () => {
    await h.close();
  });

  describe('1. anonymous documents in N° anonymat order', () => {
    it('liste anonyme (PDF and CSV) sorted by N° anonymat', async () => {
      const text = pdfText((await one(h, CENTRE, { kind: 'liste-anonyme', juries: ['31310', '22207'] })).data);
      const seen = anonymats(text);
      expect(seen.length).toBeGreaterThan(10);
      for (const code of ['T230A031', 'T230A022']) {
        const ofJury = seen.filter((a) => a.startsWith(code));
        expect(ofJury, code).toEqual([...ofJury].sort());
      }
      const csv = (await one(h, CENTRE, { kind: 'liste-anonyme', juries: ['31310'], format: 'csv' })).data.toString('utf8');
      const rows = anonymats(csv);
      expect(rows).toEqual([...rows].sort());
    });

    it('PVIs of the plan de secours in N° anonymat order', async () => {
      const [file] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['31310'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: 'https://delib.example' });
      const pvi = pdfText(unzip(file!.data)['PVI_31310.pdf']!);
      const seen = [...pvi.matchAll(/N° Anonymat : (T230A\d{9})/g)].map((m) => m[1]!);
      expect(seen.length).toBeGreaterThan(5);
      expect(seen).toEqual([...seen].sort());
    });
  });

  describe('7. « ACADÉMIE DE BESANÇON » on every document header', () => {
    it('every PDF of the demonstration prints the académie with its accents', async () => {
      const pdfs: [string, Buffer][] = [];
      const add = async (request: Record<string, unknown>) => {
        pdfs.push([String(request.kind), (await one(h, CENTRE, request)).data]);
      };
      await add({ kind: 'livrets', juries: ['31310'], confirmed: true });
      for (const kind of ['liste-anonyme', 'liste-correspondance', 'liste-handicap', 'liste-triee', 'stats-decision', 'stats-epreuve']) await add({ kind, juries: ['22207'] });
      for (const kind of ['resultats-admis', 'resultats-controle', 'resultats-non-admis', 'pv-tenue']) await add({ kind, juries: ['20112'] });
      await add({ kind: 'resultats-centre-epreuve', juries: ['20112'], list: 'admis' });
      await add({ kind: 'rln', juries: ['25302'], rln: RLN });
      await add({ kind: 'fraudeurs-liste-rouge', juries: [] });
      const [plan] = await produceEdition(h.db, CENTRE, { kind: 'plan-secours', juries: ['22207'], title: 'Plan', format: 'zip' }, NOW, { portalUrl: 'https://delib.example' });
      for (const [name, data] of Object.entries(unzip(plan!.data))) if (name.endsWith('.pdf')) pdfs.push([name, Buffer.from(data)]);
      await move(h, '31408', '198', '200');
      for (const kind of ['convocations', 'bordereaux', 'notes-manquantes']) await add({ kind, juries: ['31408'] });
      await move(h, '31408', '200', '198');
      expect(pdfs.length).toBeGreaterThanOrEqual(20);
      for (const [name, data] of pdfs) expect(pdfText(data), name).toMatch(/ACADÉMIE DE\s+BESANÇON/); // the RLN: on two lines, as the memo
    });
  });
});
