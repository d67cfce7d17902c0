import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { api } from '../../api/client.js';
import { keys } from '../../api/hooks.js';
import type { Role } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ROLE_LABELS } from '../../format.js';
import { OneTimePassword } from './OneTimePassword.js';

const MIN_PASSWORD = 12;

const SCOPE_HINT: Record<Role, string> = {
  academie: "Code de l'académie (ex. A03)",
  centre: 'UAI du centre de délibération (ex. 0250001R)',
  centre_epreuve: "UAI du centre d'épreuve (ex. 0250013D)",
  jury: 'Code du jury (ex. 31310)',
};

interface Draft {
  login: string;
  name: string;
  role: Role;
  scope: string;
  password: string;
  ssoClaim: 'email' | 'sub';
  ssoValue: string;
}

const EMPTY: Draft = { login: '', name: '', role: 'centre', scope: '', password: '', ssoClaim: 'email', ssoValue: '' };

/**
 * "Créer un utilisateur": identifiant, nom, rôle, périmètre; the password is generated (one-time,
 * shown once) unless one is typed (12 characters at least, not guessable). A personal account
 * chooses its own at its first login.
 */
export function UserForm() {
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [created, setCreated] = useState<{ login: string; oneTimePassword: string | null } | null>(null);
  const create = useMutation({
    mutationFn: ({ password, ssoClaim, ssoValue, ...body }: Draft) => api.post<{ login: string; oneTimePassword: string | null }>('/api/users', {
      ...body, ...(password ? { password } : {}), ...(ssoValue && body.role !== 'jury' ? { sso: { claim: ssoClaim, value: ssoValue } } : {}),
    }),
    onSuccess: (r) => { setCreated({ login: r.login, oneTimePassword: r.oneTimePassword }); setD(EMPTY); void qc.invalidateQueries({ queryKey: keys.users }); },
  });

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Partial<Record<keyof Draft, string>> = {};
    if (!d.login.trim()) errs.login = "Saisissez l'identifiant.";
    if (!d.name.trim()) errs.name = 'Saisissez le nom.';
    if (!d.scope.trim()) errs.scope = 'Saisissez le périmètre.';
    if (d.password && [...d.password].length < MIN_PASSWORD) errs.password = `Le mot de passe doit contenir au moins ${MIN_PASSWORD} caractères.`;
    setErrors(errs);
    setCreated(null);
    if (Object.keys(errs).length === 0) create.mutate({ ...d, login: d.login.trim(), name: d.name.trim(), scope: d.scope.trim(), ssoValue: d.ssoValue.trim() });
  };

  const state = (k: keyof Draft) => (errors[k] ? { state: 'error' as const, stateRelatedMessage: errors[k] } : {});

  return (
    <form onSubmit={submit} noValidate className="delib-panel fr-p-3w fr-mb-4w" aria-labelledby="creer-utilisateur">
      <h2 className="fr-h5" id="creer-utilisateur">Créer un utilisateur</h2>
      {created && <Alert small severity="success" className="fr-mb-2w" description={`L'utilisateur ${created.login} a été créé.`} />}
      {created?.oneTimePassword && (
        <OneTimePassword login={created.login} password={created.oneTimePassword} onClose={() => setCreated(null)}
          intro={`Le compte ${created.login} a été créé avec ce mot de passe.`} />
      )}
      <ErrorAlert error={create.error} title="L'utilisateur n'a pas été créé" />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Identifiant" {...state('login')} nativeInputProps={{ value: d.login, onChange: set('login'), autoComplete: 'off', name: 'login' }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Nom" {...state('name')} nativeInputProps={{ value: d.name, onChange: set('name'), autoComplete: 'off', name: 'name' }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Rôle" nativeSelectProps={{ value: d.role, onChange: set('role'), name: 'role' }}>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Périmètre" hintText={SCOPE_HINT[d.role]} {...state('scope')}
            nativeInputProps={{ value: d.scope, onChange: set('scope'), autoComplete: 'off', name: 'scope' }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Mot de passe (facultatif)" hintText={`Laissez vide pour générer un mot de passe à usage unique (aucun mot de passe pour un agent identifié ci-dessous) ; sinon ${MIN_PASSWORD} caractères au moins, difficile à deviner.`} {...state('password')}
            nativeInputProps={{ value: d.password, onChange: set('password'), type: 'password', autoComplete: 'new-password', name: 'password' }} />
        </div>
        {d.role !== 'jury' && (
          <fieldset className="fr-col-12 fr-fieldset fr-mb-0" aria-labelledby="creer-utilisateur-sso">
            <legend className="fr-fieldset__legend fr-text--regular" id="creer-utilisateur-sso">
              Connexion agent (facultatif) : identité de l'agent auprès du fournisseur d'identité
            </legend>
            <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
              <Select label="Identifiée par" nativeSelectProps={{ value: d.ssoClaim, onChange: set('ssoClaim'), name: 'sso-claim' }}>
                <option value="email">Adresse électronique</option>
                <option value="sub">Sujet (sub) du fournisseur</option>
              </Select>
            </div>
            <div className="fr-fieldset__element fr-col-12 fr-col-md-8">
              <Input label={d.ssoClaim === 'email' ? "Adresse électronique de l'agent" : 'Sujet (sub)'} hintText="Ex. prenom.nom@ac-besancon.fr"
                nativeInputProps={{ value: d.ssoValue, onChange: set('ssoValue'), autoComplete: 'off', name: 'sso-value' }} />
            </div>
          </fieldset>
        )}
      </div>
      <Button type="submit" className="fr-mt-2w" iconId="fr-icon-user-add-line" disabled={create.isPending}>Créer l'utilisateur</Button>
    </form>
  );
}
