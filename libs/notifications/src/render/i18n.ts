import i18next, { TFunction } from 'i18next';
import { DEFAULT_LOCALE, Locale } from '@yiqiao/domain';
import { LOCALE_RESOURCES } from '../locales';

const resources = Object.fromEntries(
  Object.entries(LOCALE_RESOURCES).map(([locale, messages]) => [locale, { translation: messages }]),
);

/** One i18next instance for all messages; a missing key falls back to English. */
const instance = i18next.createInstance();
void instance.init({
  resources,
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  // Plain text here; the HTML renderer escapes every line itself.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export function translator(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}
