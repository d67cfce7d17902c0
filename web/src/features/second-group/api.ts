// The 2nd-group API (/api/second-group): the server's own shapes (src/features/second-group/schemas.ts)
// and React Query hooks. Saves answer a result per row; the screens merge the returned rows in the cache.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { keys } from '../../api/hooks.js';

import type {
  ChoiceColumn as ChoiceColumnDto, ChoiceInput as ChoiceInputDto, ChoiceRowDto, ChoicesPageDto, GradesPageDto, DoubleEntryJuryDto, EntryMode as EntryModeDto, GradeRowDto, MismatchDto,
  SaveChoicesResultDto, SaveGradesResultDto, SaveScheduleResultDto, ScheduleInput as ScheduleInputDto, ScheduleRowDto,
  SetDoubleEntryBody, MissingGradesDto,
} from '../../../../src/features/second-group/schemas.js';

export type ChoiceRow = ChoiceRowDto;
/** One page of the choices grid (the server filters, sorts and pages it). */
export type ChoicesGrid = ChoicesPageDto;
export type ChoiceColumn = ChoiceColumnDto;
/** The choices grid's criteria: a page, a sort, the search, a filter per column. */
export interface ChoicesCriteria {
  page: number;
  sort: ChoiceColumn;
  order: 'asc' | 'desc';
  q: string;
  filters: Partial<Record<ChoiceColumn, string>>;
}
export const GRID_PAGE_SIZE = 50;

/** The criteria as query parameters (empty ones left out). */
export function choicesParams(c: ChoicesCriteria, paged = true): Record<string, string | number> {
  const out: Record<string, string | number> = { sort: c.sort, order: c.order };
  if (paged) Object.assign(out, { page: c.page, pageSize: GRID_PAGE_SIZE });
  if (c.q.trim()) out.q = c.q.trim();
  for (const [col, v] of Object.entries(c.filters)) if (v?.trim()) out[col] = v.trim();
  return out;
}
export type ChoiceInput = ChoiceInputDto;
export type ChoiceResult = SaveChoicesResultDto['results'][number];
export type ScheduleRow = ScheduleRowDto;
export type ScheduleInput = ScheduleInputDto;
export type ScheduleResult = SaveScheduleResultDto['results'][number];
export type EntryMode = EntryModeDto;
export type GradeRow = GradeRowDto;
/** One page of the grade grid (the server filters and pages it), with its filters' choices and progress. */
export type GradesGrid = GradesPageDto;
/** The grade grid's criteria. */
export interface GradesCriteria {
  page: number;
  jury: string;
  epreuve: string;
  q: string;
}
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

export function useChoices(criteria: ChoicesCriteria) {
  return useQuery({
    queryKey: [...sgKeys.choices, criteria],
    queryFn: () => api.get<ChoicesGrid>('/api/second-group/choices', choicesParams(criteria)),
    placeholderData: (prev) => prev,
  });
}

export function useSaveChoices() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rows: ChoiceInput[]) => api.post<{ results: ChoiceResult[] }>('/api/second-group/choices', { rows }),
    onSuccess: ({ results }) => {
      qc.setQueriesData<ChoicesGrid>({ queryKey: sgKeys.choices }, (g) => g && {
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

/** statuses of a grade in force (what the deliberation uses) */
const IN_FORCE = new Set<GradeRow['status']>(['SAISIE', 'CONCORDANTE', 'ARBITREE']);
/** What the grid's progress counts: a grade in force (first mode), a second entry made (second mode). */
export function isDone(mode: EntryMode, r: GradeRow): boolean {
  return mode === 'first' ? IN_FORCE.has(r.status) : r.value !== '' || r.masked;
}

export function useGrades(mode: EntryMode, c: GradesCriteria) {
  return useQuery({
    queryKey: [...sgKeys.grades(mode), c],
    queryFn: () => api.get<GradesGrid>('/api/second-group/grades', {
      mode, page: c.page, pageSize: GRID_PAGE_SIZE, ...(c.jury ? { jury: c.jury } : {}), ...(c.epreuve ? { epreuve: c.epreuve } : {}), ...(c.q.trim() ? { q: c.q.trim() } : {}),
    }),
    placeholderData: (prev) => prev,
  });
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
        const key = rowKey(row.candidateId, row.epreuveCode);
        qc.setQueriesData<GradesGrid>({ queryKey: sgKeys.grades(mode) }, (g) => {
          const before = g?.rows.find((r) => rowKey(r.candidateId, r.epreuveCode) === key);
          return g && {
            ...g,
            rows: g.rows.map((r) => (rowKey(r.candidateId, r.epreuveCode) === key ? row : r)),
            // the progress counts every row of the mode: moved by this row's change
            done: before ? g.done + Number(isDone(mode, row)) - Number(isDone(mode, before)) : g.done,
          };
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
