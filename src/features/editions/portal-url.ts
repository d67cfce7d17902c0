// The address of the emergency portal printed on the papillons of the plan de secours (its page
// /secours, where the papillon's credentials are accepted; /connexion is for the accounts). A jury types
// it on the day the network fails, so it must never come from a request header an attacker can
// forge (Host, or X-Forwarded-Host behind a proxy): DELIB_PUBLIC_URL when set; otherwise the
// address the user reached, only if its host is allowed (DELIB_ALLOWED_HOSTS, else the loopback
// names and the address the server listens on). Anything else is refused, with what to configure.
import { AppError } from '../../errors/app-error.js';

export const PORTAL_PATH = '/connexion';
/** The emergency portal ("Portail jury de secours"), where the papillon's `secours-<jury>` login is accepted. */
export const EMERGENCY_PORTAL_PATH = '/secours';

/** The portal from DELIB_PUBLIC_URL ("https://delib.ac-besancon.fr" → ".../connexion"). */
export function publicPortalUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${PORTAL_PATH}`;
}

/** The emergency portal of a portal address (".../connexion" → ".../secours"): the address printed on the papillon. */
export function emergencyPortalUrl(portalUrl: string): string {
  return `${portalUrl.replace(/\/connexion\/?$/, '').replace(/\/+$/, '')}${EMERGENCY_PORTAL_PATH}`;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = ['0.0.0.0', '[::]'];

/** "Example.org:3000" → { name: "example.org", port: "3000" }; null when it is not a plain host. */
export function parseHost(host: string): { name: string; port: string | null } | null {
  const h = host.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/.exec(h);
  return m ? { name: m[1]!, port: m[2] ?? null } : null;
}

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * Allowed hosts: DELIB_ALLOWED_HOSTS (comma-separated; "name" allows any port, "name:port" that port
 * only), else the loopback names and the (non-wildcard) addresses the server listens on.
 */
export function allowedHosts(env: NodeJS.ProcessEnv, listening: readonly string[]): string[] {
  const configured = (env.DELIB_ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (configured.length > 0) return configured;
  return [...new Set([...LOOPBACK, ...listening.map((a) => bracketed(a.toLowerCase())).filter((a) => !WILDCARDS.includes(a))])];
}

export function isHostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = parseHost(host);
  if (!h) return false;
  return allowed.some((entry) => {
    const e = parseHost(entry);
    return e !== null && e.name === h.name && (e.port === null || e.port === h.port);
  });
}

export function refusedHostMessage(host: string): string {
  const shown = host.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
  return `Le plan de secours n'est pas généré : l'adresse « ${shown} » par laquelle Délib a été atteint n'est pas une adresse autorisée, `
    + "elle ne peut pas être imprimée sur le papillon d'accès de secours. L'administrateur doit définir DELIB_PUBLIC_URL "
    + "(adresse publique de Délib) ou ajouter cette adresse à DELIB_ALLOWED_HOSTS.";
}

/** The portal address for a request that reached `protocol://host`; throws a French 400 if the host is not allowed. */
export function portalUrlFor(req: { protocol: string; host: string }, env: NodeJS.ProcessEnv, listening: readonly string[]): string {
  if (env.DELIB_PUBLIC_URL) return publicPortalUrl(env.DELIB_PUBLIC_URL);
  if (!isHostAllowed(req.host, allowedHosts(env, listening))) throw new AppError('VALIDATION', refusedHostMessage(req.host));
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${req.host.trim().toLowerCase()}${PORTAL_PATH}`;
}
