/**
 * The app:// scheme: the only place the window loads anything from. Serves the
 * renderer's build folder read-only, with the CSP and the other security headers
 * on every response, errors included.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../../shared/csp.ts';
import { resolveAssetPath } from './asset-path.ts';
import { contentTypeOf } from './content-type.ts';
import { APP_SCHEME } from './origin.ts';

/** Must run before the app is ready: privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin ('self' in the CSP means app://iblagh); secure: a secure context.
      // Never bypassCSP: the page must obey its own policy.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

function respond(status: number, body: Uint8Array | string | null, contentType: string): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentType },
  });
}

function notFound(): Response {
  return respond(404, 'Not found', 'text/plain; charset=utf-8');
}

/** After ready: answers app://iblagh/... from `rendererRoot`, 404 for anything else. */
export function handleAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    const file = resolveAssetPath(rendererRoot, request.url);
    if (!file) return notFound();
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      // Missing file, a folder, or unreadable: the page gets the same answer for all.
      return notFound();
    }
    return respond(200, request.method === 'HEAD' ? null : body, contentTypeOf(file));
  });
}
