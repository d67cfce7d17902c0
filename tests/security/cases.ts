// The route × role × scope matrix: every route of the application, each called by the seven callers
// (six accounts and an anonymous one), with the status each must get. Scope: "…A" resources belong
// to centre 0250001R (juries 31310/31311/31312), "…B" ones to centre 0390007W (jury 31408); the
// centre d'épreuve 0250013D hosts candidates of 31310, 31311 and 31312.
//   401 anonymous · 404 out of scope (the resource does not exist for the caller) · 403 in scope but
//   not allowed (role or jury state) · 2xx allowed · 422 allowed but refused by a guard.
import type { FastifyInstance } from 'fastify';
import type { Session } from '../server/helpers.js';
import type { Who, World } from './world.js';

export interface Case {
  /** the route pattern as Fastify knows it: "POST /api/juries/:code/transitions" */
  readonly route: string;
  readonly name: string;
  readonly url: (w: World) => string;
  readonly body?: (w: World) => unknown;
  readonly multipart?: boolean;
  readonly expect: Readonly<Record<Who, number>>;
  /**
   * What a successful call changes, for the matrix to undo it before the next caller: 'data' (default:
   * the database is restored), 'session' (only the caller's session: it logs in again), 'none'.
   */
  readonly effect?: 'data' | 'session' | 'none';
}

const WHO_ALL: readonly Who[] = ['academie', 'centre-0250001R', 'centre-0390007W', 'jury-31310', 'jury-31408', 'epreuve-0250013D', 'anonyme'];
export const all = (n: number, over: Partial<Record<Who, number>> = {}): Record<Who, number> =>
  ({ ...Object.fromEntries(WHO_ALL.map((w) => [w, n])), anonyme: 401, ...over }) as Record<Who, number>;

const edition = (juries: string[], extra: Record<string, unknown> = {}) => ({ juries, title: 'Titre', format: 'pdf', ...extra });

