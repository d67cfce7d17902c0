// The offline jury portal's state in the browser (issue #9, ADR 0009): the encrypted store, the
// bundle (the jury's data as the server last sent it), the queue of changes made offline (each with
// the version it was based on), the conflicts waiting for the jury, and whether the network answers.
// Screens read through offlineRead(): the server when online with nothing queued, else the same
// engine and presenters over bundle + queue (src/features/deliberation/offline-views.ts).
import { api, ApiError, setCsrfToken } from '../../../api/client.js';
import type { MeResponse } from '../../../api/types.js';
import type { OfflineChangeDto, SyncItemDto, SyncResultDto } from '../../../../../src/features/deliberation/offline-schemas.js';
import { checkOfflineChange, offlinePvi, withChanges, type OfflineBundle, type QueuedChange } from '../../../../../src/features/deliberation/offline-views.js';
import type { GradeCellDto, JuryHeaderDto, PviDto } from '../../../../../src/features/deliberation/schemas.js';
import type { OfflineStore } from './store.js';

export interface ConflictItem {
  readonly change: QueuedChange;
  /** grade: changed on the server meanwhile; state: the jury's state moved; rejected: the server refuses it now */
  readonly kind: 'grade' | 'state' | 'rejected';
  readonly message: string;
  /** the grade as it is on the server */
  readonly current: GradeCellDto | null;
}

export interface OfflineState {
  /** ready: the store is open (its key in memory) */
  readonly status: 'none' | 'ready';
  readonly login: string | null;
  readonly online: boolean;
  readonly bundle: OfflineBundle | null;
  readonly queue: readonly QueuedChange[];
  readonly conflicts: readonly ConflictItem[];
  readonly syncing: boolean;
  /** the last synchronisation: how many changes reached the server, how many came back as conflicts */
  readonly lastSync: { readonly at: string; readonly sent: number; readonly conflicts: number } | null;
  /** why the queue could not be sent (session expired, acting member missing, server error) */
  readonly problem: string | null;
  /** this browser keeps data of the logged-in jury that this tab has not unlocked (its key was lost with another tab) */
  readonly locked: string | null;
}

const INITIAL: OfflineState = {
  status: 'none', login: null, online: typeof navigator === 'undefined' ? true : navigator.onLine, bundle: null, queue: [], conflicts: [],
  syncing: false, lastSync: null, problem: null, locked: null,
};

let state: OfflineState = INITIAL;
let store: OfflineStore | null = null;
const listeners = new Set<() => void>();

/** What the React layer plugs in: refresh the portal's queries; the session is gone (401). */
export interface OfflineHooks {
  readonly dataChanged: () => void;
  readonly sessionLost: () => void;
}
let hooks: OfflineHooks = { dataChanged: () => undefined, sessionLost: () => undefined };

export function setOfflineHooks(h: OfflineHooks): void {
  hooks = h;
}

export function subscribe(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export function offlineState(): OfflineState {
  return state;
}

function set(patch: Partial<OfflineState>, dataChanged = false): void {
  state = { ...state, ...patch };
  for (const f of listeners) f();
  if (dataChanged) hooks.dataChanged();
}

export function isNetworkError(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0;
}

/** The portal is computed in the browser: no network, or changes not yet on the server. */
export function isLocal(s: OfflineState = state): boolean {
  return s.status === 'ready' && s.bundle !== null && (!s.online || s.queue.length > 0);
}

/** The jury's data as the server will hold it once the queue is sent. */
export function localBundle(): OfflineBundle | null {
  return state.bundle ? withChanges(state.bundle, state.queue) : null;
}

// ---- the store ------------------------------------------------------------------------------------

export async function activate(s: OfflineStore): Promise<void> {
  if (store && store.login === s.login && state.status === 'ready') return;
  store = s;
  const [bundle, queue, conflicts] = await Promise.all([
    s.read<OfflineBundle>('bundle'), s.read<QueuedChange[]>('queue'), s.read<ConflictItem[]>('conflicts'),
  ]);
  set({ status: 'ready', login: s.login, bundle: bundle ?? null, queue: queue ?? [], conflicts: conflicts ?? [], problem: null, locked: null }, true);
}

export function deactivate(): void {
  store = null;
  state = { ...INITIAL, online: state.online };
  for (const f of listeners) f();
}

export function setLocked(login: string | null): void {
  if (state.locked !== login) set({ locked: login });
}

export function activeStore(): OfflineStore | null {
  return store;
}

export async function remember(name: 'me' | 'context', value: unknown): Promise<void> {
  await store?.write(name, value);
}

export async function recall<T>(name: 'me' | 'context'): Promise<T | undefined> {
  return store?.read<T>(name);
}

/** Several tabs may work on the same store: its writes are serialised (Web Locks) and announced. */
const LOCK = 'delib-jury-hors-ligne';
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(LOCK);

function exclusive<T>(f: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request(LOCK, f) as Promise<T>) : f();
}

