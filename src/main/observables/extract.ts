/**
 * extractObservables: every observable in a report's CONTENT.
 *
 * The input is content only: the reported URLs, the description, the
 * reported account handle and the platform. The reporter's own name, e-mail
 * address and phone number are never passed here, so they can never become
 * observables: callers must not concatenate reporter fields into the
 * description (the type has no place for them on purpose).
 *
 * Bounded work: the description is truncated to MAX_EXTRACT_TEXT units and at
 * most MAX_URLS URLs are read; every pattern used by the finders is linear
 * (see each file). Nothing is fetched or resolved.
 *
 * Order of the passes over the description, each masking what it found so
 * that later passes do not read it again:
 *   1. cryptocurrency addresses (read first: an explorer URL holds one);
 *   2. URLs with a scheme (digits and "@" inside them are not phones/mentions);
 *   3. e-mail addresses, obfuscated or not;
 *   4. "www." and bare host names;
 *   5. Moroccan RIBs and IBANs;
 *   6. IP addresses;
 *   7. phone numbers;
 *   8. "@name" mentions.
 *
 * Result: deduplicated by (type, value), the first occurrence kept (URL list
 * first, then the account handle field, then the description), in the order
 * of OBSERVABLE_TYPES and, within a type, of first occurrence.
 */

import { findCryptoAddresses, normaliseCryptoAddress } from './crypto.ts';
import { findEmails } from './emails.ts';
import { findMentions, handleFromField, normalisePlatform } from './handles.ts';
import { findIps } from './ips.ts';
import { findPhones, normalisePhone } from './phones.ts';
import { findBankAccounts } from './rib.ts';
import { mask, prepareText } from './text.ts';
import { MAX_URLS, OBSERVABLE_TYPES, type Found, type Observable } from './types.ts';
import { findUrls, observablesFromUrl } from './urls.ts';

export interface ExtractInput {
  /** The reported URLs, as the citizen typed them. */
  urls: readonly string[];
  /** The report's description (free text). */
  description: string;
  /** The reported account, as typed ("@name", "name" or a profile URL). */
  accountHandle?: string | null;
  /** The report's platform ("facebook", "instagram"...): the context of "@name" mentions and of accountHandle. */
  platform?: string | null;
}

function withSource(observable: Observable, source: 'url' | 'description' | 'account_handle'): Observable {
  if (observable.detail?.source !== undefined) return observable;
  return { ...observable, detail: { ...observable.detail, source } };
}

/** Observables found in free text (already prepared by prepareText). */
function fromText(prepared: string, platform: string | null | undefined, source: 'url' | 'description'): Observable[] {
  const all: Found[] = [];
  let text = prepared;
  const pass = (found: Found[]): void => {
    all.push(...found);
    text = mask(text, found);
  };
  pass(findCryptoAddresses(text));
  pass(findUrls(text, true));
  pass(findEmails(text));
  pass(findUrls(text, false));
  pass(findBankAccounts(text));
  pass(findIps(text));
  pass(findPhones(text));
  pass(findMentions(text, platform));
  return all.sort((a, b) => a.start - b.start).map((f) => withSource(f.observable, source));
}

/** Every observable in a report's content; see the module comment. Never throws on odd input. */
export function extractObservables(input: ExtractInput): Observable[] {
  const collected: Observable[] = [];
  const urls = Array.isArray(input.urls) ? input.urls.slice(0, MAX_URLS) : [];
  for (const raw of urls) {
    if (typeof raw !== 'string') continue;
    const fromUrl = observablesFromUrl(raw);
    if (fromUrl.length > 0) {
      collected.push(...fromUrl.map((o) => withSource(o, 'url')));
      // An explorer link (".../address/0x...") names a wallet: read the URL text for addresses too.
      collected.push(...findCryptoAddresses(prepareText(raw)).map((f) => withSource(f.observable, 'url')));
    } else {
      // Not a URL: what the citizen put in the URL box is read as text.
      collected.push(...fromText(prepareText(raw), input.platform, 'url'));
    }
  }
  const handle = typeof input.accountHandle === 'string' ? input.accountHandle.trim() : '';
  if (handle !== '') {
    const fromHandle = handleFromField(handle, input.platform);
    const platform = normalisePlatform(input.platform);
    if (fromHandle !== null) collected.push(fromHandle);
    else if (platform === 'whatsapp' || platform === 'telegram' || /^\+|^00/.test(handle)) {
      const phone = normalisePhone(prepareText(handle));
      if (phone !== null) collected.push(withSource(phone, 'account_handle'));
    } else {
      const wallet = normaliseCryptoAddress(handle);
      if (wallet !== null) collected.push(withSource(wallet, 'account_handle'));
    }
  }
  if (typeof input.description === 'string' && input.description !== '') collected.push(...fromText(prepareText(input.description), input.platform, 'description'));

  const seen = new Set<string>();
  const unique: Observable[] = [];
  for (const observable of collected) {
    const key = `${observable.type}\u0000${observable.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(observable);
  }
  const rank = new Map<string, number>(OBSERVABLE_TYPES.map((type, i) => [type, i]));
  return unique.map((o, i) => ({ o, i })).sort((a, b) => (rank.get(a.o.type) ?? 0) - (rank.get(b.o.type) ?? 0) || a.i - b.i).map(({ o }) => o);
}
