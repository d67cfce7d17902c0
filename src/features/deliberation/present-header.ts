// Presenter: the jury at the top of every portal screen, with what this user may do now.
import type { JuryView } from '../../db/repositories/juries.js';
import { groupOf } from '../../domain/jury-state.js';
import { JURY_STATE_LABELS } from '../../domain/types.js';
import type { AuthContext } from '../auth/context.js';
import { formatDateTime } from '../juries/present-jury.js';
import { closeActionFor, closeVerdict, modifiableGroup, needsActingMember, readVerdict } from './policies.js';
import type { JuryHeaderDto } from './schemas.js';

export function presentJuryHeader(auth: AuthContext, j: JuryView): JuryHeaderDto {
  const { actor } = auth;
  const facts = { code: j.code, centreUai: j.centreUai, etat: j.etat };
  const group = actor.role === 'jury' ? modifiableGroup(j.etat) : null;
  const close = closeVerdict(actor, facts) === 'allowed' ? closeActionFor(actor, j.etat) : null;
  return {
    code: j.code,
    specialiteCode: j.specialiteCode,
    specialiteLibelle: j.specialiteLibelle,
    centreUai: j.centreUai,
    centreLibelle: j.centreLibelle,
    debutDeliberation: formatDateTime(j.debutDeliberation),
    finDeliberation: formatDateTime(j.finDeliberation),
    etat: j.etat,
    etatLibelle: JURY_STATE_LABELS[j.etat],
    group: groupOf(j.etat),
    president: j.president,
    vicePresident: j.vicePresident,
    actingMember: auth.actingMember ? { member: auth.actingMember, name: actor.name } : null,
    actions: {
      canModifyGrades: group !== null,
      modifiableGroup: group,
      canClose: close !== null,
      closeAction: close?.action ?? null,
      closeLabel: close?.label ?? null,
      canRevealIdentity: readVerdict(actor, facts) === 'allowed',
      needsActingMember: needsActingMember(actor, auth.actingMember),
    },
  };
}
