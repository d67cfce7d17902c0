// Agent single sign-on (OpenID Connect, ADR 0018): the provider is configured by environment.
// All four of DELIB_OIDC_ISSUER, DELIB_OIDC_CLIENT_ID, DELIB_OIDC_CLIENT_SECRET and
// DELIB_OIDC_REDIRECT_URI, or none (no "Connexion agent" then: password login only).

export interface OidcSettings {
  /** the provider's issuer identifier (its discovery document is at <issuer>/.well-known/openid-configuration) */
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** the callback registered at the provider: https://<délib>/api/auth/oidc/callback */
  readonly redirectUri: URL;
  /** the button's name on the login page */
  readonly label: string;
  readonly scope: string;
}

export const OIDC_ENV = ['DELIB_OIDC_ISSUER', 'DELIB_OIDC_CLIENT_ID', 'DELIB_OIDC_CLIENT_SECRET', 'DELIB_OIDC_REDIRECT_URI'] as const;
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

function parseUrl(name: string, value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} n'est pas une adresse valide : « ${value} ».`);
  }
  if (u.protocol !== 'https:' && !isLocalHttp(u)) {
    throw new Error(`${name} doit être une adresse https:// (http:// n'est admis que pour un fournisseur local, 127.0.0.1 ou localhost).`);
  }
  return u;
}

/** http:// is accepted only for a provider on this machine (the test suite's local provider). */
export function isLocalHttp(u: URL): boolean {
  return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]');
}

/** The settings from the environment; null when none is set; an Error (French) when some only are, or malformed. */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | null {
  const set = OIDC_ENV.filter((k) => (env[k] ?? '').trim() !== '');
  if (set.length === 0) return null;
  if (set.length < OIDC_ENV.length) {
    const missing = OIDC_ENV.filter((k) => !set.includes(k));
    throw new Error(`Connexion agent (OpenID Connect) incomplète : ${missing.join(', ')} manquant(s). Renseignez les quatre variables ou aucune.`);
  }
  const redirectUri = parseUrl('DELIB_OIDC_REDIRECT_URI', env.DELIB_OIDC_REDIRECT_URI!.trim());
  if (redirectUri.pathname !== OIDC_CALLBACK_PATH || redirectUri.search !== '') {
    throw new Error(`DELIB_OIDC_REDIRECT_URI doit se terminer par ${OIDC_CALLBACK_PATH} (l'adresse publique de Délib suivie de ce chemin).`);
  }
  return {
    issuer: parseUrl('DELIB_OIDC_ISSUER', env.DELIB_OIDC_ISSUER!.trim()),
    clientId: env.DELIB_OIDC_CLIENT_ID!.trim(),
    clientSecret: env.DELIB_OIDC_CLIENT_SECRET!.trim(),
    redirectUri,
    label: (env.DELIB_OIDC_LABEL ?? '').trim() || 'ProConnect',
    scope: (env.DELIB_OIDC_SCOPES ?? '').trim() || 'openid email',
  };
}
