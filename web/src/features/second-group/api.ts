// The 2nd-group API (/api/second-group): the server's own shapes (src/features/second-group/schemas.ts)
// and React Query hooks. Saves answer a result per row; the screens merge the returned rows in the cache.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { keys } from '../../api/hooks.js';

import type {
  ChoiceInput as ChoiceInputDto, ChoiceRowDto, ChoicesGridDto, DoubleEntryJuryDto, EntryMode as EntryModeDto, GradeRowDto, GradesGridDto, MismatchDto,
  SaveChoicesResultDto, SaveGradesResultDto, SaveScheduleResultDto, ScheduleInput as ScheduleInputDto, ScheduleRowDto,
  SetDoubleEntryBody, MissingGradesDto,
} from '../../../../src/features/second-group/schemas.js';

export type ChoiceRow = ChoiceRowDto;
export type ChoicesGrid = ChoicesGridDto;
export type ChoiceInput = ChoiceInputDto;
export type ChoiceResult = SaveChoicesResultDto['results'][number];
export type ScheduleRow = ScheduleRowDto;
export type ScheduleInput = ScheduleInputDto;
export type ScheduleResult = SaveScheduleResultDto['results'][number];
export type EntryMode = EntryModeDto;
export type GradeRow = GradeRowDto;
export type GradesGrid = GradesGridDto;
export type GradeResult = SaveGradesResultDto['results'][number];
export type Mismatch = MismatchDto;
export type Entry = MismatchDto['first'];
export type DoubleEntryJury = DoubleEntryJuryDto;

export const rowKey = (candidateId: number, epreuveCode: string): string => `${candidateId}|${epreuveCode}`;

const sg = ['second-group'] as const;
export const sgKeys = {
  choices: [...sg, 'choices'] as const,
  schedule: [...sg, 'schedule'] as const,
  grades: (mode: EntryMode) => [...sg, 'grades', mode] as const,
  mismatches: [...sg, 'mismatches'] as const,
  doubleEntry: [...sg, 'double-entry'] as const,
  missing: [...sg, 'missing'] as const,
};

export type MissingGrades = MissingGradesDto;

/** « Contrôler les notes manquantes » on screen: the juries at 200 in scope, or « Pas de notes manquantes. » */
export function useMissingGrades() {
  return useQuery({ queryKey: sgKeys.missing, queryFn: () => api.get<MissingGrades>('/api/second-group/missing-grades') });
}

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
      // the row left this mode (e.g. settled after the double entry was switched off): reload the grid
      if (!row) void qc.invalidateQueries({ queryKey: sgKeys.grades(mode) });
      else {
        qc.setQueryData<GradesGrid>(sgKeys.grades(mode), (g) => g && {
          ...g,
          rows: g.rows.map((r) => (rowKey(r.candidateId, r.epreuveCode) === rowKey(row.candidateId, row.epreuveCode) ? row : r)),
        });
      }
      // the other mode's statuses and the mismatches depend on this entry
      void qc.invalidateQueries({ queryKey: sgKeys.grades(mode === 'first' ? 'second' : 'first') });
      void qc.invalidateQueries({ queryKey: sgKeys.mismatches });
    },
  });
}

export function useMismatches(enabled = true) {
  return useQuery({
    queryKey: sgKeys.mismatches,
    queryFn: () => api.get<{ items: Mismatch[] }>('/api/second-group/mismatches'),
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
    mutationFn: (body: SetDoubleEntryBody) => api.post<DoubleEntryJury>('/api/second-group/double-entry', body),
    onSuccess: (jury) => {
      qc.setQueryData<{ juries: DoubleEntryJury[] }>(sgKeys.doubleEntry, (d) => d && { juries: d.juries.map((j) => (j.juryCode === jury.juryCode ? jury : j)) });
      void qc.invalidateQueries({ queryKey: [...sg, 'grades'] });
      void qc.invalidateQueries({ queryKey: sgKeys.mismatches });
    },
  });
}
