// React Query hooks over the API. Query keys are grouped so a jury change refreshes every view.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client.js';
import { closeOffline, meWithOffline, prepareOffline, withOfflineCopy } from '../features/jury/offline/session.js';
import type {
  BulkResult, JournalPage, JuryItem, JuryList, JuryPageQuery, ManagedUser, MeResponse, SessionContext,
  SummaryResponse,
} from './types.js';

export const keys = {
  me: ['me'] as const,
  context: ['context'] as const,
  juries: ['juries'] as const,
  journal: ['journal'] as const,
  users: ['users'] as const,
};

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    // a jury offline: its encrypted copy (features/jury/offline)
    queryFn: async () => {
      const me = await meWithOffline(() => api.get<MeResponse>('/api/auth/me'));
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { login: string; password: string }) => {
      const me = await api.post<MeResponse>('/api/auth/login', body);
      // a jury: the offline portal's key is derived from the password just accepted
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

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/auth/logout'),
    onSettled: async () => {
      await closeOffline(qc.getQueryData<MeResponse>(keys.me)?.user?.login);
      qc.clear();
      await qc.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export function useSessionContext(enabled = true) {
  return useQuery({
    queryKey: keys.context,
    queryFn: () => withOfflineCopy('context', () => api.get<SessionContext>('/api/context')),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** One page of the juries in scope (the server filters, sorts and pages: a national session has 5 005). */
export function useJuries(query: JuryPageQuery | null) {
  return useQuery({
    queryKey: [...keys.juries, 'list', query],
    queryFn: () => api.get<JuryList>('/api/juries', { ...query }),
    enabled: query !== null,
    placeholderData: (prev) => prev,
  });
}

export function useJurySummary() {
  return useQuery({
    queryKey: [...keys.juries, 'summary'],
    queryFn: () => api.get<SummaryResponse>('/api/juries/summary'),
  });
}

export function useInvalidateJuries() {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: keys.juries }),
    qc.invalidateQueries({ queryKey: keys.journal }),
  ]);
}

export function useBulkTransition() {
  const invalidate = useInvalidateJuries();
  return useMutation({
    mutationFn: (action: string) => api.post<BulkResult>('/api/juries/bulk-transitions', { action }),
    onSettled: invalidate,
  });
}

export const juryApi = {
  transition: (code: string, action: string, expectedEtat: string) =>
    api.post<JuryItem>(`/api/juries/${encodeURIComponent(code)}/transitions`, { action, expectedEtat }),
  /** overrideOpenDoubleEntries: the académie confirms the change over open double entries (refused with 422 otherwise) */
  exceptional: (code: string, to: string, reason: string, expectedEtat: string, overrideOpenDoubleEntries = false) =>
    api.post<JuryItem>(`/api/juries/${encodeURIComponent(code)}/exceptional-state`, { to, reason, expectedEtat, ...(overrideOpenDoubleEntries ? { overrideOpenDoubleEntries } : {}) }),
  emergency: (code: string, enabled: boolean, reason: string) =>
    api.post<JuryItem>(`/api/juries/${encodeURIComponent(code)}/emergency`, { enabled, ...(reason ? { reason } : {}) }),
};

export interface JournalQuery {
  jury?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
}

export function useJournal(q: JournalQuery) {
  return useQuery({
    queryKey: [...keys.journal, q],
    queryFn: () => api.get<JournalPage>('/api/journal', { ...q }),
    placeholderData: (prev) => prev,
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users,
    queryFn: async () => {
      const res = await api.get<{ items: ManagedUser[] } | ManagedUser[]>('/api/users');
      return Array.isArray(res) ? res : res.items;
    },
    enabled,
  });
}
