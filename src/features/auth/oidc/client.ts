// The OpenID Connect relying party (ADR 0018), on openid-client: discovery of the provider, the
// authorisation URL (code flow, PKCE S256, state, nonce) and the code exchange, where openid-client
// checks the state, the PKCE verifier, the ID token's iss, aud, exp, iat, nonce and, with
// enableNonRepudiationChecks, its signature against the provider's published keys (JWKS). The
// e-mail comes from the ID token or, failing that, from the UserInfo endpoint (same subject checked).
import * as oidc from 'openid-client';
import { isLocalHttp, type OidcSettings } from './settings.js';

export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface AgentClaims {
  readonly sub: string;
  readonly email: string | null;
  readonly emailVerified: boolean | null;
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  /** The provider's configuration, discovered once (again after a failure). */
  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const s = this.settings;
      const execute = [oidc.enableNonRepudiationChecks, ...(isLocalHttp(s.issuer) ? [oidc.allowInsecureRequests] : [])];
      this.configuration = oidc.discovery(s.issuer, s.clientId, { client_secret: s.clientSecret }, oidc.ClientSecretBasic(s.clientSecret), { execute, timeout: 10 })
        .catch((e: unknown) => {
          this.configuration = null;
          throw e;
        });
    }
    return this.configuration;
  }

  /** New random secrets for one login. */
  static pending(): PendingLogin {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  async authorizationUrl(p: PendingLogin): Promise<URL> {
    const config = await this.config();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: this.settings.scope,
      state: p.state,
      nonce: p.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(p.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code of the provider's answer (the callback URL) and returns the validated ID token's claims. */
  async exchange(callbackUrl: URL, p: PendingLogin): Promise<AgentClaims> {
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: p.codeVerifier, expectedState: p.state, expectedNonce: p.nonce, idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    let source: Record<string, unknown> = claims;
    // the e-mail is often given by the UserInfo endpoint only (its subject must be the ID token's)
    if (typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint) {
      source = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    }
    return {
      sub: claims.sub,
      email: typeof source.email === 'string' ? source.email : null,
      emailVerified: typeof source.email_verified === 'boolean' ? source.email_verified : null,
    };
  }
}
