import { generateSession } from '../features/generate/synthetic.js';
import { args, err, out, type Command } from './shared.js';

export const generateCommand: Command = {
  summary: 'écrit une session synthétique réaliste de N candidats au format d\'échange',
  usage: 'delib generate --candidates N --out <dossier> [--seed S]',
  async run(argv) {
    const { values } = args(argv, { candidates: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '2023' } });
    const n = Number(values.candidates);
    if (!values.out || !Number.isInteger(n) || n < 1) {
      err('usage : ' + this.usage);
      return 2;
    }
    const started = Date.now();
    const s = await generateSession({ candidates: n, seed: Number(values.seed), out: values.out });
    out(`Session écrite dans ${values.out} en ${((Date.now() - started) / 1000).toFixed(1)} s : ${s.candidates} candidats, ${s.grades} notes, ${s.juries} jurys, ${s.specialites} spécialités, ${s.etablissements} établissements.`);
    return 0;
  },
};
