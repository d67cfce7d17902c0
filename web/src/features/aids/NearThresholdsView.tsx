// "Candidats proches d'un seuil" (issue #16, point 1): the margin, then the candidates by gap with,
// for each grade, the smallest value that alone changes the decision. Shared by the jury portal and
// the centre's / académie's read-only view; the N° anonymat opens the candidate's PVI.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { parseMargin } from '../../../../src/features/aids/present-near.js';
import { DEFAULT_MARGIN_CENTI } from '../../../../src/domain/near-threshold.js';
import { formatHundredths } from '../../../../src/domain/grades.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { DecisionBadge } from '../jury/parts.js';
import { useNearThresholds, type NearCandidate } from './api.js';
import './aids.css';

function Levers({ c }: { c: NearCandidate }) {
  const enough = c.levers.filter((l) => l.smallest !== null);
  const none = c.levers.filter((l) => l.smallest === null);
  if (c.levers.length === 0) return <span>Aucune note modifiable</span>;
  return (
    <>
      {enough.length > 0 && (
        <ul className="delib-levers" data-testid={`levers-${c.id}-${c.threshold}`}>
          {enough.map((l) => (
            <li key={`${l.group}-${l.epreuve}`} title={`${l.libelle} — note actuelle ${l.current}`}>
              <strong>{l.text}</strong> <span className="fr-text--xs">{`(actuelle ${l.current})`}</span>
            </li>
          ))}
        </ul>
      )}
      {none.length > 0 && (
        <p className="fr-text--sm fr-mb-0">
          {enough.length === 0 ? 'Aucune note seule ne suffit' : `Aucune note seule ne suffit : ${none.map((l) => l.epreuve).join(', ')}`}
        </p>
      )}
    </>
  );
}

interface Props {
  code: string | undefined;
  /** where a candidate's PVI is ("/jury/candidats/12") */
  pviPath: (id: number) => string;
}

export function NearThresholdsView({ code, pviPath }: Props) {
  const [margin, setMargin] = useState(DEFAULT_MARGIN_CENTI);
  const [text, setText] = useState(formatHundredths(DEFAULT_MARGIN_CENTI));
  const [error, setError] = useState<string | null>(null);
  const near = useNearThresholds(code, margin);
  const d = near.data;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const r = parseMargin(text);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setMargin(r.value);
  };

  return (
    <div data-testid="proches-seuil">
      <form onSubmit={onSubmit} className="delib-margin-form fr-mb-3w" noValidate>
        <Input label="Marge sous le seuil (en points)" hintText="Par exemple 0,50 : les candidats à 0,50 point au plus d'un seuil."
          state={error ? 'error' : 'default'} stateRelatedMessage={error ?? undefined}
          nativeInputProps={{ value: text, onChange: (e) => setText(e.target.value), inputMode: 'decimal', name: 'marge' }} />
        <Button type="submit" priority="secondary">Appliquer</Button>
      </form>
      <ErrorAlert error={near.error} title="Les candidats proches d'un seuil ne sont pas consultables" />
      {near.isPending && code && <p aria-live="polite">Calcul en cours…</p>}
      {d && (
        <>
          <p className="fr-text--sm" data-testid="near-rule">{d.rule}</p>
          <p aria-live="polite" data-testid="near-count">
            {d.candidates.length === 0
              ? `Aucun candidat à ${d.marge} point au plus d'un seuil.`
              : `${d.candidates.length} situation(s) à ${d.marge} point au plus d'un seuil.`}
          </p>
          {d.candidates.length > 0 && (
            <TableFrame caption={`Candidats proches d'un seuil (marge ${d.marge} point)`} testId="near-table">
              <thead>
                <tr>
                  <th scope="col">N° anonymat</th>
                  <th scope="col">Seuil</th>
                  <th scope="col" className="fr-cell--right">Moyenne</th>
                  <th scope="col" className="fr-cell--right">Écart</th>
                  <th scope="col">Décision proposée</th>
                  <th scope="col">Note qui suffit seule</th>
                </tr>
              </thead>
              <tbody>
                {d.candidates.map((c) => (
                  <tr key={`${c.id}-${c.threshold}`} data-testid={`near-${c.numeroAnonymat}-${c.threshold}`}>
                    <th scope="row">
                      <Link className="fr-link" to={pviPath(c.id)} aria-label={`Procès-verbal individuel du candidat ${c.numeroAnonymat}`}>{c.numeroAnonymat}</Link>
                    </th>
                    <td>{c.thresholdLabel}</td>
                    <td className="fr-cell--right">
                      {c.value}
                      {c.valueLabel !== 'Moyenne' && <span className="fr-text--xs delib-block">{c.valueLabel}</span>}
                    </td>
                    <td className="fr-cell--right">{c.gap}</td>
                    <td><DecisionBadge decision={c.decision} label={c.decisionLabel} /></td>
                    <td>
                      <span className="fr-text--xs delib-block">{`Pour : ${c.targetLabel}`}</span>
                      <Levers c={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableFrame>
          )}
          <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => void near.refetch()} disabled={near.isFetching}>
            Rafraîchir
          </Button>
        </>
      )}
    </div>
  );
}
