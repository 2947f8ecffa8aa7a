/**
 * Messages and their translation, without React: a message is a string with
 * {param} placeholders, or a plural message, an object keyed by the plural
 * categories of its language (CLDR, as Intl.PluralRules names them), chosen
 * by the `count` parameter.
 *
 * French has one (0 and 1), many (round millions: "1 000 000 de
 * signalements") and other; Arabic has zero, one, two, few (3-10), many
 * (11-99) and other (100, 101…): "لا أيام، يوم واحد، يومان، 3 أيام، 11 يومًا، 100 يوم".
 */
import type { UiLocale } from '../../../shared/schemas.ts';
import { formatNumber } from '../format.ts';

export type PluralCategory = Intl.LDMLPluralRule;

/** A plural message: `other` always, and the categories its language distinguishes. */
export type PluralMessage = Readonly<Partial<Record<PluralCategory, string>> & { readonly other: string }>;
export type Message = string | PluralMessage;

/** The plural forms each interface language must give: every category its rules can select. */
export type FrenchPlural = Readonly<Record<'one' | 'many' | 'other', string>>;
export type ArabicPlural = Readonly<Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>>;

/** The French reference messages of a feature (checked with `satisfies`, so that their keys stay literal). */
export type FrenchMessages = Readonly<Record<string, string | FrenchPlural>>;

/** A feature's Arabic messages: exactly the keys of the French ones, plural where the French is plural. */
export type ArabicMessages<Reference> = { readonly [K in keyof Reference]: Reference[K] extends string ? string : ArabicPlural };

export type MessageParams = Readonly<Record<string, string | number>>;

/** The dictionary of one language. */
export type Dictionary<Key extends string> = Readonly<Record<Key, Message>>;

/** The Intl locale of each interface language (Moroccan conventions). */
export const INTL_LOCALE: Readonly<Record<UiLocale, string>> = { fr: 'fr-MA', ar: 'ar-MA' };

const pluralRules = new Map<UiLocale, Intl.PluralRules>();

export function pluralRulesOf(locale: UiLocale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(INTL_LOCALE[locale]);
    pluralRules.set(locale, rules);
  }
  return rules;
}

export function isPlural(message: Message): message is PluralMessage {
  return typeof message !== 'string';
}

/** The form of a message for `count` in `locale` (`other` without a count, or for a category it lacks). */
export function selectMessage(message: Message, locale: UiLocale, count: number | undefined): string {
  if (!isPlural(message)) return message;
  if (count === undefined || !Number.isFinite(count)) return message.other;
  return message[pluralRulesOf(locale).select(count)] ?? message.other;
}

/** Splits a message into literal text and {param} names, alternately (even indexes: text). */
export function splitMessage(message: string): string[] {
  return message.split(/\{(\w+)\}/);
}

/** Puts the params into a message; numbers are formatted in the language's locale, unknown names stay as written. */
export function interpolate(message: string, locale: UiLocale, params: MessageParams | undefined): string {
  if (!params) return message;
  return splitMessage(message)
    .map((part, index) => {
      if (index % 2 === 0) return part;
      const value = params[part];
      if (value === undefined) return `{${part}}`;
      return typeof value === 'number' ? formatNumber(value, locale) : value;
    })
    .join('');
}

export type Translate<Key extends string> = (key: Key, params?: MessageParams) => string;

/** The `t` of one language: the plural form chosen by `params.count`, then the params put in. */
export function makeTranslate<Key extends string>(locale: UiLocale, dictionary: Dictionary<Key>): Translate<Key> {
  return (key, params) => {
    // Keys built from the core's codes are checked by type, but a code newer than this interface must not break a screen.
    const entry = dictionary[key] as Message | undefined;
    if (entry === undefined) return key;
    const count = params?.['count'];
    const message = selectMessage(entry, locale, typeof count === 'number' ? count : undefined);
    return interpolate(message, locale, params);
  };
}
