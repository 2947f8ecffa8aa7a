/** Every platform parser, in one list; the rest of src/main/urls reaches platforms only through here. */

import { facebook } from './facebook.ts';
import { instagram } from './instagram.ts';
import type { PlatformParser, UrlParts } from './parser.ts';
import { snapchat } from './snapchat.ts';
import { telegram } from './telegram.ts';
import { tiktok } from './tiktok.ts';
import { whatsapp } from './whatsapp.ts';
import { x } from './x.ts';
import { youtube } from './youtube.ts';

export type { Identity, PlatformParser, UrlParts } from './parser.ts';
export { NONE } from './parser.ts';

export const PLATFORM_PARSERS: readonly PlatformParser[] = [facebook, instagram, tiktok, youtube, x, telegram, whatsapp, snapchat];

const BY_HOST: ReadonlyMap<string, PlatformParser> = new Map(PLATFORM_PARSERS.flatMap((parser) => parser.hosts.map((host) => [host, parser] as const)));

/** The parser that owns a folded host, if any. */
export function parserForHost(host: string): PlatformParser | undefined {
  return BY_HOST.get(host);
}

/** Every parser's rewrite, in list order. */
export function rewriteForPlatforms(url: UrlParts): UrlParts {
  let out = url;
  for (const parser of PLATFORM_PARSERS) if (parser.rewrite) out = parser.rewrite(out);
  return out;
}
