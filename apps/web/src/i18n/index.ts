import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, isLocale, LOCALES, RTL_LOCALES, type Locale } from '@yiqiao/domain/locales';
import { ar } from './locales/ar';
import { en } from './locales/en';
import { ja } from './locales/ja';
import { ru } from './locales/ru';
import { zhCN } from './locales/zh-CN';

export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  ru: 'Русский',
  ja: '日本語',
  ar: 'العربية',
};
export { LOCALES };
export type { Locale };

const STORAGE_KEY = 'yiqiao.language';

function initialLanguage(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && isLocale(stored)) return stored;
  for (const candidate of navigator.languages ?? []) {
    if (isLocale(candidate)) return candidate;
    const base = candidate.split('-')[0];
    if (base === 'zh') return 'zh-CN';
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

function reflectOnDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18n.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      'zh-CN': { translation: zhCN },
      ru: { translation: ru },
      ja: { translation: ja },
      ar: { translation: ar },
    },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  reflectOnDocument(lng);
}

/** Switches the UI language; `remember` keeps a manual choice for this browser. */
export async function applyLanguage(locale: Locale, remember: boolean): Promise<void> {
  if (remember) localStorage.setItem(STORAGE_KEY, locale);
  else localStorage.removeItem(STORAGE_KEY);
  await i18n.changeLanguage(locale);
  reflectOnDocument(locale);
}

export function currentLocale(): Locale {
  const language = i18n.language;
  return isLocale(language) ? language : DEFAULT_LOCALE;
}