interface Patch {
  readonly bundle?: OfflineBundle;
  /** applied to the queue as stored (another tab may have added to it) */
  readonly queue?: (stored: readonly QueuedChange[]) => QueuedChange[];
  readonly conflicts?: (stored: readonly ConflictItem[]) => ConflictItem[];
}

async function save(p: Patch): Promise<void> {
  const s = store;
  if (!s) return;
  await exclusive(async () => {
    const next: { -readonly [K in keyof OfflineState]?: OfflineState[K] } = {};
    if (p.bundle) {
      await s.write('bundle', p.bundle);
      next.bundle = p.bundle;
    }
    if (p.queue) {
      const queue = p.queue((await s.read<QueuedChange[]>('queue')) ?? []);
      await s.write('queue', queue);
      next.queue = queue;
    }
    if (p.conflicts) {
      const conflicts = p.conflicts((await s.read<ConflictItem[]>('conflicts')) ?? []);
      await s.write('conflicts', conflicts);
      next.conflicts = conflicts;
    }
    if (store === s) set(next, true);
  });
  channel?.postMessage(s.login);
}

/** Another tab changed the store: take its data again. */
channel?.addEventListener('message', (e: MessageEvent) => {
  const s = store;
  if (!s || e.data !== s.login) return;
  void Promise.all([s.read<OfflineBundle>('bundle'), s.read<QueuedChange[]>('queue'), s.read<ConflictItem[]>('conflicts')]).then(([bundle, queue, conflicts]) => {
    if (store === s) set({ bundle: bundle ?? null, queue: queue ?? [], conflicts: conflicts ?? [] }, true);
  });
});

// ---- network ----------------------------------------------------------------------------------

let probe: ReturnType<typeof setInterval> | null = null;

/** A request found no server: compute locally, and look for the server every 10 s. */
export function markOffline(): void {
  if (state.online) set({ online: false }, true);
  probe ??= setInterval(() => {
    void api.get<MeResponse>('/api/auth/me').then(() => markOnline(), () => undefined);
  }, 10_000);
}

/** The network is back: send the queue, then take the server's data again. */
export function markOnline(): void {
  if (probe) clearInterval(probe);
  probe = null;
  if (!state.online) set({ online: true }, true);
  void syncNow().then(() => refreshBundle());
}

/** Reads the server, or computes locally when offline (or when changes wait to be sent). */
export async function offlineRead<T>(remote: () => Promise<T>, local: (b: OfflineBundle) => T): Promise<T> {
  const b = isLocal() ? localBundle() : null;
  if (b) return local(b);
  try {
    return await remote();
  } catch (e) {
    const fallback = isNetworkError(e) && state.status === 'ready' ? localBundle() : null;
    if (!fallback) throw e;
    markOffline();
    return local(fallback);
  }
}

// ---- the bundle -------------------------------------------------------------------------------

let refreshing: Promise<void> | null = null;
/** asked again while a refresh was under way: its answer may predate a change just made */
let again = false;

/** Takes the jury's data from the server (online, nothing queued) and keeps it encrypted. */
export function refreshBundle(): Promise<void> {
  const code = state.bundle?.jury.code ?? juryCode;
  if (state.status !== 'ready' || !state.online || state.queue.length > 0 || state.syncing || !code) return Promise.resolve();
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = api.get<OfflineBundle>(`/api/deliberation/juries/${encodeURIComponent(code)}/offline-bundle`)
    .then((bundle) => save({ bundle }))
    .catch((e) => {
      if (isNetworkError(e)) markOffline();
    })
    .finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        void refreshBundle();
      }
    });
  return refreshing;
}

let juryCode: string | null = null;

/** The jury of the logged-in account (its scope). */
export function setJuryCode(code: string | null): void {
  juryCode = code;
}

// ---- changes made offline ------------------------------------------------------------------------

function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface LocalChange {
  readonly group: 1 | 2;
  readonly epreuve: string;
  readonly value: string;
  readonly version: number;
  readonly comment?: string;
}

/**
 * A grade changed offline: the server's checks made on the bundle, then queued with the version it
 * was based on and its time. Answers the candidate's PVI recomputed by the shared engine.
 */
export async function changeOffline(candidateId: number, c: LocalChange): Promise<PviDto> {
  const b = localBundle();
  if (!b) throw new ApiError(0, 'NETWORK', 'Le serveur est injoignable et les données hors ligne du jury ne sont pas disponibles dans ce navigateur.');
  const check = checkOfflineChange(b, candidateId, c);
  if (!check.ok) throw new ApiError(400, 'VALIDATION', check.message);
  if (!check.unchanged) {
    const change: QueuedChange = {
      id: newId(), candidateId, group: c.group, epreuve: c.epreuve, value: c.value.trim(), version: c.version,
      ...(c.comment?.trim() ? { comment: c.comment.trim() } : {}),
      enteredAt: new Date().toISOString(), expectedEtat: b.jury.etat, memberName: b.jury.actingMember?.name ?? '',
    };
    await save({ queue: (q) => [...q, change] });
  }
  return offlinePvi(localBundle()!, candidateId)!;
}

