// Steps of the documents measure (run in child processes): PDF pages of the relevé de notes (RLN) and
// of the procès-verbal individuel (PVI) from the samplers of src/documents/perf-sample.ts, the same
// RLN pages as HTML printed by headless Chromium, and a batch of one-page files zipped to disk.
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { useBatchHeapPolicy } from '../../src/cli/heap-policy.js';
import { createBatch } from '../../src/documents/batch.js';
import type { PviEntry, PviModel, TranscriptEntry } from '../../src/documents/model.js';
import { renderSampleTranscriptFile, sampleTranscriptBatch, sampleTranscriptEntries } from '../../src/documents/perf-sample.js';
import { renderTranscripts } from '../../src/documents/transcript/rln.js';
import { renderPvi } from '../../src/documents/transcript/pvi.js';
import { ZipStream } from '../../src/documents/zip.js';
import type { Page } from 'playwright-core';
import { timed } from '../lib/child.js';
import { transcriptsHtml } from '../lib/transcript-html.js';
import type { Step } from '../steps.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Best pages/s of a few rounds of `render(pages)` after a warm-up (fonts, JIT). */
async function pagesPerSecond(pages: number, rounds: number, render: (n: number) => Promise<unknown> | unknown) {
  await render(Math.min(20, pages));
  const rates: number[] = [];
  let cpu = 0;
  for (let r = 0; r < rounds; r++) {
    const t = await timed(() => render(pages));
    rates.push(pages / t.seconds);
    cpu += t.cpuSeconds;
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { pages, rates, median: sorted[Math.floor(sorted.length / 2)]!, best: sorted[sorted.length - 1]!, cpuSeconds: cpu };
}

const rlnPages: Step = async ({ pages, rounds }) => {
  const entries = sampleTranscriptEntries(Number(pages));
  return pagesPerSecond(Number(pages), Number(rounds ?? 3), (n) => renderSampleTranscriptFile(n, entries.slice(0, n)));
};

function pviModel(entries: readonly TranscriptEntry[]): PviModel {
  const centre = { uai: '0250001R', libelle: 'LP NELSON MANDELA', ville: 'AUDINCOURT CEDEX' };
  const pvi: PviEntry[] = entries.map((e, i) => ({
    ...e,
    numeroAnonymat: `T230A${String(31000000 + i).padStart(9, '0')}`,
    jury: { code: e.candidate.juryCode, specialiteCode: 'BANQ', specialiteLibelle: e.specialite },
    livret: i % 3 === 0 ? 'recu' : null,
    handicap: i % 17 === 0 ? 'Tiers temps' : null,
    flags: { listeRouge: false, presumeFraudeur: false },
  }));
  return { header: { domaine: 'BREVET DE TECHNICIEN SUPÉRIEUR', academie: 'ACADÉMIE DE BESANCON', centre, session: '2023-06', editedAt: '2023-06-06T11:18' }, entries: pvi };
}

const pviPages: Step = async ({ pages, rounds }) => {
  const model = pviModel(sampleTranscriptEntries(Number(pages)));
  return pagesPerSecond(Number(pages), Number(rounds ?? 3), (n) => renderPvi({ ...model, entries: model.entries.slice(0, n) }));
};

/** One file per candidate: each a complete one-page PDF (what a zip of relevés or convocations holds). */
const rlnFiles: Step = async ({ files, rounds }) => {
  const entries = sampleTranscriptEntries(Number(files));
  const params = sampleTranscriptBatch([]);
  return pagesPerSecond(Number(files), Number(rounds ?? 3), (n) => {
    let bytes = 0;
    for (const e of entries.slice(0, n)) bytes += renderTranscripts({ ...params, transcripts: [e] }).length;
    return bytes;
  });
};

const pviFiles: Step = async ({ files, rounds }) => {
  const model = pviModel(sampleTranscriptEntries(Number(files)));
  return pagesPerSecond(Number(files), Number(rounds ?? 3), (n) => {
    let bytes = 0;
    for (const e of model.entries.slice(0, n)) bytes += renderPvi({ ...model, entries: [e] }).length;
    return bytes;
  });
};

/** The same RLN page as HTML printed by Chromium, one PDF per candidate (one page.pdf() each). */
/** A headless Chromium page for `work`, closed after it. */
async function withChromiumPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    return await work(await browser.newPage());
  } finally {
    await browser.close();
  }
}

/** The RLN pages of `entries` as HTML printed by Chromium into one PDF. */
async function printed(page: Page, entries: readonly TranscriptEntry[]): Promise<Buffer> {
  await page.setContent(transcriptsHtml(sampleTranscriptBatch(entries)), { waitUntil: 'load' });
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
}

const chromiumFiles: Step = async ({ files, rounds }) => withChromiumPage((page) => {
  const entries = sampleTranscriptEntries(Number(files));
  return pagesPerSecond(Number(files), Number(rounds ?? 2), async (n) => {
    for (const e of entries.slice(0, n)) {
      const pdf = await printed(page, [e]);
      if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error("Chromium n'a pas produit de PDF");
    }
  });
});

const chromiumPages: Step = async ({ pages, rounds }) => withChromiumPage((page) => {
  const entries = sampleTranscriptEntries(Number(pages));
  return pagesPerSecond(Number(pages), Number(rounds ?? 2), async (n) => {
    const pdf = await printed(page, entries.slice(0, n));
    const count = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    if (count < n) throw new Error(`Chromium a imprimé ${count} pages au lieu d'au moins ${n}`);
  });
});

/**
 * A batch job's work: `candidates` one-page relevés, each rendered, zipped and written to disk as it
 * goes. Entries cycle over a fixed pool of samples, as a job streams them from the database.
 */
const documentsBatch: Step = async ({ candidates, out }) => {
  useBatchHeapPolicy(); // as `delib worker` and `delib edition`, which run such batches
  const n = Number(candidates);
  const pool = sampleTranscriptEntries(500);
  async function* entries(): AsyncGenerator<TranscriptEntry> {
    for (let i = 0; i < n; i++) yield pool[i % pool.length]!;
  }
  const file = join(String(out), `documents-batch-${n}.zip`);
  const sink = createWriteStream(file);
  try {
    const params = sampleTranscriptBatch([]);
    const t = await timed(async () => {
      const zip = new ZipStream(async (chunk) => {
        if (!sink.write(chunk)) await once(sink, 'drain');
      }, { mtime: '2023-06-06T11:18', level: 1 });
      const batch = createBatch();
      let k = 0;
      for await (const f of batch.renderMany(entries(), (e) => ({ name: `RLN_${e.candidate.numeroCandidat}_${k++}.pdf`, data: renderTranscripts({ ...params, transcripts: [e] }) }))) {
        await zip.add(f.name, f.data);
      }
      await zip.finish();
      sink.end();
      await once(sink, 'finish');
      return { files: batch.stats.files, pdfBytes: batch.stats.bytes, zipBytes: zip.bytes };
    });
    return { seconds: t.seconds, cpuSeconds: t.cpuSeconds, ...t.value, filesPerSecond: n / t.seconds };
  } finally {
    rmSync(file, { force: true });
  }
};

export const DOCUMENT_STEPS: Record<string, Step> = {
  'rln-pages': rlnPages,
  'pvi-pages': pviPages,
  'chromium-pages': chromiumPages,
  'rln-files': rlnFiles,
  'pvi-files': pviFiles,
  'chromium-files': chromiumFiles,
  'documents-batch': documentsBatch,
};
