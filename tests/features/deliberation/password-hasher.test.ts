// Fresh passwords hashed off the event loop for the emergency plan: the helper process gives the same
// hashes as the accounts' scrypt (verifyPassword accepts them), runs with glibc's huge-page tunable,
// and when it is unavailable or dies the hashes are computed in this process.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, verifyPassword, type ScryptParams } from '../../../src/features/auth/password.js';
import { HashedPasswords } from '../../../src/features/deliberation/emergency-access.js';
import { PasswordHasher } from '../../../src/features/deliberation/password-hasher.js';

const CHEAP: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const open: PasswordHasher[] = [];
function hasher(params: ScryptParams, opts: { helper?: boolean } = {}): PasswordHasher {
  const h = new PasswordHasher(params, opts);
  open.push(h);
  return h;
}
const childOf = (h: PasswordHasher) => (h as unknown as { child: ChildProcess | null }).child;

afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

describe('PasswordHasher', () => {
  it('hashes in a helper process, with the accounts\' parameters and encoding', async () => {
    process.env.DELIB_HASHER_PROBE = 'not for the helper';
    const h = hasher(DEFAULT_SCRYPT);
    const hash = await h.hash('Kd7m-Qx2P-a9Rt-HwZe');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('Kd7m-Qx2P-a9Rt-HwZe', hash)).toBe(true);
    expect(await verifyPassword('Kd7m-Qx2P-a9Rt-HwZf', hash)).toBe(false);
    expect(h.fallbacks).toBe(0);
    // a fresh salt each time
    expect(await h.hash('Kd7m-Qx2P-a9Rt-HwZe')).not.toBe(hash);
    const child = childOf(h);
    expect(child?.pid).toBeGreaterThan(0);
    if (existsSync(`/proc/${child!.pid}/environ`)) {
      const environ = readFileSync(`/proc/${child!.pid}/environ`, 'latin1').split('\0');
      expect(environ).toContain('GLIBC_TUNABLES=glibc.malloc.hugetlb=1');
      expect(environ.filter((v) => v.startsWith('DELIB_') || v.startsWith('NODE_OPTIONS='))).toEqual([]);
    }
    delete process.env.DELIB_HASHER_PROBE;
  });

  it('several at once; non-ASCII passwords are hashed as NFC, like accounts', async () => {
    const h = hasher(CHEAP);
    const passwords = ['a', 'Bé', 'e\u0301té 🙂', 'x'.repeat(200)];
    const hashes = await Promise.all(passwords.map((p) => h.hash(p)));
    for (const [i, p] of passwords.entries()) expect(await verifyPassword(p, hashes[i]!)).toBe(true);
    expect(await verifyPassword('\u00e9té 🙂', hashes[2]!)).toBe(true);
  });

  it('computes in this process when the helper is disabled or dies', async () => {
    const inProcess = hasher(CHEAP, { helper: false });
    expect(await verifyPassword('sans-helper', await inProcess.hash('sans-helper'))).toBe(true);
    expect(inProcess.fallbacks).toBe(1);

    const h = hasher(CHEAP);
    expect(await verifyPassword('avant', await h.hash('avant'))).toBe(true);
    const pending = h.hash('pendant');
    childOf(h)!.kill('SIGKILL');
    expect(await verifyPassword('pendant', await pending)).toBe(true);
    expect(await verifyPassword('après', await h.hash('après'))).toBe(true);
    expect(h.fallbacks).toBeGreaterThanOrEqual(1);
  });

  it('close() ends the helper and gives up the hashes in progress', async () => {
    const h = hasher(DEFAULT_SCRYPT);
    await h.hash('démarrage');
    const child = childOf(h)!;
    const given = expect(h.hash('abandonné')).rejects.toThrow();
    await h.close();
    await given;
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    await expect(h.hash('après fermeture')).rejects.toThrow();
  });
});

describe('HashedPasswords', () => {
  it('prepares `count` fresh passwords ahead, each different and verifying', async () => {
    const h = hasher(CHEAP);
    const passwords = new HashedPasswords(3, 2, h);
    try {
      const taken = [await passwords.take(), await passwords.take(), await passwords.take()];
      expect(new Set(taken.map((t) => t.password)).size).toBe(3);
      for (const t of taken) {
        expect(t.password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
        expect(await verifyPassword(t.password, t.hash)).toBe(true);
      }
      // beyond the count: made on demand
      const extra = await passwords.take();
      expect(await verifyPassword(extra.password, extra.hash)).toBe(true);
    } finally {
      await passwords.close();
    }
  });
});
