/**
 * Spoken languages as BCP 47 tags. Chinese and Arabic are split by variety because an interpreter
 * for one is not an interpreter for another (Cantonese vs Mandarin, Gulf vs Levantine Arabic).
 */
export const SPOKEN_LANGUAGES = {
  en: 'English',
  'zh-cmn': 'Mandarin Chinese',
  'zh-yue': 'Cantonese',
  'zh-wuu': 'Shanghainese (Wu)',
  ru: 'Russian',
  ja: 'Japanese',
  ko: 'Korean',
  ar: 'Modern Standard Arabic',
  'ar-afb': 'Gulf Arabic',
  'ar-apc': 'Levantine Arabic',
  'ar-arz': 'Egyptian Arabic',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  kk: 'Kazakh',
  uz: 'Uzbek',
} as const;

export type SpokenLanguage = keyof typeof SPOKEN_LANGUAGES;
export const SPOKEN_LANGUAGE_CODES = Object.keys(SPOKEN_LANGUAGES) as SpokenLanguage[];

export function isSpokenLanguage(value: string): value is SpokenLanguage {
  return Object.prototype.hasOwnProperty.call(SPOKEN_LANGUAGES, value);
}

/** Languages shared by two speakers; an empty result means an interpreter is needed. */
export function sharedLanguages(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((language) => b.includes(language));
}
