import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../../shared/api';
import { TRANSLATIONS } from './resources';

export const RESOURCES = { fr: { translation: TRANSLATIONS.fr }, en: { translation: TRANSLATIONS.en } } as const;

/**
 * The locale dates are written in: day first in both languages (a French product read by people
 * who type JJ/MM/AAAA), so English screens use British order, never the US month-first one.
 */
export const dateLocale = (language: string): string => (language.startsWith('fr') ? 'fr-FR' : 'en-GB');

/** French first: it is the default and the fallback; English must be complete (a test checks both key sets). */
export async function createI18n(language: Language = DEFAULT_LANGUAGE): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
