// Issue #19 point 3 on the command line: `delib user create … --sso email:…|sub:…` and
// `delib user sso <identifiant> email:…|sub:…|aucune` map agent identities (journaled); juries and
// malformed identities are refused in French, changing nothing.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { findUser } from '../../../src/db/repositories/users.js';
import { describeEachDialect, freshDb } from '../../support/db.js';
import { standardWorld } from '../../support/factories.js';
import { DELIB, REPO, databaseUrlOf } from '../../security/support.js';

function delib(h: DbHandle, argv: readonly string[]) {
  const r = spawnSync(process.execPath, [DELIB, ...argv], { cwd: REPO, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrlOf(h) }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeEachDialect('delib user … --sso (agent identities)', (dialect) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await freshDb(dialect);
    await standardWorld(h.db);
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates a ssoOnly agent account mapped to an e-mail, maps and unmaps an existing account, lists them', async () => {
    const c = delib(h, ['user', 'create', 'agent-0250001R', '--role', 'centre', '--scope', '0250001R', '--name', 'Chef de centre', '--sso', 'email:Chef.Centre@ac-besancon.fr']);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    expect(c.stdout).toContain('Connexion agent : identité email:chef.centre@ac-besancon.fr (pas de mot de passe : il se connecte par la connexion agent).');
    expect(c.stdout).not.toContain('usage unique');
    const u = await findUser(h.db, 'agent-0250001R');
    expect(u!.sso).toEqual({ claim: 'email', value: 'chef.centre@ac-besancon.fr' });
    expect(u!.mustChangePassword).toBe(false);

    const m = delib(h, ['user', 'sso', 'centre-0390007W', 'sub:a1b2c3']);
    expect(m.status).toBe(0);
    expect(m.stdout).toContain("Compte centre-0390007W associé à l'identité d'agent sub:a1b2c3 (connexion agent). Modification journalisée.");
    const list = delib(h, ['user', 'list', '--role', 'centre']);
    expect(list.stdout).toMatch(/centre-0390007W\t.*\tsub:a1b2c3/);
    expect(list.stdout).toMatch(/agent-0250001R\t.*\temail:chef\.centre@ac-besancon\.fr/);
    const off = delib(h, ['user', 'sso', 'centre-0390007W', 'aucune']);
    expect(off.stdout).toContain("Compte centre-0390007W : identité d'agent retirée.");
    expect((await findUser(h.db, 'centre-0390007W'))!.sso).toBeNull();
    const journal = await h.db.selectFrom('journal').select(['action', 'actor_login']).where('action', '=', 'IDENTITE_AGENT_MODIFIEE').execute();
    expect(journal).toHaveLength(2);
    expect(journal[0]!.actor_login).toMatch(/^cli:/);
  });

  it('refuses a jury, a malformed identity and an identity already taken, in French, changing nothing', async () => {
    const jury = delib(h, ['user', 'sso', 'jury-31310', 'email:president@ac-besancon.fr']);
    expect(jury.status).toBe(1);
    expect(jury.stderr).toContain("Un compte de jury se connecte par mot de passe : il ne peut pas être associé à une identité d'agent.");
    const bad = delib(h, ['user', 'sso', 'centre-0390007W', 'courriel:x@y.fr']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Identité d'agent attendue sous la forme email:prenom.nom@ac-academie.fr ou sub:<identifiant du fournisseur>.");
    const taken = delib(h, ['user', 'create', 'autre', '--role', 'centre', '--scope', '0390007W', '--name', 'Autre', '--sso', 'email:chef.centre@ac-besancon.fr']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain("Cette identité d'agent est déjà associée au compte agent-0250001R.");
    expect(await findUser(h.db, 'autre')).toBeUndefined();
    expect((await findUser(h.db, 'jury-31310'))!.sso).toBeNull();
  });
});
