// Prints the SHA-256 of a rendered RLN and zip; run under various TZ by determinism.test.ts.
import { createHash } from 'node:crypto';
import { renderTranscripts } from '../../src/documents/transcript/rln.js';
import { zipFiles } from '../../src/documents/zip.js';
import * as F from './fixtures.js';

const pdf = renderTranscripts(F.transcriptBatch([F.entryFor(F.AZBTSUN, F.GOLDEN_INPUT_2)]));
const zip = zipFiles([{ name: 'rln.pdf', data: pdf }], { mtime: F.EDITED_AT });
process.stdout.write(createHash('sha256').update(pdf).update(zip).digest('hex'));
