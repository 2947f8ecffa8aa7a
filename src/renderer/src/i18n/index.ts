/**
 * The interface's two languages: dictionaries, `t(key, params)` with {param}
 * interpolation and plural forms (translate.ts), and the React context that
 * carries the current language.
 */
import { createContext, useContext } from 'react';
import type { UiLocale } from '../../../shared/schemas.ts';
import { ar } from './ar.ts';
import { fr, type MessageKey, type Translate } from './fr.ts';
import { makeTranslate as makeTranslateOf, type Dictionary } from './translate.ts';

export { isMessageKey, type MessageKey, type Translate } from './fr.ts';
export { splitMessage, type MessageParams } from './translate.ts';

const dictionaries: Record<UiLocale, Dictionary<MessageKey>> = { fr, ar };

/** Builds the `t` of one language. Numbers in params are formatted with that language's locale. */
export function makeTranslate(locale: UiLocale): Translate {
  return makeTranslateOf(locale, dictionaries[locale]);
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
