import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton.js';
import { api } from '../api/client.js';
import { useLogin, useMe } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SERVICE_TITLE } from '../brand.js';

/** Why the server refused a login through the identity federation (`/connexion?sso=<code>`). */
const SSO_REFUSALS: Readonly<Record<string, string>> = {
  inconnu: "Votre identité d'agent n'est associée à aucun compte Délib. Demandez au service des examens de l'académie de l'associer à votre compte.",
  desactive: "Votre compte Délib est désactivé. Adressez-vous au service des examens de l'académie.",
  jeton: "La réponse du fournisseur d'identité n'a pas pu être vérifiée (jeton d'identité refusé) : la connexion est refusée. Recommencez ; si le problème persiste, prévenez le service des examens.",
  etat: 'Cette demande de connexion agent est inconnue, déjà utilisée ou expirée. Recommencez la connexion agent.',
  fournisseur: "La connexion a été interrompue chez le fournisseur d'identité. Recommencez, ou connectez-vous avec votre identifiant et votre mot de passe.",
  trop: 'Trop de demandes de connexion agent depuis votre poste. Réessayez dans quelques minutes.',
  indisponible: "Le fournisseur d'identité ne répond pas. Réessayez dans quelques instants, ou connectez-vous avec votre identifiant et votre mot de passe.",
};

const START_URL = '/api/auth/oidc/start';

/** "Connexion agent" through the identity federation, shown only when the server has a provider configured. */
function AgentLogin({ label }: { label: string }) {
  return (
    <section className="fr-mb-4w" aria-labelledby="connexion-agent" data-testid="agent-login">
      <h2 className="fr-h5" id="connexion-agent">Connexion agent</h2>
      <p className="fr-text--sm">Agents de l'académie et des centres : connectez-vous avec votre identité d'agent de l'État.</p>
      {label === 'ProConnect'
        ? <ProConnectButton url={START_URL} />
        : <a className="fr-btn fr-btn--secondary" href={START_URL}>{`Se connecter avec ${label}`}</a>}
    </section>
  );
}

/** "Connexion": Identifiant, Mot de passe, Se connecter; and "Connexion agent" when configured. */
export function LoginPage() {
  const sso = useQuery({ queryKey: ['auth', 'sso'], queryFn: () => api.get<{ enabled: boolean; label: string | null }>('/api/auth/sso'), staleTime: Infinity });
  const [params] = useSearchParams();
  const refusal = SSO_REFUSALS[params.get('sso') ?? ''];
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [identifiant, setIdentifiant] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    document.title = `Connexion - ${SERVICE_TITLE}`;
  }, []);

  if (me.data?.user && !login.isPending) return <Navigate to={from ?? '/'} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!identifiant.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate(
      { login: identifiant.trim(), password },
      { onSuccess: () => navigate(from && from !== '/connexion' ? from : '/', { replace: true }) },
    );
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <div className="delib-panel fr-p-4w fr-mb-6w">
          <h1 className="fr-h3">Connexion à {SERVICE_TITLE}</h1>
          {refusal && <Alert severity="error" className="fr-mb-3w" title="Connexion agent refusée" description={refusal} />}
          {sso.data?.enabled && <AgentLogin label={sso.data.label ?? 'ProConnect'} />}
          {sso.data?.enabled && <h2 className="fr-h5">Connexion avec un identifiant et un mot de passe</h2>}
          <p className="fr-text--sm">Tous les champs sont obligatoires.</p>
          <ErrorAlert error={login.error} title="Connexion impossible" />
          <form onSubmit={submit} noValidate>
            <Input
              label="Identifiant"
              state={missing && !identifiant.trim() ? 'error' : 'default'}
              stateRelatedMessage="Saisissez votre identifiant."
              nativeInputProps={{
                name: 'login', autoComplete: 'username', required: true, value: identifiant, autoFocus: true,
                onChange: (e) => setIdentifiant(e.target.value),
              }}
            />
            <Input
              label="Mot de passe"
              state={missing && !password ? 'error' : 'default'}
              stateRelatedMessage="Saisissez votre mot de passe."
              nativeInputProps={{
                name: 'password', type: 'password', autoComplete: 'current-password', required: true, value: password,
                onChange: (e) => setPassword(e.target.value),
              }}
            />
            <Button type="submit" disabled={login.isPending}>
              {login.isPending ? 'Connexion…' : 'Se connecter'}
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
