// `delib verifier <code>`: what the public page /verifier/<code> shows (issue #15), from the command
// line of the operator (no rate limit; embargo and unknown codes answered as on the page).
import { AppError } from '../errors/app-error.js';
import { verifyCode } from '../features/verification/verify-code.js';
import { args, err, out, withDb, type Command } from './shared.js';

export const verifierCommand: Command = {
  summary: "vérifie le code d'un relevé de notes ou d'un PVI : contenu du document et version en vigueur",
  usage: 'delib verifier <code> [--json]',
  async run(argv) {
    const { positionals, values } = args(argv, { json: { type: 'boolean' } });
    if (positionals.length !== 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    return withDb(async (h) => {
      try {
        const a = await verifyCode(h.db, positionals[0]!, null, new Date());
        if (values.json) {
          out(JSON.stringify(a, null, 2));
          return a.statut === 'courant' ? 0 : 1;
        }
        const d = a.document;
        out(`${a.statut === 'courant' ? 'EN VIGUEUR' : "N'EST PLUS VALABLE"} - ${a.message}`);
        out(`${d.document} - code ${a.code}, édité le ${a.emisLe}`);
        out(`Candidat : ${d.nom}${d.nomUsage ? ` (nom d'usage : ${d.nomUsage})` : ''} ${d.prenoms} - Spécialité : ${d.specialite} - Session : ${d.session}`);
        for (const r of d.units) out(`${r.leaf ? '    ' : '  '}${r.label} : ${r.note || '-'}${r.coeff ? ` (coeff. ${r.coeff})` : ''}${r.points ? ` ${r.points} points` : ''}`);
        for (const s of d.summary1) out(`  ${s.label} - ${s.total} - ${s.points} - ${s.moyenne}`);
        out(d.decision1);
        for (const r of d.controle) out(`  Contrôle ${r.label} : ${r.note || '-'}`);
        if (d.summary2) out(`  ${d.summary2.label} - ${d.summary2.total} - ${d.summary2.points} - ${d.summary2.moyenne}`);
        if (d.decision2) out(d.decision2);
        return a.statut === 'courant' ? 0 : 1;
      } catch (e) {
        if (e instanceof AppError) {
          err(e.message);
          return 1;
        }
        throw e;
      }
    });
  },
};
