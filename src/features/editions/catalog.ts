// The editions of the DÉLIBÉRATION menu (SPEC §5): what each one is called, which formats it has,
// whether it runs as a background job. Which jury states allow it comes from the domain
// (src/domain/activities.ts), never from here.
import { editionGroups, type EditionKind, type Group } from '../../domain/index.js';

export type EditionFormat = 'pdf' | 'csv' | 'zip';

export interface EditionInfo {
  /** the document's title (default *Titre édition* of the screen) */
  readonly label: string;
  readonly formats: readonly EditionFormat[];
  /** runs as a background job from the screens (compte-rendu, progress) */
  readonly job: boolean;
  /** may be produced without selecting juries (then: every jury of the scope) */
  readonly allJuriesByDefault?: boolean;
}

export const EDITIONS: Readonly<Record<EditionKind, EditionInfo>> = {
  livrets: { label: 'Liste des candidats pour la préparation des livrets scolaires', formats: ['pdf', 'csv'], job: false },
  'plan-secours': { label: 'Plan de secours', formats: ['zip'], job: true },
  'liste-anonyme': { label: 'Liste anonyme des candidats du jury', formats: ['pdf', 'csv'], job: false },
  'liste-correspondance': { label: 'Liste de correspondance des candidats du jury', formats: ['pdf', 'csv'], job: false },
  'liste-handicap': { label: 'Liste des candidats avec mesures pour handicap', formats: ['pdf', 'csv'], job: false },
  'liste-triee': { label: 'Liste des candidats triés par décision et moyenne descendantes', formats: ['pdf', 'csv'], job: false },
  'stats-decision': { label: 'Statistiques avant délibération par décision', formats: ['pdf', 'csv'], job: false },
  'stats-epreuve': { label: 'Statistiques avant délibération par épreuve', formats: ['pdf', 'csv'], job: false },
  'resultats-admis': { label: "Liste d'affichage des admis", formats: ['pdf', 'csv'], job: false },
  'resultats-controle': { label: 'Liste des candidats admis à se présenter aux épreuves du second groupe', formats: ['pdf', 'csv'], job: false },
  'resultats-non-admis': { label: 'Liste des non admis', formats: ['pdf', 'csv'], job: false },
  'resultats-centre-epreuve': { label: "Listes de résultats du centre d'épreuve", formats: ['pdf', 'csv'], job: false },
  'pv-tenue': { label: 'Procès-verbal de tenue de délibération', formats: ['pdf', 'zip', 'csv'], job: false },
  rln: { label: 'Relevés de notes des candidats admissibles', formats: ['pdf', 'zip'], job: true },
  convocations: { label: 'Convocations aux épreuves du 2nd groupe', formats: ['pdf', 'zip'], job: false },
  bordereaux: { label: 'Bordereaux de notation des épreuves du 2nd groupe', formats: ['pdf'], job: false },
  'notes-manquantes': { label: 'Contrôle des notes manquantes du second groupe', formats: ['pdf', 'csv'], job: false },
  'fraudeurs-liste-rouge': { label: 'Liste des candidats présumés fraudeurs et/ou en liste rouge', formats: ['pdf', 'csv'], job: false, allJuriesByDefault: true },
};

/** The default group of an edition: the first one it exists for. */
export function defaultGroup(kind: EditionKind): Group {
  return editionGroups(kind)[0] ?? 1;
}

/** The 3 lists of "Listes de résultats du centre d'épreuve". */
export const CENTRE_EPREUVE_LISTS = ['admis', 'controle', 'non-admis'] as const;
export type CentreEpreuveList = (typeof CENTRE_EPREUVE_LISTS)[number];

/** MIME type by format. */
export const MEDIA_TYPES: Readonly<Record<EditionFormat, string>> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

/** "Plan de secours" (group 1) / "Plan de secours du 2nd groupe" in job lists. */
export function jobKindOf(kind: EditionKind, group: Group): string {
  return group === 2 && editionGroups(kind).length > 1 ? `${kind}-2` : kind;
}
