import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SERVICE_TITLE } from '../../brand.js';
import { useEmergencyLogin } from './api.js';

/** "Portail jury de secours": the login of the papillon (secours-<jury>), open only when the académie enabled it. */
export function EmergencyLoginPage() {
  const login = useEmergencyLogin();
  const navigate = useNavigate();
  const [identifiant, setIdentifiant] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    document.title = `Portail jury de secours - ${SERVICE_TITLE}`;
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!identifiant.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ login: identifiant.trim(), password }, { onSuccess: () => navigate('/jury/qui-delibere', { replace: true }) });
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <div className="delib-panel fr-p-4w fr-mb-6w">
          <h1 className="fr-h3">Portail jury de secours</h1>
          <p className="fr-text--sm">
            Saisissez l'identifiant et le mot de passe du papillon de votre jury (plan de secours). Cet accès n'est ouvert
            qu'en cas de nécessité, après autorisation de l'académie.
          </p>
          <ErrorAlert error={login.error} title="Connexion impossible" />
          <form onSubmit={submit} noValidate>
            <Input label="Identifiant du jury" hintText="Exemple : secours-31310"
              state={missing && !identifiant.trim() ? 'error' : 'default'} stateRelatedMessage="Saisissez l'identifiant du papillon."
              nativeInputProps={{ name: 'login', autoComplete: 'username', required: true, value: identifiant, autoFocus: true, onChange: (e) => setIdentifiant(e.target.value) }} />
            <Input label="Mot de passe"
              state={missing && !password ? 'error' : 'default'} stateRelatedMessage="Saisissez le mot de passe du papillon."
              nativeInputProps={{ name: 'password', type: 'password', autoComplete: 'current-password', required: true, value: password, onChange: (e) => setPassword(e.target.value) }} />
            <Button type="submit" disabled={login.isPending}>{login.isPending ? 'Connexion…' : 'Se connecter'}</Button>
          </form>
        </div>
      </div>
    </div>
  );
}
