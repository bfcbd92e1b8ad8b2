import type { Locale } from '@yiqiao/domain';
import { ar } from './ar';
import { en, LocaleResource } from './en';
import { ja } from './ja';
import { ru } from './ru';
import { zhCN } from './zh-CN';

/** Templates per locale (TypeScript modules rather than JSON so the swc build ships them). */
export const LOCALE_RESOURCES: Record<Locale, LocaleResource> = { en, 'zh-CN': zhCN, ru, ja, ar };
export type { LocaleResource };
