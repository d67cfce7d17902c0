// PV de tenue de délibération (1st and 2nd group): admis, admis aux épreuves du second groupe
// (1st group), notes modifiées en délibération, non admis ("A ne pas afficher."); each part ends with
// the signature block of the member(s) who modified grades (the président when nobody did) and the journal's anchor (a boxed warning on top of each part when the
// journal does not verify). One PDF with every part, or one PDF per part (the caller zips).

import { gradeValueText } from '../format.js';
import type { GradeChangeRow, JournalSeal, PvCandidateRow, PostSignatureRow, PvTenueModel } from '../model.js';
import { signatureBlock } from '../pdf/blocks.js';
import { formatDateTimeFr } from '../pdf/datetime.js';
import { drawTable, type Column } from '../pdf/table.js';
import { PdfWriter } from '../pdf/writer.js';
import { compareNames, drawResultBlock } from './results.js';
import { NO_CANDIDATE } from './sectioned.js';

const SIGNATAIRE_ROLES = { president: 'Président', vice_president: 'Vice-président' } as const;

export const DO_NOT_DISPLAY = 'A ne pas afficher.';

export type PvPartKey = 'admis' | 'controle' | 'modifications' | 'nonAdmis' | 'apresSignature';

export interface PvPart {
  readonly key: PvPartKey;
  readonly title: string;
}

const TITLES: Readonly<Record<1 | 2, Readonly<Partial<Record<PvPartKey, string>>>>> = {
  1: {
    admis: 'Liste des candidats ADMIS après délibération du 1er groupe',
    controle: 'Liste des candidats admis à se présenter aux épreuves du second groupe',
    modifications: 'Liste des notes modifiées en délibération du 1er groupe',
    nonAdmis: 'Liste des candidats non admis après délibération du 1er groupe',
  },
  2: {
    admis: "Liste des candidats ADMIS à l'issue de l'épreuve de contrôle",
    modifications: 'Liste des notes modifiées en délibération du 2nd groupe',
    nonAdmis: "Liste des candidats non admis après délibération de l'épreuve de contrôle",
  },
};

export const AFTER_SIGNATURE_TITLE = 'Modifications après signature';

/** The parts of a PV: its group's, then "Modifications après signature" from version 2 (issue #15). */
function partsOf(model: PvTenueModel): PvPart[] {
  const parts = pvTenueParts(model.group);
  return (model.version ?? 1) > 1 ? [...parts, { key: 'apresSignature', title: AFTER_SIGNATURE_TITLE }] : parts;
}

const AFTER_SIGNATURE_COLUMNS: Column<PostSignatureRow>[] = [
  { header: 'Candidat', width: 15, value: (r) => r.candidat },
  { header: 'Épreuve', width: 8, value: (r) => r.epreuve },
  { header: 'Note avant', width: 6.5, align: 'right', value: (r) => r.noteAvant },
  { header: 'Note après', width: 6.5, align: 'right', value: (r) => r.noteApres },
  { header: 'Décision avant', width: 10.5, value: (r) => r.decisionAvant },
  { header: 'Décision après', width: 10.5, value: (r) => r.decisionApres },
  { header: 'Moy. avant', width: 7, align: 'right', value: (r) => r.moyenneAvant },
  { header: 'Moy. après', width: 7, align: 'right', value: (r) => r.moyenneApres },
  { header: 'Par', width: 9, value: (r) => r.par },
  { header: 'Le', width: 11, value: (r) => formatDateTimeFr(r.le) },
  { header: 'Motif', width: 9, value: (r) => r.motif },
];

/** The parts of the PV of a group, in order. */
export function pvTenueParts(group: 1 | 2): PvPart[] {
  const keys: PvPartKey[] = group === 1 ? ['admis', 'controle', 'modifications', 'nonAdmis'] : ['admis', 'modifications', 'nonAdmis'];
  return keys.map((key) => ({ key, title: TITLES[group][key]! }));
}

const CANDIDATE_COLUMNS: Column<PvCandidateRow>[] = [
  { header: 'Nom', width: 40, value: (r) => r.nom },
  { header: 'Prénoms', width: 35, value: (r) => r.prenoms },
  { header: 'Décision', width: 25, value: (r) => r.decision },
];

export const GRADE_CHANGE_COLUMNS: Column<GradeChangeRow>[] = [
  { header: 'N° Candidat', width: 14, value: (r) => `${r.numeroCandidat} - ${r.numeroInscription}` },
  { header: 'Nom / Prénoms', width: 16, value: (r) => `${r.nom} ${r.prenoms}` },
  { header: 'Épreuve', width: 24, value: (r) => r.epreuve },
  { header: 'Ancienne note', width: 10.5, align: 'right', value: (r) => gradeValueText(r.ancienneNote, ',', '') },
  { header: 'Nouvelle note', width: 10.5, align: 'right', value: (r) => gradeValueText(r.nouvelleNote, ',', '') },
  { header: 'Modifiée par', width: 14, value: (r) => r.modifiePar },
  { header: 'Date', width: 11, value: (r) => formatDateTimeFr(r.date) },
];

