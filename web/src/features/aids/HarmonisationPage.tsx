// "Harmonisation des jurys" (issue #16, point 3), for the centre and the académie: per spécialité,
// each jury's admission rate and mean average beside the spécialité's, the juries far from it flagged
// by the rule the page states. Two Recharts bar charts (keyboard-navigable, DSFR colours: a flagged
// jury's bar is red) followed by the table of the same figures (the RGAA equivalent). Only the juries
// whose grades the user may read are shown and counted (src/features/aids/get-harmonisation.ts).
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { Badge } from '@codegouvfr/react-dsfr/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { COLORS } from './ChartsView.js';
import { useHarmonisation, type Harmonisation } from './api.js';

type Row = Harmonisation['juries'][number];

const FLAGGED = '#ce0500';

function JuryBars({ h, id, title, summary, value, reference, domain, unit, flagged }: {
  h: Harmonisation; id: string; title: string; summary: string; value: (r: Row) => number | null;
  reference: number | null; domain: [number, number]; unit: string; flagged: (r: Row) => boolean;
}) {
  const data = h.juries.map((r) => ({ code: r.code, value: value(r), flagged: flagged(r) }));
  return (
    <figure className="delib-chart fr-mb-4w" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 className="fr-h5" id={`${id}-title`}>{title}</h2>
      <p className="fr-text--sm" id={`${id}-desc`}>{summary}</p>
      <div className="delib-chart__plot" aria-describedby={`${id}-desc`}>
        <ResponsiveContainer width="100%" height={Math.max(200, 40 + 34 * data.length)}>
          <BarChart data={data} layout="vertical" margin={{ top: 24, right: 24, bottom: 8, left: 8 }} title={title}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={domain} unit={unit} />
            <YAxis type="category" dataKey="code" width={64} />
            <Tooltip formatter={(v) => `${String(v).replace('.', ',')}${unit}`} labelFormatter={(c) => `Jury ${String(c)}`} />
            <Bar dataKey="value" name={title}>
              {data.map((d) => <Cell key={d.code} fill={d.flagged ? FLAGGED : COLORS.jury} />)}
            </Bar>
            {reference !== null && (
              <ReferenceLine x={reference} stroke={COLORS.specialite} strokeWidth={3}
                label={{ value: `Spécialité ${String(Math.trunc(reference * 100) / 100).replace('.', ',')}${unit}`, position: 'top', fill: '#3a3a3a' }} />
            )}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The jury's gap to the spécialité and, beneath, the rule's tolerated gap for its size. */
function Gap({ gap, tolerance }: { gap: string | null; tolerance: string | null }) {
  if (gap === null) return <>—</>;
  return <>{gap}<span className="delib-block fr-text--xs fr-mb-0">{`toléré ${tolerance ?? ''}`}</span></>;
}

/** A flagged jury: a short badge, then on what (the full label for assistive technologies too). */
function FlagCell({ r }: { r: Row }) {
  const on = r.flags.rate && r.flags.mean ? 'taux et moyenne' : r.flags.rate ? 'taux d’admission' : 'moyenne';
  return (
    <>
      <Badge severity="error" small noIcon>Signalé</Badge>
      <span className="delib-block fr-text--xs fr-mb-0" title={r.flagLabel}>{on}</span>
      <span className="fr-sr-only">{` : ${r.flagLabel}`}</span>
    </>
  );
}

function HarmonisationTable({ h }: { h: Harmonisation }) {
  const f = h.figures;
  return (
    <TableFrame caption={`Jurys de la spécialité ${h.specialite.code} - ${h.specialite.libelle} (tableau)`} testId="harmonisation-table"
      scrollLabel={`Tableau des jurys de la spécialité ${h.specialite.code}`}>
      <thead>
        <tr>
          <th scope="col">Jury</th>
          <th scope="col">Centre</th>
          <th scope="col">État</th>
          <th scope="col" className="fr-cell--right">Candidats</th>
          <th scope="col" className="fr-cell--right">Admis</th>
          <th scope="col" className="fr-cell--right">Taux d’admission</th>
          <th scope="col" className="fr-cell--right">Écart (points)</th>
          <th scope="col" className="fr-cell--right">Moyenne</th>
          <th scope="col" className="fr-cell--right">Écart</th>
          <th scope="col">Signalement</th>
        </tr>
      </thead>
      <tbody>
        {h.juries.map((r) => (
          <tr key={r.code} data-testid={`harmonisation-${r.code}`}>
            <th scope="row">{r.code}</th>
            <td>{r.centreUai}<span className="delib-block fr-text--xs fr-mb-0">{r.centreLibelle}</span></td>
            <td>{r.etat}</td>
            <td className="fr-cell--right">{r.candidates}<span className="delib-block fr-text--xs fr-mb-0">{`dont ${r.decided} avec décision`}</span></td>
            <td className="fr-cell--right">{r.admis}</td>
            <td className="fr-cell--right">{r.rate}</td>
            <td className="fr-cell--right"><Gap gap={r.rateGap} tolerance={r.rateTolerance} /></td>
            <td className="fr-cell--right">{r.mean}</td>
            <td className="fr-cell--right"><Gap gap={r.meanGap} tolerance={r.meanTolerance} /></td>
            <td>{r.flagLabel ? <FlagCell r={r} /> : 'Non signalé'}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="harmonisation-specialite">
          <th scope="row">Spécialité</th>
          <td>{`${f.juries} jury(s)`}</td>
          <td />
          <td className="fr-cell--right">{f.candidates}<span className="delib-block fr-text--xs fr-mb-0">{`dont ${f.decided} avec décision`}</span></td>
          <td className="fr-cell--right">{f.admis}</td>
          <td className="fr-cell--right">{f.rate}</td>
          <td className="fr-cell--right">—</td>
          <td className="fr-cell--right">{f.mean}<span className="delib-block fr-text--xs fr-mb-0">{`écart-type ${f.standardDeviation}`}</span></td>
          <td className="fr-cell--right">—</td>
          <td>{`${h.flagged} jury(s) signalé(s)`}</td>
        </tr>
      </tfoot>
    </TableFrame>
  );
}

export function HarmonisationPage() {
  const [specialite, setSpecialite] = useState('');
  const q = useHarmonisation(specialite);
  const h = q.data;
  return (
    <div data-testid="harmonisation">
      <ErrorAlert error={q.error} title="L’harmonisation n’est pas consultable" />
      {q.isPending && <p aria-live="polite">Chargement…</p>}
      {h && (
        <>
          <div className="delib-margin-form fr-mb-3w">
            <Select label="Spécialité" nativeSelectProps={{ value: h.specialite.code, onChange: (e) => setSpecialite(e.target.value), name: 'specialite' }}>
              {h.specialites.map((s) => <option key={s.code} value={s.code}>{`${s.code} - ${s.libelle}`}</option>)}
            </Select>
          </div>
          <p data-testid="harmonisation-summary" aria-live="polite">
            {`Spécialité ${h.specialite.code} - ${h.specialite.libelle} : ${h.figures.juries} jury(s), ${h.figures.candidates} candidats, `
              + `taux d’admission ${h.figures.rate}, moyenne ${h.figures.mean}. `}
            <strong>{h.flagged === 0 ? 'Aucun jury signalé.' : `${h.flagged} jury(s) signalé(s).`}</strong>
          </p>
          <p className="fr-text--sm" data-testid="harmonisation-perimetre">{h.perimetre}</p>
          <div className="fr-callout fr-mb-4w">
            <h2 className="fr-callout__title fr-h6">Règle de signalement</h2>
            <p className="fr-callout__text fr-text--sm" data-testid="harmonisation-rule">{h.rule}</p>
          </div>
          <JuryBars h={h} id="chart-harmonisation-rate" title="Taux d’admission par jury" unit=" %" domain={[0, 100]}
            summary={`Taux d’admission (décisions proposées du 1er groupe) de chaque jury ; trait violet : la spécialité (${h.figures.rate}). En rouge : jury signalé sur ce taux.`}
            value={(r) => r.ratePercent} reference={h.figures.ratePercent} flagged={(r) => r.flags.rate} />
          <JuryBars h={h} id="chart-harmonisation-mean" title="Moyenne des candidats par jury" unit="" domain={[0, 20]}
            summary={`Moyenne des moyennes du 1er groupe de chaque jury ; trait violet : la spécialité (${h.figures.mean}). En rouge : jury signalé sur la moyenne.`}
            value={(r) => (r.meanValue === null ? null : Math.trunc(r.meanValue * 100) / 100)} reference={h.figures.meanValue} flagged={(r) => r.flags.mean} />
          <HarmonisationTable h={h} />
        </>
      )}
    </div>
  );
}
