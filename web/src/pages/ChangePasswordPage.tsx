import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { api, setCsrfToken } from '../api/client.js';
import { keys, useMe } from '../api/hooks.js';
import type { MeResponse } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SERVICE_TITLE } from '../brand.js';

const MIN_PASSWORD = 12;

/**
 * "Choisir votre mot de passe": after a one-time password (created, reset or provisioned by the
 * académie), the account chooses its own before anything else opens.
 */
export function ChangePasswordPage() {
  const qc = useQueryClient();
  const me = useMe().data?.user;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: { current: string; next: string }) => api.post<MeResponse>('/api/auth/password', body),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      qc.setQueryData(keys.me, res);
    },
  });

  useEffect(() => {
    document.title = `Choisir votre mot de passe - ${SERVICE_TITLE}`;
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!current || !next) setProblem('Saisissez le mot de passe reçu et le nouveau mot de passe.');
    else if ([...next].length < MIN_PASSWORD) setProblem(`Le mot de passe doit contenir au moins ${MIN_PASSWORD} caractères.`);
    else if (next !== confirm) setProblem('La confirmation ne correspond pas au nouveau mot de passe.');
    else {
      setProblem(null);
      change.mutate({ current, next });
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <div className="delib-panel fr-p-4w fr-mb-6w">
          <h1 className="fr-h3">Choisir votre mot de passe</h1>
          <p>
            {`${me?.name ?? ''} (${me?.login ?? ''}) : le mot de passe que vous avez reçu est à usage unique. `}
            Choisissez le vôtre pour continuer : 12 caractères au moins, de préférence une phrase de passe de plusieurs mots ;
            les mots de passe courants ou faciles à deviner sont refusés.
          </p>
          {problem && <Alert severity="error" small className="fr-mb-2w" description={problem} />}
          <ErrorAlert error={change.error} title="Le mot de passe n'a pas été changé" />
          <form onSubmit={submit} noValidate>
            <Input label="Mot de passe reçu (à usage unique)" nativeInputProps={{
              name: 'current', type: 'password', autoComplete: 'current-password', value: current, autoFocus: true,
              onChange: (e) => setCurrent(e.target.value),
            }} />
            <Input label="Nouveau mot de passe" hintText={`${MIN_PASSWORD} caractères au moins.`} nativeInputProps={{
              name: 'next', type: 'password', autoComplete: 'new-password', value: next, onChange: (e) => setNext(e.target.value),
            }} />
            <Input label="Confirmation du nouveau mot de passe" nativeInputProps={{
              name: 'confirm', type: 'password', autoComplete: 'new-password', value: confirm, onChange: (e) => setConfirm(e.target.value),
            }} />
            <Button type="submit" disabled={change.isPending}>Enregistrer mon mot de passe</Button>
          </form>
        </div>
      </div>
    </div>
  );
}
