// Access sheets of a provisioning run (issue #19 point 2): one PDF per établissement, one page per
// account — its centre de délibération account, its centre d'épreuve account, and one sheet per jury
// for the présidents. Each sheet carries the address, the login and the one-time password, and says
// how to keep it. Pure: model → bytes (the DejaVu font is parsed once per process, fonts.ts).
import type { EditionHeader, JuryRef } from '../model.js';
import { infoLines, paragraph, runningHeader, titleBlock } from '../pdf/blocks.js';
import { PdfWriter } from '../pdf/writer.js';

export type AccessSheetKind = 'centre' | 'centre_epreuve' | 'jury';

export interface AccessSheet {
  readonly kind: AccessSheetKind;
  readonly login: string;
  readonly password: string;
  /** jury sheets: the jury, its président and vice-président */
  readonly jury?: JuryRef & { readonly president: string; readonly vicePresident: string };
}

export interface AccessSheetsModel {
  readonly header: EditionHeader;
  /** the address of Délib's login page */
  readonly url: string;
  readonly sheets: readonly AccessSheet[];
}

export const ACCESS_SHEETS_TITLE = 'Fiche d’accès à Délib';

export const PERSONAL_NOTICE = 'Ce mot de passe est à usage unique : à la première connexion, Délib vous demande d’en choisir un '
  + 'autre, connu de vous seul (12 caractères au moins ; une phrase de plusieurs mots est recommandée ; les mots de passe courants '
  + 'sont refusés). Ne le communiquez à personne, ne le transmettez pas par messagerie.';
export const JURY_NOTICE = 'À remettre en main propre au président du jury, sous pli fermé. Le président et le vice-président se '
  + 'connectent avec ce mot de passe pendant toute la session : conservez cette fiche sous clé, ne la photographiez pas, '
  + 'ne la transmettez pas par messagerie, et détruisez-la à la fin de la session.';
export const REVOCATION_NOTICE = 'Cette fiche remplace toute fiche antérieure : un nouvel envoi des accès par l’académie rend ce mot '
  + 'de passe caduc. En cas de perte, demandez à l’académie de réinitialiser le mot de passe.';

const ROLE_TITLES: Readonly<Record<AccessSheetKind, string>> = {
  centre: 'Chef de centre de délibération',
  centre_epreuve: 'Centre d’épreuve',
  jury: 'Jury',
};

export function renderAccessSheets(model: AccessSheetsModel): Buffer {
  const w = new PdfWriter({ title: `${ACCESS_SHEETS_TITLE} – ${model.header.centre.libelle} (${model.header.centre.uai})`, subject: ACCESS_SHEETS_TITLE, editedAt: model.header.editedAt });
  for (const s of model.sheets) {
    w.beginSection((w) => runningHeader(w, model.header));
    titleBlock(w, s.jury ? `${ACCESS_SHEETS_TITLE} – Jury ${s.jury.code}` : `${ACCESS_SHEETS_TITLE} – ${ROLE_TITLES[s.kind]}`, 13);
    const info = [`Établissement : ${model.header.centre.libelle} – ${model.header.centre.ville} (${model.header.centre.uai})`, `Rôle : ${ROLE_TITLES[s.kind]}`];
    if (s.jury) {
      info.push(`Jury : ${s.jury.code}`, `Spécialité : ${s.jury.specialiteCode} - ${s.jury.specialiteLibelle}`,
        `Président : ${s.jury.president}`, `Vice-président : ${s.jury.vicePresident}`);
    }
    infoLines(w, info, { size: 10 });
    const x = w.margin.left + 30;
    const top = w.y + 6;
    const rows: [string, string][] = [['Adresse (URL)', model.url], ['Identifiant', s.login], [s.kind === 'jury' ? 'Mot de passe' : 'Mot de passe (à usage unique)', s.password]];
    w.rect(w.margin.left, top - 10, w.contentWidth, rows.length * 24 + 16, { lineWidth: 1 });
    rows.forEach(([label, value], i) => {
      w.text(`${label} :`, x, top + i * 24, { size: 11 });
      w.text(value, x + 190, top + i * 24, { size: 12, font: 'B' });
    });
    w.y = top + rows.length * 24 + 20;
    paragraph(w, s.kind === 'jury' ? JURY_NOTICE : PERSONAL_NOTICE, { size: 10, font: 'B' });
    paragraph(w, REVOCATION_NOTICE, { size: 9.5 });
    paragraph(w, 'Document confidentiel.', { size: 9 });
  }
  return w.toBuffer();
}
