import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { Page } from '../../layout/Page.js';
import { useJuryCandidates } from './api.js';
import { CloseDeliberation } from './CloseDeliberation.js';
import { DecisionCounts } from './JuryPortalPage.js';
import { DecisionBadge, JuryCard, StateNotice } from './parts.js';

/**
 * "Délibération du 2nd groupe": the candidates at CONTROLE with their two chosen units, initial,
 * contrôle and retained grades, moyenne after contrôle and decision; contrôle grades are changed on
 * each candidate's PVI while the jury is at 210.
 */
export function SecondGroupPage() {
  const code = useMe().data?.user?.scope;
  const list = useJuryCandidates(code);
  const data = list.data;
  const rows = data?.candidates.filter((c) => c.group2 !== null) ?? [];
  return (
    <Page title="Délibération du 2nd groupe" crumbs={[{ label: 'Portail du jury', to: '/jury' }]}>
      <ErrorAlert error={list.error} title="Les candidats ne sont pas consultables" />
      {list.isPending && <p aria-live="polite">Chargement des candidats…</p>}
      {data && (
        <>
          <JuryCard jury={data.jury} />
          <StateNotice jury={data.jury} />
          {data.jury.group === 1 && (
            <p className="fr-text--sm">Le 2nd groupe n'est pas encore ouvert : la liste montre les candidats qui passent les épreuves de contrôle.</p>
          )}
          {data.counts2 && <DecisionCounts counts={data.counts2} caption="Décisions du 2nd groupe" testId="counts2" />}
          <TableFrame caption={`Candidats aux épreuves de contrôle (${rows.length})`} testId="second-group-table">
            <thead>
              <tr>
                <th scope="col">N° anonymat</th>
                <th scope="col">Épreuve choisie</th>
                <th scope="col" className="fr-cell--right">Note initiale</th>
                <th scope="col" className="fr-cell--right">Note de contrôle</th>
                <th scope="col" className="fr-cell--right">Note retenue</th>
                <th scope="col" className="fr-cell--right">Moyenne après contrôle</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && <tr><td colSpan={7}>Aucun candidat ne passe les épreuves de contrôle.</td></tr>}
              {rows.map((c) => {
                const g2 = c.group2!;
                const units = g2.units.length > 0 ? g2.units : [null];
                const span = units.length;
                return (
                  <Fragment key={c.id}>
                    {units.map((u, i) => (
                      <tr key={u?.code ?? 'none'} data-testid={i === 0 ? `second-row-${c.numeroAnonymat}` : undefined}>
                        {i === 0 && (
                          <th scope="row" rowSpan={span}>
                            <Link className="fr-link" to={`/jury/candidats/${c.id}`}>{c.numeroAnonymat}</Link>
                          </th>
                        )}
                        {u ? (
                          <>
                            <td>{`${u.code} - ${u.libelle}`}</td>
                            <td className="fr-cell--right">{u.initial || '—'}</td>
                            <td className="fr-cell--right">{u.controle || '—'}</td>
                            <td className="fr-cell--right">{u.retained || '—'}{u.meilleureNoteRetenue && <span className="fr-hint-text">meilleure note</span>}</td>
                          </>
                        ) : <td colSpan={4}>Choix des épreuves non saisis</td>}
                        {i === 0 && (
                          <>
                            <td className="fr-cell--right" rowSpan={span}>{g2.moyenne ?? '—'}</td>
                            <td rowSpan={span}>{data.jury.group === 2 ? <DecisionBadge decision={g2.decision} label={g2.decisionLabel} /> : '—'}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </Fragment>
                );
              })}
            </tbody>
          </TableFrame>
          {data.jury.group === 2 && data.counts2 && <CloseDeliberation jury={data.jury} counts={data.counts2} />}
        </>
      )}
    </Page>
  );
}
