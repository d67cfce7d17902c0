import { Fragment } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { Page } from '../../layout/Page.js';
import { useJuryStatistics, type DecisionStat, type DecisionTable } from './api.js';
import { JuryCard } from './parts.js';

function StatRow({ s, total = false, specialite }: { s: DecisionStat; total?: boolean; specialite: boolean }) {
  const cell = (v: string | number | undefined) => <td className="fr-cell--right">{total ? <strong>{v}</strong> : v}</td>;
  return (
    <tr className={total ? 'delib-total-row' : undefined} data-testid={total ? undefined : `stat-${s.decision}`}>
      <th scope="row">{total ? <strong>{s.label}</strong> : s.label}</th>
      {cell(s.count)}
      {cell(s.percent)}
      {specialite && cell(s.specialiteCount)}
      {specialite && cell(s.specialitePercent)}
    </tr>
  );
}

/** By decision, as the memo's "Statistiques avant délibération": the jury, and its spécialité when known (online). */
function DecisionStats({ table, caption, testId }: { table: DecisionTable; caption: string; testId: string }) {
  const specialite = table.total.specialiteCount !== undefined;
  const span = specialite ? 5 : 3;
  return (
    <TableFrame caption={caption} testId={testId}>
      <thead>
        <tr>
          <th scope="col">Décision</th>
          <th scope="col" className="fr-cell--right">Nombre de candidats du jury</th>
          <th scope="col" className="fr-cell--right">% Jury</th>
          {specialite && <th scope="col" className="fr-cell--right">Nombre de candidats de la spécialité</th>}
          {specialite && <th scope="col" className="fr-cell--right">% Spécialité</th>}
        </tr>
      </thead>
      <tbody>
        <tr className="delib-section-row"><th scope="rowgroup" colSpan={span}>Décisions positives</th></tr>
        {table.positive.map((s) => <StatRow key={s.decision} s={s} specialite={specialite} />)}
        <StatRow s={table.positiveTotal} total specialite={specialite} />
        <tr className="delib-section-row"><th scope="rowgroup" colSpan={span}>Décisions négatives</th></tr>
        {table.negative.map((s) => <StatRow key={s.decision} s={s} specialite={specialite} />)}
        <StatRow s={table.negativeTotal} total specialite={specialite} />
        {(table.incomplete.count > 0 || (table.incomplete.specialiteCount ?? 0) > 0) && (
          <>
            <tr className="delib-section-row"><th scope="rowgroup" colSpan={span}>Sans décision</th></tr>
            <StatRow s={table.incomplete} specialite={specialite} />
          </>
        )}
      </tbody>
      <tfoot>
        <StatRow s={table.total} total specialite={specialite} />
      </tfoot>
    </TableFrame>
  );
}

/** "Statistiques du jury": live, by decision (counts and %) and by épreuve. */
export function StatisticsPage() {
  const code = useMe().data?.user?.scope;
  const stats = useJuryStatistics(code);
  const s = stats.data;
  return (
    <Page title="Statistiques du jury" crumbs={[{ label: 'Portail du jury', to: '/jury' }]}>
      <ErrorAlert error={stats.error} title="Les statistiques ne sont pas consultables" />
      {stats.isPending && <p aria-live="polite">Chargement des statistiques…</p>}
      {s && (
        <>
          <JuryCard jury={s.jury} />
          <p className="fr-text--sm">
            {`Statistiques calculées sur les notes actuelles des ${s.candidates} candidat(s) du jury ; elles suivent les modifications de notes.`}
          </p>
          <DecisionStats table={s.byDecision} caption="Statistiques par décision - 1er groupe" testId="stats-decision" />
          {s.byDecision2 && <DecisionStats table={s.byDecision2} caption="Statistiques par décision - 2nd groupe (épreuves de contrôle)" testId="stats-decision-2" />}
          <TableFrame caption="Statistiques par épreuve - notes du 1er groupe" testId="stats-epreuve">
            <thead>
              <tr>
                <th scope="col">Épreuve</th>
                <th scope="col" className="fr-cell--right">Coef.</th>
                <th scope="col" className="fr-cell--right">Notés</th>
                <th scope="col" className="fr-cell--right">Moyenne</th>
                <th scope="col" className="fr-cell--right">Min</th>
                <th scope="col" className="fr-cell--right">Max</th>
                <th scope="col" className="fr-cell--right">≥ 10</th>
                <th scope="col" className="fr-cell--right">ABS</th>
                <th scope="col" className="fr-cell--right">DI</th>
                <th scope="col" className="fr-cell--right">Sans note</th>
              </tr>
            </thead>
            <tbody>
              {s.byEpreuve.map((e) => (
                <Fragment key={`${e.level}-${e.code}`}>
                  <tr className={e.level === 'leaf' ? 'delib-leaf-row' : undefined} data-testid={`stat-epreuve-${e.code}`}>
                    <th scope="row">{e.level === 'leaf' ? <span className="delib-leaf">{`${e.code} - ${e.libelle}`}</span> : `${e.code} - ${e.libelle}`}</th>
                    <td className="fr-cell--right">{e.coef}</td>
                    <td className="fr-cell--right">{e.graded}</td>
                    <td className="fr-cell--right">{e.mean ?? '—'}</td>
                    <td className="fr-cell--right">{e.min ?? '—'}</td>
                    <td className="fr-cell--right">{e.max ?? '—'}</td>
                    <td className="fr-cell--right">{e.atLeast10}</td>
                    <td className="fr-cell--right">{e.abs}</td>
                    <td className="fr-cell--right">{e.di}</td>
                    <td className="fr-cell--right">{e.missing}</td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </TableFrame>
          <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => void stats.refetch()} disabled={stats.isFetching}>
            Rafraîchir
          </Button>
        </>
      )}
    </Page>
  );
}
