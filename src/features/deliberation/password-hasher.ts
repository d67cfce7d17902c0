// Hashing many fresh passwords (the emergency plan: one per jury, ≈ 400 for an académie) with the
// accounts' scrypt (src/features/auth/password.ts: same N, r, p, salt and key lengths, same encoding),
// a few at a time, off the event loop.
//
// Why a helper process: scrypt with N = 2¹⁵, r = 8 reads and writes 32 MB at random. OpenSSL
// allocates those 32 MB for each hash; glibc maps them fresh from the kernel every time (above its
// mmap threshold) in 4 KiB pages: 8 192 page faults and as many TLB misses per hash. Measured here
// (2-core VM): ≈ 210 ms of CPU per hash, of which ≈ 60 ms in the kernel. With transparent huge
// pages (glibc.malloc.hugetlb=1), ≈ 85 ms: 2,5× less. glibc reads its tunables when a process
// starts, so the hashes run in a small Node child process started with that tunable (plain
// JavaScript, no TypeScript loader: ≈ 40 MB, ready in ≈ 50 ms). The child only computes the raw
// scrypt key; the salt, the parameters and the encoding are chosen here. If the child cannot be
// started or dies, the remaining hashes are computed in this process (hashPassword): slower, same
// result. Passwords go to the child through a pipe and are never written anywhere.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from '../auth/password.js';

/** As in password.ts (checked by tests: verifyPassword accepts these hashes). */
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

const CHILD = `
const { scrypt } = require('node:crypto');
const o = JSON.parse(process.argv[1]);
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  for (let i; (i = buf.indexOf('\\n')) >= 0;) {
    const m = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    scrypt(Buffer.from(m.pw, 'base64'), Buffer.from(m.salt, 'base64'), o.keylen, { N: o.N, r: o.r, p: o.p, maxmem: o.maxmem }, (e, k) => {
      process.stdout.write(JSON.stringify(e ? { id: m.id, error: e.message } : { id: m.id, key: k.toString('base64') }) + '\\n');
    });
  }
});
`;

/** glibc tunables of the child: the caller's, plus huge pages for malloc. */
function tunables(existing: string | undefined): string {
  const hugetlb = 'glibc.malloc.hugetlb=1';
  return existing && !existing.includes('glibc.malloc.hugetlb') ? `${existing}:${hugetlb}` : existing || hugetlb;
}

function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Pending {
  resolve(key: Buffer): void;
  reject(e: Error): void;
}

/**
 * Hashes passwords in a helper process (see above); hash() falls back to this process when the
 * helper is unavailable. close() when done (the helper also ends with this process).
 */
export class PasswordHasher {
  private child: ChildProcessByStdio<Writable, Readable, null> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private broken = false;
  private closed = false;
  /** hashes computed in this process because the helper was unavailable */
  fallbacks = 0;

  constructor(
    private readonly params: ScryptParams = DEFAULT_SCRYPT,
    private readonly opts: { helper?: boolean } = {},
  ) {}

  private start(): ChildProcessByStdio<Writable, Readable, null> | null {
    if (this.child || this.broken || this.opts.helper === false) return this.child;
    const { N, r, p } = this.params;
    // a bare Node (no NODE_OPTIONS: no TypeScript loader, no inspector) that sees none of our settings
    const env: NodeJS.ProcessEnv = { GLIBC_TUNABLES: tunables(process.env.GLIBC_TUNABLES) };
    try {
      const child = spawn(process.execPath, ['-e', CHILD, JSON.stringify({ N, r, p, keylen: KEY_LENGTH, maxmem: 256 * N * r })], { env, stdio: ['pipe', 'pipe', 'ignore'] });
      let buf = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        buf += d;
        for (let i; (i = buf.indexOf('\n')) >= 0;) {
          const m = JSON.parse(buf.slice(0, i)) as { id: number; key?: string; error?: string };
          buf = buf.slice(i + 1);
          const waiting = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.key) waiting?.resolve(Buffer.from(m.key, 'base64'));
          else waiting?.reject(new Error(m.error ?? 'scrypt'));
        }
      });
      const fail = (e: Error) => this.fail(e);
      child.on('error', fail);
      child.on('exit', () => fail(new Error('processus de hachage terminé')));
      child.stdin.on('error', fail);
      this.child = child;
    } catch (e) {
      this.fail(e as Error);
    }
    return this.child;
  }

  private fail(e: Error): void {
    this.broken = true;
    this.child = null;
    for (const waiting of this.pending.values()) waiting.reject(e);
    this.pending.clear();
  }

  private async viaHelper(password: string): Promise<string> {
    const child = this.start();
    if (!child) throw new Error('pas de processus de hachage');
    const salt = randomBytes(SALT_LENGTH);
    const id = this.nextId++;
    const key = new Promise<Buffer>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    child.stdin.write(`${JSON.stringify({ id, pw: Buffer.from(password.normalize('NFC'), 'utf8').toString('base64'), salt: salt.toString('base64') })}\n`);
    return encode(this.params, salt, await key);
  }

  /** `scrypt$N$r$p$salt$key`, as hashPassword. */
  async hash(password: string): Promise<string> {
    try {
      return await this.viaHelper(password);
    } catch (e) {
      if (this.closed) throw e;
      this.fallbacks++;
      return hashPassword(password, this.params);
    }
  }

  /** Ends the helper process (its hashes in progress are given up); resolves once it has exited. */
  async close(): Promise<void> {
    const child = this.child;
    this.closed = true;
    this.broken = true;
    this.child = null;
    this.fail(new Error('hachage arrêté'));
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    child.kill();
    await exited;
  }
}
