import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { formatDateTime } from '../../format.js';
import { rowKey, useMismatches, useResolveMismatch, type Entry, type Mismatch } from './api.js';

function EntryCell({ e }: { e: Entry }) {
  return (
    <>
      <strong>{e.value || (e.version === 0 ? 'non saisie' : '—')}</strong>
      {e.enteredBy && <span className="fr-hint-text">{`${e.enteredBy}${e.enteredAt ? `, ${formatDateTime(e.enteredAt)}` : ''}`}</span>}
    </>
  );
}

function ResolveCell({ m, value, onValue, onResolve, busy }: { m: Mismatch; value: string; onValue: (v: string) => void; onResolve: () => void; busy: boolean }) {
  if (!m.canResolve) return <p className="fr-text--sm fr-mb-0" data-testid={`mismatch-refusal-${m.candidateId}-${m.epreuveCode}`}>{m.refusal}</p>;
  return (
    <>
      <div className="fr-input-wrap fr-mb-1w">
        <input className="fr-input delib-sg-grade" type="text" inputMode="decimal" maxLength={10}
          aria-label={`Note retenue pour ${m.nom} ${m.prenoms} en ${m.epreuveLibelle}`} value={value}
          onChange={(e) => onValue(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') onResolve(); }} />
      </div>
      <Button size="small" onClick={onResolve} disabled={busy || !value.trim()}>Retenir</Button>
    </>
  );
}

/**
 * Double entries awaiting arbitration (both entries typed and different, or left open when the jury
 * left 200), listed until a third person — not an author of either entry — retains the grade.
 */
export function MismatchesPanel() {
  const list = useMismatches();
  const resolve = useResolveMismatch();
  const [values, setValues] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const onResolve = (m: Mismatch) => {
    const key = rowKey(m.candidateId, m.epreuveCode);
    setDone(null);
    resolve.mutate(
      { candidateId: m.candidateId, epreuveCode: m.epreuveCode, value: values[key] ?? '', firstVersion: m.first.version, secondVersion: m.second.version },
      { onSuccess: (row) => setDone(`${m.nom} ${m.prenoms}, ${m.epreuveLibelle} : note retenue ${row.value}.`) },
    );
  };

  const items = list.data?.items ?? [];
  return (
    <>
      <p className="delib-sg-rule">
        Une discordance est une note dont les deux saisies diffèrent. Elle compte comme note manquante jusqu'à son arbitrage :
        une personne du centre de délibération qui n'a fait aucune des deux saisies, ou l'académie, vérifie le bordereau de
        notation et retient la bonne note, qui est alors prise en compte. Les deux saisies ne se modifient plus.
      </p>
      <ErrorAlert error={list.error} title="Impossible de charger les discordances" />
      <ErrorAlert error={resolve.error} title="La discordance n'a pas été arbitrée" />
      {done && <Alert small severity="success" description={done} className="fr-mb-2w" />}
      {list.data && items.length === 0 && <p data-testid="mismatches-none">Aucune discordance de double saisie.</p>}
      {items.length > 0 && (
        <TableFrame caption={`Discordances de double saisie (${items.length})`} testId="mismatches-table">
          <thead>
            <tr>
              <th scope="col">Jury</th>
              <th scope="col">Candidat</th>
              <th scope="col">Épreuve</th>
              <th scope="col">Première saisie</th>
              <th scope="col">Seconde saisie</th>
              <th scope="col">Note retenue</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const key = rowKey(m.candidateId, m.epreuveCode);
              return (
                <tr key={key} data-testid={`mismatch-${m.candidateId}-${m.epreuveCode}`}>
                  <td>{m.juryCode}<span className="fr-hint-text">{`état ${m.juryEtat}`}</span></td>
                  <td>{`${m.nom} ${m.prenoms}`}<span className="fr-hint-text">{m.numero}</span></td>
                  <td>{m.epreuveLibelle}<span className="fr-hint-text">{m.statusLabel}</span></td>
                  <td><EntryCell e={m.first} /></td>
                  <td><EntryCell e={m.second} /></td>
                  <td>
                    <ResolveCell m={m} value={values[key] ?? ''} onValue={(v) => setValues((x) => ({ ...x, [key]: v }))}
                      onResolve={() => onResolve(m)} busy={resolve.isPending} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableFrame>
      )}
      <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => void list.refetch()} disabled={list.isFetching}>Rafraîchir</Button>
    </>
  );
}
