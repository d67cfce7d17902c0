import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../layout/Page.js';
import { useChooseMember, useJuryHeader } from './api.js';

type Member = 'president' | 'vice_president';

/**
 * "Qui délibère ?": right after a jury account logs in, the président or the vice-président says who
 * is deliberating; his name is recorded with every change (journal, grades).
 */
export function ActingMemberPage() {
  const user = useMe().data?.user;
  const jury = useJuryHeader(user?.scope);
  const choose = useChooseMember();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [member, setMember] = useState<Member | null>(user?.actingMember?.member ?? null);
  const [missing, setMissing] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!member) {
      setMissing(true);
      return;
    }
    choose.mutate(member, {
      onSuccess: () => navigate(from && from !== '/' && from !== '/jury/qui-delibere' ? from : '/jury', { replace: true }),
    });
  };

  const j = jury.data;
  return (
    <Page title="Qui délibère ?" crumbs={[{ label: 'Portail du jury', to: '/jury' }]}>
      <p>
        Les modifications de notes, les consultations d'identité et la clôture de la délibération sont enregistrées au
        journal au nom du membre du jury qui délibère. Indiquez qui vous êtes.
      </p>
      <ErrorAlert error={jury.error} title="Impossible de charger le jury" />
      <ErrorAlert error={choose.error} title="Le choix n'a pas été enregistré" />
      {jury.isPending && <p aria-live="polite">Chargement du jury…</p>}
      {j && (
        <form onSubmit={submit} noValidate className="delib-panel fr-p-3w" data-testid="acting-member-form">
          <RadioButtons
            legend={`Jury ${j.code} - ${j.specialiteLibelle}`}
            name="acting-member"
            {...(missing && !member ? { state: 'error' as const, stateRelatedMessage: 'Choisissez le membre du jury qui délibère.' } : {})}
            options={[
              { label: j.president, hintText: 'Président(e) du jury', nativeInputProps: { value: 'president', checked: member === 'president', onChange: () => setMember('president') } },
              { label: j.vicePresident, hintText: 'Vice-président(e) du jury', nativeInputProps: { value: 'vice_president', checked: member === 'vice_president', onChange: () => setMember('vice_president') } },
            ]}
          />
          <Button type="submit" disabled={choose.isPending}>{choose.isPending ? 'Enregistrement…' : 'Valider'}</Button>
        </form>
      )}
    </Page>
  );
}
