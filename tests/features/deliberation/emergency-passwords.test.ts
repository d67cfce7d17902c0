// Fresh emergency passwords (papillon of the plan de secours): random 92-bit secrets, hashed with the
// generated-secret scrypt parameters (ADR 0010), verified by the accounts' verifyPassword; prepared
// ahead of use by HashedPasswords. The emergency login costs the same scrypt work whether or not there
// is a hash to check (no timing oracle on whether a jury's access is open).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, GENERATED_SECRET_SCRYPT, hashPassword, verifyAgainstDummy, verifyPassword } from '../../../src/features/auth/password.js';
import { hashedEmergencyPassword, HashedPasswords, newEmergencyPassword } from '../../../src/features/deliberation/emergency-access.js';

const FORMAT = /^[A-HJ-NP-Za-km-np-z2-9]{4}(-[A-HJ-NP-Za-km-np-z2-9]{4}){3}$/;

describe('emergency passwords', () => {
  it('are 16 characters of a 55-symbol alphabet without look-alikes (≥ 90 bits), in four groups', () => {
    const seen = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = newEmergencyPassword();
      expect(p).toMatch(FORMAT);
      seen.add(p);
      for (const c of p.replaceAll('-', '')) chars.add(c);
    }
    expect(seen.size).toBe(500);
    for (const c of '01OlI') expect(chars.has(c)).toBe(false);
    expect(16 * Math.log2(55)).toBeGreaterThanOrEqual(90);
  });

  it('are hashed with the generated-secret parameters, lower than the accounts\', and verify', async () => {
    expect(GENERATED_SECRET_SCRYPT.N * GENERATED_SECRET_SCRYPT.r).toBeLessThan(DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r);
    const { password, hash } = await hashedEmergencyPassword();
    expect(password).toMatch(FORMAT);
    expect(hash).toMatch(new RegExp(`^scrypt\\$${GENERATED_SECRET_SCRYPT.N}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(password.toLowerCase(), hash)).toBe(false);
    expect(await verifyPassword(`${password} `, hash)).toBe(false);
  });

  it('an emergency hash made with the accounts\' parameters (before ADR 0010) still verifies', async () => {
    const hash = await hashPassword('Kd7m-Qx2P-a9Rt-HwZe', DEFAULT_SCRYPT);
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Kd7m-Qx2P-a9Rt-HwZe', hash)).toBe(true);
  });

  it('the dummy verification uses the parameters it is given, and is always false', async () => {
    expect(await verifyAgainstDummy('dummy-password-for-timing', GENERATED_SECRET_SCRYPT)).toBe(false);
    expect(await verifyAgainstDummy('Kd7m-Qx2P-a9Rt-HwZe', GENERATED_SECRET_SCRYPT)).toBe(false);
  });
});

describe('HashedPasswords', () => {
  it('prepares `count` fresh passwords ahead, each different and verifying, then makes more on demand', async () => {
    const passwords = new HashedPasswords(3, 2);
    try {
      const taken = [await passwords.take(), await passwords.take(), await passwords.take()];
      expect(new Set(taken.map((t) => t.password)).size).toBe(3);
      expect(new Set(taken.map((t) => t.hash)).size).toBe(3);
      for (const t of taken) {
        expect(t.password).toMatch(FORMAT);
        expect(await verifyPassword(t.password, t.hash)).toBe(true);
      }
      const extra = await passwords.take();
      expect(await verifyPassword(extra.password, extra.hash)).toBe(true);
      expect(taken.map((t) => t.password)).not.toContain(extra.password);
    } finally {
      passwords.close();
    }
  });

  it('after close(), take() still gives a fresh hashed password', async () => {
    const passwords = new HashedPasswords(5, 2);
    passwords.close();
    const a = await passwords.take();
    const b = await passwords.take();
    const c = await passwords.take();
    expect(new Set([a.password, b.password, c.password]).size).toBe(3);
    expect(await verifyPassword(c.password, c.hash)).toBe(true);
  });
});
