// Sample workloads for the benchmark (`delib bench`): N relevés de notes (RLN) in one file, and N
// one-page RLN files. Deterministic synthetic candidates evaluated by the real engine; no timing here
// (the caller measures).

import { note } from '../domain/grades.js';
import { evaluate } from '../domain/rules/index.js';
import type { CandidateInput, Ruleset, UnitDef } from '../domain/types.js';
import { createBatch } from './batch.js';
import { transcriptResult, transcriptUnits } from './from-result.js';
import type { TranscriptBatchModel, TranscriptEntry } from './model.js';
import { renderTranscripts } from './transcript/rln.js';

const unit = (code: string, libelle: string, coef: number, o: Partial<UnitDef> = {}): UnitDef => ({
  code, libelle, coefCenti: coef * 100, domaine: 'professionnel', controle: false, facultative: false, ects: 20,
  leaves: [{ code, libelle, coefCenti: 100 }], ...o,
});

const RULESET: Ruleset = {
  units: [
    unit('U1', 'Culture générale et expression', 3, { domaine: 'general', controle: true, ects: 6 }),
    unit('U2', 'Langue vivante 1-Anglais', 2, {
      domaine: 'general', controle: true, ects: 6,
      leaves: [{ code: 'U2E', libelle: 'Langue vivante 1 : Écrite-Anglais', coefCenti: 100 }, { code: 'U2O', libelle: 'Langue vivante 1 : Orale-Anglais', coefCenti: 100 }],
    }),
    unit('U3', 'Gestion de la relation client', 5, { ects: 30 }),
    unit('U41', 'Étude de cas', 4, { ects: 24 }),
    unit('U42', 'Analyse situation commerciale', 2, { ects: 12 }),
    unit('U5', 'Environnement économique et juridique', 4, { ects: 42 }),
  ],
};

const NOMS = ['MARTIN', 'BERNARD', 'NGUYỄN', 'DUBOIS', 'LEFÈVRE', 'GARÇON', 'MÜLLER', 'OUÉDRAOGO', 'FERNÁNDEZ', 'ÇELIK'];
const PRENOMS = ['Léa', 'Hugo', 'Thị Minh', 'Chloé', 'Noé', 'Zoë', 'Maël', 'Inès', 'Jérôme', 'Anaïs'];

function grade(i: number, k: number): ReturnType<typeof note> {
  return note(600 + ((i * 37 + k * 211) % 1300));
}

/** n deterministic relevés (various decisions, some after the contrôle). */
export function sampleTranscriptEntries(n: number): TranscriptEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const input: CandidateInput = {
      grades: { U1: grade(i, 1), U2E: grade(i, 2), U2O: grade(i, 3), U3: grade(i, 4), U41: grade(i, 5), U42: grade(i, 6), U5: grade(i, 7) },
      controleChoices: i % 3 === 0 ? ['U1', 'U2'] : null,
      controleGrades: i % 3 === 0 ? { U1: grade(i, 8), U2: grade(i, 9) } : {},
    };
    const result = evaluate(RULESET, input);
    const nom = `${NOMS[i % NOMS.length]}${i >= NOMS.length ? ` ${Math.floor(i / NOMS.length)}` : ''}`;
    return {
      candidate: {
        numeroCandidat: String(2319250000 + i).padStart(11, '0'), numeroInscription: '001', nom, nomUsage: '',
        prenoms: PRENOMS[(i * 7) % PRENOMS.length]!, sexe: i % 2 ? 'F' : 'M', dateNaissance: '01/09/2002',
        lieuNaissance: 'BESANÇON (025)', ine: `2103406${String(i % 1000).padStart(3, '0')}AA`, formePassage: 'Globale',
        juryCode: String(31310 + (i % 4)), categorie: 'SCOLAIRE', adresse: [`${1 + (i % 90)} rue du Pré`, '25000 Besançon'],
        etablissementInscription: { uai: '0250001R', libelle: 'LP NELSON MANDELA', ville: 'AUDINCOURT CEDEX' },
      },
      specialite: 'Banque - conseiller de clientèle',
      units: transcriptUnits(RULESET, input, result),
      result: transcriptResult(result),
    };
  });
}

export function sampleTranscriptBatch(entries: readonly TranscriptEntry[]): TranscriptBatchModel {
  return {
    session: '2023-06', academie: 'ACADÉMIE DE BESANÇON', domaine: 'BREVET DE TECHNICIEN SUPÉRIEUR', editedAt: '2023-06-06T11:18',
    serviceExamen: { libelle: 'Rectorat de Besançon', adresse: ['1 rue des champs', '25000 BESANCON'], telephone: '', mail: 'ce.dec@ac-besancon.fr' },
    options: { etablissement: true, mail: true, telephone: false },
    signature: { lieu: 'Besançon', date: '06/06/2023' },
    transcripts: entries,
  };
}

/** Renders n RLN pages in ONE file; returns its size and page count. */
export function renderSampleTranscriptFile(n: number, entries = sampleTranscriptEntries(n)): { pages: number; bytes: number } {
  const pdf = renderTranscripts(sampleTranscriptBatch(entries));
  return { pages: entries.length, bytes: pdf.length };
}

/** Renders n one-page RLN files (one per candidate, as a job does, streaming); returns the totals. */
export async function renderSampleTranscriptFiles(n: number, entries = sampleTranscriptEntries(n)): Promise<{ files: number; bytes: number }> {
  const batch = createBatch();
  const params = sampleTranscriptBatch([]);
  for await (const file of batch.renderMany(entries, (e) => ({ name: `RLN_${e.candidate.numeroCandidat}.pdf`, data: renderTranscripts({ ...params, transcripts: [e] }) }))) {
    void file;
  }
  return { files: batch.stats.files, bytes: batch.stats.bytes };
}