const wire = ({ memberName: _m, ...c }: QueuedChange): OfflineChangeDto => c;

const DONE = new Set<SyncItemDto['status']>(['applied', 'unchanged', 'duplicate', 'discarded']);

function conflictOf(change: QueuedChange, r: SyncItemDto): ConflictItem {
  return { change, kind: r.status === 'rejected' ? 'rejected' : r.conflict ?? 'grade', message: r.message, current: r.current };
}

/** Fresh session and CSRF token before sending; false (and the reason) when the queue must wait. */
async function sessionReady(): Promise<boolean> {
  const me = await api.get<MeResponse>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  if (!me.user) {
    set({ problem: 'Votre session a expiré : reconnectez-vous. Les modifications en attente restent gardées, chiffrées, dans ce navigateur.' });
    hooks.sessionLost();
    return false;
  }
  if (!me.user.actingMember) {
    set({ problem: 'Indiquez qui délibère : les modifications en attente seront alors envoyées.' });
    hooks.sessionLost();
    return false;
  }
  await remember('me', me);
  return true;
}

function header(h: JuryHeaderDto): Patch {
  return state.bundle ? { bundle: { ...state.bundle, jury: h } } : {};
}

async function post(changes: readonly OfflineChangeDto[]): Promise<SyncResultDto | null> {
  const code = state.bundle?.jury.code ?? juryCode;
  if (!code) return null;
  try {
    if (!(await sessionReady())) return null;
    return await api.post<SyncResultDto>(`/api/deliberation/juries/${encodeURIComponent(code)}/sync`, { changes });
  } catch (e) {
    if (isNetworkError(e)) markOffline();
    else if (e instanceof ApiError && e.status === 401) hooks.sessionLost();
    else set({ problem: e instanceof Error ? e.message : 'La synchronisation a échoué.' });
    return null;
  }
}

let syncing: Promise<void> | null = null;

/** Sends the queue in order; what the server could not apply becomes a conflict for the jury. */
export function syncNow(): Promise<void> {
  if (state.status !== 'ready' || !state.online || state.queue.length === 0) return syncing ?? Promise.resolve();
  syncing ??= (async () => {
    const sent = (await store?.read<QueuedChange[]>('queue')) ?? [...state.queue];
    set({ syncing: true, problem: null });
    try {
      const res = await post(sent.map(wire));
      if (!res) return;
      const byId = new Map(res.results.map((r) => [r.id, r]));
      const conflicts = sent.flatMap((c) => {
        const r = byId.get(c.id);
        return r && !DONE.has(r.status) ? [conflictOf(c, r)] : [];
      });
      const answered = new Set(res.results.map((r) => r.id));
      await save({
        ...header(res.jury),
        queue: (q) => q.filter((c) => !answered.has(c.id)),
        conflicts: (cs) => [...cs, ...conflicts.filter((n) => !cs.some((c) => c.change.id === n.change.id))],
      });
      set({ lastSync: { at: new Date().toISOString(), sent: sent.length - conflicts.length, conflicts: conflicts.length } });
    } finally {
      set({ syncing: false });
      syncing = null;
    }
  })();
  return syncing;
}

/**
 * The jury's choice for a conflict: keep its value (applied on the server's current version and
 * state), or keep the server's (the offline value is abandoned, and the journal says so).
 */
export async function resolveConflict(id: string, choice: 'keep-mine' | 'keep-server'): Promise<void> {
  const item = state.conflicts.find((c) => c.change.id === id);
  if (!item) return;
  const base = wire(item.change);
  const etat = state.bundle?.jury.etat ?? base.expectedEtat;
  const change: OfflineChangeDto = choice === 'keep-mine'
    ? { ...base, version: item.current?.version ?? base.version, expectedEtat: etat, resolution: 'keep-mine' }
    : { ...base, resolution: 'keep-server' };
  const res = await post([change]);
  if (!res) throw new ApiError(0, 'NETWORK', state.problem ?? 'Le serveur est injoignable : le conflit sera résolu au retour du réseau.');
  const r = res.results[0]!;
  await save({
    ...header(res.jury),
    conflicts: (cs) => (DONE.has(r.status) ? cs.filter((c) => c.change.id !== id) : cs.map((c) => (c.change.id === id ? conflictOf(c.change, r) : c))),
  });
  await refreshBundle();
}
