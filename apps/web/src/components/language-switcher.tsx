import { useTranslation } from 'react-i18next';
import { applyLanguage, currentLocale, LANGUAGE_NAMES, LOCALES, type Locale } from '../i18n';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('common.language')}</span>
      <select
        value={currentLocale()}
        onChange={(event) => void applyLanguage(event.target.value as Locale, true)}
        data-testid="language-switcher"
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
