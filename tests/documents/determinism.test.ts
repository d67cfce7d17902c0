// Identical input ⇒ identical bytes: twice in a row, in another order (process-wide caches must not
// change the output), and the edition time is the only date in the file.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderCandidateList, renderLivretsList } from '../../src/documents/lists/candidate-lists.js';
import { renderFlaggedList } from '../../src/documents/lists/flagged.js';
import { renderPvTenue, renderPvTenueParts } from '../../src/documents/lists/pv-tenue.js';
import { renderResultList } from '../../src/documents/lists/results.js';
import { renderStatsByDecision, renderStatsByEpreuve } from '../../src/documents/lists/stats.js';
import { renderBordereaux } from '../../src/documents/second-group/bordereau.js';
import { renderConvocations } from '../../src/documents/second-group/convocation.js';
import { renderMissingGrades } from '../../src/documents/second-group/missing-grades.js';
import { renderPapillons } from '../../src/documents/second-group/papillon.js';
import { renderPvi } from '../../src/documents/transcript/pvi.js';
import { renderTranscripts } from '../../src/documents/transcript/rln.js';
import * as F from './fixtures.js';
import { pdfInfo } from './pdf-helpers.js';
import * as S from './samples.js';

const RENDERS: Record<string, () => Buffer> = {
  livrets: () => renderLivretsList(S.livrets(60)),
  anonyme: () => renderCandidateList(S.candidateList('anonyme')),
  triee: () => renderCandidateList(S.candidateList('triee')),
  statsDecision: () => renderStatsByDecision(S.statsDecision()),
  statsEpreuve: () => renderStatsByEpreuve(S.statsEpreuve()),
  resultats: () => renderResultList(S.resultList('admis1')),
  pv: () => renderPvTenue(S.pvTenue(1)),
  pvPart: () => renderPvTenueParts(S.pvTenue(2))[1]!.data,
  rln: () => renderTranscripts(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2), F.entryFor(F.NGUYEN, F.NGUYEN_INPUT)], { titreEdition: 'RLN' })),
  pvi: () => renderPvi(S.pvi()),
  papillon: () => renderPapillons(S.papillons()),
  convocation: () => renderConvocations(S.convocations()),
  bordereau: () => renderBordereaux(S.bordereaux()),
  manquantes: () => renderMissingGrades(S.missingGrades()),
  fraudeurs: () => renderFlaggedList(S.flagged()),
};

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('deterministic PDFs', () => {
  it('every renderer gives identical bytes for identical input, in any order', () => {
    const first = Object.fromEntries(Object.entries(RENDERS).map(([k, f]) => [k, sha(f())]));
    const again = Object.fromEntries(Object.entries(RENDERS).map(([k, f]) => [k, sha(f())]));
    expect(again).toEqual(first);
    const reversed = Object.fromEntries(Object.entries(RENDERS).reverse().map(([k, f]) => [k, sha(f())]));
    expect(reversed).toEqual(first);
  });

  it('keeps a hostile Titre édition as plain metadata text', () => {
    const pdf = renderLivretsList({ ...S.livrets(), header: { ...F.HEADER, titreEdition: 'Livrets <b>&amp; "juin" (2023) \\ é' } });
    expect(pdfInfo(pdf)['Title']).toBe('Livrets <b>&amp; "juin" (2023) \\ é');
    expect(pdf.toString('latin1')).not.toContain('<x:xmpmeta');
  });

  it('uses the edition time for the PDF dates, whatever the clock', () => {
    // "Edité le 06/06/2023 11:18" is Paris time: the metadata hold that instant, 09:18 UTC (issue #14.10,
    // the Paris digits were labelled UTC); a reader in Paris shows 11:18
    const rln = RENDERS.rln!();
    const raw = pdfInfo(rln, ['-rawdates']);
    expect(raw['CreationDate']).toBe('D:20230606091800Z');
    expect(raw['ModDate']).toBe('D:20230606091800Z');
    expect(pdfInfo(rln, [], { TZ: 'Europe/Paris' })['CreationDate']).toMatch(/Jun\s+6 11:18:00 2023 CEST/);
    // in winter, Paris is UTC+1
    const winter = renderLivretsList({ ...S.livrets(), header: { ...F.HEADER, editedAt: '2023-01-16T11:18' } });
    expect(pdfInfo(winter, ['-rawdates'])['CreationDate']).toBe('D:20230116101800Z');
    const later = renderLivretsList({ ...S.livrets(), header: { ...F.HEADER, editedAt: '2023-06-07T08:00' } });
    expect(sha(later)).not.toBe(sha(renderLivretsList({ ...S.livrets(), header: F.HEADER })));
    expect(later.toString('latin1')).not.toMatch(/CreationDate \(D:2023060611/);
  });

  it('does not depend on the time zone (PDF and zip)', () => {
    const run = (tz: string): string =>
      execFileSync(process.execPath, ['--import', 'tsx', 'tests/documents/tz-probe.ts'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    const here = run('UTC');
    expect(here).toMatch(/^[0-9a-f]{64}$/);
    expect(run('Pacific/Auckland')).toBe(here);
    expect(run('America/Los_Angeles')).toBe(here);
  });
});
