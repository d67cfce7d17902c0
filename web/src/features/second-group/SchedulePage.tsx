import { Fragment, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { scheduleKey, useSaveSchedule, useSchedule, type ScheduleResult, type ScheduleRow } from './api.js';
import { displayCount } from './display.js';
import './second-group.css';

type Draft = Pick<ScheduleRow, 'date' | 'heure' | 'salle'>;

/** 'YYYY-MM-DD' → 'jj/mm/aaaa' (typed as text: a native date field follows the browser's language, not the memo's format). */
const frDate = (iso: string) => (/^(\d{4})-(\d{2})-(\d{2})$/.test(iso) ? iso.split('-').reverse().join('/') : iso);
const saved = (r: ScheduleRow): Draft => ({ date: frDate(r.date), heure: r.heure, salle: r.salle });

/**
 * "Saisir les dates des épreuves du 2nd groupe": date, time and room of each épreuve — for the centre
 * d'épreuve, those it hosts; for the centre de délibération, those of its candidates; for the
 * académie, those of every centre d'épreuve (filter by centre).
 */
export function SchedulePage() {
  const role = useMe().data?.user?.role;
  const academie = role === 'academie';
  // the centre de délibération: the épreuves of its candidates, in whichever centre d'épreuve they sit
  const centreDelib = role === 'centre';
  const schedule = useSchedule();
  const [centre, setCentre] = useState('');
  const save = useSaveSchedule();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [outcomes, setOutcomes] = useState<Record<string, ScheduleResult>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const all = schedule.data?.rows ?? [];
  const centres = [...new Map(all.map((r) => [r.centreEpreuveUai, r.centreEpreuve])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  // grouped by centre d'épreuve (stable: the server's order within a centre)
  const rows = (centre ? all.filter((r) => r.centreEpreuveUai === centre) : all)
    .map((r, i) => ({ r, i })).sort((a, b) => a.r.centreEpreuve.localeCompare(b.r.centreEpreuve, 'fr') || a.i - b.i).map((x) => x.r);
  const draftOf = (r: ScheduleRow): Draft => drafts[scheduleKey(r)] ?? saved(r);
  const changed = (r: ScheduleRow) => {
    const d = draftOf(r);
    const s = saved(r);
    return d.date.trim() !== s.date || d.heure.trim() !== s.heure || d.salle.trim() !== s.salle;
  };
  const pending = all.filter(changed);
  const showCentre = academie || centreDelib || centres.length > 1;

  const onSave = async () => {
    setNotice(null);
    if (pending.length === 0) {
      setNotice('Aucune modification à enregistrer.');
      return;
    }
    const { results } = await save.mutateAsync(pending.map((r) => ({
      centreEpreuveUai: r.centreEpreuveUai, specialiteCode: r.specialiteCode, epreuveCode: r.epreuveCode, ...draftOf(r), expectedVersion: r.version,
    })));
    setOutcomes(Object.fromEntries(results.map((x) => [x.key, x])));
    setDrafts((ds) => Object.fromEntries(Object.entries(ds).filter(([k]) => {
      const x = results.find((y) => y.key === k);
      return x !== undefined && (x.status === 'error' || x.status === 'conflict');
    })));
  };

  const edit = (r: ScheduleRow, patch: Partial<Draft>) => setDrafts((ds) => ({ ...ds, [scheduleKey(r)]: { ...draftOf(r), ...patch } }));

  return (
    <>
      {academie && <h2 className="fr-h4">Saisir les dates des épreuves du 2nd groupe des centres d'épreuve</h2>}
      {academie ? (
        <p className="delib-sg-rule">
          Date, heure et salle de chaque épreuve du 2nd groupe dans chaque centre d'épreuve de l'académie, pour les candidats
          admis à passer les épreuves de contrôle (jurys aux états 198 et 200) : celles saisies par les centres d'épreuve, que
          vous pouvez compléter ou corriger. Ces informations figurent sur les convocations des candidats et sur les bordereaux
          de notation ; une épreuve sans date y porte « À communiquer ». Enregistrez avec le bouton « Enregistrer ».
        </p>
      ) : centreDelib ? (
        <p className="delib-sg-rule">
          Saisissez la date, l'heure et la salle de chaque épreuve du 2nd groupe de vos candidats admis à passer les épreuves
          de contrôle (jurys aux états 198 et 200), dans leur centre d'épreuve. Ces informations figurent sur les convocations
          et sur les bordereaux de notation ; une épreuve sans date y porte « À communiquer ». Une épreuve que passent aussi
          des candidats d'autres centres de délibération est datée par son centre d'épreuve ou par l'académie.
          Enregistrez avec le bouton « Enregistrer ».
        </p>
      ) : (
        <p className="delib-sg-rule">
          Saisissez la date, l'heure et la salle de chaque épreuve du 2nd groupe organisée dans votre centre pour les candidats
          admis à passer les épreuves de contrôle (jurys aux états 198 et 200). Ces informations figurent sur les convocations
          des candidats et sur les bordereaux de notation. Enregistrez avec le bouton « Enregistrer ».
        </p>
      )}
      <ErrorAlert error={schedule.error} title="Impossible de charger les épreuves" />
      <ErrorAlert error={save.error} title="L'enregistrement a échoué" />
      {notice && <Alert small severity="info" description={notice} className="fr-mb-2w" />}
      {schedule.isPending && <p aria-live="polite">Chargement des épreuves…</p>}
      {schedule.data && (
        <>
          {showCentre && (
            <Select label="Centre d'épreuve" className="delib-sg-centre-filter"
              nativeSelectProps={{ value: centre, onChange: (e) => setCentre(e.target.value) }}>
              <option value="">Tous les centres d'épreuve ({centres.length})</option>
              {centres.map(([uai, label]) => <option key={uai} value={uai}>{label}</option>)}
            </Select>
          )}
          <TableFrame caption="Dates, heures et salles des épreuves du 2nd groupe" captionHidden testId="schedule-table" className="fr-table--sm delib-sg-table">
            <thead>
              <tr>
                <th scope="col">Spécialité</th>
                <th scope="col">Épreuve</th>
                <th scope="col" className="fr-cell--right">Candidats</th>
                <th scope="col">Date<span className="delib-sg-hint">jj/mm/aaaa</span></th>
                <th scope="col">Heure<span className="delib-sg-hint">hh:mm</span></th>
                <th scope="col">Salle</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && <tr><td colSpan={6}>{academie || centreDelib ? "Aucun candidat du 2nd groupe dans les jurys aux états 198 et 200 pour le moment." : 'Aucun candidat du 2nd groupe dans votre centre pour le moment.'}</td></tr>}
              {rows.map((r, i) => {
                const k = scheduleKey(r);
                const d = draftOf(r);
                const o = outcomes[k];
                const name = `${r.epreuveLibelle} (${r.specialite})${showCentre ? ` – ${r.centreEpreuve}` : ''}`;
                const rowId = `${academie || centreDelib ? `${r.centreEpreuveUai}-` : ''}${r.specialiteCode}-${r.epreuveCode}`;
                const firstOfCentre = showCentre && (i === 0 || rows[i - 1]!.centreEpreuveUai !== r.centreEpreuveUai);
                return (
                  <Fragment key={k}>
                    {firstOfCentre && (
                      <tr className="delib-sg-group-row"><th scope="colgroup" colSpan={6}>{`Centre d'épreuve : ${r.centreEpreuve}`}</th></tr>
                    )}
                    <tr data-testid={`schedule-row-${rowId}`} className={changed(r) ? 'delib-sg-changed' : undefined}>
                      <td>{r.specialite}</td>
                      <td>
                        {r.epreuveLibelle}
                        {o && (
                          <p className={`fr-message fr-mt-1w fr-mb-0 ${o.status === 'saved' || o.status === 'unchanged' ? 'fr-message--valid' : 'fr-message--error'}`}
                            data-testid={`schedule-outcome-${rowId}`}>
                            {o.message}
                          </p>
                        )}
                      </td>
                      <td className="fr-cell--right">{r.candidats}</td>
                      <td>
                        <input className="fr-input delib-sg-date" type="text" inputMode="numeric" maxLength={10} placeholder="jj/mm/aaaa" aria-label={`Date – ${name}`} value={d.date}
                          onChange={(e) => edit(r, { date: e.target.value })} />
                      </td>
                      <td>
                        <input className="fr-input delib-sg-time" type="text" maxLength={5} placeholder="hh:mm" aria-label={`Heure – ${name}`} value={d.heure}
                          onChange={(e) => edit(r, { heure: e.target.value })} />
                      </td>
                      <td>
                        <input className="fr-input delib-sg-room" type="text" maxLength={60} aria-label={`Salle – ${name}`} value={d.salle}
                          onChange={(e) => edit(r, { salle: e.target.value })} />
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </TableFrame>
          <p className="fr-text--sm delib-sg-count">{displayCount(rows.length, all.length)}</p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li>
              <Button iconId="fr-icon-save-line" onClick={() => void onSave()} disabled={save.isPending}>
                {save.isPending ? 'Enregistrement…' : 'Enregistrer'}
              </Button>
            </li>
            <li>
              <Button priority="secondary" iconId="fr-icon-refresh-line" disabled={schedule.isFetching}
                onClick={() => { setDrafts({}); setOutcomes({}); setNotice(null); void schedule.refetch(); }}>
                Rafraîchir
              </Button>
            </li>
          </ul>
        </>
      )}
    </>
  );
}
