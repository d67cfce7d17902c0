import { useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { createModal } from '@codegouvfr/react-dsfr/Modal/index.js';
import { juryApi, useInvalidateJuries, useJuries } from '../../api/hooks.js';
import type { JuryItem } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Pager } from '../../components/Pager.js';
import { TableFrame } from '../../components/TableFrame.js';
import { stateLabel, withCode } from '../../format.js';

const confirmModal = createModal({ id: 'delib-emergency-confirm', isOpenedByDefault: false });

const MOTIF_REQUIRED = "Le motif est obligatoire pour activer l'accès de secours : il est enregistré au journal.";

interface Pending {
  code: string;
  enabled: boolean;
}

/**
 * "Accès de secours des jurys": the académie enables, per jury, the emergency login of the papillon —
 * after a confirmation and with a required reason (journaled); disabling is confirmed too.
 */
export function EmergencyPage() {
  const [page, setPage] = useState(1);
  const juries = useJuries({ page });
  const invalidate = useInvalidateJuries();
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [motif, setMotif] = useState('');
  const [motifError, setMotifError] = useState<string | null>(null);
  const motifRef = useRef<HTMLTextAreaElement>(null);
  const toggle = useMutation({
    mutationFn: ({ code, enabled, reason }: Pending & { reason: string }) => juryApi.emergency(code, enabled, reason),
    onSuccess: (_d, v) => {
      setDone(`Accès de secours du jury ${v.code} ${v.enabled ? 'activé' : 'désactivé'}.`);
      confirmModal.close();
    },
    onSettled: invalidate,
  });

  const ask = (code: string, enabled: boolean) => {
    setDone(null);
    toggle.reset();
    setPending({ code, enabled });
    setMotif('');
    setMotifError(null);
    confirmModal.open();
  };

  const confirm = () => {
    if (!pending) return;
    if (pending.enabled && motif.trim() === '') {
      setMotifError(MOTIF_REQUIRED);
      motifRef.current?.focus();
      return;
    }
    toggle.mutate({ ...pending, reason: motif.trim() });
  };

  const items = juries.data?.items ?? [];
  return (
    <>
      <p>
        L'accès de secours permet à un jury de se connecter au portail avec l'identifiant et le mot de passe de son
        papillon (plan de secours). Ne l'activez qu'en cas de nécessité, et désactivez-le ensuite.
      </p>
      {done && <Alert small severity="success" description={done} className="fr-mb-2w" closable onClose={() => setDone(null)} />}
      <ErrorAlert error={juries.error} title="Impossible de charger les jurys" />
      {juries.isPending && <p aria-live="polite">Chargement des jurys…</p>}
      {juries.data && (
        <TableFrame caption="Accès de secours par jury" testId="emergency-table">
          <thead>
            <tr>
              <th scope="col">Jury</th>
              <th scope="col">Spécialité</th>
              <th scope="col">Centre de délibération</th>
              <th scope="col">Etat d'avancement du jury</th>
              <th scope="col">Accès de secours</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((j) => <Row key={j.code} jury={j} busy={toggle.isPending} onToggle={(enabled) => ask(j.code, enabled)} />)}
          </tbody>
        </TableFrame>
      )}
      {juries.data && <Pager page={juries.data.page} pageSize={juries.data.pageSize} total={juries.data.total} onPage={setPage} noun="jurys" label="Pages de la liste des jurys" />}
      <confirmModal.Component
        title={pending ? `${pending.enabled ? 'Activer' : 'Désactiver'} l'accès de secours du jury ${pending.code} ?` : 'Confirmer ?'}
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          {
            children: toggle.isPending ? 'Enregistrement…' : 'Confirmer', onClick: confirm, doClosesModal: false,
            disabled: toggle.isPending, nativeButtonProps: { 'data-testid': 'emergency-confirm-ok' },
          },
        ]}
      >
        {pending?.enabled ? (
          <>
            <p>
              Le jury {pending.code} pourra se connecter avec l'identifiant et le mot de passe de son papillon. Cette
              activation est exceptionnelle : elle est enregistrée au journal avec son motif.
            </p>
            <Input
              textArea
              label="Motif (obligatoire)"
              hintText="Pourquoi le jury a-t-il besoin de l'accès de secours ?"
              state={motifError ? 'error' : 'default'}
              stateRelatedMessage={motifError ?? undefined}
              nativeTextAreaProps={{
                ref: motifRef, value: motif, rows: 3, required: true, name: 'motif-secours', maxLength: 500,
                onChange: (e) => { setMotif(e.target.value); if (e.target.value.trim()) setMotifError(null); },
              }}
            />
          </>
        ) : (
          pending && <p>Le jury {pending.code} ne pourra plus se connecter avec son papillon. Le changement est enregistré au journal.</p>
        )}
        <ErrorAlert error={toggle.error} title="Le changement n'a pas été effectué" />
      </confirmModal.Component>
    </>
  );
}

function Row({ jury: j, busy, onToggle }: { jury: JuryItem; busy: boolean; onToggle: (enabled: boolean) => void }) {
  return (
    <tr data-testid={`emergency-row-${j.code}`}>
      <td>{j.code}</td>
      <td>{j.specialiteLibelle}</td>
      <td>{withCode(j.centreLibelle, j.centreUai)}</td>
      <td>{stateLabel(j.etat, j.etatLibelle)}</td>
      <td>
        <p className={`fr-badge fr-badge--sm ${j.emergencyEnabled ? 'fr-badge--warning' : 'fr-badge--info'} fr-badge--no-icon`}>
          {j.emergencyEnabled ? 'Activé' : 'Désactivé'}
        </p>
      </td>
      <td>
        <Button size="small" priority={j.emergencyEnabled ? 'secondary' : 'primary'}
          disabled={busy || !j.actions.canToggleEmergency}
          title={`${j.emergencyEnabled ? 'Désactiver' : 'Activer'} l'accès de secours du jury ${j.code}`}
          onClick={() => onToggle(!j.emergencyEnabled)}>
          {j.emergencyEnabled ? 'Désactiver' : 'Activer'}
        </Button>
      </td>
    </tr>
  );
}
