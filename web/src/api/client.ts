// Thin fetch wrapper: same-origin cookies, CSRF header on writes, French error messages.

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** An error answered by the API: `{ code, message, details? }` with a French message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** the whole JSON answer (e.g. the current value sent with a 409 conflict) */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, details?: unknown, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré : veuillez vous reconnecter.';
  if (status === 403) return "Vous n'avez pas les droits nécessaires pour cette action.";
  if (status === 404) return 'Élément introuvable.';
  if (status === 429) return 'Trop de tentatives : veuillez patienter avant de réessayer.';
  if (status >= 500) return 'Le serveur a rencontré une erreur. Veuillez réessayer plus tard.';
  return 'La requête a échoué.';
}

export async function apiFetch<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur est injoignable. Vérifiez votre connexion.');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const obj = (data ?? {}) as { code?: string; message?: string; details?: unknown; errors?: unknown };
    throw new ApiError(
      res.status,
      obj.code ?? String(res.status),
      obj.message ?? fallbackMessage(res.status),
      obj.details ?? obj.errors,
      data,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => apiFetch<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => apiFetch<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => apiFetch<T>('PATCH', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => apiFetch<T>('PUT', path, body ?? {}),
};

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return 'Une erreur inattendue est survenue.';
}
