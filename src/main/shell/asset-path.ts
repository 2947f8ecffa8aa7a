/**
 * Maps an app:// URL to a file under the renderer's build folder, or refuses.
 * Pure, unit-tested in plain Node: the security of the protocol handler rests here.
 */
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin.ts';

/** The absolute path of the file `requestUrl` names under `root`, or null when it must not be served. */
export function resolveAssetPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;

  let path: string;
  try {
    // Decoded after URL parsing, so '%2e%2e%2f' and '%5c' are seen for what they are and checked below.
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';

  const base = normalize(root);
  const target = normalize(join(base, path));
  const rel = relative(base, target);
  // Inside the root means: not the root itself, not above it, not on another drive.
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return target;
}
