// The whole navigation of Délib in one place. The DÉLIBÉRATION tree is exactly the memo's menu
// (sections and entries, in order, with the memo's labels). To open an activity once it is built:
// set `enabled: true` and register its screen in `screens.tsx` (an enabled entry without a screen shows
// a neutral "en préparation" page, never a broken link).
import type { Role } from './api/types.js';
import { groupRoute } from './layout/groupRoutes.js';

export type MenuGroupId = 'deliberation' | 'academie' | 'centre_epreuve' | 'jury' | 'suivi';

export interface MenuEntry {
  /** stable identifier (screens registry, tests) */
  readonly id: string;
  /** the memo's label */
  readonly label: string;
  /** the section (sub-heading) it belongs to */
  readonly section: string;
  readonly group: MenuGroupId;
  readonly route: string;
  /** false: shown greyed (not a link) with `availability` as its description */
  readonly enabled: boolean;
  /** what the activity is for (one sentence, French) */
  readonly purpose: string;
  /** why it is not available yet (shown when disabled) */
  readonly availability?: string;
  /** who sees the entry (the server enforces the same rules) */
  readonly roles: readonly Role[];
}

export interface MenuGroup {
  readonly id: MenuGroupId;
  readonly label: string;
  readonly roles: readonly Role[];
}

export const MENU_GROUPS: readonly MenuGroup[] = [
  { id: 'deliberation', label: 'DÉLIBÉRATION', roles: ['centre', 'academie'] },
  { id: 'academie', label: 'ACADÉMIE', roles: ['academie'] },
  { id: 'centre_epreuve', label: "CENTRE D'ÉPREUVE", roles: ['centre_epreuve'] },
  { id: 'jury', label: 'JURY', roles: ['jury'] },
  { id: 'suivi', label: 'SUIVI', roles: ['academie', 'centre', 'jury'] },
];

const DELIB: readonly Role[] = ['centre', 'academie'];

const S = {
  livrets: 'Préparation des livrets scolaires pour le jury',
  avant1: 'Avant la délibération du 1er groupe',
  apres1: 'Après la délibération du 1er groupe',
  orga2: 'Organisation du 2nd groupe',
  avant2: 'Avant la délibération du 2nd groupe',
  apres2: 'Après la délibération du 2nd groupe',
  general: 'Général',
} as const;

type EntryInput = Omit<MenuEntry, 'group' | 'roles'> & { roles?: readonly Role[] };
const delib = (e: EntryInput): MenuEntry => ({ roles: DELIB, ...e, group: 'deliberation' });

