// The jury portal's API (/api/deliberation): shapes mirror src/features/deliberation/schemas.ts, the
// server stays the authority (it sends the allowed actions with each resource). Offline, or while
// changes made offline wait to be sent, every screen is computed in the browser by the shared engine
// and presenters over the jury's encrypted data (offline/state.ts, ADR 0009).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../api/client.js';
import { keys } from '../../api/hooks.js';
import type { MeResponse } from '../../api/types.js';
import { offlineCandidateList, offlinePvi, offlineStatistics } from '../../../../src/features/deliberation/offline-views.js';
import { prepareOffline, rememberMe } from './offline/session.js';
import { changeOffline, isLocal, isNetworkError, markOffline, offlineRead, offlineState, refreshBundle } from './offline/state.js';

export type Decision = 'ADMIS' | 'CONTROLE' | 'REFUSE' | 'INCOMPLET';
export type Group = 1 | 2;

export interface JuryHeader {
  code: string;
  specialiteCode: string;
  specialiteLibelle: string;
  centreUai: string;
  centreLibelle: string;
  debutDeliberation: string | null;
  finDeliberation: string | null;
  etat: string;
  etatLibelle: string;
  group: Group;
  president: string;
  vicePresident: string;
  actingMember: { member: 'president' | 'vice_president'; name: string } | null;
  actions: {
    canModifyGrades: boolean;
    modifiableGroup: Group | null;
    canClose: boolean;
    closeAction: string | null;
    closeLabel: string | null;
    canRevealIdentity: boolean;
    needsActingMember: boolean;
  };
}

export interface Flags {
  livret: boolean | null;
  handicap: string;
  benefice: boolean;
  dispense: boolean;
  presumeFraudeur: boolean;
  listeRouge: boolean;
}

export interface ControleUnit {
  code: string;
  libelle: string;
  initial: string;
  controle: string;
  retained: string;
  meilleureNoteRetenue: boolean;
}

export interface CandidateRow {
  id: number;
  numeroAnonymat: string;
  categorie: string;
  moyenne: string | null;
  moyennePro: string | null;
  decision: Decision;
  decisionLabel: string;
  rule: string;
  missingUnits: string[];
  flags: Flags;
  group2: { decision: Decision; decisionLabel: string; rule: string; moyenne: string | null; units: ControleUnit[] } | null;
}

export interface DecisionCount {
  decision: Decision;
  label: string;
  count: number;
}

export interface CandidateList {
  jury: JuryHeader;
  counts: DecisionCount[];
  counts2: DecisionCount[] | null;
  candidates: CandidateRow[];
}

export interface GradeCell {
  group: Group;
  epreuve: string;
  value: string;
  version: number;
  editable: boolean;
  original: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  benefice: string | null;
}

export interface Leaf {
  code: string;
  libelle: string;
  coef: string;
  points: string | null;
  cell: GradeCell;
}

export interface Unit {
  code: string;
  libelle: string;
  coef: string;
  domaine: 'general' | 'professionnel';
  facultative: boolean;
  controleEligible: boolean;
  grade: string;
  points: string | null;
  bonus: string | null;
  ects: number | null;
  cell: GradeCell | null;
  leaves: Leaf[];
}

export interface ControleChoice {
  code: string;
  libelle: string;
  coef: string;
  initial: string;
  cell: GradeCell;
  retained: string;
  points: string | null;
  meilleureNoteRetenue: boolean;
}

export interface Pvi {
  jury: JuryHeader;
  candidate: {
    id: number;
    numeroAnonymat: string;
    categorie: string;
    formePassage: string;
    flags: Flags;
    benefices: { code: string; session: string }[];
    dispenses: string[];
  };
  units: Unit[];
  group1: {
    decision: Decision;
    decisionLabel: string;
    rule: string;
    moyenne: string | null;
    moyennePro: string | null;
    totalCoef: string;
    totalPoints: string | null;
    totalCoefPro: string;
    totalPointsPro: string | null;
    bonus: string;
    missingUnits: string[];
  };
  group2: {
    decision: Decision;
    decisionLabel: string;
    rule: string;
    moyenne: string | null;
    totalCoef: string;
    totalPoints: string | null;
    choices: ControleChoice[];
  } | null;
  finalDecision: Decision;
  finalDecisionLabel: string;
  ects: number;
  rulesVersion: string;
}

export interface Identity {
  nom: string;
  nomUsage: string;
  prenoms: string;
  numeroCandidat: string;
}

export interface DecisionStat {
  decision: string;
  label: string;
  count: number;
  percent: string;
  /** the spécialité's figures (1st group, online only) */
  specialiteCount?: number;
  specialitePercent?: string;
}

export interface DecisionTable {
  positive: DecisionStat[];
  positiveTotal: DecisionStat;
  negative: DecisionStat[];
  negativeTotal: DecisionStat;
  incomplete: DecisionStat;
  total: DecisionStat;
}

export interface EpreuveStat {
  code: string;
  libelle: string;
  level: 'unit' | 'leaf';
  coef: string;
  graded: number;
  mean: string | null;
  min: string | null;
  max: string | null;
  atLeast10: number;
  abs: number;
  di: number;
  missing: number;
}

export interface Statistics {
  jury: JuryHeader;
  candidates: number;
  byDecision: DecisionTable;
  byDecision2: DecisionTable | null;
  byEpreuve: EpreuveStat[];
}

export interface GradeChange {
  group: Group;
  epreuve: string;
  value: string;
  version: number;
  comment?: string;
}

