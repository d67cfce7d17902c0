// Plain timing of the document renderers (not a test): npx tsx tests/documents/measure-perf.ts
// Reports wall-clock and CPU time (the CPU figure is what matters on a shared, loaded machine).
import { createBatch } from '../../src/documents/batch.js';
import { renderSampleTranscriptFile, renderSampleTranscriptFiles, sampleTranscriptBatch, sampleTranscriptEntries } from '../../src/documents/perf-sample.js';
import { renderTranscripts } from '../../src/documents/transcript/rln.js';
import { ZipStream } from '../../src/documents/zip.js';

/** 200 one-page files, each added to a streamed zip (PDFs stored: pdfkit deflated them) as a job does. */
async function filesIntoZip(entries: ReturnType<typeof sampleTranscriptEntries>): Promise<number> {
  const zip = new ZipStream(() => undefined, { mtime: '2023-06-06T11:18' });
  const params = sampleTranscriptBatch([]);
  for await (const f of createBatch().renderMany(entries, (e) => ({ name: `RLN_${e.candidate.numeroCandidat}.pdf`, data: renderTranscripts({ ...params, transcripts: [e] }) }))) {
    await zip.add(f.name, f.data);
  }
  await zip.finish();
  return zip.bytes;
}

async function measure(label: string, units: number, unitName: string, f: () => unknown): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${label}: ${(units / (wall / 1000)).toFixed(0)} ${unitName}/s wall (${wall.toFixed(0)} ms), ${(units / (cpuMs / 1000)).toFixed(0)} ${unitName}/s CPU (${cpuMs.toFixed(0)} ms)`);
}

const rounds = Number(process.argv[2] ?? 3);
const pagesEntries = sampleTranscriptEntries(500);
const filesEntries = sampleTranscriptEntries(200);
renderSampleTranscriptFile(20); // warm-up: fonts, JIT
await renderSampleTranscriptFiles(20);
for (let r = 0; r < rounds; r++) {
  await measure('500 RLN pages in one file', 500, 'pages', () => renderSampleTranscriptFile(500, pagesEntries));
  await measure('200 one-page RLN files', 200, 'files', () => renderSampleTranscriptFiles(200, filesEntries));
  await measure('200 one-page RLN files into a zip', 200, 'files', () => filesIntoZip(filesEntries));
}
