// Shapes of the JSON API (/api). Mirrors the server contract; the server stays the authority.

export type Role = 'academie' | 'centre' | 'jury' | 'centre_epreuve';

export interface User {
  login: string;
  name: string;
  role: Role;
  scope: string;
  scopeLabel: string;
  /** jury accounts: the member who deliberates (his name signs every change) */
  actingMember?: { member: 'president' | 'vice_president'; name: string } | null;
  /** logged in with a one-time password: the account chooses its own before anything else */
  mustChangePassword?: boolean;
}

export interface MeResponse {
  user: User | null;
  csrfToken: string;
}

export interface SessionContext {
  domaine: string;
  session: string;
  academieCode: string;
  academieLibelle: string;
  periode: string;
  etablissement?: { uai: string; libelle: string; ville: string } | null;
}

export interface Transition {
  action: string;
  label: string;
  to: string;
  toLibelle: string;
}

export interface JuryItem {
  code: string;
  specialiteCode: string;
  specialiteLibelle: string;
  centreUai: string;
  centreLibelle: string;
  debutDeliberation: string | null;
  finDeliberation: string | null;
  etat: string;
  etatLibelle: string;
  emergencyEnabled: boolean;
  actions: {
    transitions: Transition[];
    exceptionalTargets: { etat: string; libelle: string }[];
    canToggleEmergency: boolean;
  };
}

/** One page of juries, sorted and filtered by the server. */
export interface JuryList {
  items: JuryItem[];
  total: number;
  page: number;
  pageSize: number;
  specialites: { code: string; libelle: string }[];
}

export type JurySort = 'code' | 'specialite' | 'centre' | 'etat' | 'debut';

export interface JuryCriteria {
  etat?: string;
  etatOp?: 'egal' | 'different';
  code?: string;
  specialite?: string;
}

export interface JuryPageQuery extends JuryCriteria {
  page?: number;
  pageSize?: number;
  sort?: JurySort;
  order?: 'asc' | 'desc';
}

export interface StateSummary {
  etat: string;
  libelle: string;
  count: number;
  bulk?: { action: string; label: string; allowed: boolean } | null;
}

export interface SummaryResponse {
  states: StateSummary[];
}

export interface BulkResult {
  done: string[];
  refused: { code: string; message: string }[];
}

export interface JournalEntry {
  id: number;
  seq: number;
  at: string;
  /** "06/06/2023 13:54:25" in the page's time zone (JournalPage.timeZone) */
  atText: string;
  actorName: string;
  actorRole: string;
  action: string;
  actionLabel: string;
  juryCode: string | null;
  subject: string | null;
  /** the object for people: candidate, jury, épreuve label */
  subjectText: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface JournalPage {
  items: JournalEntry[];
  total: number;
  pageSize?: number;
  /** "heure de Paris": every time on the page */
  timeZone: string;
}

export interface ImportError {
  file: string;
  line: number | null;
  message: string;
}

export interface ManagedUser {
  login: string;
  name: string;
  role: Role;
  scope: string;
  scopeLabel?: string;
  active: boolean;
  /** still on a one-time password */
  temporaryCredential?: boolean;
  provisionedAt?: string | null;
  /** the agent identity (connexion agent) the account answers to */
  sso?: AgentIdentity | null;
  /** an agent account without a password: it logs in through the identity federation only */
  ssoOnly?: boolean;
}

export interface AgentIdentity {
  claim: 'email' | 'sub';
  value: string;
}
