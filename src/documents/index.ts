// Délib documents: pure renders of a snapshot (view model, ./model.ts) to bytes. No database, no
// clock, no randomness: identical input ⇒ identical bytes.

export type * from './model.js';

// PDF renderers
export { renderLivretsList, renderCandidateList, candidateListColumns, candidateListRows, compareByDecisionAndAverage } from './lists/candidate-lists.js';
export { renderStatsByDecision, renderStatsByEpreuve, statsDecisionRows, epreuveStats } from './lists/stats.js';
export { renderResultList, assertDisplayable, RESULT_LIST_TITLES } from './lists/results.js';
export { renderPvTenue, renderPvTenueParts, pvTenueParts, type PvPart, type PvPartKey } from './lists/pv-tenue.js';
export { renderFlaggedList } from './lists/flagged.js';
export { renderTranscripts, renderTranscriptsByJury, TranscriptFile } from './transcript/rln.js';
export { renderPvi } from './transcript/pvi.js';
export { renderPapillons } from './second-group/papillon.js';
export { renderConvocations } from './second-group/convocation.js';
export { renderBordereaux } from './second-group/bordereau.js';
export { renderMissingGrades } from './second-group/missing-grades.js';

// view-model builders from the engine's result
export { transcriptUnits, transcriptResult } from './from-result.js';

// CSV, zip, names, batches, compte-rendu
export * from './csv.js';
export { zipFiles, ZipStream, verifyZip, manifestText, sha256Hex, MANIFEST_NAME, type ZipEntry, type ZipOptions, type VerifyResult } from './zip.js';
export { juryZipName, safeFileName, transliterate } from './naming.js';
export { createBatch, streamTranscripts, type Batch, type RenderedFile } from './batch.js';
export { compteRenduText, formatDuration, formatSize, type CompteRenduInput } from './compte-rendu.js';
export { warmUpFonts } from './pdf/fonts.js';
export { formatDateTimeFr, formatLongDateFr } from './pdf/datetime.js';
export { etablissementLabel, percentage } from './format.js';