const enc = encodeURIComponent;

export const CLOSE_NEEDS_SERVER = 'La clôture de la délibération nécessite le serveur : elle sera possible au retour du réseau, une fois les modifications en attente envoyées.';
export const delibKeys = {
  all: ['deliberation'] as const,
  jury: (code: string) => ['deliberation', 'jury', code] as const,
  candidates: (code: string) => ['deliberation', 'candidates', code] as const,
  stats: (code: string) => ['deliberation', 'stats', code] as const,
  pvi: (id: number) => ['deliberation', 'pvi', id] as const,
};

export function useJuryHeader(code: string | undefined) {
  return useQuery({
    queryKey: delibKeys.jury(code ?? ''),
    queryFn: () => offlineRead(() => api.get<JuryHeader>(`/api/deliberation/juries/${enc(code!)}`), (b) => b.jury),
    enabled: !!code,
  });
}

export function useJuryCandidates(code: string | undefined, enabled = true) {
  return useQuery({
    queryKey: delibKeys.candidates(code ?? ''),
    queryFn: () => offlineRead(() => api.get<CandidateList>(`/api/deliberation/juries/${enc(code!)}/candidates`), offlineCandidateList),
    enabled: !!code && enabled,
  });
}

/** Screens the other member's changes reach without a reload (statistics, an open PVI). */
export const LIVE_REFRESH_MS = 20_000;

export function useJuryStatistics(code: string | undefined, enabled = true) {
  return useQuery({
    queryKey: delibKeys.stats(code ?? ''),
    queryFn: () => offlineRead(() => api.get<Statistics>(`/api/deliberation/juries/${enc(code!)}/statistics`), offlineStatistics),
    enabled: !!code && enabled,
    // live: the other member may be changing grades
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function usePvi(id: number) {
  return useQuery({
    queryKey: delibKeys.pvi(id),
    queryFn: () => offlineRead(() => api.get<Pvi>(`/api/deliberation/candidates/${id}/pvi`), (b) => {
      const pvi = offlinePvi(b, id);
      if (!pvi) throw new ApiError(404, 'NOT_FOUND', 'Candidat introuvable.');
      return pvi;
    }),
    enabled: Number.isInteger(id) && id > 0,
    // live, as the statistics: the other member may be changing this candidate's grades (an open
    // editor keeps what was typed and the version it started from: a change meanwhile is a conflict)
    refetchInterval: LIVE_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/**
 * A grade change: sent to the server, or — offline, or while earlier offline changes wait — checked
 * and queued in the browser with the version it is based on (`offline` in the answer).
 */
async function changeGrade(id: number, body: GradeChange): Promise<{ pvi: Pvi; offline: boolean }> {
  if (isLocal()) return { pvi: await changeOffline(id, body), offline: true };
  try {
    return { pvi: await api.post<Pvi>(`/api/deliberation/candidates/${id}/grade-changes`, body), offline: false };
  } catch (e) {
    if (!isNetworkError(e) || offlineState().status !== 'ready') throw e;
    markOffline();
    return { pvi: await changeOffline(id, body), offline: true };
  }
}

/** After a change: the PVI answered by the server (or computed offline), and every list or count that may have moved. */
export function useChangeGrade(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GradeChange) => changeGrade(id, body),
    onSuccess: ({ pvi, offline }) => {
      qc.setQueryData(delibKeys.pvi(id), pvi);
      void qc.invalidateQueries({ queryKey: ['deliberation', 'candidates'] });
      void qc.invalidateQueries({ queryKey: ['deliberation', 'stats'] });
      void qc.invalidateQueries({ queryKey: keys.journal });
      // the offline copy follows the server's versions
      if (!offline) void refreshBundle();
    },
    // a conflict or a closed deliberation: show the grades as they are now
    onError: () => qc.invalidateQueries({ queryKey: delibKeys.pvi(id) }),
  });
}

export function useRevealIdentity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => {
      if (isLocal()) throw new ApiError(0, 'NETWORK', "Hors ligne : l'identité d'un candidat ne s'affiche qu'avec le serveur (consultation journalisée).");
      return api.post<Identity>(`/api/deliberation/candidates/${id}/identity`);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: keys.journal }),
  });
}

export function useCloseDeliberation(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (expectedEtat: string) => {
      if (isLocal()) throw new ApiError(0, 'NETWORK', CLOSE_NEEDS_SERVER);
      return api.post<JuryHeader>(`/api/deliberation/juries/${enc(code)}/close`, { expectedEtat });
    },
    onSuccess: () => void refreshBundle(),
    onSettled: () => Promise.all([
      qc.invalidateQueries({ queryKey: delibKeys.all }),
      qc.invalidateQueries({ queryKey: keys.juries }),
      qc.invalidateQueries({ queryKey: keys.journal }),
    ]),
  });
}

export function useChooseMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (member: 'president' | 'vice_president') => api.post<MeResponse>('/api/auth/acting-member', { member }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(keys.me, me);
      void qc.invalidateQueries({ queryKey: delibKeys.all });
      // the offline copy carries who deliberates (the changes made offline are signed with it)
      void rememberMe(me).then(() => refreshBundle());
    },
  });
}

export function useEmergencyLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { login: string; password: string }) => {
      const me = await api.post<MeResponse>('/api/deliberation/emergency-login', body);
      await prepareOffline(body.password, me);
      return me;
    },
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      qc.setQueryData(keys.me, me);
    },
  });
}
