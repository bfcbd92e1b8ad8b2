import 'i18next';
import type { en } from './locales/en';

// Every t('…') key is checked against the English resources at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