function drawPart(w: PdfWriter, model: PvTenueModel, part: PvPart): void {
  w.beginSection((w) =>
    drawResultBlock(w, {
      header: model.header,
      jury: model.jury,
      title: (model.version ?? 1) > 1 ? `${part.title} - PV version ${model.version}` : part.title,
      centreKind: 'deliberation',
      centre: model.centre,
      pv: { dateDeliberation: model.dateDeliberation },
    }),
  );
  if (model.journal.problems.length > 0) journalWarning(w, model.journal);
  if (part.key === 'nonAdmis') {
    w.text(DO_NOT_DISPLAY, w.margin.left, w.y, { font: 'B', size: 10 });
    w.y += 18;
  }
  if (part.key === 'apresSignature') {
    const rows = model.apresSignature ?? [];
    if (rows.length === 0) {
      w.text(NO_CANDIDATE, w.margin.left, w.y, { size: 10 });
      w.y += 16;
    } else {
      drawTable(w, AFTER_SIGNATURE_COLUMNS, rows, { size: 7 });
    }
  }
  const rows = part.key === 'apresSignature' ? (model.apresSignature ?? []) : part.key === 'modifications' ? model.modifications : model[part.key];
  if (part.key === 'apresSignature') {
    // drawn above
  } else if (rows.length === 0) {
    w.text(NO_CANDIDATE, w.margin.left, w.y, { size: 10 });
    w.y += 16;
  } else if (part.key === 'modifications') {
    drawTable(w, GRADE_CHANGE_COLUMNS, model.modifications, { size: 8 });
  } else {
    const columns = part.key === 'controle' ? CANDIDATE_COLUMNS.slice(0, 2) : CANDIDATE_COLUMNS;
    drawTable(w, columns, [...(rows as readonly PvCandidateRow[])].sort(compareNames), { size: 9.5 });
  }
  for (const s of model.signataires) {
    signatureBlock(w, [
      `${s.name}, ${SIGNATAIRE_ROLES[s.role]} du jury ${model.jury.code}`,
      `A : ${model.signature.lieu}, le ${model.signature.date} - Signature :`,
    ], model.signataires.length > 1 ? 40 : 56);
  }
  journalAnchorLine(w, model.journal);
}

/** The journal's anchor, under the signature: kept with the signed PV, outside the database. */
export function journalAnchorText(seal: JournalSeal): string {
  if (!seal.anchor) return 'Journal des modifications : vide.';
  const [seq, hash] = seal.anchor.split(':');
  return `Journal des modifications : ancre n° ${seq} - empreinte ${hash}`;
}

function journalAnchorLine(w: PdfWriter, seal: JournalSeal): void {
  const size = 7;
  w.ensureSpace(w.lineHeight(size));
  w.text(journalAnchorText(seal), w.margin.left, w.y, { size });
  w.y += w.lineHeight(size) + 2;
}

/** The warning of a PV produced from a journal that does not verify. */
export function journalWarningText(seal: JournalSeal): string {
  return `ATTENTION : le journal des modifications ne se vérifie pas — ${seal.problems.length} anomalie(s), dont « ${seal.problems[0]} ». `
    + 'La liste des notes modifiées peut être incomplète ou fausse : ne signez pas ce procès-verbal avant vérification par le service des examens.';
}

function journalWarning(w: PdfWriter, seal: JournalSeal): void {
  const size = 9;
  const pad = 5;
  const lines = w.wrap(journalWarningText(seal), w.contentWidth - 2 * pad, size, 'B');
  const lh = w.lineHeight(size) + 1;
  const height = lines.length * lh + 2 * pad;
  w.ensureSpace(height + 8);
  w.rect(w.margin.left, w.y, w.contentWidth, height, { fill: 0.85, lineWidth: 1.5 });
  let y = w.y + pad;
  for (const line of lines) {
    w.text(line, w.margin.left + pad, y, { font: 'B', size });
    y += lh;
  }
  w.y += height + 8;
}

function writer(model: PvTenueModel, subject: string): PdfWriter {
  return new PdfWriter({ title: model.header.titreEdition ?? 'PROCES VERBAL DE TENUE DE DELIBERATION', subject, editedAt: model.header.editedAt });
}

/** One PDF with every part of the PV (each part starts a page, numbered 1/N within the part). */
export function renderPvTenue(model: PvTenueModel): Buffer {
  const w = writer(model, `PV de tenue de délibération du ${model.group === 1 ? '1er' : '2nd'} groupe - jury ${model.jury.code}`);
  for (const part of partsOf(model)) drawPart(w, model, part);
  return w.toBuffer();
}

/** One PDF per part, with file names for the zip: "PV_31310_G1_1_admis.pdf" … */
export function renderPvTenueParts(model: PvTenueModel): { name: string; data: Buffer }[] {
  return partsOf(model).map((part, i) => {
    const w = writer(model, part.title);
    drawPart(w, model, part);
    return { name: `PV_${model.jury.code}_G${model.group}_${i + 1}_${part.key}.pdf`, data: w.toBuffer() };
  });
}
