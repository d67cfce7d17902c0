// Small pieces shared by the jury portal's screens: decision badge, flags, the jury card.
import { Link } from 'react-router-dom';
import { deliberationDates, stateLabel, withCode } from '../../format.js';
import type { Decision, Flags, JuryHeader } from './api.js';

const SEVERITY: Record<Decision, 'success' | 'info' | 'error' | 'warning'> = {
  ADMIS: 'success',
  CONTROLE: 'info',
  REFUSE: 'error',
  INCOMPLET: 'warning',
};

interface BadgeProps {
  severity?: 'success' | 'info' | 'error' | 'warning' | 'new';
  title?: string;
  testId?: string;
  children: string;
}

/** DSFR badge markup (small, without icon), with a title and a test id when useful. */
export function Badge({ severity, title, testId, children }: BadgeProps) {
  const cls = ['fr-badge', 'fr-badge--sm', 'fr-badge--no-icon', severity ? `fr-badge--${severity}` : ''].filter(Boolean).join(' ');
  return <span className={cls} title={title} data-testid={testId}>{children}</span>;
}

export function DecisionBadge({ decision, label, testId }: { decision: Decision; label: string; testId?: string }) {
  return <Badge severity={SEVERITY[decision]} testId={testId}>{label}</Badge>;
}

export function livretLabel(livret: boolean | null): string {
  return livret === null ? 'sans statut' : livret ? 'reçu' : 'non reçu';
}

/** The candidate's flags as badges: livret, handicap measures, bénéfice, dispense, présumé fraudeur, liste rouge. */
export function FlagBadges({ flags }: { flags: Flags }) {
  return (
    <ul className="delib-flags">
      <li>
        <Badge severity={flags.livret === true ? undefined : 'warning'}>{`Livret ${livretLabel(flags.livret)}`}</Badge>
      </li>
      {flags.handicap && (
        <li>
          <Badge severity="new" title={`Mesures pour handicap : ${flags.handicap}`}>Handicap</Badge>
          <span className="fr-sr-only">{` : ${flags.handicap}`}</span>
        </li>
      )}
      {flags.benefice && <li><Badge>Bénéfice</Badge></li>}
      {flags.dispense && <li><Badge>Dispense</Badge></li>}
      {flags.presumeFraudeur && <li><Badge severity="error">Présumé fraudeur</Badge></li>}
      {flags.listeRouge && <li><Badge>Liste rouge</Badge></li>}
    </ul>
  );
}

const MEMBER_LABEL = { president: 'président(e) du jury', vice_president: 'vice-président(e) du jury' } as const;

/** The jury, its state and who deliberates (with the link to change). */
export function JuryCard({ jury }: { jury: JuryHeader }) {
  return (
    <div className="delib-panel fr-p-3w fr-mb-3w" data-testid="jury-card">
      <h2 className="fr-h5 fr-mb-2w">{`Jury ${jury.code} - ${jury.specialiteLibelle}`}</h2>
      <dl className="delib-dl">
        <dt>Centre de délibération</dt>
        <dd>{withCode(jury.centreLibelle, jury.centreUai)}</dd>
        <dt>Date(s) de délibération</dt>
        <dd>{deliberationDates(jury.debutDeliberation, jury.finDeliberation) || '—'}</dd>
        <dt>Etat d'avancement du jury</dt>
        <dd data-testid="jury-state">{stateLabel(jury.etat, jury.etatLibelle)}</dd>
        <dt>Membre qui délibère</dt>
        <dd data-testid="acting-member">
          {jury.actingMember ? `${jury.actingMember.name} (${MEMBER_LABEL[jury.actingMember.member]})` : 'non désigné'}
          {' '}
          {(jury.actingMember || jury.actions.needsActingMember) && (
            <Link className="fr-link fr-link--sm fr-ml-1w" to="/jury/qui-delibere">Changer</Link>
          )}
        </dd>
      </dl>
    </div>
  );
}

/** One sentence on what the jury may do now (the server decides; this only explains). */
export function StateNotice({ jury }: { jury: JuryHeader }) {
  const a = jury.actions;
  if (a.canModifyGrades) {
    const what = a.modifiableGroup === 2 ? 'les notes des épreuves de contrôle (2nd groupe)' : 'les notes des épreuves du 1er groupe';
    return (
      <p className="fr-text--sm fr-mb-2w" data-testid="state-notice">
        {`Délibération ouverte : vous pouvez modifier ${what}. Chaque modification est enregistrée au journal au nom du membre qui délibère.`}
      </p>
    );
  }
  return (
    <p className="fr-text--sm fr-mb-2w" data-testid="state-notice">
      Les notes ne sont pas modifiables dans l'état actuel du jury.
    </p>
  );
}
