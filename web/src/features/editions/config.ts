// The edition screens of the DÉLIBÉRATION menu (memo §2–§7), by menu entry: which edition(s), which
// group, how juries are chosen, which options and buttons. One component renders them all.
import type { EditionKind } from './api.js';

export interface KindChoice {
  readonly kind: EditionKind;
  /** the memo's label in "► Choix de la liste à éditer" */
  readonly label: string;
  /** for the centre d'épreuve lists: which list of resultats-centre-epreuve */
  readonly list?: 'admis' | 'controle' | 'non-admis';
}

export interface EditionScreenConfig {
  /** the menu entry (also the key of the memorised parameters) */
  readonly id: string;
  readonly group: 1 | 2;
  /** one or several editions (radio "Choix de la liste à éditer") */
  readonly choices: readonly KindChoice[];
  readonly defaultTitle: string;
  /** "► Pour quel(s) jury(s) voulez-vous éditer la liste ?" or "► Jury à éditer" (one jury) */
  readonly juryQuestion: string;
  readonly singleJury?: boolean;
  readonly options?: 'pv' | 'rln';
  /** livrets: the "élèves" list */
  readonly eleves?: boolean;
  /** "► Paramètres d'édition": one PDF, or one PDF per document in a zip (labels of the two choices) */
  readonly zipChoice?: { readonly pdf: string; readonly zip: string };
  /** a notice under the title (PV) */
  readonly notice?: string;
  /** background job: "Générer" / "Visualiser" then "Afficher le compte-rendu" */
  readonly job?: { readonly button: string; readonly confirm?: string; readonly compteRenduTitle: string; readonly listLabel: string };
}

const JURIES = '► Pour quel(s) jury(s) voulez-vous éditer la liste ?';
const PV_NOTICE = "Le PV de tenue de délibération doit être imprimé par vos soins et signé par l'intervenant (président ou vice-président) qui a modifié les notes en délibération.";

const planSecours = (id: string, group: 1 | 2): EditionScreenConfig => ({
  id, group, choices: [{ kind: 'plan-secours', label: 'Plan de secours' }], defaultTitle: group === 1 ? 'Plan de secours' : 'Plan de secours 2nd groupe',
  juryQuestion: '► Pour quel(s) jury(s) voulez-vous générer le plan de secours ?',
  job: {
    button: 'Générer',
    confirm: group === 1
      ? 'Un traitement va produire, pour chaque jury sélectionné, un fichier .zip contenant les procès-verbaux individuels, les statistiques avant délibération et le papillon d’accès de secours (avec un NOUVEAU mot de passe : celui des plans précédents ne fonctionnera plus).'
      : 'Un traitement va produire, pour chaque jury sélectionné, un fichier .zip contenant les procès-verbaux individuels des candidats du 2nd groupe et le papillon d’accès de secours (avec un NOUVEAU mot de passe).',
    compteRenduTitle: 'Compte rendu des éditions de plan de secours',
    listLabel: 'Liste des éditions de plan de secours',
  },
});

const resultats = (id: string, group: 1 | 2, centreEpreuve: boolean): EditionScreenConfig => {
  const choices: KindChoice[] = centreEpreuve
    ? [
      { kind: 'resultats-centre-epreuve', list: 'admis', label: "Liste d'affichage des admis" },
      ...(group === 1 ? [{ kind: 'resultats-centre-epreuve' as const, list: 'controle' as const, label: 'Liste des candidats admis à se présenter aux épreuves du second groupe' }] : []),
      { kind: 'resultats-centre-epreuve', list: 'non-admis', label: 'Liste des non admis' },
    ]
    : [
      { kind: 'resultats-admis', label: "Liste d'affichage des admis" },
      ...(group === 1 ? [{ kind: 'resultats-controle' as const, label: 'Liste des candidats admis à se présenter aux épreuves du second groupe' }] : []),
      { kind: 'resultats-non-admis', label: 'Liste des non admis' },
    ];
  return { id, group, choices, defaultTitle: `Listes de résultats du ${group === 1 ? '1er' : '2nd'} groupe`, juryQuestion: JURIES };
};

