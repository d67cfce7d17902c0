// What the import tells the académie, in French: the lines of the "Bilan de l'import" (screen and
// command line), and the refusal's per-file counts.
import type { ImportCounts } from './context.js';
import type { ImportRefusal } from './import-session.js';

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
  ['jurysEnDeliberation', 'Jurys en délibération (état 110 ou plus) : données comparées, non remplacées'],
  ['corrections', 'Corrections de l’académie appliquées (une entrée de journal chacune)'],
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

/** The headline of a refusal for deliberating juries (screen and command line). */
export function protectedRefusalMessage(r: ImportRefusal): string {
  const juries = new Set(r.changes.map((c) => c.jury)).size;
  const refused = r.changes.filter((c) => c.refus !== null).length;
  if (r.corrections) {
    return `Corrections refusées : ${refused} des ${r.changeCount} différence(s) avec des jurys en délibération ne peuvent pas être appliquées par import (voir la colonne « Refus »). Rien n'a été enregistré.`;
  }
  return `L'import est refusé : il modifierait ${r.changeCount} donnée(s) de ${juries} jury(s) dont la délibération est ouverte (état 110 ou plus). Rien n'a été enregistré. `
    + 'Pour appliquer ces différences comme corrections de l\'académie (chacune journalisée), relancez l\'import en demandant les corrections, avec un motif. '
    + 'Un import ne change jamais l\'état d\'un jury.';
}
