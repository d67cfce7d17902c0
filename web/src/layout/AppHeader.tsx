import { Header } from '@codegouvfr/react-dsfr/Header/index.js';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../api/hooks.js';
import type { User } from '../api/types.js';
import { BRAND_STATE, SERVICE_TAGLINE, SERVICE_TITLE } from '../brand.js';
import { ROLE_LABELS } from '../format.js';
import { useLogoutGuard } from '../features/jury/offline/LogoutGuard.js';

/** DSFR header: Marianne (State brand) behind VITE_BRAND_STATE, else a neutral text logo. */
export function AppHeader({ user }: { user: User | null }) {
  const logout = useLogout();
  const navigate = useNavigate();

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/connexion', { replace: true }) });
  };
  // a jury with changes made offline not yet on the server confirms first (logout erases them)
  const guard = useLogoutGuard(onLogout);

  const quickAccessItems = user
    ? [
      <span key="user" className="fr-btn fr-btn--tertiary-no-outline fr-icon-account-circle-line fr-btn--icon-left delib-header-user"
        data-testid="header-user">
        {user.name || user.scopeLabel || ROLE_LABELS[user.role]}
        {user.actingMember ? ` - ${user.actingMember.name}` : ''}
      </span>,
      {
        iconId: 'fr-icon-logout-box-r-line' as const,
        text: 'Se déconnecter',
        buttonProps: { onClick: guard.request, type: 'button' as const, disabled: logout.isPending },
      },
    ]
    : [];

  return (
    <>
    {guard.modal}
    <Header
      className={BRAND_STATE ? undefined : 'delib-header--neutral'}
      brandTop={BRAND_STATE ? <>République<br />Française</> : <>{SERVICE_TITLE}</>}
      serviceTitle={BRAND_STATE ? SERVICE_TITLE : <><span className="delib-textlogo" aria-hidden="true">D</span>{SERVICE_TITLE}</>}
      serviceTagline={SERVICE_TAGLINE}
      homeLinkProps={{ to: '/', title: `Accueil - ${SERVICE_TITLE}` }}
      quickAccessItems={quickAccessItems}
      disableDisplay
    />
    </>
  );
}
