// The 2nd-group API (/api/second-group): shapes (mirroring src/features/second-group/schemas.ts) and
// React Query hooks. Saves answer a result per row; the screens merge the returned rows in the cache.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { keys } from '../../api/hooks.js';

export type RowStatus = 'saved' | 'unchanged' | 'error' | 'conflict';

export interface ChoiceRow {
  candidateId: number;
  candidat: string;
  numeroCandidat: string;
  numeroInscription: string;
  nom: string;
  prenoms: string;
  epreuve1: string | null;
  epreuve2: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
  eligible: string[];
  specialiteCode: string;
  specialite: string;
  handicap: boolean;
  handicapMesures: string;
  juryCode: string;
  juryEtat: string;
  juryEtatLibelle: string;
  centreEpreuve: string;
  editable: boolean;
}

export interface ChoicesGrid {
  rows: ChoiceRow[];
  units: Record<string, { code: string; libelle: string }[]>;
}

export interface ChoiceInput {
  candidateId: number;
  epreuve1: string | null;
  epreuve2: string | null;
  expectedVersion: number;
}

export interface ChoiceResult {
  candidateId: number;
  status: RowStatus;
  message: string;
  row: ChoiceRow | null;
}

export interface ScheduleRow {
  centreEpreuveUai: string;
  centreEpreuve: string;
  specialiteCode: string;
  specialite: string;
  epreuveCode: string;
  epreuveLibelle: string;
  candidats: number;
  date: string;
  heure: string;
  salle: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface ScheduleInput {
  centreEpreuveUai: string;
  specialiteCode: string;
  epreuveCode: string;
  date: string;
  heure: string;
  salle: string;
  expectedVersion: number;
}

export interface ScheduleResult {
  key: string;
  status: RowStatus;
  message: string;
  row: ScheduleRow | null;
}

export type EntryMode = 'first' | 'second';
export type GradeStatus = 'MANQUANTE' | 'SAISIE' | 'ATTENTE_SECONDE' | 'CONCORDANTE' | 'DISCORDANTE';

export interface GradeRow {
  candidateId: number;
  juryCode: string;
  numero: string;
  nom: string;
  prenoms: string;
  epreuveCode: string;
  epreuveLibelle: string;
  centreEpreuve: string;
  convocation: string;
  doubleEntry: boolean;
  value: string;
  version: number;
  enteredBy: string | null;
  enteredAt: string | null;
  status: GradeStatus;
  statusLabel: string;
}

export interface GradesGrid {
  mode: EntryMode;
  rows: GradeRow[];
  mismatches: number;
}

export interface GradeResult {
  candidateId: number;
  epreuveCode: string;
  status: RowStatus;
  message: string;
  row: GradeRow | null;
}

export interface Entry {
  value: string;
  version: number;
  enteredBy: string | null;
  enteredAt: string | null;
}

export interface Mismatch {
  candidateId: number;
  juryCode: string;
  numero: string;
  nom: string;
  prenoms: string;
  epreuveCode: string;
  epreuveLibelle: string;
  first: Entry;
  second: Entry;
}

export interface DoubleEntryJury {
  juryCode: string;
  specialiteLibelle: string;
  etat: string;
  etatLibelle: string;
  units: { code: string; libelle: string; enabled: boolean }[];
}

export const rowKey = (candidateId: number, epreuveCode: string): string => `${candidateId}|${epreuveCode}`;

const sg = ['second-group'] as const;
export const sgKeys = {
  choices: [...sg, 'choices'] as const,
  schedule: [...sg, 'schedule'] as const,
  grades: (mode: EntryMode) => [...sg, 'grades', mode] as const,
  mismatches: [...sg, 'mismatches'] as const,
  doubleEntry: [...sg, 'double-entry'] as const,
};

export function useChoices() {
  return useQuery({ queryKey: sgKeys.choices, queryFn: () => api.get<ChoicesGrid>('/api/second-group/choices') });
}

export function useSaveChoices() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rows: ChoiceInput[]) => api.post<{ results: ChoiceResult[] }>('/api/second-group/choices', { rows }),
    onSuccess: ({ results }) => {
      qc.setQueryData<ChoicesGrid>(sgKeys.choices, (g) => g && {
        ...g,
        rows: g.rows.map((r) => results.find((x) => x.candidateId === r.candidateId)?.row ?? r),
      });
      void qc.invalidateQueries({ queryKey: keys.journal });
    },
  });
}

