// Producer of the relevés de notes of the admissible candidates (memo §5.1): one PDF with every
// relevé (written as it goes), or one PDF per jury in a zip with its SHA-256 manifest.
import { streamTranscripts } from '../../documents/batch.js';
import { renderTranscriptsByJury } from '../../documents/transcript/rln.js';
import { zipFiles } from '../../documents/zip.js';
import { AppError } from '../../errors/app-error.js';
import { checkAborted, editionFile, type EditionSink } from './output.js';
import type { EditionRequest } from './schemas.js';
import type { EditionContext } from './snapshot/context.js';
import { loadRlnBatch } from './snapshot/transcripts.js';
import { withVerificationCodes } from '../verification/attach.js';

export const RLN_OPTIONS_REQUIRED = 'Le lieu et la date de signature du relevé de notes sont obligatoires.';
export const NO_TRANSCRIPT = "Aucun relevé de notes à éditer : aucun candidat admissible ne correspond aux critères de sélection.";

/** `publicBase`: Délib's public address, where the relevés' verification codes are checked. */
export async function produceRln(ctx: EditionContext, req: EditionRequest, sink: EditionSink, publicBase: string): Promise<void> {
  if (!req.rln) throw new AppError('VALIDATION', RLN_OPTIONS_REQUIRED);
  await sink.log(`Jurys : ${ctx.juries.map((j) => j.code).join(', ')}`);
  await sink.progress(10, 'Sélection des candidats');
  const loaded = await loadRlnBatch(ctx, req.rln);
  if (loaded.transcripts.length === 0) throw new AppError('GUARD_REFUSED', NO_TRANSCRIPT);
  await sink.log(`Candidats sélectionnés : ${loaded.transcripts.length}`);
  const batch = { ...loaded, transcripts: await withVerificationCodes(ctx, 'rln', 1, loaded.transcripts, publicBase) };
  await sink.log(`Codes de vérification émis : ${batch.transcripts.length}`);
  checkAborted(sink);
  await sink.progress(40, 'Edition des relevés de notes');
  if (req.format === 'zip') {
    const files = renderTranscriptsByJury(batch).map((f) => ({ name: f.name, data: f.data }));
    for (const f of files) await sink.log(`Edition des relevés de notes du jury : ${f.name}`);
    await sink.emit(editionFile(req.title, 'zip', zipFiles(files, { mtime: batch.editedAt })));
  } else {
    const chunks: Buffer[] = [];
    const { transcripts } = await streamTranscripts(batch, batch.transcripts, (c) => {
      chunks.push(c);
    });
    await sink.log(`Relevés de notes édités : ${transcripts}`);
    await sink.emit(editionFile(req.title, 'pdf', Buffer.concat(chunks)));
  }
  await sink.progress(100);
  await sink.log('Relevés de notes disponibles');
}
