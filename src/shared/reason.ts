/**
 * The one rule for every reason the audit journal keeps (revealing a
 * reporter, removing a report from a case, closing or reopening a case, a
 * reporter's identity in a dossier, closing a report): a few real words, not
 * "....." nor "aaaaaaaaaa". Pure, shared by the core (the channels' schemas)
 * and the renderer (the forms say the same before sending).
 *
 * What counts: words made of Unicode letters (French, Arabic, any script;
 * combining marks such as Arabic harakat belong to their word but are not
 * letters, the tatweel is not a letter), lowercased, each run of one repeated
 * letter counted once ("aaaa" is one letter), each distinct word once, and
 * only words of two letters or more. Punctuation, digits, spaces and symbols
 * never count. A reason passes with at least 3 such words, or 10 such letters.
 */
import { z } from 'zod';

export const REASON_MIN_WORDS = 3;
export const REASON_MIN_LETTERS = 10;
/** The longest reason the journal keeps. */
export const REASON_MAX_LENGTH = 500;

const WORD = /\p{L}[\p{L}\p{M}]*/gu;
const MARKS = /\p{M}/gu;
const TATWEEL = /\u0640/gu;

/** The distinct words and their letters that count towards the rule. */
export function reasonSubstance(text: string): { words: number; letters: number } {
  const distinct = new Set<string>();
  for (const match of text.replace(TATWEEL, '').matchAll(WORD)) {
    const letters = [...match[0].replace(MARKS, '').toLocaleLowerCase('und')];
    const collapsed = letters.filter((letter, i) => i === 0 || letter !== letters[i - 1]);
    if (collapsed.length >= 2) distinct.add(collapsed.join(''));
  }
  let letters = 0;
  for (const word of distinct) letters += [...word].length;
  return { words: distinct.size, letters };
}

/** Whether a reason says something: at least 3 words or 10 letters that count (see above). */
export function isSubstantialReason(text: string): boolean {
  const { words, letters } = reasonSubstance(text);
  return words >= REASON_MIN_WORDS || letters >= REASON_MIN_LETTERS;
}

/** The message of a refused reason (the renderer shows its own, translated: `validation.reason`). */
export const REASON_MESSAGE = `give the reason in a few words: at least ${REASON_MIN_WORDS} words or ${REASON_MIN_LETTERS} letters (punctuation and repeated letters do not count)`;

/** A reason of at most `max` characters that passes the rule (trimmed). */
export function reasonSchema(max: number) {
  return z.string().trim().min(1).max(max).refine(isSubstantialReason, REASON_MESSAGE);
}

/** A reason the audit journal keeps. */
export const Reason = reasonSchema(REASON_MAX_LENGTH);
