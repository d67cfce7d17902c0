// Demonstration accounts, one per role and scope of the demo session, with fixed documented passwords.
// Idempotent: an existing login is left as it is (its password is not reset).
import type { Db } from '../../db/connect.js';
import { findUser, insertUserIfMissing } from '../../db/repositories/users.js';
import type { Role } from '../../domain/types.js';
import { hashPassword } from './password.js';

export interface DemoAccount {
  readonly login: string;
  readonly password: string;
  readonly role: Role;
  readonly scope: string;
  readonly label: string;
}

export const DEMO_PASSWORDS: Readonly<Record<Role, string>> = {
  academie: 'demo-academie-2023',
  centre: 'demo-centre-2023',
  jury: 'demo-jury-2023',
  centre_epreuve: 'demo-epreuve-2023',
};

const DEMO_JURY_CODES = ['20112', '22207', '25302', '31310', '31408', '20113'] as const;

type DemoSeed = Omit<DemoAccount, 'password'>;

const DEMO_SEEDS: readonly DemoSeed[] = [
  { login: 'academie', role: 'academie', scope: 'A03', label: 'Service des examens — académie de Besançon' },
  { login: 'centre-0250001R', role: 'centre', scope: '0250001R', label: 'Chef de centre — LP NELSON MANDELA (0250001R)' },
  { login: 'centre-0390007W', role: 'centre', scope: '0390007W', label: 'Chef de centre — LYCEE DU JURA (0390007W)' },
  ...DEMO_JURY_CODES.map((code): DemoSeed => ({ login: `jury-${code}`, role: 'jury', scope: code, label: `Jury ${code}` })),
  { login: 'epreuve-0250013D', role: 'centre_epreuve', scope: '0250013D', label: "Centre d'épreuve — LP P.ADRIEN PARIS (0250013D)" },
];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_SEEDS.map((a) => ({ ...a, password: DEMO_PASSWORDS[a.role] }));

/** Creates the demo accounts that do not exist yet; returns every demo account with its password. */
export async function createDemoAccounts(db: Db, now: Date = new Date()): Promise<DemoAccount[]> {
  const missing: DemoAccount[] = [];
  for (const a of DEMO_ACCOUNTS) if (!(await findUser(db, a.login))) missing.push(a);
  const hashes = await Promise.all(missing.map((a) => hashPassword(a.password)));
  for (const [i, a] of missing.entries()) {
    await insertUserIfMissing(db, {
      login: a.login, name: a.label, role: a.role, scope: a.scope, passwordHash: hashes[i]!, createdAt: now.toISOString(),
    });
  }
  return DEMO_ACCOUNTS.map((a) => ({ ...a }));
}