export const MENU: readonly MenuEntry[] = [
  delib({ id: 'liste-eleves-livret', section: S.livrets, label: 'Editer la liste des élèves avec livret scolaire',
    route: '/deliberation/livrets/liste-eleves', enabled: true,
    purpose: "Liste des élèves avec leur statut de livret scolaire, par établissement d'inscription." }),
  delib({ id: 'liste-candidats-livret', section: S.livrets, label: 'Editer la liste des candidats avec livret scolaire',
    route: '/deliberation/livrets/liste-candidats', enabled: true,
    purpose: 'Contrôler les livrets scolaires papier à remettre aux jurys (jurys jusqu’à l’état 110).' }),

  delib({ id: 'plan-secours-1', section: S.avant1, label: 'Générer le plan de secours par jury',
    route: '/deliberation/avant-1er-groupe/plan-de-secours', enabled: true,
    purpose: 'Un fichier .zip par jury : PV individuels, statistiques et papillon d’accès de secours.' }),
  delib({ id: 'listes-candidats', section: S.avant1, label: 'Editer les listes de candidats',
    route: '/deliberation/avant-1er-groupe/listes-candidats', enabled: true,
    purpose: 'Liste anonyme, de correspondance, mesures pour handicap, triée par décision (jurys à l’état 110).' }),
  delib({ id: 'statistiques', section: S.avant1, label: 'Editer les statistiques avant délibération',
    route: '/deliberation/avant-1er-groupe/statistiques', enabled: true,
    purpose: 'Statistiques par décision ou par épreuve, pour le jury et la spécialité (jurys à l’état 110).' }),

  delib({ id: 'resultats-1-centre-delib', section: S.apres1,
    label: 'Editer les listes de résultats du 1er groupe du centre de délibération',
    route: '/deliberation/apres-1er-groupe/listes-resultats', enabled: true,
    purpose: 'Listes d’affichage des admis, des admis aux épreuves de contrôle et des non admis (dès 130).' }),
  delib({ id: 'pv-tenue-1', section: S.apres1, label: 'Editer les Procès Verbaux de tenue de délibération du 1er groupe',
    route: '/deliberation/apres-1er-groupe/pv-tenue', enabled: true,
    purpose: 'PV de tenue à faire signer par le président ou le vice-président du jury (dès 130).' }),
  delib({ id: 'terminer-1er-groupe', section: S.apres1, label: 'Terminer le 1er groupe',
    route: '/deliberation/apres-1er-groupe/terminer-1er-groupe', enabled: true,
    purpose: 'Passer les jurys de l’état 130 à l’état 140 « 1er groupe terminé en centre ».' }),
  delib({ id: 'resultats-1-centre-epreuve', section: S.apres1,
    label: "Editer les listes de résultats du 1er groupe du centre d'épreuve",
    route: '/deliberation/apres-1er-groupe/listes-resultats-centre-epreuve', enabled: true,
    purpose: 'Listes de résultats du 1er groupe regroupées par centre d’épreuve (dès 130).' }),

  delib({ id: 'rln-admissibles', section: S.orga2, label: 'Editer le relevé de notes des candidats admissibles',
    route: '/deliberation/organisation-2nd-groupe/rln', enabled: true,
    purpose: 'Relevés de notes des candidats admis aux épreuves de contrôle, pour leur choix (dès 140).' }),
  delib({ id: 'choix-2nd-groupe', section: S.orga2, label: 'Saisir les choix et dates des épreuves du 2nd groupe',
    route: '/deliberation/organisation-2nd-groupe/choix', enabled: true,
    purpose: 'Saisie des deux disciplines choisies par chaque candidat du 2nd groupe et des dates de leurs épreuves (jurys 198 à 200).' }),
  delib({ id: 'convocations-2nd-groupe', section: S.orga2, label: 'Convocations 2nd groupe',
    route: '/deliberation/organisation-2nd-groupe/convocations', enabled: true,
    purpose: 'Une convocation par candidat : les deux épreuves, date, heure et lieu (état 200).' }),

  delib({ id: 'bordereaux-2nd-groupe', section: S.avant2,
    label: 'Editer les bordereaux de notation épreuves du 2nd groupe',
    route: '/deliberation/avant-2nd-groupe/bordereaux', enabled: true,
    purpose: 'Bordereaux par épreuve et centre, avec la colonne des notes à saisir (état 200).' }),
  delib({ id: 'notes-2nd-groupe', section: S.avant2, label: 'Saisir les notes des épreuves du 2nd groupe',
    route: '/deliberation/avant-2nd-groupe/notes', enabled: true,
    purpose: 'Saisie au clavier des notes des épreuves de contrôle, ABS accepté (état 200).' }),
  delib({ id: 'notes-manquantes', section: S.avant2, label: 'Contrôler les notes manquantes',
    route: '/deliberation/avant-2nd-groupe/notes-manquantes', enabled: true,
    purpose: 'Liste des notes manquantes du 2nd groupe, ou « Pas de notes manquantes. » (état 200).' }),
  delib({ id: 'plan-secours-2', section: S.avant2, label: 'Générer le plan de secours',
    route: '/deliberation/avant-2nd-groupe/plan-de-secours', enabled: true,
    purpose: 'PV individuels des candidats du 2nd groupe et papillons d’accès (états 200 à 210).' }),
  delib({ id: 'ouvrir-2nd-groupe', section: S.avant2, label: 'Ouvrir la délibération du 2nd groupe',
    route: '/deliberation/avant-2nd-groupe/ouvrir-deliberation-2nd-groupe', enabled: true,
    purpose: 'Passer les jurys de l’état 200 à l’état 210 « Délibération du 2nd groupe ».' }),

  delib({ id: 'resultats-2-centre-delib', section: S.apres2,
    label: 'Editer les listes de résultats du 2nd groupe du jury - centre de délibération',
    route: '/deliberation/apres-2nd-groupe/listes-resultats', enabled: true,
    purpose: 'Listes d’affichage des admis et des non admis du 2nd groupe (dès 211).' }),
  delib({ id: 'pv-tenue-2', section: S.apres2, label: 'Editer les Procès Verbaux de tenue de délibération du 2nd groupe',
    route: '/deliberation/apres-2nd-groupe/pv-tenue', enabled: true,
    purpose: 'PV de tenue de la délibération de l’épreuve de contrôle, à faire signer (dès 211).' }),
  delib({ id: 'terminer-2nd-groupe', section: S.apres2, label: 'Terminer le 2nd groupe',
    route: '/deliberation/apres-2nd-groupe/terminer-2nd-groupe', enabled: true,
    purpose: 'Passer les jurys de l’état 211 à l’état 214 « 2nd groupe terminé en centre ».' }),
  delib({ id: 'resultats-2-centre-epreuve', section: S.apres2,
    label: "Editer les listes de résultats du 2nd groupe du jury - centre d'épreuve",
    route: '/deliberation/apres-2nd-groupe/listes-resultats-centre-epreuve', enabled: true,
    purpose: 'Listes de résultats du 2nd groupe regroupées par centre d’épreuve (dès 211).' }),

  delib({ id: 'gerer-avancement', section: S.general, label: "Gérer l'avancement des jurys",
    route: '/deliberation/general/gerer-avancement-jurys', enabled: true,
    purpose: 'Changer exceptionnellement l’état d’un jury, avec un motif obligatoire et journalisé.' }),
  delib({ id: 'fraudeurs-liste-rouge', section: S.general,
    label: 'Editer la liste des candidats présumés fraudeurs ou inscrits en liste rouge',
    route: '/deliberation/general/fraudeurs-liste-rouge', enabled: true,
    purpose: 'Candidats absents des listes d’affichage : présumés fraudeurs et liste rouge.' }),

  ...academieEntries(),
  ...centreEpreuveEntries(),
  ...juryEntries(),
  { id: 'journal', group: 'suivi', section: 'Suivi', label: 'Journal', route: '/journal', enabled: true,
    roles: ['academie', 'centre', 'jury'], purpose: 'Historique des actions : qui, quand, avant, après, motif.' },
  { id: 'proches-seuil', group: 'suivi', section: 'Suivi', label: "Candidats proches d'un seuil", route: '/suivi/proches-seuil', enabled: true,
    roles: ['academie', 'centre'], purpose: 'Pour un jury, en lecture : les candidats proches de 10 ou de 8 et la note qui suffit seule.' },
  { id: 'graphiques', group: 'suivi', section: 'Suivi', label: "Graphiques d'un jury", route: '/suivi/graphiques', enabled: true,
    roles: ['academie', 'centre'], purpose: 'Moyennes d’un jury face à sa spécialité, dispersion par unité, décisions : graphiques et tableaux.' },
  { id: 'harmonisation', group: 'suivi', section: 'Suivi', label: 'Harmonisation des jurys', route: '/suivi/harmonisation', enabled: true,
    roles: ['academie', 'centre'], purpose: 'Par spécialité : taux d’admission et moyenne de chaque jury face à la spécialité, jurys éloignés signalés.' },
];