export function useSchedule() {
  return useQuery({ queryKey: sgKeys.schedule, queryFn: () => api.get<{ rows: ScheduleRow[] }>('/api/second-group/schedule') });
}

export function useSaveSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rows: ScheduleInput[]) => api.post<{ results: ScheduleResult[] }>('/api/second-group/schedule', { rows }),
    onSuccess: ({ results }) => {
      qc.setQueryData<{ rows: ScheduleRow[] }>(sgKeys.schedule, (d) => d && {
        rows: d.rows.map((r) => results.find((x) => x.row && scheduleKey(x.row) === scheduleKey(r))?.row ?? r),
      });
    },
  });
}

export const scheduleKey = (r: Pick<ScheduleRow, 'centreEpreuveUai' | 'specialiteCode' | 'epreuveCode'>): string =>
  `${r.centreEpreuveUai}|${r.specialiteCode}|${r.epreuveCode}`;

export function useGrades(mode: EntryMode) {
  return useQuery({ queryKey: sgKeys.grades(mode), queryFn: () => api.get<GradesGrid>('/api/second-group/grades', { mode }) });
}

/** Saves one grade; the returned row replaces the cached one (no refetch: the focus stays where it is). */
export function useSaveGrade(mode: EntryMode) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entry: { candidateId: number; epreuveCode: string; value: string; expectedVersion: number }) =>
      api.post<{ results: GradeResult[] }>('/api/second-group/grades', { mode, entries: [entry] }).then((r) => r.results[0]!),
    onSuccess: (result) => {
      const row = result.row;
      if (!row) return;
      qc.setQueryData<GradesGrid>(sgKeys.grades(mode), (g) => g && {
        ...g,
        rows: g.rows.map((r) => (rowKey(r.candidateId, r.epreuveCode) === rowKey(row.candidateId, row.epreuveCode) ? row : r)),
      });
      // the other mode's statuses and the mismatches depend on this entry
      void qc.invalidateQueries({ queryKey: sgKeys.grades(mode === 'first' ? 'second' : 'first') });
      void qc.invalidateQueries({ queryKey: sgKeys.mismatches });
    },
  });
}

export function useMismatches(enabled = true) {
  return useQuery({
    queryKey: sgKeys.mismatches,
    queryFn: () => api.get<{ items: Mismatch[]; canResolve: boolean }>('/api/second-group/mismatches'),
    enabled,
  });
}

export function useResolveMismatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { candidateId: number; epreuveCode: string; value: string; firstVersion: number; secondVersion: number }) =>
      api.post<GradeRow>('/api/second-group/mismatches/resolve', body),
    onSettled: () => qc.invalidateQueries({ queryKey: sg }),
  });
}

export function useDoubleEntry(enabled = true) {
  return useQuery({
    queryKey: sgKeys.doubleEntry,
    queryFn: () => api.get<{ juries: DoubleEntryJury[] }>('/api/second-group/double-entry'),
    enabled,
  });
}

export function useSetDoubleEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { juryCode: string; epreuveCode: string; enabled: boolean }) => api.post<DoubleEntryJury>('/api/second-group/double-entry', body),
    onSuccess: (jury) => {
      qc.setQueryData<{ juries: DoubleEntryJury[] }>(sgKeys.doubleEntry, (d) => d && { juries: d.juries.map((j) => (j.juryCode === jury.juryCode ? jury : j)) });
      void qc.invalidateQueries({ queryKey: [...sg, 'grades'] });
      void qc.invalidateQueries({ queryKey: sgKeys.mismatches });
    },
  });
}
