// The editions and jobs API (/api/editions, /api/jobs, /api/documents) for the edition screens.
import { useQuery } from '@tanstack/react-query';
import { api, apiFetch, ApiError } from '../../api/client.js';

export type EditionKind =
  | 'livrets' | 'plan-secours' | 'liste-anonyme' | 'liste-correspondance' | 'liste-handicap' | 'liste-triee' | 'stats-decision'
  | 'stats-epreuve' | 'resultats-admis' | 'resultats-controle' | 'resultats-non-admis' | 'resultats-centre-epreuve' | 'pv-tenue'
  | 'rln' | 'convocations' | 'bordereaux' | 'notes-manquantes' | 'fraudeurs-liste-rouge';

export type Format = 'pdf' | 'csv' | 'zip';

export interface EditionJury {
  code: string;
  specialiteCode: string;
  specialiteLibelle: string;
  etat: string;
  etatLibelle: string;
  selectable: boolean;
  reason: string | null;
  /** "PV v2 à faire signer" (issue #15) */
  pvAvis: string | null;
}

export interface EditionJuries {
  kind: EditionKind;
  group: 1 | 2;
  label: string;
  formats: Format[];
  job: boolean;
  /** one page of the juries matching the filter */
  juries: EditionJury[];
  total: number;
  page: number;
  pageSize: number;
  /** every selectable jury of the scope (all pages) */
  selectableCodes: string[];
}

export interface Criterion {
  field: string;
  op: string;
  values: string[];
}

export interface RlnOptions {
  etablissement: boolean;
  mail: boolean;
  telephone: boolean;
  signatureLieu: string;
  signatureDate: string;
  criteria: Criterion[];
  groupBy: 'aucun' | 'jury' | 'etablissement' | 'centre-epreuve';
  sortBy: 'nom' | 'numero-candidat' | 'numero-anonymat';
}

/** The body of an edition request (same contract as the server's EditionParamsSchema). */
export interface EditionParams {
  group: 1 | 2;
  juries: string[];
  title: string;
  format: Format;
  confirmed?: boolean;
  eleves?: boolean;
  list?: 'admis' | 'controle' | 'non-admis';
  rln?: RlnOptions;
}

export interface CriteriaField {
  field: string;
  label: string;
  type: 'text' | 'date' | 'boolean' | 'choice';
  operators: { op: string; label: string }[];
  choices: { value: string; label: string }[] | null;
}

export interface JobDocument {
  id: string;
  name: string;
  size: number;
  sizeLabel: string;
  /** not served any more: the jury went back below the state that allowed the edition (why) */
  withdrawn: string | null;
  /** still served, but a grade of its jury was corrected after it: « Remplacé le … » (why) */
  superseded: string | null;
  type: string;
  sha256: string;
  url: string;
}

export interface Job {
  id: number;
  kind: string;
  title: string;
  status: 'queued' | 'running' | 'done' | 'error';
  date: string;
  etat: string;
  resultat: string;
  duree: string;
  domaine: string;
  progress: number;
  progressLabel: string | null;
  error: string | null;
  documents: JobDocument[];
}

export interface JobDetail extends Job {
  log: { at: string; line: string }[];
  compteRendu: string;
}

export const editionKeys = {
  juries: (kind: string, group: number, page = 1, q = '') => ['editions', 'juries', kind, group, page, q] as const,
  jobs: (kinds: readonly string[]) => ['jobs', ...kinds] as const,
  job: (id: number) => ['jobs', 'detail', id] as const,
};

/** One page of the edition's juries (filtered by the server) and the codes of every selectable one. */
export function useEditionJuries(kind: EditionKind, group: 1 | 2, page = 1, q = '') {
  return useQuery({
    queryKey: editionKeys.juries(kind, group, page, q),
    queryFn: () => api.get<EditionJuries>(`/api/editions/${kind}/juries`, { group, page, ...(q ? { q } : {}) }),
    placeholderData: (prev) => prev,
  });
}

export function useCriteriaFields(enabled: boolean) {
  return useQuery({
    queryKey: ['editions', 'criteria'],
    queryFn: () => api.get<{ fields: CriteriaField[] }>('/api/editions/criteria'),
    staleTime: Infinity,
    enabled,
  });
}

export function usePreference(key: string) {
  return useQuery({
    queryKey: ['editions', 'preference', key],
    queryFn: () => api.get<{ params: Partial<ScreenState> | null; updatedAt: string | null }>(`/api/editions/preferences/${key}`),
    staleTime: Infinity,
  });
}

/** What an edition screen memorises ("Mémoriser ces résultats"). */
export interface ScreenState {
  kind: EditionKind;
  juries: string[];
  title: string;
  format: Format;
  list: 'admis' | 'controle' | 'non-admis';
  rln: RlnOptions;
}

export function savePreference(key: string, params: Partial<ScreenState>) {
  return apiFetch<unknown>('PUT', `/api/editions/preferences/${encodeURIComponent(key)}`, { params });
}

export function checkLivrets(juries: string[]) {
  return api.post<{ count: number; warning: string | null }>('/api/editions/livrets/verification', { juries });
}

export interface ScheduleCheck {
  count: number;
  missing: { candidat: string; jury: string; epreuve: string; centreEpreuve: string; manque: string }[];
  warning: string | null;
}

/** The 2nd-group épreuves without date or time, before convocations and bordereaux. */
export function checkSchedule(kind: 'convocations' | 'bordereaux', juries: string[]) {
  return api.post<ScheduleCheck>(`/api/editions/${kind}/dates-manquantes`, { juries });
}

export function createJob(kind: EditionKind, params: EditionParams) {
  return api.post<{ jobId: number }>(`/api/editions/${kind}/jobs`, params);
}

export function useJobs(kinds: readonly string[], poll: boolean) {
  return useQuery({
    queryKey: editionKeys.jobs(kinds),
    queryFn: () => {
      const qs = new URLSearchParams(kinds.map((k) => ['kind', k])).toString();
      return api.get<{ items: Job[]; queued: number }>(qs ? `/api/jobs?${qs}` : '/api/jobs');
    },
    refetchInterval: (q) => (poll || q.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 1000 : false),
  });
}

export function useJob(id: number | null) {
  return useQuery({
    queryKey: editionKeys.job(id ?? 0),
    queryFn: () => api.get<JobDetail>(`/api/jobs/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'error') ? false : 1000),
  });
}

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      /* fall back to the ASCII name */
    }
  }
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

/** POSTs an edition request and saves the produced file (PDF, CSV or ZIP) through the browser. */
export async function downloadEdition(kind: EditionKind, params: EditionParams, csrfToken: string): Promise<{ name: string; size: number }> {
  let res: Response;
  try {
    res = await fetch(`/api/editions/${kind}/documents`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/pdf, text/csv, application/zip, application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(params),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur est injoignable. Vérifiez votre connexion.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, body.code ?? String(res.status), body.message ?? "L'édition a échoué.", body.details, body);
  }
  const blob = await res.blob();
  const name = fileNameOf(res, `edition.${params.format}`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, size: blob.size };
}
