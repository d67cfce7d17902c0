// Documents: PDF pages per second of the relevé de notes (RLN) and of the PVI, against the same RLN
// page as HTML printed by headless Chromium (playwright-core page.pdf()) in the same run; and the
// peak memory of a batch of one-page files at several scales (it must not grow with the count).
import { existsSync } from 'node:fs';
import { figure, notAvailable, scaleName, type Figure } from '../lib/figures.js';
import { runStep } from '../lib/child.js';
import { context, type BenchContext, type Measure } from '../lib/measure.js';
import { CHROMIUM } from './documents-steps.js';

export const documentsMeasure: Measure = {
  name: 'documents',
  title: 'Éditions PDF',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const pages = ctx.quick ? 200 : 1000;
    const rounds = ctx.quick ? 2 : 3;
    ctx.log(`éditions : ${pages} pages RLN, PVI, puis Chromium…`);
    const rln = await runStep('rln-pages', { pages, rounds });
    const pvi = await runStep('pvi-pages', { pages, rounds });
    const files = ctx.quick ? 100 : 300;
    ctx.log(`éditions : ${files} fichiers d'une page (RLN, PVI)…`);
    const rlnF = await runStep('rln-files', { files, rounds });
    const pviF = await runStep('pvi-files', { files, rounds });
    const figures: Figure[] = [
      figure('rln_pages_per_s', 'Relevés de notes (RLN), un fichier', Number(rln.median), 'pages/s', { note: context(rln, `${pages} pages, médiane de ${rounds}`) }),
      figure('pvi_pages_per_s', 'PVI, un fichier', Number(pvi.median), 'pages/s', { note: context(pvi, `${pages} pages, médiane de ${rounds}`) }),
      figure('rln_files_per_s', 'RLN, un fichier par candidat', Number(rlnF.median), 'fichiers/s', { note: context(rlnF, `${files} fichiers d'une page, médiane de ${rounds}`) }),
      figure('pvi_files_per_s', 'PVI, un fichier par candidat', Number(pviF.median), 'fichiers/s', { note: context(pviF, `${files} fichiers d'une page, médiane de ${rounds}`) }),
    ];
    if (existsSync(CHROMIUM)) {
      // the same RLN page printed by Chromium, in both modes, and our rates against it
      const modes = [
        { mode: 'pages', step: 'chromium-pages', n: ctx.quick ? 100 : 300, unit: 'pages/s', label: 'Même page RLN en HTML imprimée par Chromium', suffix: '', ours: [rln, pvi] },
        { mode: 'files', step: 'chromium-files', n: ctx.quick ? 30 : 60, unit: 'fichiers/s', label: 'Même page RLN imprimée par Chromium, un fichier par candidat', suffix: ', un fichier par candidat', ours: [rlnF, pviF] },
      ] as const;
      for (const m of modes) {
        const chrome = await runStep(m.step, { pages: m.n, files: m.n, rounds: 2 });
        const c = Number(chrome.median);
        const key = m.mode === 'pages' ? '' : 'files_';
        figures.push(
          figure(`chromium_print_${m.mode}_per_s`, m.label, c, m.unit, { note: context(chrome, `${m.n} ${m.mode === 'pages' ? 'pages' : 'fichiers'}, processus Node seul`) }),
          figure(`rln_${key}vs_chromium_ratio`, `RLN / Chromium${m.suffix}`, Number(m.ours[0].median) / c, '×', { target: { op: '>=', value: 10 } }),
          figure(`pvi_${key}vs_chromium_ratio`, `PVI / Chromium${m.suffix}`, Number(m.ours[1].median) / c, '×', { target: { op: '>=', value: 10 } }),
        );
      }
    } else {
      const why = `Chromium absent (${CHROMIUM})`;
      figures.push(notAvailable('chromium_print_pages_per_s', 'Même page RLN en HTML imprimée par Chromium', 'pages/s', why));
      figures.push(notAvailable('chromium_print_files_per_s', 'Même page RLN imprimée par Chromium, un fichier par candidat', 'fichiers/s', why));
    }
    const peaks: number[] = [];
    for (const n of ctx.memoryScales) {
      ctx.log(`lot de ${n} relevés (un fichier chacun, zippés)…`);
      const b = await runStep('documents-batch', { candidates: n, out: ctx.outDir });
      peaks.push(b.peakRssMb);
      figures.push(
        figure(`documents_batch_${scaleName(n)}_peak_rss_mb`, `Lot de ${n} relevés zippés : mémoire max`, b.peakRssMb, 'Mo', {
          note: context(b, `${b.seconds.toFixed(0)} s, ${Math.round(Number(b.filesPerSecond))} fichiers/s, ${((1000 * b.cpuSeconds) / n).toFixed(2)} ms CPU par fichier`),
        }),
      );
    }
    if (peaks.length > 1) {
      const [first, last] = [ctx.memoryScales[0]!, ctx.memoryScales[ctx.memoryScales.length - 1]!];
      // the zip keeps ≈ 180 bytes per file for its index and manifest, written at the end
      figures.push(figure('documents_batch_peak_rss_growth_mb', `Lot de relevés : mémoire max, ${first} → ${last} fichiers`, peaks[peaks.length - 1]! - peaks[0]!, 'Mo', {
        note: `dont ≈ ${(((last - first) * 180) / 1e6).toFixed(0)} Mo d'index du zip (≈ 180 octets par fichier)`,
      }));
    }
    return figures;
  },
};
