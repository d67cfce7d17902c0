import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { useLogin, useMe } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SERVICE_TITLE } from '../brand.js';

/** "Connexion": Identifiant, Mot de passe, Se connecter. */
export function LoginPage() {
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
