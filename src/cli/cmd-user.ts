// `delib user create|list|disable|enable|reset-password`: the operator's accounts commands (issue #19).
// A password is never an argument (it would stay in the shell history and the process list): it is
// read from standard input (--mot-de-passe-stdin) or generated, then printed once on standard output.
// Every change is journaled as the command line's actor.
import { listUsers as listUserRecords } from '../db/repositories/users.js';
import { ROLES, type Role } from '../domain/types.js';
import { identityLabel, parseIdentity, setAgentIdentity } from '../features/users/agent-identity.js';
import { createUser } from '../features/users/create-user.js';
import { resetPassword } from '../features/users/reset-password.js';
import { updateUser } from '../features/users/update-user.js';
import { AppError } from '../errors/app-error.js';
import { args, cliActor, err, out, withDb, type Command } from './shared.js';

const USAGE = `delib user create <identifiant> --role academie|centre|centre_epreuve|jury --scope <périmètre> --name "…" [--mot-de-passe-stdin] [--sso email:…|sub:…]
  delib user sso <identifiant> email:…|sub:…|aucune
  delib user list [--role <rôle>]
  delib user disable <identifiant>
  delib user enable <identifiant>
  delib user reset-password <identifiant> [--mot-de-passe-stdin]`;

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  academie: 'académie', centre: 'centre de délibération', centre_epreuve: "centre d'épreuve", jury: 'jury',
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  // one line: the trailing newline of `echo` or of a file is not part of the password
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function printOneTime(login: string, password: string): void {
  out(`Mot de passe à usage unique de ${login} (affiché une seule fois, il n'est conservé nulle part) :`);
  out(`  ${password}`);
}

export const userCommand: Command = {
  summary: 'comptes : créer, lister, désactiver, réactiver, réinitialiser le mot de passe (journalisé)',
  usage: USAGE,
  async run(argv) {
    const { positionals, values } = args(argv, {
      role: { type: 'string' }, scope: { type: 'string' }, name: { type: 'string' }, 'mot-de-passe-stdin': { type: 'boolean' }, sso: { type: 'string' },
    });
    const [sub, login, ...rest] = positionals;
    // `delib user sso <identifiant> <identité>`: the identity is the third positional
    const [identityArg, ...extra] = sub === 'sso' ? rest : [undefined, ...rest];
    const usage = () => {
      err('usage : ' + USAGE);
      return 2;
    };
    if (extra.length > 0 || (sub === 'sso' && identityArg === undefined)) return usage();
    if (values.sso !== undefined && sub !== 'create') return usage();
    if (sub === 'list') {
      if (login !== undefined) return usage();
      if (values.role !== undefined && !(ROLES as readonly string[]).includes(values.role)) {
        err(`rôle « ${values.role} » inconnu (${ROLES.join(', ')})`);
        return 2;
      }
      return withDb(async (h) => {
        const users = (await listUserRecords(h.db)).filter((u) => values.role === undefined || u.role === values.role);
        out(['Identifiant', 'Rôle', 'Périmètre', 'Nom', 'Statut', 'Identité d\'agent'].join('\t'));
        for (const u of users) {
          const status = !u.active ? 'désactivé' : u.mustChangePassword ? 'actif, mot de passe à usage unique' : 'actif';
          out([u.login, ROLE_LABELS[u.role], u.scope, u.name, status, identityLabel(u.sso) ?? '—'].join('\t'));
        }
        out(`${users.length} compte(s).`);
        return 0;
      });
    }
    if (!login) return usage();
    const password = values['mot-de-passe-stdin'] ? await readStdin() : undefined;
    try {
      return await withDb(async (h) => {
        const actor = await cliActor(h);
        const now = new Date();
        switch (sub) {
          case 'create': {
            const role = values.role;
            if (!role || !(ROLES as readonly string[]).includes(role) || !values.scope || !values.name) return usage();
            const sso = values.sso !== undefined ? parseIdentity(values.sso) : undefined;
            const res = await createUser(h, actor, { login, name: values.name, role: role as Role, scope: values.scope, password, sso }, now);
            out(`Compte ${res.user.login} créé (${ROLE_LABELS[res.user.role]}, ${res.user.scopeLabel}). Création journalisée.`);
            if (res.user.sso) {
              out(`Connexion agent : identité ${identityLabel(res.user.sso)}${res.user.ssoOnly ? ' (pas de mot de passe : il se connecte par la connexion agent)' : ''}.`);
            }
            if (res.oneTimePassword) printOneTime(login, res.oneTimePassword);
            if (res.user.temporaryCredential) out('Il devra choisir son propre mot de passe à sa première connexion.');
            return 0;
          }
          case 'disable':
          case 'enable': {
            const u = await updateUser(h, actor, login, { active: sub === 'enable' }, now);
            out(`Compte ${u.login} ${u.active ? 'réactivé' : 'désactivé (ses sessions sont fermées)'}. Modification journalisée.`);
            return 0;
          }
          case 'reset-password': {
            const res = await resetPassword(h, actor, login, now, password);
            out(`Mot de passe de ${login} réinitialisé : l'ancien ne fonctionne plus, ses sessions sont fermées. Modification journalisée.`);
            if (res.oneTimePassword) printOneTime(login, res.oneTimePassword);
            if (res.user.temporaryCredential) out('Il devra choisir son propre mot de passe à sa prochaine connexion.');
            return 0;
          }
          case 'sso': {
            const identity = identityArg === 'aucune' ? null : parseIdentity(identityArg!);
            const u = await setAgentIdentity(h, actor, login, identity, now);
            out(u.sso
              ? `Compte ${u.login} associé à l'identité d'agent ${identityLabel(u.sso)} (connexion agent). Modification journalisée.`
              : `Compte ${u.login} : identité d'agent retirée. Modification journalisée.`);
            return 0;
          }
          default:
            return usage();
        }
      });
    } catch (e) {
      if (e instanceof AppError) {
        err(e.message);
        return 1;
      }
      throw e;
    }
  },
};
