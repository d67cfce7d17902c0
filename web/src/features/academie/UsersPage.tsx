import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { api } from '../../api/client.js';
import { keys, useMe, useUsers } from '../../api/hooks.js';
import type { ManagedUser } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SortableTh, useSorted } from '../../components/sort.js';
import { TableFrame } from '../../components/TableFrame.js';
import { ROLE_LABELS, withCode } from '../../format.js';
import { UserForm } from './UserForm.js';

type Col = 'login' | 'name' | 'role' | 'scope';

/** "Utilisateurs": the accounts of the académie; create, deactivate, reactivate. */
export function UsersPage() {
  const qc = useQueryClient();
  const me = useMe().data?.user;
  const users = useUsers();
  const patch = useMutation({
    mutationFn: ({ login, active }: { login: string; active: boolean }) =>
      api.patch<unknown>(`/api/users/${encodeURIComponent(login)}`, { active }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
  const { sorted, sort, toggle } = useSorted<ManagedUser, Col>(users.data ?? [], { key: 'login', dir: 'ascending' },
    (u, c) => (c === 'role' ? ROLE_LABELS[u.role] ?? u.role : String(u[c] ?? '')));

  return (
    <>
      <UserForm />
      <ErrorAlert error={patch.error} title="Le compte n'a pas été modifié" />
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
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((u) => (
              <tr key={u.login}>
                <td>{u.login}</td>
                <td>{u.name}</td>
                <td>{ROLE_LABELS[u.role] ?? u.role}</td>
                <td>{withCode(u.scopeLabel, u.scope)}</td>
                <td>{u.active ? 'Actif' : 'Désactivé'}</td>
                <td>
                  {u.login !== me?.login && (
                    <Button size="small" priority="secondary" disabled={patch.isPending}
                      title={`${u.active ? 'Désactiver' : 'Réactiver'} le compte ${u.login}`}
                      onClick={() => patch.mutate({ login: u.login, active: !u.active })}>
                      {u.active ? 'Désactiver' : 'Réactiver'}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  );
}
