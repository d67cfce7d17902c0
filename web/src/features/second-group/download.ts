// Downloads a file answered by a POST (e.g. *Exporter CSV* of the rows shown): fetch with the CSRF
// header, then a temporary blob link (no inline script, no new window: the CSP stays strict).
import { ApiError } from '../../api/client.js';

function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition) : null;
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      /* keep the fallback */
    }
  }
  const ascii = disposition ? /filename="([^"]+)"/i.exec(disposition) : null;
  return ascii?.[1] ?? fallback;
}

export async function downloadPost(path: string, body: unknown, csrfToken: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Le serveur est injoignable. Vérifiez votre connexion.');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(res.status, data.code ?? String(res.status), data.message ?? 'Le téléchargement a échoué.');
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
