// The jury's charts against its spécialité (issue #16, point 2), drawn with Recharts (SVG): the
// averages by one-point band with the 8 and 10 lines, the spread of each unit's grades, the decisions
// as stacked bars. DSFR colours; each chart is keyboard-navigable (Recharts' accessibility layer: Tab
// to the chart, arrows between the bars) and followed by the table of the same figures.
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatHundredths } from '../../../../src/domain/grades.js';
import { TableFrame } from '../../components/TableFrame.js';
import type { Charts } from './api.js';

/** DSFR colours: blue France (jury), purple glycine (spécialité), the system colours for decisions. */
export const COLORS = {
  jury: '#000091',
  specialite: '#a558a0',
  threshold: '#3a3a3a',
  ADMIS: '#18753c',
  CONTROLE: '#0063cb',
  REFUSE: '#ce0500',
  INCOMPLET: '#b34000',
} as const;

const DECISIONS = [
  { key: 'ADMIS', label: 'Admis' },
  { key: 'CONTROLE', label: 'Passe les épreuves de contrôle' },
  { key: 'REFUSE', label: 'Refusé' },
  { key: 'INCOMPLET', label: 'Incomplet' },
] as const;

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1).replace('.', ',')} %`);
const grade = (h: number | null): string => (h === null ? '—' : formatHundredths(h));

function Figure({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <figure className="delib-chart fr-mb-4w" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 className="fr-h5" id={`${id}-title`}>{title}</h2>
      <p className="fr-text--sm" id={`${id}-desc`}>{summary}</p>
      {children}
    </figure>
  );
}

function Histogram({ c }: { c: Charts }) {
  const data = c.histogram.map((b) => ({ ...b, mid: b.from + 0.5 }));
  const spe = c.specialite;
  return (
    <Figure id="chart-histogram" title="Répartition des moyennes"
      summary={spe
        ? `Moyennes du jury ${c.jury.code} (${c.candidates} candidats) et de la spécialité ${spe.code} - ${spe.libelle} (${spe.juries} jury(s), ${spe.candidates} candidats), en % par tranche d’un point ; traits aux seuils 8 et 10.`
        : `Moyennes du jury ${c.jury.code} (${c.candidates} candidats), en % par tranche d’un point ; traits aux seuils 8 et 10. Spécialité : disponible avec le serveur.`}>
      <div className="delib-chart__plot" aria-describedby="chart-histogram-desc">
        <ResponsiveContainer width="100%" height={320}>
          <BarChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }} barGap={0} barCategoryGap={2}
            title="Répartition des moyennes du jury et de la spécialité">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis type="number" dataKey="mid" domain={[0, 20]} ticks={[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]} allowDataOverflow
              label={{ value: 'Moyenne', position: 'insideBottomRight', offset: -4 }} />
            <YAxis unit=" %" width={56} />
            <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(m) => `Moyenne ${data.find((d) => d.mid === Number(m))?.label ?? ''}`} />
            <Legend itemSorter={null} />
            <Bar dataKey="juryPercent" name={`Jury ${c.jury.code}`} fill={COLORS.jury} />
            {spe && <Bar dataKey="specialitePercent" name={`Spécialité ${spe.code}`} fill={COLORS.specialite} />}
            <ReferenceLine x={8} stroke={COLORS.threshold} strokeWidth={2} strokeDasharray="6 3" label={{ value: '8', position: 'top' }} />
            <ReferenceLine x={10} stroke={COLORS.threshold} strokeWidth={2} label={{ value: '10', position: 'top' }} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <TableFrame caption="Répartition des moyennes (tableau)" testId="table-histogram">
        <thead>
          <tr>
            <th scope="col">Moyenne</th>
            <th scope="col" className="fr-cell--right">{`Jury ${c.jury.code}`}</th>
            <th scope="col" className="fr-cell--right">% jury</th>
            {spe && <th scope="col" className="fr-cell--right">{`Spécialité ${spe.code}`}</th>}
            {spe && <th scope="col" className="fr-cell--right">% spécialité</th>}
          </tr>
        </thead>
        <tbody>
          {c.histogram.filter((b) => b.jury > 0 || (b.specialite ?? 0) > 0).map((b) => (
            <tr key={b.from} data-testid={`band-${b.from}`}>
              <th scope="row">{b.label}</th>
              <td className="fr-cell--right">{b.jury}</td>
              <td className="fr-cell--right">{pct(b.juryPercent)}</td>
              {spe && <td className="fr-cell--right">{b.specialite}</td>}
              {spe && <td className="fr-cell--right">{pct(b.specialitePercent)}</td>}
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </Figure>
  );
}

function Spread({ c }: { c: Charts }) {
  const range = (s: Charts['epreuves'][number]['jury'] | null) => (s && s.q1 !== null && s.q3 !== null ? [s.q1 / 100, s.q3 / 100] : null);
  const data = c.epreuves.map((e) => ({ code: e.code, jury: range(e.jury), specialite: range(e.specialite) }));
  return (
    <Figure id="chart-spread" title="Dispersion des notes par unité"
      summary="Pour chaque unité, les notes du jury et de la spécialité du 1er au 3e quartile (la moitié centrale des notes) ; le tableau donne aussi le minimum, la médiane, la moyenne et le maximum.">
      <div className="delib-chart__plot" aria-describedby="chart-spread-desc">
        <ResponsiveContainer width="100%" height={Math.max(220, 46 * data.length)}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title="Dispersion des notes par unité">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 20]} ticks={[0, 4, 8, 10, 12, 16, 20]} />
            <YAxis type="category" dataKey="code" width={56} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? `${grade(Math.round(Number(v[0]) * 100))} à ${grade(Math.round(Number(v[1]) * 100))}` : String(v))} />
            <Legend itemSorter={null} />
            <Bar dataKey="jury" name={`Jury ${c.jury.code}`} fill={COLORS.jury} />
            {c.specialite && <Bar dataKey="specialite" name={`Spécialité ${c.specialite.code}`} fill={COLORS.specialite} />}
            <ReferenceLine x={10} stroke={COLORS.threshold} strokeWidth={1} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <TableFrame caption="Dispersion des notes par unité (tableau)" testId="table-spread">
        <thead>
          <tr>
            <th scope="col">Unité</th>
            <th scope="col">Notes de</th>
            <th scope="col" className="fr-cell--right">Notés</th>
            <th scope="col" className="fr-cell--right">Min.</th>
            <th scope="col" className="fr-cell--right">1er quartile</th>
            <th scope="col" className="fr-cell--right">Médiane</th>
            <th scope="col" className="fr-cell--right">3e quartile</th>
            <th scope="col" className="fr-cell--right">Max.</th>
            <th scope="col" className="fr-cell--right">Moyenne</th>
          </tr>
        </thead>
        <tbody>
          {c.epreuves.flatMap((e) => [
            { who: `Jury ${c.jury.code}`, s: e.jury, first: true },
            ...(e.specialite ? [{ who: `Spécialité ${c.specialite!.code}`, s: e.specialite, first: false }] : []),
          ].map(({ who, s, first }) => (
            <tr key={`${e.code}-${who}`} data-testid={first ? `spread-${e.code}` : undefined}>
              <th scope="row">{first ? `${e.code} - ${e.libelle}` : <span className="fr-sr-only">{`${e.code} - ${e.libelle}`}</span>}</th>
              <td>{who}</td>
              <td className="fr-cell--right">{s.n}</td>
              <td className="fr-cell--right">{grade(s.min)}</td>
              <td className="fr-cell--right">{grade(s.q1)}</td>
              <td className="fr-cell--right">{grade(s.median)}</td>
              <td className="fr-cell--right">{grade(s.q3)}</td>
              <td className="fr-cell--right">{grade(s.max)}</td>
              <td className="fr-cell--right">{s.mean ?? '—'}</td>
            </tr>
          )))}
        </tbody>
      </TableFrame>
    </Figure>
  );
}

function Decisions({ c }: { c: Charts }) {
  const row = (name: string, d: Charts['decisions']['jury']): { name: string } & Record<(typeof DECISIONS)[number]['key'], number> => {
    const total = DECISIONS.reduce((n, x) => n + d[x.key], 0);
    const share = (k: (typeof DECISIONS)[number]['key']) => (total ? Math.round((d[k] * 1000) / total) / 10 : 0);
    return { name, ADMIS: share('ADMIS'), CONTROLE: share('CONTROLE'), REFUSE: share('REFUSE'), INCOMPLET: share('INCOMPLET') };
  };
  const data = [row(`Jury ${c.jury.code}`, c.decisions.jury), ...(c.decisions.specialite && c.specialite ? [row(`Spécialité ${c.specialite.code}`, c.decisions.specialite)] : [])];
  return (
    <Figure id="chart-decisions" title="Décisions proposées du 1er groupe"
      summary="Part de chaque décision proposée, pour le jury et pour sa spécialité (barres empilées, 100 % chacune).">
      <div className="delib-chart__plot" aria-describedby="chart-decisions-desc">
        <ResponsiveContainer width="100%" height={60 + 56 * data.length}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title="Décisions proposées du 1er groupe">
            <XAxis type="number" domain={[0, 100]} unit=" %" />
            <YAxis type="category" dataKey="name" width={120} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend itemSorter={null} />
            {DECISIONS.map((x) => <Bar key={x.key} dataKey={x.key} name={x.label} stackId="d" fill={COLORS[x.key]} />)}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <TableFrame caption="Décisions proposées du 1er groupe (tableau)" testId="table-decisions">
        <thead>
          <tr>
            <th scope="col">Décision</th>
            <th scope="col" className="fr-cell--right">{`Jury ${c.jury.code}`}</th>
            {c.decisions.specialite && c.specialite && <th scope="col" className="fr-cell--right">{`Spécialité ${c.specialite.code}`}</th>}
          </tr>
        </thead>
        <tbody>
          {DECISIONS.map((x) => (
            <tr key={x.key} data-testid={`decisions-${x.key}`}>
              <th scope="row">{x.label}</th>
              <td className="fr-cell--right">{`${c.decisions.jury[x.key]} (${pct(data[0]![x.key])})`}</td>
              {c.decisions.specialite && data[1] && <td className="fr-cell--right">{`${c.decisions.specialite[x.key]} (${pct(data[1][x.key])})`}</td>}
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </Figure>
  );
}

export function ChartsView({ c }: { c: Charts }) {
  return (
    <div data-testid="charts">
      <Histogram c={c} />
      <Spread c={c} />
      <Decisions c={c} />
      <ul className="fr-text--xs">{c.notes.map((n) => <li key={n}>{n}</li>)}</ul>
    </div>
  );
}