const pv = (id: string, group: 1 | 2): EditionScreenConfig => ({
  id, group, choices: [{ kind: 'pv-tenue', label: 'PV de tenue de délibération' }], defaultTitle: `PV de tenue de délibération du ${group === 1 ? '1er' : '2nd'} groupe`,
  juryQuestion: '► Jury à éditer', singleJury: true, options: 'pv', notice: PV_NOTICE,
});

const simple = (id: string, group: 1 | 2, kind: EditionKind, label: string, extra: Partial<EditionScreenConfig> = {}): EditionScreenConfig => ({
  id, group, choices: [{ kind, label }], defaultTitle: label, juryQuestion: JURIES, ...extra,
});

export const EDITION_SCREEN_CONFIGS: readonly EditionScreenConfig[] = [
  simple('liste-eleves-livret', 1, 'livrets', 'Liste des élèves avec livret scolaire', { eleves: true }),
  simple('liste-candidats-livret', 1, 'livrets', 'Liste des candidats avec livret scolaire'),
  planSecours('plan-secours-1', 1),
  {
    id: 'listes-candidats', group: 1, defaultTitle: 'Listes de candidats', juryQuestion: JURIES,
    choices: [
      { kind: 'liste-anonyme', label: 'Liste anonyme des candidats du jury' },
      { kind: 'liste-correspondance', label: 'Liste de correspondance des candidats du Jury' },
      { kind: 'liste-handicap', label: 'Liste des candidats avec mesures pour handicap' },
      { kind: 'liste-triee', label: 'Liste des candidats triés par décision et moyenne descendantes' },
    ],
  },
  {
    id: 'statistiques', group: 1, defaultTitle: 'Statistiques avant délibération', juryQuestion: JURIES,
    choices: [
      { kind: 'stats-decision', label: 'Statistiques par décision' },
      { kind: 'stats-epreuve', label: 'Statistiques par épreuve' },
    ],
  },
  resultats('resultats-1-centre-delib', 1, false),
  pv('pv-tenue-1', 1),
  resultats('resultats-1-centre-epreuve', 1, true),
  {
    id: 'rln-admissibles', group: 1, choices: [{ kind: 'rln', label: 'Relevé de notes des candidats admissibles du centre de délibération' }],
    defaultTitle: 'Relevés de notes des candidats admissibles', juryQuestion: JURIES, options: 'rln',
    job: { button: 'Visualiser', compteRenduTitle: 'Compte rendu des éditions de relevés de notes', listLabel: 'Liste des éditions de relevés de notes' },
  },
  simple('convocations-2nd-groupe', 2, 'convocations', 'Convocations aux épreuves du 2nd groupe', {
    zipChoice: { pdf: 'Un seul fichier contenant toutes les convocations', zip: 'Un fichier par candidat (regroupés dans un fichier Zip)' },
  }),
  simple('bordereaux-2nd-groupe', 2, 'bordereaux', 'Bordereaux de notation des épreuves du 2nd groupe'),
  simple('notes-manquantes', 2, 'notes-manquantes', 'Contrôle des notes manquantes du 2nd groupe'),
  planSecours('plan-secours-2', 2),
  resultats('resultats-2-centre-delib', 2, false),
  pv('pv-tenue-2', 2),
  resultats('resultats-2-centre-epreuve', 2, true),
  simple('fraudeurs-liste-rouge', 1, 'fraudeurs-liste-rouge', 'Liste des candidats présumés fraudeurs et/ou en liste rouge'),
  resultats('ce-resultats-1', 1, true),
  resultats('ce-resultats-2', 2, true),
];

/** Job kinds of a screen in /api/jobs ("plan-secours", "plan-secours-2", "rln"). */
export function jobKindsOf(c: EditionScreenConfig): string[] {
  return c.choices.map((x) => (c.group === 2 && x.kind === 'plan-secours' ? 'plan-secours-2' : x.kind));
}
