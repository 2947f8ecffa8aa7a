/**
 * The interface's two languages: dictionaries, `t(key, params)` with {param}
 * interpolation, and the React context that carries the current language.
 */
import { createContext, useContext } from 'react';
import type { UiLocale } from '../../../shared/schemas.ts';
import { ar } from './ar.ts';
import { fr, type MessageKey } from './fr.ts';
import { formatNumber } from '../format.ts';

export type { MessageKey } from './fr.ts';

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const dictionaries: Record<UiLocale, Readonly<Record<MessageKey, string>>> = { fr, ar };

/** Splits a message into literal text and {param} names, alternately (even indexes: text). */
export function splitMessage(message: string): string[] {
  return message.split(/\{(\w+)\}/);
}

/** Builds the `t` of one language. Numbers in params are formatted with that language's locale. */
export function makeTranslate(locale: UiLocale): Translate {
  const dictionary = dictionaries[locale];
  return (key, params) => {
    const message = dictionary[key];
    if (!params) return message;
    return splitMessage(message)
      .map((part, index) => {
        if (index % 2 === 0) return part;
        const value = params[part];
        if (value === undefined) return `{${part}}`;
        return typeof value === 'number' ? formatNumber(value, locale) : value;
      })
      .join('');
  };
}

export function directionOf(locale: UiLocale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

export interface I18n {
  readonly locale: UiLocale;
  readonly dir: 'ltr' | 'rtl';
  readonly t: Translate;
}

export function makeI18n(locale: UiLocale): I18n {
  return { locale, dir: directionOf(locale), t: makeTranslate(locale) };
}

const translations: Record<UiLocale, I18n> = { fr: makeI18n('fr'), ar: makeI18n('ar') };

export function i18nFor(locale: UiLocale): I18n {
  return translations[locale];
}

export const I18nContext = createContext<I18n>(translations.fr);

/** The current language and its `t`. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** Puts the language on the document root: `lang`, `dir`, and the window title. */
export function applyDocumentLocale(locale: UiLocale): void {
  const root = document.documentElement;
  root.lang = locale;
  root.dir = directionOf(locale);
  document.title = translations[locale].t('app.name');
}