function academieEntries(): MenuEntry[] {
  const a = (e: Omit<MenuEntry, 'group' | 'roles' | 'section'>): MenuEntry =>
    ({ ...e, group: 'academie', section: 'Académie', roles: ['academie'] });
  return [
    a({ id: 'importer-session', label: 'Importer une session', route: '/academie/importer-session', enabled: true,
      purpose: 'Charger le dossier de la session (fichier .zip des CSV) : tout ou rien.' }),
    a({ id: 'ouvrir-deliberations', label: 'Ouvrir les délibérations', route: '/academie/ouvrir-deliberations',
      enabled: true, purpose: 'Ouvrir la modification des notes (105) ou la délibération du 1er groupe (110).' }),
    a({ id: 'verrouillages', label: 'Verrouillages', route: '/academie/verrouillages', enabled: true,
      purpose: 'Verrouiller les groupes (198, 218) et ouvrir le recueil des notes du 2nd groupe (200).' }),
    a({ id: 'acces-secours', label: 'Accès de secours des jurys', route: '/academie/acces-secours', enabled: true,
      purpose: 'Activer ou désactiver l’accès de secours (papillon) de chaque jury.' }),
    a({ id: 'utilisateurs', label: 'Utilisateurs', route: '/academie/utilisateurs', enabled: true,
      purpose: 'Comptes des centres, jurys et centres d’épreuve : création, modification, mot de passe, désactivation.' }),
    a({ id: 'consulter-jury', label: 'Consulter un jury', route: '/academie/consulter-jury', enabled: true,
      purpose: 'Candidats d’un jury et leurs procès-verbaux individuels, en lecture seule.' }),
  ];
}

function juryEntries(): MenuEntry[] {
  const j = (e: Omit<MenuEntry, 'group' | 'roles' | 'section' | 'enabled'>): MenuEntry =>
    ({ ...e, group: 'jury', section: 'Jury', roles: ['jury'], enabled: true });
  return [
    j({ id: 'portail-jury', label: 'Portail du jury', route: '/jury',
      purpose: 'Candidats du jury par n° d’anonymat, procès-verbaux individuels, modification des notes et clôture de la délibération.' }),
    j({ id: 'statistiques-jury', label: 'Statistiques du jury', route: '/jury/statistiques',
      purpose: 'Par décision (nombres et %) et par épreuve, recalculées à chaque modification de note.' }),
    j({ id: 'second-groupe-jury', label: 'Délibération du 2nd groupe', route: '/jury/2nd-groupe',
      purpose: 'Candidats aux épreuves de contrôle : choix, notes initiale, de contrôle et retenue, moyenne et décision.' }),
    j({ id: 'proches-seuil-jury', label: "Candidats proches d'un seuil", route: '/jury/proches-seuil',
      purpose: 'Candidats à moins d’une marge (0,50 par défaut) de 10 ou de 8, et la plus petite note qui change seule la décision.' }),
    j({ id: 'graphiques-jury', label: 'Graphiques du jury', route: '/jury/graphiques',
      purpose: 'Moyennes du jury face à sa spécialité (seuils 8 et 10), dispersion par unité, décisions : graphiques et tableaux.' }),
    j({ id: 'qui-delibere', label: 'Qui délibère ?', route: '/jury/qui-delibere',
      purpose: 'Le président ou le vice-président du jury : son nom signe chaque modification.' }),
  ];
}

