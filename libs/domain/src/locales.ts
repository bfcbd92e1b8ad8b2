/** Languages the product speaks to its users (UI, e-mail, SMS, calendar invites). */
export const LOCALES = ['en', 'zh-CN', 'ru', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const RTL_LOCALES: readonly Locale[] = ['ar'];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
