// React side of the offline portal's state: subscribe to it, and keep it running for a jury account
// (network events, the queue sent when the network is back, the encrypted copy kept fresh).
import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../../api/hooks.js';
import { isLocal, markOffline, markOnline, offlineState, refreshBundle, setOfflineHooks, subscribe, syncNow, type OfflineState } from './state.js';

export function useOffline(): OfflineState {
  return useSyncExternalStore(subscribe, offlineState, offlineState);
}

/** The screens are computed in the browser (no network, or changes waiting to be sent). */
export function useLocalMode(): boolean {
  return isLocal(useOffline());
}

const REFRESH_MS = 30_000;

export function useOfflineEngine(enabled: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    setOfflineHooks({
      dataChanged: () => void qc.invalidateQueries({ queryKey: ['deliberation'] }),
      sessionLost: () => void qc.invalidateQueries({ queryKey: keys.me }),
    });
    const online = () => {
      void qc.invalidateQueries({ queryKey: keys.me });
      markOnline();
    };
    const offline = () => markOffline();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    if (navigator.onLine) markOnline();
    else markOffline();
    const timer = setInterval(() => {
      if (offlineState().online) void syncNow().then(() => refreshBundle());
    }, REFRESH_MS);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      clearInterval(timer);
    };
  }, [enabled, qc]);
}
