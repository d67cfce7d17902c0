import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { api } from '../../api/client.js';
import { keys, useMe, useUsers } from '../../api/hooks.js';
import type { AgentIdentity, ManagedUser } from '../../api/types.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SortableTh, useSorted } from '../../components/sort.js';
import { TableFrame } from '../../components/TableFrame.js';
import { ROLE_LABELS, withCode } from '../../format.js';
import { OneTimePassword } from './OneTimePassword.js';
import { ProvisioningPanel } from './ProvisioningPanel.js';
import { UserForm } from './UserForm.js';

type Col = 'login' | 'name' | 'role' | 'scope';

function statusOf(u: ManagedUser): string {
  if (!u.active) return 'Désactivé';
  if (u.ssoOnly) return 'Actif (connexion agent, sans mot de passe)';
  return u.temporaryCredential ? 'Actif (mot de passe à usage unique)' : 'Actif';
}

/** "Utilisateurs": the accounts of the académie; create, edit the name, reset the password, deactivate, reactivate. */
export function UsersPage() {
  const qc = useQueryClient();
  const me = useMe().data?.user;
  const users = useUsers();
  const [editing, setEditing] = useState<string | null>(null);
  const [editingSso, setEditingSso] = useState<string | null>(null);
  const [reset, setReset] = useState<{ login: string; password: string } | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: keys.users });
  const patch = useMutation({
    mutationFn: ({ login, ...body }: { login: string; active?: boolean; name?: string }) =>
      api.patch<unknown>(`/api/users/${encodeURIComponent(login)}`, body),
    onSuccess: () => setEditing(null),
    onSettled: invalidate,
  });
  const setSso = useMutation({
    mutationFn: ({ login, sso }: { login: string; sso: AgentIdentity | null }) =>
      api.put<unknown>(`/api/users/${encodeURIComponent(login)}/sso`, { sso }),
    onSuccess: () => setEditingSso(null),
    onSettled: invalidate,
  });
  const resetPassword = useMutation({
    mutationFn: (login: string) => api.post<{ oneTimePassword: string }>(`/api/users/${encodeURIComponent(login)}/reset-password`),
    onSuccess: (res, login) => setReset({ login, password: res.oneTimePassword }),
    onSettled: invalidate,
  });
  const { sorted, sort, toggle } = useSorted<ManagedUser, Col>(users.data ?? [], { key: 'login', dir: 'ascending' },
    (u, c) => (c === 'role' ? ROLE_LABELS[u.role] ?? u.role : String(u[c] ?? '')));

  return (
    <>
      <ProvisioningPanel />
      <UserForm />
      {reset && (
        <OneTimePassword login={reset.login} password={reset.password} onClose={() => setReset(null)}
          intro={`Le mot de passe de ${reset.login} est réinitialisé : l'ancien ne fonctionne plus et ses sessions sont fermées.`} />
      )}
      <ErrorAlert error={patch.error} title="Le compte n'a pas été modifié" />
      <ErrorAlert error={resetPassword.error} title="Le mot de passe n'a pas été réinitialisé" />
      <ErrorAlert error={setSso.error} title="L'identité d'agent n'a pas été modifiée" />
      <ErrorAlert error={users.error} title="Impossible de charger les utilisateurs" />
      {users.isPending && <p aria-live="polite">Chargement des utilisateurs…</p>}
      {users.data && (
        <TableFrame caption={`Liste des utilisateurs (${users.data.length})`} testId="users-table">
          <thead>
            <tr>
              <SortableTh label="Identifiant" sortKey="login" sort={sort} onSort={toggle} />
              <SortableTh label="Nom" sortKey="name" sort={sort} onSort={toggle} />
              <SortableTh label="Rôle" sortKey="role" sort={sort} onSort={toggle} />
              <SortableTh label="Périmètre" sortKey="scope" sort={sort} onSort={toggle} />
              <th scope="col">Statut</th>
              <th scope="col">Connexion agent</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((u) => (
              <tr key={u.login} data-testid={`user-${u.login}`}>
                <td>{u.login}</td>
                <td>
                  {editing === u.login
                    ? <NameEditor user={u} pending={patch.isPending} onSave={(name) => patch.mutate({ login: u.login, name })} onCancel={() => setEditing(null)} />
                    : u.name}
                </td>
                <td>{ROLE_LABELS[u.role] ?? u.role}</td>
                <td>{withCode(u.scopeLabel, u.scope)}</td>
                <td>{statusOf(u)}</td>
                <td className={editingSso === u.login ? 'delib-sso-editing' : undefined}>
                  {editingSso === u.login
                    ? <AgentIdentityEditor user={u} pending={setSso.isPending} onSave={(sso) => setSso.mutate({ login: u.login, sso })} onCancel={() => setEditingSso(null)} />
                    : u.sso ? <span data-testid="user-sso">{`${u.sso.claim === 'email' ? 'E-mail' : 'Sujet'} : ${u.sso.value}`}</span> : '—'}
                </td>
                <td>
                  <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    <li>
                      <Button size="small" priority="tertiary" disabled={editing !== null} title={`Modifier le nom du compte ${u.login}`}
                        onClick={() => setEditing(u.login)}>Modifier</Button>
                    </li>
                    {u.role !== 'jury' && (
                      <li>
                        <Button size="small" priority="tertiary" disabled={editingSso !== null} title={`Identité d'agent (connexion agent) du compte ${u.login}`}
                          onClick={() => setEditingSso(u.login)}>Identité d'agent</Button>
                      </li>
                    )}
                    {!u.login.startsWith('secours-') && !u.ssoOnly && (
                      <li>
                        <Button size="small" priority="tertiary" disabled={resetPassword.isPending} title={`Réinitialiser le mot de passe du compte ${u.login}`}
                          onClick={() => {
                            if (window.confirm(`Réinitialiser le mot de passe de ${u.login} ? L'ancien ne fonctionnera plus.`)) resetPassword.mutate(u.login);
                          }}>
                          Réinitialiser le mot de passe
                        </Button>
                      </li>
                    )}
                    {u.login !== me?.login && (
                      <li>
                        <Button size="small" priority="secondary" disabled={patch.isPending}
                          title={`${u.active ? 'Désactiver' : 'Réactiver'} le compte ${u.login}`}
                          onClick={() => patch.mutate({ login: u.login, active: !u.active })}>
                          {u.active ? 'Désactiver' : 'Réactiver'}
                        </Button>
                      </li>
                    )}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  );
}

function NameEditor({ user, pending, onSave, onCancel }: { user: ManagedUser; pending: boolean; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(user.name);
  const [error, setError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) setError(true);
    else onSave(name.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Modifier le nom du compte ${user.login}`}>
      <Input label="Nouveau nom" state={error ? 'error' : 'default'} stateRelatedMessage="Saisissez le nom."
        nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), name: 'edit-name', autoFocus: true, autoComplete: 'off' }} />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li><Button size="small" type="submit" disabled={pending}>Enregistrer</Button></li>
        <li><Button size="small" priority="secondary" type="button" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}

/** The agent identity an account answers to through the identity federation: the ID token's e-mail or subject. */
function AgentIdentityEditor({ user, pending, onSave, onCancel }: {
  user: ManagedUser; pending: boolean; onSave: (sso: AgentIdentity | null) => void; onCancel: () => void;
}) {
  const [claim, setClaim] = useState<AgentIdentity['claim']>(user.sso?.claim ?? 'email');
  const [value, setValue] = useState(user.sso?.value ?? '');
  const [error, setError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) setError(true);
    else onSave({ claim, value: value.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Identité d'agent du compte ${user.login}`}>
      <Select label="Identifiée par" nativeSelectProps={{ value: claim, onChange: (e) => setClaim(e.target.value as AgentIdentity['claim']), name: 'sso-claim' }}>
        <option value="email">Adresse électronique</option>
        <option value="sub">Sujet (sub) du fournisseur</option>
      </Select>
      <Input label={claim === 'email' ? 'Adresse électronique de l\'agent' : 'Sujet (sub)'} state={error ? 'error' : 'default'}
        stateRelatedMessage="Saisissez l'identité de l'agent."
        nativeInputProps={{ value, onChange: (e) => setValue(e.target.value), name: 'sso-value', autoFocus: true, autoComplete: 'off', type: claim === 'email' ? 'email' : 'text' }} />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li><Button size="small" type="submit" disabled={pending}>Enregistrer</Button></li>
        {user.sso && !user.ssoOnly && (
          <li><Button size="small" priority="tertiary" type="button" disabled={pending} onClick={() => onSave(null)}>Retirer</Button></li>
        )}
        <li><Button size="small" priority="secondary" type="button" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </form>
  );
}
