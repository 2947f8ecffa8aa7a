/** Redirectors (l.facebook.com/l.php?u=..., google.com/url?q=...): unwrapped, never followed. */

import { type Param, param } from './query.ts';

const GOOGLE_HOST = /^google\.(?:com|[a-z]{2}|com?\.[a-z]{2})$/;

/** The URL a redirector wraps, when this is one. */
export function redirectTarget(originalHost: string, host: string, path: string, rawPath: string, rawSearch: string, params: readonly Param[]): string | null {
  const lower = path.toLowerCase();
  if ((host === 'facebook.com' || host === 'messenger.com') && lower === '/l.php') return param(params, 'u');
  if (originalHost === 'l.instagram.com') return param(params, 'u');
  if (GOOGLE_HOST.test(host)) {
    if (lower === '/url') return param(params, 'q') ?? param(params, 'url');
    if (lower.startsWith('/amp/s/')) return `https://${rawPath.slice('/amp/s/'.length)}${rawSearch}`;
  }
  if (host === 'youtube.com') {
    if (lower === '/redirect') return param(params, 'q');
    if (lower === '/attribution_link') {
      const target = param(params, 'u');
      return target !== null && target.startsWith('/') ? `https://youtube.com${target}` : null;
    }
  }
  return null;
}
