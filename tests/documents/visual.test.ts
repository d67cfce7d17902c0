// Visual regression: representative pages rendered with `pdftoppm -r 50 -png` and compared with the
// committed references in tests/documents/__refs__/ (pixelmatch).
//
// A missing reference is written and the test FAILS (so that a new reference is looked at before it
// is committed), unless UPDATE_REFS=1 is set:  UPDATE_REFS=1 npx vitest run tests/documents/visual
// also rewrites references that differ (after an intended layout change). On a difference, the actual
// page and a diff image are written to the OS temp dir (path in the failure message).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderLivretsList } from '../../src/documents/lists/candidate-lists.js';
import { renderPvTenue } from '../../src/documents/lists/pv-tenue.js';
import { renderResultList } from '../../src/documents/lists/results.js';
import { renderStatsByDecision } from '../../src/documents/lists/stats.js';
import { renderPvi } from '../../src/documents/transcript/pvi.js';
import { renderTranscripts } from '../../src/documents/transcript/rln.js';
import * as F from './fixtures.js';
import { pdfPagePng } from './pdf-helpers.js';
import * as S from './samples.js';

const REFS = join(dirname(fileURLToPath(import.meta.url)), '__refs__');
const UPDATE = process.env.UPDATE_REFS === '1';
/** pixelmatch colour threshold (0–1) and share of pixels allowed to differ */
const THRESHOLD = 0.1;
const MAX_DIFF_RATIO = 0.001;

const PAGES: { name: string; pdf: () => Buffer; page: number }[] = [
  { name: 'rln-golden-after-controle', pdf: () => renderTranscripts(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2)])), page: 1 },
  { name: 'rln-nguyen-refuse', pdf: () => renderTranscripts(F.transcriptBatch([F.entryFor(F.NGUYEN, F.NGUYEN_INPUT, { U42: '2021-06' })], { options: { etablissement: true, mail: true, telephone: false } })), page: 1 },
  { name: 'pvi-flags', pdf: () => renderPvi(S.pvi()), page: 2 },
  { name: 'livrets-page2', pdf: () => renderLivretsList(S.livrets(100)), page: 2 },
  { name: 'stats-decision', pdf: () => renderStatsByDecision(S.statsDecision()), page: 1 },
  { name: 'resultats-admis', pdf: () => renderResultList(S.resultList('admis1')), page: 1 },
  { name: 'pv-notes-modifiees', pdf: () => renderPvTenue(S.pvTenue(1)), page: 3 },
  { name: 'pv-journal-altere', pdf: () => renderPvTenue({ ...S.pvTenue(1), journal: { anchor: S.pvTenue(1).journal.anchor, problems: ['entrée n° 17 : contenu modifié (empreinte invalide)'] } }), page: 1 },
];

describe('visual regression (pdftoppm -r 50)', () => {
  for (const p of PAGES) {
    it(p.name, () => {
      const actualPng = pdfPagePng(p.pdf(), p.page, 50);
      const refPath = join(REFS, `${p.name}.png`);
      if (!existsSync(refPath)) {
        mkdirSync(REFS, { recursive: true });
        writeFileSync(refPath, actualPng);
        if (!UPDATE) expect.fail(`Référence absente : écrite dans ${refPath} — vérifiez-la, puis relancez (ou UPDATE_REFS=1)`);
        return;
      }
      const ref = PNG.sync.read(readFileSync(refPath));
      const actual = PNG.sync.read(actualPng);
      const sameSize = ref.width === actual.width && ref.height === actual.height;
      const diff = new PNG({ width: ref.width, height: ref.height });
      const count = sameSize ? pixelmatch(ref.data, actual.data, diff.data, ref.width, ref.height, { threshold: THRESHOLD }) : Infinity;
      const ratio = count / (ref.width * ref.height);
      if (ratio > MAX_DIFF_RATIO) {
        if (UPDATE) {
          writeFileSync(refPath, actualPng);
          return;
        }
        const out = mkdtempSync(join(tmpdir(), `delib-visual-${p.name}-`));
        writeFileSync(join(out, 'actual.png'), actualPng);
        if (sameSize) writeFileSync(join(out, 'diff.png'), PNG.sync.write(diff));
        expect.fail(`${p.name} : ${sameSize ? `${count} pixels différents (${(ratio * 100).toFixed(2)} %)` : 'taille différente'} — voir ${out}`);
      }
    });
  }
});
