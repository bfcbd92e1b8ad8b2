import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The guest's link, always visible in a read-only field, with a copy button (clipboard when allowed). */
export function InviteLink({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<'copied' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setResult('copied');
    } catch {
      // no clipboard permission (or an insecure page): leave the link selected for Ctrl+C
      input.current?.focus();
      input.current?.select();
      setResult('select');
    }
  }

  return (
    <div className="invite-link">
      <label className="stacked-field">
        {t('guests.inviteLink', { name })}
        <input
          ref={input}
          readOnly
          value={url}
          dir="ltr"
          data-testid="invite-url"
          onFocus={(e) => e.target.select()}
        />
      </label>
      <div className="actions">
        <button type="button" data-testid="copy-link" onClick={() => void copy()}>
          {t('guests.copy')}
        </button>
        {result && (
          <span role="status" className="muted">
            {result === 'copied' ? t('guests.copied') : t('guests.copyFallback')}
          </span>
        )}
      </div>
    </div>
  );
}
