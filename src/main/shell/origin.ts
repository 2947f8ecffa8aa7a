/**
 * Where the workstation's pages live, and which URLs and frames count as ours.
 * Pure: no Electron import, so it is unit-tested in plain Node.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'iblagh';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for any URL served by our own protocol handler. */
export function isAppUrl(url: string): boolean {
  // The trailing slash matters: 'app://iblagh.evil/' or 'app://iblagh:1/' must not pass.
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** True only for the single page of the workstation (a query or hash does not change the document). */
export function isAppEntryUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.pathname === '/index.html' && parsed.username === '' && parsed.password === '' && parsed.port === '';
}

/** The parts of an Electron WebFrameMain the IPC trust check looks at. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the top frame of our own page may talk to the core: never a subframe, never another origin. */
export function isTrustedFrame(frame: FrameLike | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}
