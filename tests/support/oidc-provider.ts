// A local OpenID provider for the tests (oidc-provider, its development login and consent pages):
// one client, RS256 ID tokens signed with a key generated here, accounts whose subject is the login
// typed on its login page and whose e-mail is given by the test. `tamper` rewrites the ID token
// of the next token responses (a forged signature, a wrong audience, an expired token…).
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface LocalProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** id_token of the token endpoint's answers rewritten by this function while set */
  tamper: ((idToken: string) => string) | null;
  /** the provider's own signing key (to re-sign a token with modified claims) */
  readonly signingKey: { readonly kid: string; readonly privateKey: KeyObject };
  stop(): Promise<void>;
}

export interface LocalProviderOptions {
  readonly redirectUri: string;
  /** subject → e-mail (the accounts known to the provider; any other subject has no e-mail) */
  readonly emails?: Readonly<Record<string, string>>;
  readonly port?: number;
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The payload of a JWT (not verified). */
export function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A JWT with this payload signed RS256 by this key under this kid. */
export function signJwt(payload: Record<string, unknown>, kid: string, key: KeyObject): string {
  const head = b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64u(JSON.stringify(payload));
  const s = createSign('RSA-SHA256');
  s.update(`${head}.${body}`);
  return `${head}.${body}.${s.sign(key).toString('base64url')}`;
}

export async function startLocalProvider(opts: LocalProviderOptions): Promise<LocalProvider> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'cle-locale-1';
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const clientId = 'delib-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const emails = opts.emails ?? {};
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          const email = emails[sub];
          return email ? { sub, email, email_verified: true } : { sub };
        },
      };
    },
  });
  provider.proxy = false;
  const local: LocalProvider = {
    issuer, clientId, clientSecret, tamper: null, signingKey: { kid, privateKey },
    stop: () => new Promise((ok) => server.close(() => ok())),
  };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && local.tamper && body && typeof body.id_token === 'string') {
      ctx.body = { ...body, id_token: local.tamper(body.id_token) };
    }
  });
  server.on('request', provider.callback());
  return local;
}
