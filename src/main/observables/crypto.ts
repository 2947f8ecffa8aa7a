/**
 * Cryptocurrency addresses, extracted only when their checksum is right (a
 * mistyped address is not an observable: it designates nobody).
 *
 *  - Bitcoin legacy: base58check, 21 bytes, version 0x00 (P2PKH, "1...") or
 *    0x05 (P2SH, "3...").
 *  - Bitcoin SegWit (BIP-173 / BIP-350): hrp "bc" (mainnet) or "tb" (testnet);
 *    witness v0 must use bech32 with a 20- or 32-byte program, v1..v16 must use
 *    bech32m with a 2..40-byte program (v1 + 32 bytes = Taproot). All upper or
 *    all lower case; the value is lower case.
 *  - Ethereum (and EVM chains, same format): "0x" + 40 hex; mixed case must
 *    pass the EIP-55 checksum (keccak-256 of the lower-case hex); all-lower or
 *    all-upper carries no checksum and is accepted. The value is the EIP-55
 *    checksummed form (the same whatever the case written).
 *  - Tron: base58check, 21 bytes, version 0x41 ("T...").
 *
 * Linear: each pattern starts at a token boundary (look-behind), has one
 * bounded quantifier and a look-ahead; the decoders run on at most 90 chars.
 */

import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bech32, bech32m, createBase58check } from '@scure/base';
import { display, MAX_CANDIDATES, type Found, type Observable } from './types.ts';

const base58check = createBase58check(sha256);

const BASE58 = /(?<![A-Za-z0-9])[13T][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g;
const BECH32 = /(?<![A-Za-z0-9])(?:bc|tb|BC|TB)1[qpzry9x8gf2tvdw0s3jn54khce6mua7lQPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{6,87}(?![A-Za-z0-9])/g;
const ETHEREUM = /(?<![A-Za-z0-9])0[xX][0-9a-fA-F]{40}(?![A-Za-z0-9])/g;

function base58Address(text: string): Observable | null {
  let bytes: Uint8Array;
  try {
    bytes = base58check.decode(text);
  } catch {
    return null;
  }
  if (bytes.length !== 21) return null;
  const version = bytes[0];
  if (version === 0x00 && text.startsWith('1')) return { type: 'crypto_address', value: text, detail: { chain: 'bitcoin', kind: 'p2pkh' } };
  if (version === 0x05 && text.startsWith('3')) return { type: 'crypto_address', value: text, detail: { chain: 'bitcoin', kind: 'p2sh' } };
  if (version === 0x41 && text.startsWith('T') && text.length === 34) return { type: 'crypto_address', value: text, detail: { chain: 'tron', kind: 'account' } };
  return null;
}

function segwitAddress(text: string): Observable | null {
  if (text.length > 90 || (text !== text.toLowerCase() && text !== text.toUpperCase())) return null;
  const lower = text.toLowerCase();
  let words: number[];
  let variant: 'bech32' | 'bech32m';
  let prefix: string;
  try {
    const decoded = bech32.decode(lower as `${string}1${string}`, 90);
    words = decoded.words;
    prefix = decoded.prefix;
    variant = 'bech32';
  } catch {
    try {
      const decoded = bech32m.decode(lower as `${string}1${string}`, 90);
      words = decoded.words;
      prefix = decoded.prefix;
      variant = 'bech32m';
    } catch {
      return null;
    }
  }
  if (prefix !== 'bc' && prefix !== 'tb') return null;
  const version = words[0];
  if (version === undefined || version > 16) return null;
  if ((version === 0) !== (variant === 'bech32')) return null;
  let program: Uint8Array;
  try {
    program = bech32.fromWords(words.slice(1));
  } catch {
    return null;
  }
  if (program.length < 2 || program.length > 40) return null;
  let kind: string;
  if (version === 0) {
    if (program.length === 20) kind = 'p2wpkh';
    else if (program.length === 32) kind = 'p2wsh';
    else return null;
  } else {
    kind = version === 1 && program.length === 32 ? 'p2tr' : `witness_v${version}`;
  }
  return { type: 'crypto_address', value: lower, detail: { chain: prefix === 'bc' ? 'bitcoin' : 'bitcoin-testnet', kind } };
}

/** The EIP-55 form of 40 hex digits (any case). */
export function eip55(hex40: string): string {
  const lower = hex40.toLowerCase();
  const hash = keccak_256(utf8ToBytes(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const char = lower.charAt(i);
    const byte = hash[i >> 1] as number;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    out += nibble >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

function ethereumAddress(text: string): Observable | null {
  if (!/^0[xX][0-9a-fA-F]{40}$/.test(text)) return null;
  const hex = text.slice(2);
  const checksummed = eip55(hex);
  const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  if (mixed && `0x${hex}` !== checksummed) return null;
  return { type: 'crypto_address', value: checksummed, detail: { chain: 'ethereum', kind: 'account' } };
}

/** One address, validated; null when it is none of the supported kinds or its checksum is wrong. */
export function normaliseCryptoAddress(raw: string): Observable | null {
  const text = raw.trim();
  if (text.length < 14 || text.length > 90) return null;
  let observable: Observable | null = null;
  if (/^0[xX]/.test(text)) observable = ethereumAddress(text);
  else if (/^(?:bc|tb)1/i.test(text)) observable = segwitAddress(text);
  else if (/^[13T][1-9A-HJ-NP-Za-km-z]+$/.test(text)) observable = base58Address(text);
  if (observable !== null) {
    const shown = display(raw, observable.value);
    if (shown !== undefined) observable.display = shown;
  }
  return observable;
}

/** Valid cryptocurrency addresses in `text`. */
/** What every address pattern needs: a run of 26 letters and digits (base58, 0x + 40 hex) or a bech32 prefix. */
const ADDRESS_HINT = /[A-Za-z0-9]{26}|(?:bc|tb)1/i;

export function findCryptoAddresses(text: string): Found[] {
  if (!ADDRESS_HINT.test(text)) return [];
  const found: Found[] = [];
  let left = MAX_CANDIDATES;
  for (const re of [BECH32, ETHEREUM, BASE58]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null && left-- > 0; m = re.exec(text)) {
      const observable = normaliseCryptoAddress(m[0]);
      if (observable !== null) found.push({ observable, start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