function centreEpreuveEntries(): MenuEntry[] {
  const c = (e: Omit<MenuEntry, 'group' | 'roles' | 'section' | 'enabled'> & { enabled?: boolean }): MenuEntry =>
    ({ enabled: false, ...e, group: 'centre_epreuve', section: "Centre d'épreuve", roles: ['centre_epreuve'] });
  return [
    c({ id: 'ce-resultats-1', label: "Editer les listes de résultats du 1er groupe du centre d'épreuve",
      route: '/centre-epreuve/listes-resultats-1er-groupe', enabled: true,
      purpose: 'Listes de résultats du 1er groupe des candidats du centre d’épreuve (dès 130).' }),
    c({ id: 'ce-dates-2nd-groupe', label: 'Saisir les dates des épreuves du 2nd groupe',
      route: '/centre-epreuve/dates-2nd-groupe', enabled: true,
      purpose: 'Dates, heures et lieux des épreuves de contrôle organisées dans le centre.' }),
    c({ id: 'ce-notes-2nd-groupe', label: 'Saisir les notes des épreuves du 2nd groupe',
      route: '/centre-epreuve/notes-2nd-groupe', enabled: true,
      purpose: 'Saisie des notes des épreuves de contrôle passées dans le centre (état 200).' }),
    c({ id: 'ce-resultats-2', label: "Editer les listes de résultats du 2nd groupe du jury - centre d'épreuve",
      route: '/centre-epreuve/listes-resultats-2nd-groupe', enabled: true,
      purpose: 'Listes de résultats du 2nd groupe des candidats du centre d’épreuve (dès 211).' }),
  ];
}

export function entryById(id: string): MenuEntry {
  const e = MENU.find((m) => m.id === id);
  if (!e) throw new Error(`Unknown menu entry ${id}`);
  return e;
}

export function groupOf(id: MenuGroupId): MenuGroup {
  const g = MENU_GROUPS.find((x) => x.id === id);
  if (!g) throw new Error(`Unknown menu group ${id}`);
  return g;
}

/** Groups visible to a role, each with its sections and entries in menu order. */
export function menuFor(role: Role): { group: MenuGroup; sections: { label: string; entries: MenuEntry[] }[] }[] {
  return MENU_GROUPS.filter((g) => g.roles.includes(role)).map((group) => {
    const entries = MENU.filter((e) => e.group === group.id && e.roles.includes(role));
    const sections: { label: string; entries: MenuEntry[] }[] = [];
    for (const e of entries) {
      const s = sections.find((x) => x.label === e.section) ?? { label: e.section, entries: [] };
      if (!sections.includes(s)) sections.push(s);
      s.entries.push(e);
    }
    return { group, sections };
  }).filter((g) => g.sections.length > 0);
}

/** The page title of an activity, as the memo prints it: "Délibération - <section> - <label>". */
export function pageTitleOf(e: MenuEntry): string {
  if (e.group === 'deliberation') return `Délibération - ${e.section} - ${e.label}`;
  if (e.group === 'academie') return `Académie - ${e.label}`;
  if (e.group === 'centre_epreuve') return `Centre d'épreuve - ${e.label}`;
  return e.label;
}

/** Pages open without an account. */
export const PUBLIC_PAGES: readonly { route: string; label: string }[] = [
  { route: '/connexion', label: 'Connexion' },
  { route: '/secours', label: 'Portail jury de secours' },
  { route: '/accessibilite', label: "Déclaration d'accessibilité" },
];

/**
 * Every page a role reaches from its menu: the home page, its groups' landing pages and its enabled
 * activities (the jury's PVI, one per candidate, is reached from the portal). The accessibility
 * statement lists them and the browser suite checks each (tests/e2e/accessibility.e2e.test.ts).
 */
export function pagesOf(role: Role): { route: string; label: string }[] {
  const groups = MENU_GROUPS.filter((g) => g.roles.includes(role) && groupRoute(g.id))
    .map((g) => ({ route: groupRoute(g.id)!, label: g.label }));
  const entries = MENU.filter((e) => e.enabled && e.roles.includes(role)).map((e) => ({ route: e.route, label: pageTitleOf(e) }));
  return [{ route: '/', label: 'Accueil' }, ...groups, ...entries];
}
