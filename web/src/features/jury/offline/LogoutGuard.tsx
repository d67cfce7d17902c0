// Logging out erases the jury's data from this browser: while changes made offline are not on the
// server yet (or wait for the jury's choice in a conflict), the jury confirms first.
import { useCallback, type ReactElement } from 'react';
import { createModal } from '@codegouvfr/react-dsfr/Modal/index.js';
import { pendingText } from './OfflineBanner.js';
import { offlineState } from './state.js';
import { useOffline } from './useOffline.js';

const guardModal = createModal({ id: 'delib-offline-logout', isOpenedByDefault: false });

export function useLogoutGuard(logout: () => void): { request: () => void; modal: ReactElement } {
  const s = useOffline();
  const request = useCallback(() => {
    const st = offlineState();
    if (st.queue.length + st.conflicts.length === 0 && !st.locked) logout();
    else guardModal.open();
  }, [logout]);
  const modal = (
    <guardModal.Component title="Des modifications ne sont pas sur le serveur" titleAs="h2" buttons={[
      { children: 'Rester connecté', priority: 'secondary' },
      { children: 'Me déconnecter et les abandonner', onClick: logout, nativeButtonProps: { 'data-testid': 'logout-abandon' } },
    ]}>
      {s.locked ? (
        <p>Des données du jury gardées dans ce navigateur ne sont pas déverrouillées dans cet onglet : elles peuvent contenir des modifications faites hors ligne non encore envoyées.</p>
      ) : (
        <p>
          {`${s.queue.length > 0 ? `${pendingText(s.queue.length)} d’envoi` : ''}${s.queue.length > 0 && s.conflicts.length > 0 ? ' et ' : ''}${s.conflicts.length > 0 ? `${s.conflicts.length} conflit(s) à résoudre` : ''}.`}
        </p>
      )}
      <p>
        La déconnexion efface de ce navigateur les données du jury, et ces modifications avec elles. Restez connecté jusqu'au retour du
        réseau pour qu'elles soient envoyées, résolvez les conflits, ou déverrouillez les données (bandeau en haut de page).
      </p>
    </guardModal.Component>
  );
  return { request, modal };
}