export const CASES: readonly Case[] = [
  // ---- auth ------------------------------------------------------------------------------------
  { route: 'POST /api/auth/login', name: 'wrong password', effect: 'none', url: () => '/api/auth/login', body: () => ({ login: 'academie', password: 'pas le bon mot de passe' }), expect: all(401) },
  { route: 'POST /api/auth/logout', name: 'logout', effect: 'session', url: () => '/api/auth/logout', expect: all(204, { anonyme: 204 }) },
  { route: 'GET /api/auth/me', name: 'me', url: () => '/api/auth/me', expect: all(200, { anonyme: 200 }) },
  { route: 'POST /api/auth/acting-member', name: 'acting member', effect: 'session', url: () => '/api/auth/acting-member', body: () => ({ member: 'vice_president' }), expect: all(403, { 'jury-31310': 200, 'jury-31408': 200 }) },
  { route: 'POST /api/auth/password', name: 'change own password, wrong current one', effect: 'none', url: () => '/api/auth/password', body: () => ({ current: 'pas le bon mot de passe', next: 'cheval-batterie-agrafe-correct' }), expect: all(400) },
  { route: 'POST /api/deliberation/emergency-login', name: 'emergency login, access closed', effect: 'none', url: () => '/api/deliberation/emergency-login', body: () => ({ login: 'secours-31310', password: 'Abcd-Efgh-Jkmn-Pqrs' }), expect: all(401) },

  // ---- users -----------------------------------------------------------------------------------
  { route: 'GET /api/users', name: 'users', url: () => '/api/users', expect: all(403, { academie: 200 }) },
  { route: 'POST /api/users', name: 'create', url: () => '/api/users', body: () => ({ login: 'nouveau', name: 'N', role: 'centre', scope: '0250001R', password: 'mot-de-passe-solide' }), expect: all(403, { academie: 201 }) },
  { route: 'GET /api/users/provisioning', name: 'provisioning status', url: () => '/api/users/provisioning', expect: all(403, { academie: 200 }) },
  { route: 'POST /api/users/provisioning', name: 'provision the session accounts', url: () => '/api/users/provisioning', expect: all(403, { academie: 202 }) },
  { route: 'POST /api/users/disable-juries', name: 'end of session: jury accounts off', url: () => '/api/users/disable-juries', expect: all(403, { academie: 200 }) },
  { route: 'POST /api/users/:login/reset-password', name: 'reset password', url: () => '/api/users/epreuve-0250013D/reset-password', expect: all(403, { academie: 200 }) },
  { route: 'PUT /api/users/:login/sso', name: 'agent identity of an unknown account', url: () => '/api/users/personne/sso', body: () => ({ sso: { claim: 'email', value: 'agent@ac-besancon.fr' } }), expect: all(403, { academie: 404 }) },
  { route: 'GET /api/auth/sso', name: 'agent login configured?', effect: 'none', url: () => '/api/auth/sso', expect: all(200, { anonyme: 200 }) },
  { route: 'GET /api/auth/oidc/start', name: 'agent login without a provider', effect: 'none', url: () => '/api/auth/oidc/start', expect: all(404, { anonyme: 404 }) },
  { route: 'GET /api/auth/oidc/callback', name: 'agent login callback without a provider', effect: 'none', url: () => '/api/auth/oidc/callback?state=x&code=y', expect: all(404, { anonyme: 404 }) },
  { route: 'PATCH /api/users/:login', name: 'update', url: () => '/api/users/jury-31408', body: () => ({ name: 'Jury 31408' }), expect: all(403, { academie: 200 }) },

  // ---- juries ----------------------------------------------------------------------------------
  { route: 'GET /api/context', name: 'context', url: () => '/api/context', expect: all(200) },
  { route: 'GET /api/juries', name: 'juries', url: () => '/api/juries', expect: all(200, { 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/juries/summary', name: 'summary', url: () => '/api/juries/summary', expect: all(200, { 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/juries/bulk-transitions', name: 'Terminer 1er groupe (all)', url: () => '/api/juries/bulk-transitions', body: () => ({ action: 'TERMINER_GROUPE_1' }), expect: all(403, { 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  { route: 'POST /api/juries/:code/transitions', name: 'Terminer 1er groupe 31311 (A)', url: () => '/api/juries/31311/transitions', body: () => ({ action: 'TERMINER_GROUPE_1', expectedEtat: '130' }), expect: all(404, { academie: 403, 'centre-0250001R': 200, 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/juries/:code/transitions', name: 'Terminer 1er groupe 31408 (B)', url: () => '/api/juries/31408/transitions', body: () => ({ action: 'TERMINER_GROUPE_1', expectedEtat: '130' }), expect: all(404, { academie: 403, 'centre-0390007W': 200, 'jury-31408': 403 }) },
  // the jury's own closing through the Vue détaillée route: allowed with its président named (loginAll);
  // without an acting member it is refused on every route (tests/security/acting-member.test.ts)
  { route: 'POST /api/juries/:code/transitions', name: 'Clôturer 31310 (A, 110) by its jury', url: () => '/api/juries/31310/transitions', body: () => ({ action: 'CLOTURER_DELIBERATION_1', expectedEtat: '110' }), expect: all(404, { academie: 403, 'centre-0250001R': 403, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/juries/:code/exceptional-state', name: 'reopen 31311 (A)', url: () => '/api/juries/31311/exceptional-state', body: () => ({ to: '110', expectedEtat: '130', reason: 'Réouverture' }), expect: all(404, { academie: 200, 'centre-0250001R': 200, 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/juries/:code/emergency', name: 'emergency access 31310 (A)', url: () => '/api/juries/31310/emergency', body: () => ({ enabled: true, reason: 'Panne du réseau' }), expect: all(404, { academie: 200, 'centre-0250001R': 403, 'jury-31310': 403, 'epreuve-0250013D': 403 }) },

  // ---- journal ---------------------------------------------------------------------------------
  { route: 'GET /api/journal', name: 'journal', url: () => '/api/journal', expect: all(200, { 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/journal', name: 'journal of 31408 (B)', url: () => '/api/journal?jury=31408', expect: all(404, { academie: 200, 'centre-0390007W': 200, 'jury-31408': 200, 'epreuve-0250013D': 403 }) },

  // ---- jury portal (deliberation) ------------------------------------------------------------------
  { route: 'GET /api/deliberation/juries/:code', name: 'header 31310 (A, 110)', url: () => '/api/deliberation/juries/31310', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 200 }) },
  { route: 'GET /api/deliberation/juries/:code/candidates', name: 'candidates 31310 (A, 110)', url: () => '/api/deliberation/juries/31310/candidates', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/deliberation/juries/:code/candidates', name: 'candidates 31408 (B, 130)', url: () => '/api/deliberation/juries/31408/candidates', expect: all(404, { academie: 200, 'centre-0390007W': 200, 'jury-31408': 200 }) },
  { route: 'GET /api/deliberation/juries/:code/candidates', name: 'candidates 31311 (A, 130: published)', url: () => '/api/deliberation/juries/31311/candidates', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/deliberation/juries/:code/statistics', name: 'statistics 31310 (A, 110)', url: () => '/api/deliberation/juries/31310/statistics', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/aides/juries/:code/proches-seuil', name: 'near thresholds 31310 (A, 110)', url: () => '/api/aides/juries/31310/proches-seuil', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/aides/juries/:code/proches-seuil', name: 'near thresholds 31408 (B, 130)', url: () => '/api/aides/juries/31408/proches-seuil?marge=1', expect: all(404, { academie: 200, 'centre-0390007W': 200, 'jury-31408': 200 }) },
  { route: 'GET /api/aides/harmonisation', name: 'harmonisation of spécialité 31310 (A)', url: () => '/api/aides/harmonisation?specialite=31310', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/aides/juries/:code/graphiques', name: 'charts 31310 (A, 110)', url: () => '/api/aides/juries/31310/graphiques', expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/deliberation/juries/:code/close', name: 'close 31310 (A, 110)', url: () => '/api/deliberation/juries/31310/close', body: () => ({ expectedEtat: '110' }), expect: all(404, { academie: 403, 'centre-0250001R': 403, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/deliberation/juries/:code/offline-bundle', name: 'offline bundle 31310 (A, 110)', url: () => '/api/deliberation/juries/31310/offline-bundle', expect: all(404, { academie: 403, 'centre-0250001R': 403, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/deliberation/juries/:code/offline-bundle', name: 'offline bundle 31408 (B, 130)', url: () => '/api/deliberation/juries/31408/offline-bundle', expect: all(404, { academie: 403, 'centre-0390007W': 403, 'jury-31408': 200 }) },
  { route: 'POST /api/deliberation/juries/:code/sync', name: 'sync an offline change of c1 (31310, 110)', url: () => '/api/deliberation/juries/31310/sync', body: (w) => ({ changes: [{ id: 'e2c0ffee-0000-4000-8000-000000000001', candidateId: w.c1, group: 1, epreuve: 'U1', value: '13', version: 1, enteredAt: '2023-06-06T09:00:00.000Z', expectedEtat: '110' }] }), expect: all(404, { academie: 403, 'centre-0250001R': 403, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/deliberation/candidates/:id/pvi', name: 'PVI of c1 (31310, A, 110)', url: (w) => `/api/deliberation/candidates/${w.c1}/pvi`, expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'GET /api/deliberation/candidates/:id/pvi', name: 'PVI of c3 (31408, B, 130)', url: (w) => `/api/deliberation/candidates/${w.c3}/pvi`, expect: all(404, { academie: 200, 'centre-0390007W': 200, 'jury-31408': 200 }) },
  { route: 'GET /api/deliberation/candidates/:id/pvi', name: 'PVI of c2 (31311, A, 130)', url: (w) => `/api/deliberation/candidates/${w.c2}/pvi`, expect: all(404, { academie: 200, 'centre-0250001R': 200, 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/deliberation/candidates/:id/grade-changes', name: 'change a grade of c1 (31310, 110)', url: (w) => `/api/deliberation/candidates/${w.c1}/grade-changes`, body: () => ({ group: 1, epreuve: 'U1', value: '13', version: 1 }), expect: all(404, { academie: 403, 'centre-0250001R': 403, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },
  { route: 'POST /api/deliberation/candidates/:id/grade-changes', name: 'change a grade of c3 (31408, 130: closed)', url: (w) => `/api/deliberation/candidates/${w.c3}/grade-changes`, body: () => ({ group: 1, epreuve: 'U1', value: '13', version: 1 }), expect: all(404, { academie: 403, 'centre-0390007W': 403, 'jury-31408': 409 }) },
  { route: 'POST /api/deliberation/candidates/:id/identity', name: 'identity of c1 (31310)', url: (w) => `/api/deliberation/candidates/${w.c1}/identity`, expect: all(404, { academie: 200, 'centre-0250001R': 200, 'jury-31310': 200, 'epreuve-0250013D': 403 }) },

  // ---- second group ------------------------------------------------------------------------------
  { route: 'GET /api/second-group/choices', name: 'choices grid', url: () => '/api/second-group/choices', expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  { route: 'POST /api/second-group/choices', name: 'save choices of c4 (31312, A, 200)', url: () => '/api/second-group/choices', body: (w) => ({ rows: [{ candidateId: w.c4, epreuve1: 'U2', epreuve2: 'U1', expectedVersion: 1 }] }), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 404 }) },
  { route: 'POST /api/second-group/choices/export', name: 'export choices', effect: 'none', url: () => '/api/second-group/choices/export', body: () => ({}), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  // the centres de délibération too (issue #14 item 3): each its own candidates' épreuves (the rows, checked per row)
  { route: 'GET /api/second-group/schedule', name: 'schedule (centre d\'épreuve activity)', url: () => '/api/second-group/schedule', expect: all(403, { academie: 200, 'epreuve-0250013D': 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  { route: 'POST /api/second-group/schedule', name: 'save schedule (0250013D)', url: () => '/api/second-group/schedule', body: () => ({ rows: [{ centreEpreuveUai: '0250013D', specialiteCode: '31310', epreuveCode: 'U1', date: '2023-07-03', heure: '08:00', salle: 'A1', expectedVersion: 0 }] }), expect: all(403, { academie: 200, 'epreuve-0250013D': 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  { route: 'GET /api/second-group/grades', name: 'grades grid', url: () => '/api/second-group/grades', expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200, 'epreuve-0250013D': 200 }) },
  { route: 'POST /api/second-group/grades', name: 'enter a contrôle grade of c4', url: () => '/api/second-group/grades', body: (w) => ({ mode: 'first', entries: [{ candidateId: w.c4, epreuveCode: 'U1', value: '12', expectedVersion: 0 }] }), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 404, 'epreuve-0250013D': 200 }) },
  { route: 'GET /api/second-group/mismatches', name: 'mismatches', url: () => '/api/second-group/mismatches', expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200, 'epreuve-0250013D': 200 }) },
  { route: 'POST /api/second-group/mismatches/resolve', name: 'resolve (no mismatch) c4', url: () => '/api/second-group/mismatches/resolve', body: (w) => ({ candidateId: w.c4, epreuveCode: 'U1', value: '12', firstVersion: 0, secondVersion: 0 }), expect: all(403, { academie: 409, 'centre-0250001R': 409, 'centre-0390007W': 404 }) },
  { route: 'GET /api/second-group/double-entry', name: 'double entry settings', url: () => '/api/second-group/double-entry', expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  { route: 'POST /api/second-group/double-entry', name: 'double entry on 31312 (A)', url: () => '/api/second-group/double-entry', body: () => ({ juryCode: '31312', epreuveCode: 'U1', enabled: true }), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 404 }) },
  { route: 'GET /api/second-group/missing-grades', name: 'missing grades', url: () => '/api/second-group/missing-grades', expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },

  // ---- editions ----------------------------------------------------------------------------------
  { route: 'GET /api/editions/criteria', name: 'criteria', url: () => '/api/editions/criteria', expect: all(200) },
  { route: 'GET /api/editions/:kind/juries', name: 'juries of résultats admis', url: () => '/api/editions/resultats-admis/juries', expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 200 }) },
  { route: 'POST /api/editions/:kind/dates-manquantes', name: 'épreuves without date of 31312 (A, 200)', effect: 'none', url: () => '/api/editions/convocations/dates-manquantes', body: () => ({ juries: ['31312'] }), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 404 }) },
  { route: 'POST /api/editions/livrets/verification', name: 'livrets check of 31310 (A)', effect: 'none', url: () => '/api/editions/livrets/verification', body: () => ({ juries: ['31310'] }), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 404 }) },
  { route: 'POST /api/editions/:kind/documents', name: 'résultats admis of 31311 (A, 130)', effect: 'none', url: () => '/api/editions/resultats-admis/documents', body: () => edition(['31311']), expect: all(403, { academie: 200, 'centre-0250001R': 200, 'centre-0390007W': 404 }) },
  { route: 'POST /api/editions/:kind/documents', name: 'résultats admis of 31310 (A, 110: embargo)', url: () => '/api/editions/resultats-admis/documents', body: () => edition(['31310']), expect: all(403, { academie: 422, 'centre-0250001R': 422, 'centre-0390007W': 404 }) },
  { route: 'POST /api/editions/:kind/jobs', name: 'plan de secours of 31310 (A, 110)', url: () => '/api/editions/plan-secours/jobs', body: () => edition(['31310'], { format: 'zip' }), expect: all(403, { academie: 202, 'centre-0250001R': 202, 'centre-0390007W': 404 }) },
  { route: 'GET /api/editions/preferences/:key', name: 'memorised parameters', url: () => '/api/editions/preferences/rln-admissibles', expect: all(200) },
  { route: 'PUT /api/editions/preferences/:key', name: 'memorise parameters', effect: 'none', url: () => '/api/editions/preferences/rln-admissibles', body: () => ({ params: { title: 'RLN' } }), expect: all(200, { 'jury-31310': 403, 'jury-31408': 403 }) },

  // ---- jobs and documents --------------------------------------------------------------------------
  { route: 'GET /api/jobs', name: 'my jobs', url: () => '/api/jobs', expect: all(200) },
  { route: 'GET /api/jobs/:id', name: 'job of centre A', url: (w) => `/api/jobs/${w.jobA}`, expect: all(404, { 'centre-0250001R': 200 }) },
  { route: 'GET /api/jobs/:id/compte-rendu', name: 'compte-rendu of a job of centre B', url: (w) => `/api/jobs/${w.jobB}/compte-rendu`, expect: all(404, { 'centre-0390007W': 200 }) },
  { route: 'GET /api/documents/:id', name: 'document of centre A', url: (w) => `/api/documents/${w.docA}`, expect: all(404, { 'centre-0250001R': 200 }) },

  // ---- import, documentation ---------------------------------------------------------------------
  { route: 'POST /api/imports', name: 'import (not a zip)', url: () => '/api/imports', multipart: true, expect: all(403, { academie: 415 }) },

  // ---- accessibility statement (public: the contact of the service des examens) ------------------
  { route: 'GET /api/accessibility', name: 'accessibility contact', url: () => '/api/accessibility', expect: all(200, { anonyme: 200 }) },

  // ---- verification of a relevé / PVI (public: the same 404 for an unknown code, to everyone) -----
  { route: 'GET /api/verifier/:code', name: 'unknown verification code', url: () => '/api/verifier/AAAA-BBBB-CCCC-DDDD', expect: all(404, { anonyme: 404 }) },
];

/** Routes reachable without a session, on purpose. Any other route must answer 401 to anonymous. */
export const PUBLIC_ROUTES: readonly string[] = [
  'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me', 'POST /api/deliberation/emergency-login',
  'GET /api/accessibility', 'GET /api/verifier/:code',
  'GET /api/auth/sso', 'GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback',
];

/** Routes outside the matrix: the API documentation (public, no data). */
export const DOCUMENTATION_PREFIX = '/api/docs';

function multipartBody(filename: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----delibsecurity';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Calls the route of a case as `s` (null: anonymous). */
export async function send(app: FastifyInstance, s: Session | null, c: Case, w: World, extraHeaders: Record<string, string> = {}) {
  const method = c.route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const headers: Record<string, string> = s ? { cookie: s.cookie, ...(method !== 'GET' ? { 'x-csrf-token': s.csrf } : {}) } : {};
  const mp = c.multipart ? multipartBody('session.txt', Buffer.from('pas une archive')) : undefined;
  const body = c.body?.(w);
  return app.inject({
    method, url: c.url(w), headers: { ...headers, ...(mp?.headers ?? {}), ...extraHeaders },
    ...(mp ? { payload: mp.payload } : body !== undefined ? { payload: body as object } : {}),
  });
}
