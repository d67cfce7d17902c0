// French labels of journal actions (the codes are written by the use cases).
export const JOURNAL_ACTION_LABELS: Readonly<Record<string, string>> = {
  JURY_TRANSITION: "Changement d'état du jury",
  JURY_ETAT_EXCEPTIONNEL: "Changement d'état exceptionnel (Gérer l'avancement des jurys)",
  JURY_ETAT: "Changement d'état du jury",
  JURY_ACCES_SECOURS: "Accès de secours du jury",
  IMPORT_SESSION: 'Import de la session',
  IMPORT_JURY: 'Données du jury importées (état de référence du journal)',
  CORRECTION_ACADEMIE: "Correction de l'académie (import avec corrections, jury en délibération)",
  NOTE_MODIFIEE: 'Note modifiée en délibération',
  NOTE_HORS_LIGNE_ABANDONNEE: 'Modification hors ligne abandonnée (conflit résolu)',
  IDENTITE_CONSULTEE: "Identité d'un candidat consultée",
  NOTE_CONTROLE_SAISIE: 'Note du 2nd groupe saisie',
  CHOIX_CONTROLE_SAISI: 'Choix des épreuves du 2nd groupe saisis',
  NOTE_CONTROLE_PREMIERE_SAISIE: 'Note du 2nd groupe : première saisie (double saisie)',
  NOTE_CONTROLE_SECONDE_SAISIE: 'Note du 2nd groupe : seconde saisie (double saisie)',
  NOTE_CONTROLE_DOUBLE_SAISIE_CONCORDANTE: 'Note du 2nd groupe prise en compte : les deux saisies concordent',
  NOTE_CONTROLE_DISCORDANCE_RESOLUE: 'Note du 2nd groupe : discordance de double saisie arbitrée',
  NOTE_CONTROLE_MISE_EN_DOUBLE_SAISIE: 'Note du 2nd groupe devenue première saisie (double saisie activée)',
  DOUBLE_SAISIE_CONTROLE: "Double saisie d'une épreuve du 2nd groupe activée ou désactivée",
  DATES_CONTROLE_SAISIES: "Date, heure et salle d'une épreuve du 2nd groupe saisies",
  PLAN_SECOURS: 'Plan de secours généré',
  CODES_VERIFICATION_EMIS: 'Codes de vérification émis (relevés de notes, PVI)',
  CORRECTION_APRES_PV: 'Note corrigée après le PV ou les listes de résultats',
  PV_VERSION_EDITEE: 'Nouvelle version du PV de tenue éditée',
  UTILISATEUR_CREE: 'Compte créé',
  UTILISATEUR_MODIFIE: 'Compte modifié',
  MOT_DE_PASSE_REINITIALISE: 'Mot de passe réinitialisé (à usage unique)',
  MOT_DE_PASSE_CHANGE: 'Mot de passe changé par son titulaire',
  COMPTES_PROVISIONNES: "Comptes d'un établissement créés ou renouvelés (fiches d'accès)",
  COMPTES_JURYS_DESACTIVES: 'Fin de session : comptes des jurys désactivés',
  IDENTITE_AGENT_MODIFIEE: "Identité d'agent (connexion agent) associée ou retirée",
  CONNEXION_AGENT: "Connexion agent (fournisseur d'identité)",
};

export function journalActionLabel(action: string): string {
  return JOURNAL_ACTION_LABELS[action] ?? action;
}
