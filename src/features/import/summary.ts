// What the import tells the académie, in French: the lines of the "Bilan de l'import" (screen and
// command line), and the refusal's per-file counts.
import type { ImportCounts } from './context.js';

export interface SummaryLine {
  readonly libelle: string;
  readonly nombre: number;
}

const LABELS: readonly (readonly [keyof ImportCounts, string])[] = [
  ['etablissements', 'Établissements'],
  ['specialites', 'Spécialités'],
  ['epreuves', 'Épreuves'],
  ['jurys', 'Jurys'],
  ['candidats', 'Candidats'],
  ['candidatsNouveaux', 'dont nouveaux candidats'],
  ['candidatsMisAJour', 'dont candidats déjà présents (mis à jour)'],
  ['notes', 'Notes du 1er groupe'],
  ['choixControle', 'Choix d’épreuves de contrôle'],
  ['notesControle', 'Notes des épreuves de contrôle'],
];

/** The bilan of an accepted import, one labelled count per line. */
export function summaryLines(counts: ImportCounts): SummaryLine[] {
  return LABELS.map(([key, libelle]) => ({ libelle, nombre: counts[key] }));
}

/** "notes.csv : 150 erreur(s) (100 affichées)" for the files whose errors were not all kept. */
export function truncatedFiles(errorsByFile: Readonly<Record<string, number>>, shown: readonly { file: string }[]): string[] {
  return Object.entries(errorsByFile).flatMap(([file, n]) => {
    const kept = shown.filter((e) => e.file === file).length;
    return n > kept ? [`${file} : ${n} erreur(s), les ${kept} premières affichées`] : [];
  });
}
