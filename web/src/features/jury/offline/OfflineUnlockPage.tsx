// The jury's encrypted data kept in this browser, in a tab that does not have its key (the tab that
// derived it was closed): the password derives it again. Offline, this is the page shown instead of
// the portal; online, the banner offers it. Nothing is sent anywhere; a wrong password fails to decrypt.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { errorMessage } from '../../../api/client.js';
import { keys } from '../../../api/hooks.js';
import { unlockOffline } from './session.js';

export function UnlockForm({ logins, compact = false }: { logins: readonly string[]; compact?: boolean }) {
  const qc = useQueryClient();
  const [login, setLogin] = useState(logins[0] ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError('Saisissez votre mot de passe.');
      return;
    }
    setBusy(true);
    setError(null);
    unlockOffline(login, password)
      .then(() => qc.invalidateQueries({ queryKey: keys.me }))
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Déverrouiller les données hors ligne du jury">
      {error && <Alert severity="error" small className="fr-mb-2w" description={error} />}
      {compact ? null : logins.length > 1 ? (
        <Select label="Identifiant" nativeSelectProps={{ name: 'login', value: login, onChange: (e) => setLogin(e.target.value) }}>
          {logins.map((l) => <option key={l} value={l}>{l}</option>)}
        </Select>
      ) : (
        <Input label="Identifiant" nativeInputProps={{ name: 'login', value: login, readOnly: true, autoComplete: 'username' }} />
      )}
      <Input label="Mot de passe" nativeInputProps={{
        name: 'password', type: 'password', autoComplete: 'current-password', value: password, autoFocus: !compact,
        onChange: (e) => setPassword(e.target.value),
      }} />
      <Button type="submit" size={compact ? 'small' : 'medium'} disabled={busy}>{busy ? 'Déverrouillage…' : 'Déverrouiller'}</Button>
    </form>
  );
}

export function OfflineUnlockPage({ logins, message }: { logins: readonly string[]; message: string }) {
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <div className="delib-panel fr-p-4w fr-mb-6w" data-testid="offline-unlock">
          <h1 className="fr-h3">Portail du jury hors ligne</h1>
          <Alert severity="warning" small className="fr-mb-3w" description={message} />
          <UnlockForm logins={logins} />
        </div>
      </div>
    </div>
  );
}
