// French labels of journal actions (the codes are written by the use cases).
export const JOURNAL_ACTION_LABELS: Readonly<Record<string, string>> = {
  JURY_TRANSITION: "Changement d'état du jury",
  JURY_ETAT_EXCEPTIONNEL: "Changement d'état exceptionnel (Gérer l'avancement des jurys)",
  JURY_ETAT: "Changement d'état du jury",
  JURY_ACCES_SECOURS: "Accès de secours du jury",
  IMPORT_SESSION: 'Import de la session',
  NOTE_MODIFIEE: 'Note modifiée en délibération',
  NOTE_CONTROLE_SAISIE: 'Note du 2nd groupe saisie',
  CHOIX_CONTROLE_SAISI: 'Choix des épreuves du 2nd groupe saisis',
  PLAN_SECOURS: 'Plan de secours généré',
  UTILISATEUR_CREE: 'Compte créé',
  UTILISATEUR_MODIFIE: 'Compte modifié',
};

export function journalActionLabel(action: string): string {
  return JOURNAL_ACTION_LABELS[action] ?? action;
}
