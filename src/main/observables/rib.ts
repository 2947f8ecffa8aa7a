/**
 * Moroccan bank accounts: the 24-digit RIB (relevé d'identité bancaire)
 * and its IBAN form "MA" + 2 check digits + the RIB.
 *
 * RIB layout: bank code (3) + city code (3) + account number (16) + key (2).
 * The key: key = 97 - ((N × 100) mod 97), N being the first 22 digits read as
 * one number; equivalently the whole 24-digit number is ≡ 0 (mod 97), with a
 * key between 01 and 97. Sources: this is the RIB key rule of the French
 * banking system the Moroccan RIB derives from (fr.wikipedia.org "Clé RIB":
 * the key K makes R ≡ 0 mod 97, 1 ≤ K ≤ 97), applied to the 24-digit
 * Moroccan RIB (24 digits since the SIMT reform, La Vie éco, 2004: "24
 * chiffres indiquant les codes de la banque, de l'agence, de la ville ... et
 * la clé"); checked against the SWIFT IBAN registry's Moroccan example
 * MA64 0115 1900 0001 2050 0053 4921 (RIB 011519000001205000534921, key 21).
 * No Bank Al-Maghrib text stating the rule was found: see the report.
 *
 * A bad key (or a bad IBAN check) means the number is not extracted. The value
 * is always the 24-digit RIB, so the IBAN and RIB forms of an account are one
 * observable.
 *
 * Linear: the RIB pattern is 24 digits each preceded by at most 2 separators
 * (bounded, and separators and digits are disjoint); the IBAN pattern likewise.
 */

import { display, type Found, type Observable } from './types.ts';

/**
 * 24 digits, separated by spaces, dots or dashes in any grouping (3-3-16-2, 4-4-4..., none), and not
 * a window inside a longer run of digit groups (a list of phone numbers would otherwise hold a 24-digit
 * window with a right key once in 97).
 */
const RIB = /(?<![\dA-Za-z])(?<!\d[ .-]{1,2})\d(?:[ .-]{0,2}\d){23}(?![ .-]{0,2}\d)/g;
/** MA + 2 digits + 24 digits, IBAN-style grouping by 4 or none. */
const IBAN = /(?<![A-Za-z0-9])MA[ ]?\d{2}(?:[ .-]?\d){24}(?![ .-]?\d)/gi;

/** The RIB key of the first 22 digits, two digits ("01".."97"). */
export function ribKey(first22: string): string {
  let rest = 0;
  for (const char of first22) rest = (rest * 10 + (char.charCodeAt(0) - 48)) % 97;
  rest = (rest * 100) % 97;
  return String(97 - rest).padStart(2, '0');
}

/** mod 97 of a decimal string, digit by digit (ISO 7064 MOD 97-10 as IBAN uses it). */
function mod97(digits: string): number {
  let rest = 0;
  for (const char of digits) rest = (rest * 10 + (char.charCodeAt(0) - 48)) % 97;
  return rest;
}

/** The IBAN of a valid RIB. */
export function ibanOfRib(rib: string): string {
  // "MA00" moved to the end: M = 22, A = 10.
  const check = 98 - mod97(`${rib}221000`);
  return `MA${String(check).padStart(2, '0')}${rib}`;
}

function ribObservable(rib: string, iban: string): Observable {
  return {
    type: 'bank_account',
    value: rib,
    detail: { bankCode: rib.slice(0, 3), cityCode: rib.slice(3, 6), accountNumber: rib.slice(6, 22), key: rib.slice(22), iban, country: 'MA' },
  };
}

/** A 24-digit RIB with a correct key, or null. */
function validRib(digits: string): Observable | null {
  if (!/^\d{24}$/.test(digits)) return null;
  if (ribKey(digits.slice(0, 22)) !== digits.slice(22)) return null;
  return ribObservable(digits, ibanOfRib(digits));
}

/** An "MA.." IBAN with correct IBAN check digits whose RIB has a correct key, or null. */
function validIban(compact: string): Observable | null {
  const upper = compact.toUpperCase();
  if (!/^MA\d{26}$/.test(upper)) return null;
  const rib = upper.slice(4);
  if (mod97(`${rib}2210${upper.slice(2, 4)}`) !== 1) return null;
  const observable = validRib(rib);
  return observable === null ? null : ribObservable(rib, upper);
}

/** One RIB or Moroccan IBAN typed by an analyst (spaces, dots, dashes allowed); null when invalid. */
export function normaliseBankAccount(raw: string): Observable | null {
  const text = raw.trim();
  if (text.length > 80) return null;
  const compact = text.replace(/[\s.-]/g, '');
  const observable = /^ma/i.test(compact) ? validIban(compact) : validRib(compact);
  if (observable !== null) {
    const shown = display(raw, observable.value);
    if (shown !== undefined) observable.display = shown;
  }
  return observable;
}

/** Valid RIBs and Moroccan IBANs in `text` (digits already folded). */
export function findBankAccounts(text: string): Found[] {
  const found: Found[] = [];
  // A RIB or an IBAN holds 24 digits at least.
  if ((text.match(/\d/g)?.length ?? 0) < 24) return found;
  const taken: Array<[number, number]> = [];
  IBAN.lastIndex = 0;
  for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
    const observable = validIban(m[0].replace(/[\s.-]/g, ''));
    if (observable === null) continue;
    const shown = display(m[0], observable.value);
    if (shown !== undefined) observable.display = shown;
    found.push({ observable, start: m.index, end: m.index + m[0].length });
    taken.push([m.index, m.index + m[0].length]);
  }
  RIB.lastIndex = 0;
  for (let m = RIB.exec(text); m !== null; m = RIB.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) continue;
    const observable = validRib(m[0].replace(/[\s.-]/g, ''));
    if (observable === null) continue;
    const shown = display(m[0], observable.value);
    if (shown !== undefined) observable.display = shown;
    found.push({ observable, start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}
